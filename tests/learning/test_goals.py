"""Goals through the services and HTTP, on the fixture world (published rounds 2023 and
2024). ``storverket_user`` reports for Storverket, ``mellan_user`` for Mellanverket."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from accounts.models import Role
from accounts.services import user_create
from learning.models import Goal
from learning.services import goal_delete, goal_set
from tests.pagecheck import check_page

pytestmark = pytest.mark.django_db

SHARE = "andel-e-faktura"
ORDERS = "e-order-per-100-aa"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(world):
    def user(email, role=Role.RESPONDENT, agencies=()):
        return user_create(email=email, role=role, password=None, agencies=agencies)

    return {
        "stor": user("svar@storverket.se", agencies=(world.storverket,)),
        "mellan": user("svar@mellanverket.se", agencies=(world.mellanverket,)),
        "office": user("analytiker@uppfoljning.se", role=Role.ANALYST),
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")


# Services --------------------------------------------------------------------------------


def test_a_respondent_sets_and_changes_a_goal_of_their_agency(world, users):
    goal = goal_set(
        user=users["stor"], agency=world.storverket, figure=SHARE, value=Decimal(98), year=2026
    )
    assert goal.created_by == users["stor"]
    again = goal_set(
        user=users["stor"],
        agency=world.storverket,
        figure=SHARE,
        value=Decimal("98.5"),
        year=2026,
        note=" Ledningens mål ",
    )
    assert again.pk == goal.pk
    assert Goal.objects.get().value == Decimal("98.5")
    assert again.note == "Ledningens mål"


def test_a_respondent_of_another_agency_cannot_set_or_delete_its_goal(world, users):
    with pytest.raises(PermissionDenied):
        goal_set(
            user=users["mellan"],
            agency=world.storverket,
            figure=SHARE,
            value=Decimal(98),
            year=2026,
        )
    goal = goal_set(
        user=users["office"], agency=world.storverket, figure=SHARE, value=Decimal(98), year=2026
    )
    with pytest.raises(PermissionDenied):
        goal_delete(user=users["mellan"], goal=goal)
    goal_delete(user=users["stor"], goal=goal)
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    "case",
    [
        (SHARE, Decimal("100.5"), 2026, "value", "mellan 0 och 100 procent"),
        (SHARE, Decimal(-1), 2026, "value", "mellan 0 och 100 procent"),
        (ORDERS, Decimal(-1), 2026, "value", "kan inte vara negativt"),
        (SHARE, Decimal(95), 2023, "year", "tidigare än 2024"),
        ("okant", Decimal(95), 2026, "figure", "Välj ett nyckeltal"),
    ],
)
def test_invalid_goals_are_refused_in_swedish(world, users, case):
    figure, value, year, field, message = case
    with pytest.raises(ValidationError) as error:
        goal_set(user=users["stor"], agency=world.storverket, figure=figure, value=value, year=year)
    assert message in " ".join(error.value.message_dict[field])
    assert not Goal.objects.exists()


def test_e_orders_may_exceed_100_and_the_latest_published_year_is_allowed(world, users):
    goal_set(
        user=users["stor"], agency=world.storverket, figure=ORDERS, value=Decimal(1200), year=2024
    )
    assert Goal.objects.get().value == 1200


# Pages -----------------------------------------------------------------------------------


def test_goal_page_lists_own_goals_and_the_form(world, users):
    goal_set(
        user=users["stor"], agency=world.storverket, figure=SHARE, value=Decimal(98), year=2026
    )
    goal_set(
        user=users["office"], agency=world.mellanverket, figure=SHARE, value=Decimal(90), year=2026
    )
    text = _text(check_page(client_for(users["stor"]), "/mal/", allow_cookies=True))
    assert "Storverket" in text
    assert "98 %" in text
    assert "Mellanverket" not in text
    assert "offentliga åtagande" in text


def test_goal_page_sets_a_goal_with_a_decimal_comma(world, users):
    client = client_for(users["stor"])
    data = {"agency": world.storverket.pk, "figure": SHARE, "value": "97,5", "year": "2026"}
    response = client.post("/mal/", {**data, "note": "Beslutat av ledningen"})
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.agency, goal.value, goal.year) == (world.storverket, Decimal("97.5"), 2026)
    text = _text(check_page(client, "/mal/", allow_cookies=True))
    assert "Målet är sparat" in text
    assert "97,5 %" in text


def test_goal_page_shows_errors_in_a_summary(world, users):
    client = client_for(users["stor"])
    response = client.post(
        "/mal/", {"agency": world.storverket.pk, "figure": SHARE, "value": "120", "year": "2020"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Det finns ett problem" in html
    assert 'href="#id_value"' in html
    assert 'href="#id_year"' in html
    assert 'aria-invalid="true"' in html
    assert not Goal.objects.exists()


def test_goal_page_refuses_another_agency(world, users):
    client = client_for(users["mellan"])
    response = client.post(
        "/mal/", {"agency": world.storverket.pk, "figure": SHARE, "value": "95", "year": "2026"}
    )
    assert response.status_code == 400
    assert not Goal.objects.exists()


def test_deleting_a_goal(world, users):
    goal = goal_set(
        user=users["stor"], agency=world.storverket, figure=SHARE, value=Decimal(98), year=2026
    )
    assert client_for(users["mellan"]).post(f"/mal/{goal.pk}/ta-bort/").status_code == 403
    assert Goal.objects.exists()
    response = client_for(users["stor"]).post(f"/mal/{goal.pk}/ta-bort/")
    assert response.status_code == 302
    assert not Goal.objects.exists()


def test_goal_pages_need_a_login_and_the_office(world, users, client):
    assert client.get("/mal/").status_code == 302
    assert client.get("/mal/alla/").status_code == 302
    assert client_for(users["stor"]).get("/mal/alla/").status_code == 403


def test_office_sees_every_agencys_goals(world, users):
    goal_set(
        user=users["stor"], agency=world.storverket, figure=SHARE, value=Decimal(98), year=2026
    )
    goal_set(
        user=users["mellan"], agency=world.mellanverket, figure=ORDERS, value=Decimal(30), year=2027
    )
    client = client_for(users["office"])
    text = _text(check_page(client, "/mal/alla/", allow_cookies=True))
    assert "Storverket" in text
    assert "Mellanverket" in text
    assert "98 %" in text
    check_page(client, "/en/mal/alla/", allow_cookies=True)
    check_page(client, "/mal/", allow_cookies=True)


def test_public_agency_page_shows_goal_progress_and_projection(client, world, users):
    # Storverket's e-invoice share: 90 % (2023), 95 % (2024): +5 a year; 2026: 100 %.
    goal_set(
        user=users["stor"],
        agency=world.storverket,
        figure=SHARE,
        value=Decimal(98),
        year=2026,
        note="Ledningens mål",
    )
    text = _text(check_page(client, f"/myndigheter/{world.storverket.org_nr}/"))
    assert "Mål" in text
    assert "Senaste helårsvärde (2024): 95 %, mot målet 98 %." in text
    assert "Kvar till målet: 3 procentenheter." in text
    assert (
        "Med samma takt som hittills når myndigheten 100 % år 2026, målet är 98 %. "
        "Det är en linjär framskrivning, ingen prognos." in text
    )
    assert "Med den takten nås målet i tid." in text
    assert "Ledningens mål" in text
    goal_set(
        user=users["stor"], agency=world.storverket, figure=ORDERS, value=Decimal(1000), year=2027
    )
    # E-orders per 100 ÅA: 800 (2023), 900 (2024): +100 a year; 2027: 1 200.
    text = _text(check_page(client, f"/myndigheter/{world.storverket.org_nr}/"))
    assert "Kvar till målet: 100 e-order per 100 ÅA." in text
    assert "når myndigheten 1 200 år 2027, målet är 1 000." in text
    english = _text(check_page(client, f"/en/myndigheter/{world.storverket.org_nr}/"))
    assert "linear extrapolation" in english


def test_public_agency_page_says_when_it_cannot_project(client, world, users):
    # Tystverket answered 2023 only.
    user = user_create(
        email="svar@tystverket.se", role=Role.RESPONDENT, agencies=(world.tystverket,)
    )
    goal_set(user=user, agency=world.tystverket, figure=SHARE, value=Decimal(90), year=2027)
    text = _text(check_page(client, f"/myndigheter/{world.tystverket.org_nr}/"))
    assert "det behövs publicerade värden från minst två helår" in text


def test_public_agency_page_without_goals_has_no_goal_section(client, world):
    text = _text(check_page(client, f"/myndigheter/{world.storverket.org_nr}/"))
    assert "linjär framskrivning" not in text


def test_a_deleted_goal_leaves_the_cached_public_page_at_once(client, world, users):
    """Deletion cannot move a goal's updated_at, so the public clock has its own mark."""
    goal = goal_set(
        user=users["stor"],
        agency=world.storverket,
        figure=SHARE,
        value=Decimal(98),
        year=2026,
        note="Ledningens mål",
    )
    url = f"/myndigheter/{world.storverket.org_nr}/"
    first = client.get(url)
    assert "Ledningens mål" in first.content.decode()
    goal_delete(user=users["stor"], goal=goal)
    second = client.get(url)
    assert second.status_code == 200
    assert "Ledningens mål" not in second.content.decode()
