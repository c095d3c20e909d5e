"""The population rule, with cases written from its definition (domain notes §1.1).

Population of a round = agencies with ÅA strictly greater than POPULATION_MIN_FTE in the
round's year (or, without a value for that year, the nearest earlier year that has one),
minus agencies whose current or former name is exempt. Agencies the register no longer
lists (closed down before the round's year) are not asked.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from register.models import Agency
from surveys.models import Response, ResponseStatus, Round, RoundStatus
from surveys.services import (
    PopulationLockedError,
    PopulationMemberError,
    round_create,
    round_population_add,
    round_population_remove,
    round_population_set,
)
from tests.factories import create_agency, create_response, create_round

REGISTER_CSV = Path(__file__).resolve().parents[2] / "data" / "register" / "agencies_aa.csv"
EXEMPT = [
    "Regeringskansliet",
    "Försvarsmakten",
    "Försvarets materielverk",
    "Försvarets radioanstalt",
    "Totalförsvarets forskningsinstitut",
    "Säkerhetspolisen",
]


@pytest.fixture(autouse=True)
def _rule_settings(settings: Any) -> None:
    settings.POPULATION_MIN_FTE = 50
    settings.POPULATION_EXEMPT_AGENCIES = EXEMPT


def population(round_: Round) -> dict[str, Response]:
    return {r.agency.name: r for r in round_.responses.select_related("agency")}


@pytest.mark.django_db
def test_exactly_fifty_is_out_and_fifty_one_is_in() -> None:
    create_agency("Femtioverket", fte={2024: 50})
    create_agency("Femtioettverket", fte={2024: 51})
    round_ = create_round(year=2024)

    report = round_population_set(round=round_)

    assert list(population(round_)) == ["Femtioettverket"]
    assert report.size == 1
    assert [name.split(" (")[0] for name in report.added] == ["Femtioettverket"]


@pytest.mark.django_db
def test_the_threshold_comes_from_settings(settings: Any) -> None:
    settings.POPULATION_MIN_FTE = 100
    create_agency("Hundraverket", fte={2024: 100})
    create_agency("Hundraettverket", fte={2024: 101})
    round_ = create_round(year=2024)

    round_population_set(round=round_)

    assert list(population(round_)) == ["Hundraettverket"]


@pytest.mark.django_db
def test_members_get_a_not_answered_response_with_the_fte_snapshot() -> None:
    agency = create_agency("Storverket", fte={2023: 900, 2024: 1000, 2025: 1100})
    round_ = create_round(year=2024)

    round_population_set(round=round_)

    response = Response.objects.get(round=round_, agency=agency)
    assert response.status == ResponseStatus.NOT_ANSWERED
    assert (response.fte, response.fte_year, response.fte_is_fallback) == (1000, 2024, False)
    assert response.supplier_invoices is None
    assert response.history.count() == 1  # created with history


@pytest.mark.django_db
def test_an_agency_exempt_by_its_current_name_is_out() -> None:
    create_agency("Försvarsmakten", fte={2024: 20000})
    create_agency("Säkerhetspolisen", fte={2024: 1500})
    create_agency("Vanliga verket", fte={2024: 300})
    round_ = create_round(year=2024)

    report = round_population_set(round=round_)

    assert list(population(round_)) == ["Vanliga verket"]
    assert [name.split(" (")[0] for name in report.exempt] == ["Försvarsmakten", "Säkerhetspolisen"]


@pytest.mark.django_db
def test_an_agency_exempt_by_a_former_name_is_out() -> None:
    create_agency(
        "Försvarets signalmyndighet", fte={2024: 700}, former_names=["Försvarets radioanstalt"]
    )
    create_agency("Vanliga verket", fte={2024: 300}, former_names=["Gamla vanliga verket"])
    round_ = create_round(year=2024)

    round_population_set(round=round_)

    assert list(population(round_)) == ["Vanliga verket"]


@pytest.mark.django_db
def test_exempt_names_match_whatever_the_case_and_spacing(settings: Any) -> None:
    settings.POPULATION_EXEMPT_AGENCIES = ["försvarets  materielverk"]
    create_agency("Försvarets materielverk", fte={2024: 2000})
    round_ = create_round(year=2024)

    round_population_set(round=round_)

    assert population(round_) == {}


@pytest.mark.django_db
def test_without_a_value_for_the_year_the_nearest_earlier_year_is_used_and_flagged() -> None:
    # No 2024 row, and the 2023 row has no ÅA: the nearest earlier value is 2022's.
    create_agency("Luckverket", fte={2021: 40, 2022: 90, 2023: None, 2025: 120})
    round_ = create_round(year=2024)

    report = round_population_set(round=round_)

    response = population(round_)["Luckverket"]
    assert (response.fte, response.fte_year, response.fte_is_fallback) == (90, 2022, True)
    assert [name.split(" (")[0] for name in report.fallbacks] == ["Luckverket"]


@pytest.mark.django_db
def test_the_fallback_value_is_the_one_tested_against_the_threshold() -> None:
    # 2023 had 45 ÅA: that is what counts for 2024, not the 120 of 2025.
    create_agency("Växande verket", fte={2023: 45, 2025: 120})
    round_ = create_round(year=2024)

    round_population_set(round=round_)

    assert population(round_) == {}


@pytest.mark.django_db
def test_without_this_or_any_earlier_year_an_agency_is_out() -> None:
    create_agency("Nya verket", fte={2025: 400, 2026: 420})
    create_agency("Tomma verket", fte={2023: None, 2024: None, 2025: 300})
    round_ = create_round(year=2024)

    round_population_set(round=round_)

    assert population(round_) == {}


@pytest.mark.django_db
def test_an_agency_closed_down_before_the_year_is_out() -> None:
    # Banverket's rows stop in 2010; the register goes on to 2025 without it.
    create_agency("Banverket", fte={2009: 6000, 2010: 6127})
    create_agency("Trafikverket", fte={2024: 9000, 2025: 9100})
    round_ = create_round(year=2024)

    round_population_set(round=round_)

    assert list(population(round_)) == ["Trafikverket"]


@pytest.mark.django_db
def test_a_year_newer_than_the_register_uses_the_newest_sheet_for_everyone() -> None:
    create_agency("Verket A", fte={2024: 200, 2025: 210})
    create_agency("Verket B", fte={2024: 60, 2025: 49})
    create_agency("Nedlagda verket", fte={2024: 500})
    round_ = create_round(year=2027)

    round_population_set(round=round_)

    members = population(round_)
    assert list(members) == ["Verket A"]
    assert (members["Verket A"].fte, members["Verket A"].fte_year) == (210, 2025)
    assert members["Verket A"].fte_is_fallback is True


@pytest.mark.django_db
@pytest.mark.parametrize("status", [RoundStatus.OPEN, RoundStatus.CLOSED, RoundStatus.PUBLISHED])
def test_the_population_is_locked_unless_the_round_is_a_draft(status: str) -> None:
    agency = create_agency("Storverket", fte={2024: 1000})
    other = create_agency("Mellanverket", fte={2024: 300})
    round_ = create_round(year=2024, status=status)
    create_response(round=round_, agency=other)

    with pytest.raises(PopulationLockedError) as caught:
        round_population_set(round=round_)
    assert "Populationen för 2024 är låst" in caught.value.message
    assert "Den kan bara ändras medan omgången är ett utkast." in caught.value.message

    with pytest.raises(PopulationLockedError):
        round_population_add(round=round_, agency=agency)
    with pytest.raises(PopulationLockedError):
        round_population_remove(round=round_, agency=other)
    assert list(population(round_)) == ["Mellanverket"]


@pytest.mark.django_db
def test_the_lock_reads_the_stored_status_not_a_stale_object() -> None:
    create_agency("Storverket", fte={2024: 1000})
    round_ = create_round(year=2024)
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.OPEN)

    with pytest.raises(PopulationLockedError):
        round_population_set(round=round_)  # round_.status still says draft


@pytest.mark.django_db
def test_running_again_replaces_the_population() -> None:
    stays = create_agency("Kvarverket", fte={2024: 100})
    shrinks = create_agency("Krympverket", fte={2024: 100})
    create_agency("Växverket", fte={2024: 40})
    round_ = create_round(year=2024)
    round_population_set(round=round_)
    assert set(population(round_)) == {"Kvarverket", "Krympverket"}

    # The register is corrected: Krympverket had 45 ÅA, Växverket 60, Kvarverket 110.
    shrinks.years.filter(year=2024).update(fte=45)
    Agency.objects.get(name="Växverket").years.filter(year=2024).update(fte=60)
    stays.years.filter(year=2024).update(fte=110)
    kept_id = Response.objects.get(round=round_, agency=stays).pk

    report = round_population_set(round=round_)

    members = population(round_)
    assert set(members) == {"Kvarverket", "Växverket"}
    assert members["Kvarverket"].pk == kept_id  # updated in place, not recreated
    assert members["Kvarverket"].fte == 110
    assert (len(report.added), len(report.removed), len(report.updated)) == (1, 1, 1)
    assert report.size == 2


@pytest.mark.django_db
def test_responses_with_answers_are_never_touched() -> None:
    # Cannot happen in a draft through the services, but the rule must still be safe.
    gone = create_agency("Svarsverket", fte={2024: 30})
    round_ = create_round(year=2024)
    answered = create_response(
        round=round_,
        agency=gone,
        status=ResponseStatus.ANSWERED,
        supplier_invoices=10,
        e_invoices=5,
        matched_invoices=2,
        e_orders=1,
        fte=99,
    )

    report = round_population_set(round=round_)

    answered.refresh_from_db()
    assert answered.fte == 99
    assert answered.status == ResponseStatus.ANSWERED
    assert report.kept_with_answers == [str(gone)]


@pytest.mark.django_db
def test_manual_add_and_remove_in_a_draft() -> None:
    small = create_agency("Småverket", fte={2022: 12})
    round_ = create_round(year=2024)

    response = round_population_add(round=round_, agency=small)

    assert (response.fte, response.fte_year, response.fte_is_fallback) == (12, 2022, True)
    with pytest.raises(PopulationMemberError) as caught:
        round_population_add(round=round_, agency=small)
    assert caught.value.message == "Småverket ingår redan i populationen för 2024."

    round_population_remove(round=round_, agency=small)

    assert population(round_) == {}
    with pytest.raises(PopulationMemberError) as caught:
        round_population_remove(round=round_, agency=small)
    assert caught.value.message == "Småverket ingår inte i populationen för 2024."


@pytest.mark.django_db
def test_an_answered_response_cannot_be_removed() -> None:
    agency = create_agency("Svarsverket", fte={2024: 300})
    round_ = create_round(year=2024)
    create_response(round=round_, agency=agency, comment="Kontaktad per telefon")

    with pytest.raises(PopulationMemberError) as caught:
        round_population_remove(round=round_, agency=agency)

    assert "har svar i 2024 och kan inte tas bort" in caught.value.message
    assert list(population(round_)) == ["Svarsverket"]


def expected_real_population(year: int) -> dict[str, tuple[int, int]]:
    """The rule applied to the CSV directly, without the code under test.

    org nr -> (ÅA, register year it came from).
    """
    fte: dict[str, dict[int, int | None]] = defaultdict(dict)
    names: dict[str, set[str]] = defaultdict(set)
    with REGISTER_CSV.open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            org_nr = row["org_nr"].replace("-", "")
            value = row["aa_arsarbetskrafter"]
            fte[org_nr][int(row["register_year"])] = int(value) if value else None
            names[org_nr] |= {row["agency"], *filter(None, row["old_names"].split("|"))}
    newest = max(y for years in fte.values() for y in years)
    expected = {}
    for org_nr, years in fte.items():
        if max(years) < min(year, newest):
            continue  # closed down before the year
        known = [y for y, v in years.items() if y <= year and v is not None]
        if not known:
            continue
        used = max(known)
        value = years[used]
        assert value is not None
        if value > 50 and not names[org_nr] & set(EXEMPT):
            expected[org_nr] = (value, used)
    return expected


@pytest.mark.django_db
def test_the_2024_population_from_the_real_register() -> None:
    call_command("import_register", stdout=io.StringIO())
    expected = expected_real_population(2024)
    round_ = round_create(year=2024)

    report = round_population_set(round=round_)

    got = {r.agency.org_nr: (r.fte, r.fte_year) for r in round_.responses.select_related("agency")}
    assert got == expected
    # 170 agencies have more than 50 ÅA in the 2024 sheet; four of them are exempt
    # (Regeringskansliet, Försvarsmakten, FMV, FOI); Brottsförebyggande rådet is missing
    # from the 2024 sheet and comes in with its 2023 ÅA.
    assert len(got) == 167
    assert got["2021000068"] == (135, 2023)
    assert [name.split(" (")[0] for name in report.exempt] == [
        "Försvarets materielverk",
        "Försvarsmakten",
        "Regeringskansliet",
        "Totalförsvarets forskningsinstitut",
    ]
    assert [name.split(" (")[0] for name in report.fallbacks] == ["Brottsförebyggande rådet"]
    # Closed-down agencies with a large ÅA long ago are not asked.
    assert not Response.objects.filter(round=round_, agency__name="Banverket").exists()
