"""results_refresh: what it stores, computed from the responses through the real service."""

from __future__ import annotations

from decimal import Decimal

import pytest

from keyfigures.models import (
    AgencyResult,
    Basis,
    GroupKind,
    GroupResult,
    ResultState,
    RoundSummary,
)
from keyfigures.registry import SHARE_E_INVOICES
from keyfigures.services import previous_comparable_round, results_refresh
from surveys.models import PeriodType, Round, RoundStatus

pytestmark = pytest.mark.django_db


def result(world, agency, figure, round_=None):
    return AgencyResult.objects.get(
        round=round_ or world.round_2024, agency=agency, figure=figure, basis=Basis.PUBLISHED
    )


def test_stores_exact_parts_value_class_and_rank(world):
    stored = result(world, world.mellanverket, "andel-e-faktura")
    assert stored.state == ResultState.VALUE
    assert (stored.numerator, stored.denominator) == (18000, 20000)
    assert stored.value == Decimal("90.000000000000")
    assert stored.figure_class == "yellow"
    assert stored.rank == 2
    assert stored.n_ranked == 3


def test_not_answered_is_grey_and_not_computable_has_reason_and_no_class(world):
    silent = result(world, world.tystverket, "andel-e-faktura")
    assert silent.state == ResultState.NOT_ANSWERED
    assert silent.figure_class == "grey"
    assert silent.value is None
    zero = result(world, world.nollverket, "andel-e-faktura")
    assert zero.state == ResultState.NOT_COMPUTABLE
    assert zero.reason == "zero_denominator"
    assert zero.figure_class == ""
    assert zero.rank is None
    # the same agency's e-orders per 100 ÅA are computable
    assert result(world, world.nollverket, "e-order-per-100-aa").value == Decimal(20)


def test_change_since_previous_round(world):
    stored = result(world, world.mellanverket, "andel-matchade")
    assert stored.previous_round == world.round_2023
    assert stored.previous_value == Decimal(10)
    assert stored.change == Decimal(30)
    # Tystverket answered in 2023 but not in 2024: no change
    assert result(world, world.tystverket, "andel-matchade").change is None


def test_national_total_is_ratio_of_sums(world):
    national = GroupResult.objects.get(
        basis=Basis.PUBLISHED,
        round=world.round_2024,
        figure="andel-e-faktura",
        kind=GroupKind.NATIONAL,
    )
    assert (national.numerator_sum, national.denominator_sum) == (115000, 123000)
    assert national.n_included == 4  # Nollverket has both parts (zeros) and is included
    assert national.value == (Decimal(115000 * 100) / Decimal(123000)).quantize(Decimal("1e-12"))


def test_group_medians(world):
    culture = GroupResult.objects.get(
        basis=Basis.PUBLISHED,
        round=world.round_2024,
        figure="e-order-per-100-aa",
        kind=GroupKind.DEPARTMENT,
        key="Kulturdepartementet",
    )
    # Småverket 50 and Nollverket 20 (Tystverket did not answer): median 35
    assert culture.median == Decimal(35)
    assert culture.n_values == 2
    size = GroupResult.objects.get(
        basis=Basis.PUBLISHED,
        round=world.round_2024,
        figure="e-order-per-100-aa",
        kind=GroupKind.SIZE,
        key="upp-till-199",
    )
    assert size.median == Decimal(35)


def test_summary_counts(world):
    summary = RoundSummary.objects.get(round=world.round_2024, basis=Basis.PUBLISHED)
    assert summary.n_population == 5
    assert summary.n_answered == 4
    assert summary.supplier_invoices == 123000
    assert summary.e_orders == 49072


def test_refresh_is_idempotent(world):
    before = sorted(
        AgencyResult.objects.values_list("round_id", "agency_id", "figure", "value", "figure_class")
    )
    results_refresh()
    results_refresh()
    after = sorted(
        AgencyResult.objects.values_list("round_id", "agency_id", "figure", "value", "figure_class")
    )
    assert before == after


def test_previous_comparable_round_skips_missing_years_and_matches_length():
    rounds = [
        Round(slug="2017h1", year=2017, period_type=PeriodType.FIRST_HALF),
        Round(slug="2017h2", year=2017, period_type=PeriodType.SECOND_HALF),
        Round(slug="2019", year=2019),
        Round(slug="2020", year=2020),
        Round(slug="2022", year=2022),
    ]
    by_slug = {r.slug: r for r in rounds}
    assert previous_comparable_round(by_slug["2022"], rounds) == by_slug["2020"]
    assert previous_comparable_round(by_slug["2019"], rounds) is None
    assert previous_comparable_round(by_slug["2017h2"], rounds) == by_slug["2017h1"]
    assert previous_comparable_round(by_slug["2017h1"], rounds) is None


def test_results_exist_for_draft_rounds_but_selectors_hide_them(world):
    from keyfigures import selectors

    # the office can review the draft's live results; the public basis has none
    assert AgencyResult.objects.filter(round=world.draft_2025, basis=Basis.LIVE).exists()
    assert not AgencyResult.objects.filter(round=world.draft_2025, basis=Basis.PUBLISHED).exists()
    assert world.draft_2025 not in selectors.published_rounds()
    assert selectors.round_result_rows(round_=world.draft_2025) == []
    assert selectors.figure_distribution(round_=world.draft_2025, figure=SHARE_E_INVOICES) == []
    assert world.draft_2025.status == RoundStatus.DRAFT
