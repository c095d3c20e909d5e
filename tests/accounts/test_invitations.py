"""Invitations through HTTP: the office invites, the e-mailed one-time link creates the account."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.exceptions import RoleError, UserExistsError
from accounts.models import Invitation, Role, User
from accounts.selectors import invitation_token_hash
from accounts.services import invitation_create
from tests.accounts.conftest import PASSWORD, client_for, create_user

pytestmark = pytest.mark.django_db

INVITE_URL = "/konto/bjud-in/"
NEW_PASSWORD = "solros-kanel-fjärd-7"


def link_from(message) -> str:
    """The path of the one-time link in an invitation e-mail."""
    match = re.search(r"https?://[^/\s]+(/(?:en/)?konto/inbjudan/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def invite(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(INVITE_URL, data)


def accept_data(**overrides) -> dict[str, str]:
    return {
        "first_name": "Ada",
        "last_name": "Lind",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


def test_invitation_happy_path(people, django_capture_on_commit_callbacks):
    office = client_for(people.analyst)
    response = invite(
        office,
        django_capture_on_commit_callbacks,
        email="Ada.Lind@Servicecenter.se",
        role=Role.RESPONDENT,
        agencies=[people.agency_a.pk, people.agency_b.pk],
    )
    assert response.status_code == 302
    assert (
        "Inbjudan är skickad till ada.lind@servicecenter.se"
        in office.get(INVITE_URL).content.decode()
    )

    [message] = mail.outbox
    assert message.to == ["ada.lind@servicecenter.se"]
    assert "som uppgiftslämnare." in message.body
    assert "Alfaverket, Betaverket" in message.body
    path = link_from(message)
    token = path.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    # only the hash is stored, never the token
    assert invitation.token_hash == invitation_token_hash(token)
    assert token not in invitation.token_hash
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    assert invitation.created_by == people.analyst

    invitee = Client()
    page = invitee.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "ada.lind@servicecenter.se" in html
    assert "Så behandlar vi personuppgifter" in html
    assert 'autocomplete="new-password"' in html

    done = invitee.post(path, accept_data())
    assert done.status_code == 302
    assert done["Location"] == "/konto/"
    home = invitee.get("/konto/").content.decode()
    assert "Välkommen! Ditt konto är klart" in home
    assert "Alfaverket" in home
    assert "Betaverket" in home

    user = User.objects.get(email="ada.lind@servicecenter.se")
    assert (user.role, user.first_name, user.last_name) == (Role.RESPONDENT, "Ada", "Lind")
    assert not user.is_staff
    assert user.check_password(NEW_PASSWORD)
    assert set(user.assignments.values_list("agency__name", "created_by")) == {
        ("Alfaverket", people.analyst.pk),
        ("Betaverket", people.analyst.pk),
    }
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.user == user

    # the link is used up: a second visit says so, and the password is not changed
    again = Client().get(path)
    assert again.status_code == 410
    assert "Inbjudan har redan använts" in again.content.decode()
    second = Client().post(
        path, accept_data(password1="annat-lösen-99", password2="annat-lösen-99")
    )
    assert second.status_code == 410
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # and the new user can log in with the password they chose
    fresh = Client()
    login = fresh.post(
        "/konto/logga-in/", {"username": "ADA.LIND@servicecenter.se", "password": NEW_PASSWORD}
    )
    assert login.status_code == 302


def test_an_expired_invitation_says_so(people, django_capture_on_commit_callbacks):
    eight_days_ago = timezone.now() - timedelta(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            email="sen@myndighet.se",
            role=Role.ANALYST,
            agencies=[],
            created_by=people.administrator,
            site_url="http://testserver",
            now=eight_days_ago,
        )
    path = link_from(mail.outbox[0])

    response = Client().get(path)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Inbjudan har gått ut" in html
    assert "<h1>Länken till inbjudan fungerar inte</h1>" in html
    post = Client().post(path, accept_data())
    assert post.status_code == 410
    assert not User.objects.filter(email="sen@myndighet.se").exists()


def test_an_unknown_link_says_so(db):
    response = Client().get("/konto/inbjudan/finns-inte/")
    assert response.status_code == 404
    assert "Länken till inbjudan är inte giltig" in response.content.decode()


def test_the_english_invalid_link_page_is_english(db):
    html = Client().get("/en/konto/inbjudan/finns-inte/").content.decode()
    assert "The invitation link is not valid" in html


def test_accepting_needs_names_and_a_password_the_rules_accept(
    people, django_capture_on_commit_callbacks
):
    invite(
        client_for(people.analyst),
        django_capture_on_commit_callbacks,
        email="ny@myndighet.se",
        role=Role.ANALYST,
    )
    path = link_from(mail.outbox[0])
    client = Client()

    empty = client.post(path, {})
    html = empty.content.decode()
    assert empty.status_code == 200
    assert "Det finns ett problem" in html
    assert '<a href="#id_first_name">Skriv ditt förnamn.</a>' in html
    assert '<a href="#id_password1">Välj ett lösenord.</a>' in html
    assert 'aria-describedby="id_first_name_error"' in html
    assert 'aria-invalid="true"' in html

    weak = client.post(path, accept_data(password1="12345678", password2="12345678"))
    assert weak.status_code == 200
    assert '<a href="#id_password1">' in weak.content.decode()

    mismatch = client.post(path, accept_data(password2="något-annat-lösen"))
    assert "Lösenorden är inte likadana" in mismatch.content.decode()
    assert not User.objects.filter(email="ny@myndighet.se").exists()


def test_a_new_invitation_replaces_the_pending_one(people, django_capture_on_commit_callbacks):
    office = client_for(people.administrator)
    for _ in range(2):
        invite(
            office, django_capture_on_commit_callbacks, email="ny@myndighet.se", role=Role.ANALYST
        )
    first, second = (link_from(message) for message in mail.outbox)
    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200


@pytest.mark.parametrize("who", ["respondent_a", "service_centre"])
def test_respondents_may_not_invite(people, who):
    client = client_for(getattr(people, who))
    assert client.get(INVITE_URL).status_code == 403
    refused = client.post(INVITE_URL, {"email": "x@y.se", "role": Role.ADMINISTRATOR})
    assert refused.status_code == 403
    assert "Du har inte behörighet" in refused.content.decode()
    assert not Invitation.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(db):
    response = Client().get(INVITE_URL)
    assert response.status_code == 302
    assert response["Location"] == "/konto/logga-in/?next=/konto/bjud-in/"
    assert Client().post(INVITE_URL, {"email": "x@y.se"}).status_code == 302
    assert not Invitation.objects.exists()


def test_analysts_cannot_invite_administrators(people, django_capture_on_commit_callbacks):
    office = client_for(people.analyst)
    html = office.get(INVITE_URL).content.decode()
    assert 'value="administrator"' not in html
    response = invite(
        office, django_capture_on_commit_callbacks, email="x@y.se", role=Role.ADMINISTRATOR
    )
    assert response.status_code == 200
    assert "Det finns ett problem" in response.content.decode()
    assert not Invitation.objects.exists()
    with pytest.raises(RoleError):
        invitation_create(
            email="x@y.se",
            role=Role.ADMINISTRATOR,
            agencies=[],
            created_by=people.analyst,
            site_url="http://testserver",
        )


def test_administrators_can_invite_every_role(people):
    html = client_for(people.administrator).get(INVITE_URL).content.decode()
    for role in Role.values:
        assert f'value="{role}"' in html


def test_the_form_explains_what_is_missing(people, django_capture_on_commit_callbacks):
    office = client_for(people.administrator)
    no_agency = invite(
        office, django_capture_on_commit_callbacks, email="x@y.se", role=Role.RESPONDENT
    )
    html = no_agency.content.decode()
    assert '<a href="#id_agencies_0">Välj minst en myndighet' in html

    office_with_agency = invite(
        office,
        django_capture_on_commit_callbacks,
        email="x@y.se",
        role=Role.ANALYST,
        agencies=[people.agency_a.pk],
    )
    assert "Bara uppgiftslämnare knyts till myndigheter" in office_with_agency.content.decode()

    bad_email = invite(
        office, django_capture_on_commit_callbacks, email="inte-en-adress", role=Role.ANALYST
    )
    assert '<a href="#id_email">Skriv en e-postadress' in bad_email.content.decode()

    existing = invite(
        office,
        django_capture_on_commit_callbacks,
        email=people.respondent_a.email.upper(),
        role=Role.ANALYST,
    )
    assert "Det finns redan ett konto med e-postadressen" in existing.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_page_lists_pending_invitations(people):
    invitation_create(
        email="vantar@myndighet.se",
        role=Role.ANALYST,
        agencies=[],
        created_by=people.administrator,
        site_url="http://testserver",
    )
    html = client_for(people.analyst).get(INVITE_URL).content.decode()
    assert "vantar@myndighet.se" in html


def test_an_account_made_meanwhile_blocks_the_acceptance(
    people, django_capture_on_commit_callbacks
):
    invite(
        client_for(people.analyst),
        django_capture_on_commit_callbacks,
        email="dubbel@myndighet.se",
        role=Role.ANALYST,
    )
    path = link_from(mail.outbox[0])
    create_user("dubbel@myndighet.se", password=PASSWORD)
    response = Client().post(path, accept_data())
    assert response.status_code == 200
    assert "Det finns redan ett konto" in response.content.decode()


def test_the_service_refuses_existing_accounts(people):
    with pytest.raises(UserExistsError):
        invitation_create(
            email=people.analyst.email,
            role=Role.ANALYST,
            agencies=[],
            created_by=people.administrator,
            site_url="http://testserver",
        )
