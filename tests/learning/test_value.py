"""The business-value calculator on cases computed by hand (docs/business-value.md)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from keyfigures.formatting import round_half_up
from learning.value import ASSUMPTIONS, default_values, upper_quartile, value_estimate


def estimate(**overrides):
    arguments = {
        "supplier_invoices": 40000,
        "e_invoices": 36000,
        "matched_invoices": 12000,
        "e_orders": 3000,
        "fte": 1000,
        "target_share_e": Fraction(95, 100),
        "target_share_matched": Fraction(50, 100),
        "target_orders_per_100_fte": Fraction(550),
        "assumptions": default_values(),
    }
    arguments.update(overrides)
    return value_estimate(**arguments)


def test_every_assumption_has_a_source_and_labels():
    for assumption in ASSUMPTIONS:
        assert assumption.source_url.startswith("http")
        assert assumption.label_sv
        assert assumption.label_en
        assert assumption.grade in {"", "A", "B", "C"}
        assert assumption.basis_sv
        assert assumption.basis_en
        assert assumption.value >= 0


def test_defaults_are_those_of_the_research_note():
    assert default_values() == {
        "minutes_e_invoice": Decimal(8),
        "minutes_matched": Decimal(5),
        "minutes_e_order": Decimal(15),
        "sek_per_manual_order": Decimal(0),
        "hourly_cost": Decimal(458),
        "hours_per_fte": Decimal(1704),
    }


def test_worked_example_of_the_research_note():
    # 1,000 ÅA, 40,000 invoices; 90 % -> 95 % e-invoices, 30 % -> 50 % matched,
    # 300 -> 550 e-orders per 100 ÅA.
    result = estimate()
    e_inv, matched, orders = result.figures
    assert e_inv.gap == 2000  # 38,000 − 36,000
    assert e_inv.hours == Fraction(2000 * 8, 60)  # 266 2/3 h
    assert matched.gap == 8000  # 20,000 − 12,000
    assert matched.hours == Fraction(8000 * 5, 60)  # 666 2/3 h
    assert orders.gap == 2500  # 5,500 − 3,000
    assert orders.hours == 625
    assert result.hours == Fraction(4675, 3)  # 1,558 1/3 h
    assert result.sek == Fraction(4675, 3) * 458  # 713,716 2/3 kr
    assert round_half_up(result.sek) == 713717
    assert result.fte_equivalent == Fraction(4675, 3 * 1704)
    assert round_half_up(result.fte_equivalent, 2) == Decimal("0.91")
    assert "Skillnad: 38 000 − 36 000 = 2 000 fakturor per år." in e_inv.steps
    assert "Tid: 2 000 fakturor × 8,0 min ÷ 60 = 266,7 timmar per år." in e_inv.steps
    assert "Totalt värde: 713 717 kr per år." in result.steps


def test_a_figure_already_above_its_target_gives_zero_and_says_so():
    result = estimate(e_invoices=39000, target_share_e=Fraction(90, 100))
    e_inv = result.figures[0]
    assert e_inv.gap == 0
    assert e_inv.hours == 0
    assert e_inv.sek == 0
    assert e_inv.already_at_target
    assert any("når redan målet" in step for step in e_inv.steps)
    # the other figures still count
    assert result.hours == Fraction(8000 * 5, 60) + 625


def test_zero_gap_everywhere_gives_zero():
    result = estimate(
        target_share_e=Fraction(90, 100),
        target_share_matched=Fraction(30, 100),
        target_orders_per_100_fte=Fraction(300),
    )
    assert result.hours == 0
    assert result.sek == 0
    assert result.fte_equivalent == 0
    assert all(f.already_at_target for f in result.figures)


def test_partial_gap_and_half_up_rounding():
    # 100 invoices, 97 matched, target 100 %: gap 3 × 5 min = 15 min = 1/4 h;
    # 1/4 h × 458 kr = 114.50 kr, shown 115 (half up, not 114 as banker's rounding).
    result = estimate(
        supplier_invoices=100,
        e_invoices=100,
        matched_invoices=97,
        e_orders=10,
        fte=10,
        target_share_e=Fraction(1),
        target_share_matched=Fraction(1),
        target_orders_per_100_fte=Fraction(50),  # 5 e-orders, already 10
    )
    matched = result.figures[1]
    assert matched.gap == 3
    assert matched.hours == Fraction(1, 4)
    assert result.sek == Fraction(229, 2)
    assert round_half_up(result.sek) == 115
    assert "Totalt värde: 115 kr per år." in result.steps


def test_edited_assumptions_change_the_result_exactly():
    values = default_values() | {
        "minutes_e_invoice": Decimal(18),
        "hourly_cost": Decimal("500.50"),
        "sek_per_manual_order": Decimal(25),
    }
    result = estimate(assumptions=values)
    e_inv, _matched, orders = result.figures
    assert e_inv.hours == 600  # 2,000 × 18 / 60
    assert e_inv.sek == Fraction(600) * Fraction("500.50")
    assert orders.sek == 625 * Fraction("500.50") + 2500 * 25


def test_missing_counts_or_targets_leave_the_figure_out():
    result = estimate(e_orders=None, target_share_matched=None)
    assert not result.figures[1].computable
    assert not result.figures[2].computable
    assert result.hours == Fraction(2000 * 8, 60)


def test_targets_above_100_percent_are_capped_and_a_matched_target_above_e_warns():
    result = estimate(target_share_e=Fraction(2), target_share_matched=Fraction(3))
    assert result.figures[0].gap == 4000  # 40,000 − 36,000
    assert result.warnings


def test_english_number_format():
    result = estimate(language="en")
    assert "Skillnad: 38,000 − 36,000 = 2,000 fakturor per år." in result.figures[0].steps


def test_assumptions_must_be_complete_and_not_negative():
    with pytest.raises(KeyError):
        estimate(assumptions={"hourly_cost": Decimal(1)})
    with pytest.raises(ValueError, match="negative"):
        estimate(assumptions=default_values() | {"hourly_cost": Decimal(-1)})


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),
        ([Fraction(7)], Fraction(7)),
        # n = 2: h = 0.75, 10 + 0.75 × (20 − 10) = 17.5
        ([Fraction(20), Fraction(10)], Fraction(35, 2)),
        # n = 4: h = 2.25, 30 + 0.25 × (40 − 30) = 32.5
        ([Fraction(10), Fraction(40), Fraction(20), Fraction(30)], Fraction(65, 2)),
        # n = 5: h = 3, exactly the fourth value
        ([Fraction(v) for v in (5, 1, 4, 2, 3)], Fraction(4)),
        # exact on thirds
        ([Fraction(1, 3), Fraction(2, 3)], Fraction(7, 12)),
    ],
)
def test_upper_quartile(values, expected):
    assert upper_quartile(values) == expected
