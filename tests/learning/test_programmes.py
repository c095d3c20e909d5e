"""Programme follow-up: the difference in differences on a case computed by hand, the
small-number verdicts, and the office pages (access, page checks, published data only)."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from django.test import Client

from accounts.models import Role, User
from accounts.services import user_create
from learning.models import ProgrammeGroup, ProgrammeMembership
from learning.programmes import (
    Observation,
    Verdict,
    difference_in_differences,
    group_value_per_year,
)
from learning.services_programmes import programme_group_create, programme_membership_add
from tests.pagecheck import check_page
from tests.world import World

# --- Pure: a case computed by hand ----------------------------------------------------
#
# Start year 2024: 2022 and 2023 are "before", 2024 is "after". Scale 100 (a share).
#
# Members m1–m4: 2023 (50 of 100), 2024 (80 of 100); m5: 2023 (10 of 100), 2024 (20 of 100).
#   before = 100 × (4·50 + 10) / 500 = 100 × 210 / 500 = 42
#   after  = 100 × (4·80 + 20) / 500 = 100 × 340 / 500 = 68      change = +26
# Others o1–o5: 2023 (60 of 200) each, 2024 (70 of 200) each; o1 also 2022 (0 of 500).
#   before = 100 × (5·60 + 0) / (5·200 + 500) = 100 × 300 / 1500 = 20
#   (a mean of the yearly values would give (0 + 30) / 2 = 15: the ratio of sums pools)
#   after  = 100 × 5·70 / 1000 = 35                              change = +15
# DiD = 26 − 15 = 11.

MEMBERS = frozenset({"m1", "m2", "m3", "m4", "m5"})


def _case(members: frozenset[str] = MEMBERS) -> list[Observation]:
    observations = []
    for key in ("m1", "m2", "m3", "m4"):
        observations += [Observation(key, 2023, 50, 100), Observation(key, 2024, 80, 100)]
    observations += [Observation("m5", 2023, 10, 100), Observation("m5", 2024, 20, 100)]
    for key in ("o1", "o2", "o3", "o4", "o5"):
        observations += [Observation(key, 2023, 60, 200), Observation(key, 2024, 70, 200)]
    observations.append(Observation("o1", 2022, 0, 500))
    return [o for o in observations if o.agency in members or str(o.agency).startswith("o")]


def test_difference_in_differences_on_the_hand_computed_case() -> None:
    did = difference_in_differences(_case(), members=MEMBERS, start_year=2024, scale=100)
    assert did.members.before.value == 42
    assert did.members.after.value == 68
    assert did.members.change == 26
    assert did.others.before.value == 20
    assert did.others.after.value == 35
    assert did.others.change == 15
    assert did.value == 11
    assert (did.members.before.n_agencies, did.members.after.n_agencies) == (5, 5)
    assert (did.others.before.n_agencies, did.others.before.n_rounds) == (5, 2)
    assert did.verdict == Verdict.OK


def test_fewer_than_five_members_is_too_few() -> None:
    members = MEMBERS - {"m5"}
    did = difference_in_differences(_case(members), members=members, start_year=2024, scale=100)
    # members m1–m4: 42 → 68 without m5: 200/400 = 50 → 320/400 = 80, change +30
    assert did.members.change == 30
    assert did.value == 15
    assert did.verdict == Verdict.TOO_FEW


def test_no_round_before_the_start_cannot_be_computed() -> None:
    did = difference_in_differences(_case(), members=MEMBERS, start_year=2022, scale=100)
    assert did.members.before.value is None
    assert did.value is None
    assert did.verdict == Verdict.NOT_COMPUTABLE


def test_no_round_after_the_start_cannot_be_computed() -> None:
    did = difference_in_differences(_case(), members=MEMBERS, start_year=2025, scale=100)
    assert did.members.after.value is None
    assert did.verdict == Verdict.NOT_COMPUTABLE


def test_missing_counts_are_left_out_not_zero() -> None:
    observations = [*_case(), Observation("m1", 2024, None, 100), Observation("o2", 2024, 5, None)]
    # duplicates of agency-years with a missing part change nothing
    did = difference_in_differences(observations, members=MEMBERS, start_year=2024, scale=100)
    assert did.value == 11


def test_group_value_per_year() -> None:
    assert group_value_per_year(_case(), agencies=MEMBERS, scale=100) == {
        2023: Fraction(42),
        2024: Fraction(68),
    }
    assert group_value_per_year(_case(), agencies=MEMBERS, exclude=True, scale=100) == {
        2022: Fraction(0),
        2023: Fraction(30),
        2024: Fraction(35),
    }


# --- The office pages -----------------------------------------------------------------

PASSWORD = "rätt-häst-batteri-häftklammer"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _analyst() -> User:
    return user_create(email="analytiker@uppfoljning.se", role=Role.ANALYST, password=PASSWORD)


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def programme(world: World) -> ProgrammeGroup:
    group = programme_group_create(
        name="E-handelslyftet",
        description="Utvecklingsprogram för e-handel.",
        start_date=datetime.date(2024, 3, 1),
        user=None,
    )
    for agency in (world.storverket, world.mellanverket):
        programme_membership_add(group=group, agency=agency)
    return group


def test_the_detail_page_shows_the_hand_computed_published_values(programme, world) -> None:
    client = _client(_analyst())
    response = check_page(client, f"/program/{programme.pk}/", allow_cookies=True)
    html = response.content.decode()
    # Share of e-invoices, members Storverket + Mellanverket:
    #   2023: 100 × (90 000 + 15 000) / 120 000 = 87.5; 2024: 113 000 / 120 000 = 94.17
    #   change = 100 × 8 000 / 120 000 = +6.67
    # others (Småverket, Tystverket 2023 only, Nollverket with 0 invoices):
    #   2023: 100 × (1 500 + 4 000 + 0) / 8 000 = 68.75; 2024: 2 000 / 3 000 = 66.67
    #   change = −2.08; DiD = 6.67 + 2.08 = +8.75 → "+8,8"
    assert "87,5 (2)" in html
    assert "+6,7" in html
    assert "68,8 (3)" in html
    assert "\u22122,1" in html
    assert "+8,8" in html
    assert "för få myndigheter för att dra slutsatser" in html
    assert "visar inte att programmet orsakade den" in html
    assert "Storverket" in html
    assert "Mellanverket" in html
    # nothing of the draft round 2025
    assert "999999" not in html
    assert "2025" not in html.split('id="effekt-heading"')[1].split('id="medlemmar-heading"')[0]


def test_the_detail_page_in_english(programme) -> None:
    client = _client(_analyst())
    response = check_page(client, f"/en/program/{programme.pk}/", allow_cookies=True)
    assert "too few agencies to draw conclusions" in response.content.decode()


def test_the_list_page_and_creating_a_group(world) -> None:
    client = _client(_analyst())
    check_page(client, "/program/", allow_cookies=True)
    response = client.post("/program/ny/", {"name": "", "start_date": "inte ett datum"})
    assert response.status_code == 400
    assert "Skriv gruppens namn." in response.content.decode()
    response = client.post(
        "/program/ny/",
        {"name": "Kohort 2024", "description": "", "start_date": "2024-01-01"},
    )
    group = ProgrammeGroup.objects.get(name="Kohort 2024")
    assert response.status_code == 302
    assert response["Location"] == f"/program/{group.pk}/"
    assert group.created_by is not None
    page = check_page(client, f"/program/{group.pk}/", allow_cookies=True).content.decode()
    assert "Gruppen Kohort 2024 är skapad." in page
    assert "kan inte beräknas" in page  # no members: no member values


def test_adding_and_removing_members(programme, world) -> None:
    client = _client(_analyst())
    response = client.post(f"/program/{programme.pk}/lagg-till/", {"agency": world.smaverket.pk})
    assert response.status_code == 302
    assert ProgrammeMembership.objects.filter(group=programme, agency=world.smaverket).exists()
    # a member cannot be added twice
    response = client.post(f"/program/{programme.pk}/lagg-till/", {"agency": world.smaverket.pk})
    assert response.status_code == 400
    assert "Välj en myndighet som inte redan är medlem." in response.content.decode()
    response = client.post(f"/program/{programme.pk}/ta-bort/", {"agency": world.storverket.pk})
    assert response.status_code == 302
    members = set(
        ProgrammeMembership.objects.filter(group=programme).values_list("agency__name", flat=True)
    )
    assert members == {"Mellanverket", "Småverket"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/program/"),
        ("post", "/program/ny/"),
        ("get", "/program/{pk}/"),
        ("post", "/program/{pk}/lagg-till/"),
        ("post", "/program/{pk}/ta-bort/"),
    ],
)
def test_programme_pages_are_office_only(programme, world, method, path) -> None:
    url = path.format(pk=programme.pk)
    respondent = user_create(
        email="svar@storverket.se",
        role=Role.RESPONDENT,
        password=PASSWORD,
        agencies=(world.storverket,),
    )
    before = ProgrammeMembership.objects.count(), ProgrammeGroup.objects.count()
    data = {"agency": world.storverket.pk, "name": "X", "start_date": "2024-01-01"}
    anonymous = getattr(_client(None), method)(url, data if method == "post" else None)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/konto/logga-in/")
    refused = getattr(_client(respondent), method)(url, data if method == "post" else None)
    assert refused.status_code == 403
    assert (ProgrammeMembership.objects.count(), ProgrammeGroup.objects.count()) == before


def test_an_unknown_group_is_404(world) -> None:
    assert _client(_analyst()).get("/program/999/").status_code == 404


def test_the_admin_lists_and_adds_groups(admin_client: Client, world) -> None:
    assert admin_client.get("/admin/learning/programmegroup/").status_code == 200
    response = admin_client.post(
        "/admin/learning/programmegroup/add/",
        {
            "name": "Adminkohort",
            "description": "",
            "start_date": "2024-01-01",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-agency": world.smaverket.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    group = ProgrammeGroup.objects.get(name="Adminkohort")
    assert [m.agency for m in group.memberships.all()] == [world.smaverket]
