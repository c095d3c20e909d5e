"""Login, the throttle on failed logins, logout by POST, and the admin for the office only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from accounts.exceptions import LoginFailedError, LoginThrottledError
from accounts.models import LoginAttempt, Role, User
from accounts.selectors import login_blocked_until
from accounts.services import (
    client_ip,
    invitation_create,
    login_attempt_record,
    login_authenticate,
)
from tests.accounts.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/logga-in/"
WRONG = "fel-lösenord"
BLOCKED = "För många misslyckade inloggningsförsök"


def post_login(client: Client, email: str, password: str):
    return client.post(LOGIN_URL, {"username": email, "password": password})


def logged_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def test_login_with_email_in_any_case_goes_to_mina_sidor(people):
    client = Client()
    response = post_login(client, "SVAR@Alfaverket.se", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    assert logged_in(client)
    html = client.get("/konto/").content.decode()
    assert "Uppgiftslämnare" in html
    assert "Alfaverket" in html
    assert "Betaverket" not in html
    attempt = LoginAttempt.objects.get()
    assert (attempt.email, attempt.ip, attempt.succeeded) == (
        "svar@alfaverket.se",
        "127.0.0.1",
        True,
    )


def test_login_follows_a_safe_next_and_ignores_another_site(people):
    client = Client()
    response = client.post(
        f"{LOGIN_URL}?next=/konto/bjud-in/",
        {"username": people.analyst.email, "password": PASSWORD},
    )
    assert response["Location"] == "/konto/bjud-in/"
    other = Client().post(
        f"{LOGIN_URL}?next=https://evil.example/",
        {"username": people.analyst.email, "password": PASSWORD},
    )
    assert other["Location"] == "/konto/"


def test_wrong_password_shows_the_error_summary(people):
    client = Client()
    response = post_login(client, people.analyst.email, WRONG)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fel: Logga in" in html
    assert "Det finns ett problem" in html
    assert '<a href="#id_username">Fel e-postadress eller lösenord.</a>' in html
    assert not logged_in(client)
    assert LoginAttempt.objects.get().succeeded is False


def test_unknown_address_gets_the_same_answer_as_a_wrong_password(db):
    html = post_login(Client(), "ingen@alls.se", WRONG).content.decode()
    assert "Fel e-postadress eller lösenord." in html


def test_empty_fields_are_named_in_the_summary(db):
    html = Client().post(LOGIN_URL, {}).content.decode()
    assert '<a href="#id_username">Skriv din e-postadress.</a>' in html
    assert '<a href="#id_password">Skriv ditt lösenord.</a>' in html
    assert 'aria-describedby="id_username_error"' in html
    assert LoginAttempt.objects.count() == 0


def test_the_login_form_helps_password_managers_and_has_no_autofocus(db):
    html = Client().get(LOGIN_URL).content.decode()
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert 'type="email"' in html
    assert "autofocus" not in html


def test_an_inactive_account_cannot_log_in(people):
    people.respondent_a.is_active = False
    people.respondent_a.save(update_fields=["is_active"])
    client = Client()
    assert (
        "Fel e-postadress eller lösenord."
        in post_login(client, people.respondent_a.email, PASSWORD).content.decode()
    )
    assert not logged_in(client)


def test_five_failures_block_even_the_right_password_until_the_window_passes(people, clock):
    email = people.respondent_a.email
    for _ in range(5):
        html = post_login(Client(), email, WRONG).content.decode()
        assert "Fel e-postadress eller lösenord." in html
        clock.advance(seconds=30)

    client = Client()
    blocked = post_login(client, email, PASSWORD)
    html = blocked.content.decode()
    assert blocked.status_code == 200
    assert BLOCKED in html
    assert "15 minuter" in html  # the fifth failure was 30 s ago: 14.5 minutes left
    assert not logged_in(client)
    # the refused attempt is not counted: the block does not grow while one waits
    assert LoginAttempt.objects.count() == 5

    clock.advance(minutes=14)
    assert BLOCKED in post_login(client, email, PASSWORD).content.decode()
    assert not logged_in(client)

    clock.advance(minutes=1)
    assert post_login(client, email, PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_block_is_per_address(people):
    now = timezone.now()
    for minute in range(5):
        login_attempt_record(
            email=people.respondent_a.email,
            ip="10.0.0.1",
            succeeded=False,
            now=now - timedelta(minutes=minute),
        )
    client = Client()
    assert post_login(client, people.analyst.email, PASSWORD).status_code == 302


def test_four_failures_do_not_block(people):
    now = timezone.now()
    for minute in range(4):
        login_attempt_record(
            email="x@y.se", ip="10.0.0.1", succeeded=False, now=now - timedelta(minutes=minute)
        )
    assert login_blocked_until(email="x@y.se", ip="10.0.0.1", now=now) is None


def test_failures_spread_over_more_than_the_window_do_not_block(db):
    now = timezone.now()
    for minute in (0, 4, 8, 12, 16):  # five failures, but never five within 15 minutes
        login_attempt_record(
            email="x@y.se", ip=None, succeeded=False, now=now - timedelta(minutes=minute)
        )
    assert login_blocked_until(email="x@y.se", ip=None, now=now) is None


def test_a_successful_login_clears_the_failures_of_that_address(people):
    now = timezone.now()
    email = people.analyst.email
    for second in range(4):
        login_attempt_record(
            email=email,
            ip="10.0.0.1",
            succeeded=False,
            now=now - timedelta(minutes=5, seconds=second),
        )
    login_attempt_record(email=email, ip="10.0.0.1", succeeded=True, now=now - timedelta(minutes=4))
    login_attempt_record(
        email=email, ip="10.0.0.1", succeeded=False, now=now - timedelta(minutes=3)
    )
    assert login_blocked_until(email=email, ip="10.0.0.1", now=now) is None


def test_twenty_failures_from_one_ip_block_every_address_from_it(people):
    now = timezone.now()
    for index in range(20):
        login_attempt_record(
            email=f"gissning{index}@y.se",
            ip="10.0.0.9",
            succeeded=False,
            now=now - timedelta(seconds=index),
        )
    with pytest.raises(LoginThrottledError) as refused:
        login_authenticate(email=people.analyst.email, password=PASSWORD, ip="10.0.0.9", now=now)
    assert refused.value.until == now - timedelta(seconds=0) + timedelta(minutes=15)
    # another IP address may still log in as the analyst
    user = login_authenticate(
        email=people.analyst.email, password=PASSWORD, ip="10.0.0.10", now=now
    )
    assert user == people.analyst
    # and after 15 minutes the first one may too
    later = now + timedelta(minutes=15, seconds=1)
    assert (
        login_authenticate(email=people.analyst.email, password=PASSWORD, ip="10.0.0.9", now=later)
        == people.analyst
    )


def test_nineteen_failures_from_one_ip_do_not_block(db):
    now = timezone.now()
    for index in range(19):
        login_attempt_record(
            email=f"g{index}@y.se",
            ip="10.0.0.9",
            succeeded=False,
            now=now - timedelta(seconds=index),
        )
    assert login_blocked_until(email="ny@y.se", ip="10.0.0.9", now=now) is None


def test_the_service_raises_named_errors(people):
    with pytest.raises(LoginFailedError):
        login_authenticate(email=people.analyst.email, password=WRONG, ip=None)


def test_old_attempts_are_deleted(db, settings):
    settings.LOGIN_ATTEMPTS_KEEP_DAYS = 30
    now = timezone.now()
    login_attempt_record(
        email="gammal@y.se", ip=None, succeeded=False, now=now - timedelta(days=31)
    )
    login_attempt_record(email="ny@y.se", ip=None, succeeded=False, now=now)
    assert list(LoginAttempt.objects.values_list("email", flat=True)) == ["ny@y.se"]


def test_the_throttle_needs_its_rows_even_with_zero_retention(db, settings):
    settings.LOGIN_ATTEMPTS_KEEP_DAYS = 0
    now = timezone.now()
    for minute in range(5):
        login_attempt_record(
            email="x@y.se", ip=None, succeeded=False, now=now - timedelta(minutes=minute)
        )
    assert LoginAttempt.objects.count() == 5
    assert login_blocked_until(email="x@y.se", ip=None, now=now) is not None


def test_client_ip_behind_a_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    assert client_ip(request) == "10.0.0.1"
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    # the last entry is the one our proxy added; the client chose the others
    assert client_ip(request) == "192.0.2.7"
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR="inte-en-ip")) is None


# Logout --------------------------------------------------------------------------------


def test_logout_needs_post(people):
    client = client_for(people.respondent_a)
    assert client.get("/konto/logga-ut/").status_code == 405
    assert logged_in(client)
    response = client.post("/konto/logga-ut/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not logged_in(client)


def test_logout_is_protected_against_cross_site_posts(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.respondent_a)
    assert client.post("/konto/logga-ut/").status_code == 403
    assert logged_in(client)


def test_mina_sidor_needs_login(db):
    response = Client().get("/konto/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/logga-in/?next=/konto/"


def test_a_logged_in_visitor_to_the_login_page_goes_to_mina_sidor(people):
    response = client_for(people.analyst).get(LOGIN_URL)
    assert response.status_code == 302
    assert response["Location"] == "/konto/"


def test_mina_sidor_shows_the_office_its_tools(people):
    html = client_for(people.analyst).get("/konto/").content.decode()
    assert "Analytiker" in html
    assert "ser alla myndigheter" in html
    assert 'href="/konto/bjud-in/"' in html
    assert 'href="/admin/"' in html
    respondent = client_for(people.service_centre).get("/konto/").content.decode()
    assert 'href="/konto/bjud-in/"' not in respondent
    assert 'href="/admin/"' not in respondent


# The Django admin ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["respondent_a", "service_centre"])
def test_respondents_cannot_use_the_admin(people, who):
    user = getattr(people, who)
    client = client_for(user)
    for url in ("/admin/", "/admin/surveys/response/", "/admin/accounts/user/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
    login = Client().post(
        "/admin/login/?next=/admin/", {"username": user.email, "password": PASSWORD}
    )
    assert login.status_code == 200  # the form again, with an error
    assert SESSION_KEY not in login.wsgi_request.session


def test_analysts_use_the_admin_for_rounds_but_not_for_users(people):
    client = client_for(people.analyst)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/surveys/round/").status_code == 200
    assert client.get("/admin/register/agency/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 403


def test_administrators_manage_users_in_the_admin(people):
    client = client_for(people.administrator)
    assert client.get("/admin/accounts/user/").status_code == 200
    page = client.get(f"/admin/accounts/user/{people.analyst.pk}/change/")
    assert page.status_code == 200
    assert 'name="is_staff"' not in page.content.decode()  # shown, not edited


def test_the_admin_changes_a_role_through_the_service(people):
    client = client_for(people.administrator)
    analyst = people.analyst
    response = client.post(
        f"/admin/accounts/user/{analyst.pk}/change/",
        {
            "email": analyst.email,
            "first_name": "Ny",
            "last_name": "Roll",
            "role": Role.RESPONDENT,
            "agency_choices": [people.agency_b.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    analyst.refresh_from_db()
    assert (analyst.role, analyst.is_staff, analyst.is_superuser) == (Role.RESPONDENT, False, False)
    assert analyst.first_name == "Ny"
    assert list(analyst.agencies.all()) == [people.agency_b]


def test_the_admin_adds_users_through_the_service(people):
    client = client_for(people.administrator)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "Ny.Analytiker@Uppfoljning.se",
            "role": Role.ANALYST,
            "usable_password": "true",
            "password1": "solros-kanel-fjärd-7",
            "password2": "solros-kanel-fjärd-7",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="ny.analytiker@uppfoljning.se")
    assert (user.role, user.is_staff, user.is_superuser) == (Role.ANALYST, True, False)


def test_the_admin_login_is_throttled_too(people):
    now = timezone.now()
    for minute in range(5):
        login_attempt_record(
            email=people.administrator.email,
            ip="127.0.0.1",
            succeeded=False,
            now=now - timedelta(minutes=minute),
        )
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": people.administrator.email, "password": PASSWORD},
    )
    assert BLOCKED in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_admin_shows_invitations_and_login_attempts_read_only(people):
    invitation = invitation_create(
        email="ny@myndighet.se",
        role=Role.ANALYST,
        agencies=[],
        created_by=people.administrator,
        site_url="http://testserver",
    )
    login_attempt_record(email="x@y.se", ip="10.0.0.1", succeeded=False, now=timezone.now())
    client = client_for(people.administrator)
    assert client.get("/admin/accounts/invitation/").status_code == 200
    page = client.get(f"/admin/accounts/invitation/{invitation.pk}/change/")
    assert page.status_code == 200
    assert invitation.token_hash not in page.content.decode()
    assert client.get("/admin/accounts/invitation/add/").status_code == 403
    assert client.get("/admin/accounts/loginattempt/").status_code == 200
    # analysts see neither
    assert client_for(people.analyst).get("/admin/accounts/loginattempt/").status_code == 403
