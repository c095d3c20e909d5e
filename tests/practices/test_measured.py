"""The measured-change rule on constructed cases (pure, no database)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from practices.measured import RoundValue, marker_year, measured_change


def rv(year: int, value: Fraction | int | None, state: str = "value") -> RoundValue:
    return RoundValue(
        year=year,
        label=str(year),
        value=Fraction(value) if value is not None else None,
        state=state if value is not None else (state if state != "value" else "not_answered"),
    )


def test_baseline_is_last_round_before_start_year_and_each_later_round_is_compared():
    rounds = [rv(2024, 40), rv(2022, 5), rv(2023, 10), rv(2025, Fraction(91, 2))]
    change = measured_change(started_on=date(2024, 3, 1), figure_slug="x", rounds=rounds)
    assert change.baseline is not None
    assert change.baseline.year == 2023
    assert [(s.round.year, s.change) for s in change.steps] == [
        (2024, Fraction(30)),
        (2025, Fraction(71, 2)),
    ]
    assert change.latest_change == Fraction(71, 2)


def test_start_on_first_of_january_still_uses_the_year_before():
    change = measured_change(
        started_on=date(2024, 1, 1), figure_slug="x", rounds=[rv(2023, 10), rv(2024, 12)]
    )
    assert change.baseline is not None
    assert change.baseline.year == 2023
    assert change.steps[0].change == 2


def test_gap_year_start_compares_with_the_round_before_the_gap():
    # no 2021 round: a start in 2021 has 2020 before and 2022 after
    change = measured_change(
        started_on=date(2021, 6, 1), figure_slug="x", rounds=[rv(2020, 50), rv(2022, 60)]
    )
    assert change.baseline is not None
    assert change.baseline.year == 2020
    assert [(s.round.year, s.change) for s in change.steps] == [(2022, 10)]


def test_no_round_before_start_lists_later_rounds_without_change():
    change = measured_change(
        started_on=date(2016, 1, 1), figure_slug="x", rounds=[rv(2019, 50), rv(2020, 60)]
    )
    assert change.baseline is None
    assert [s.change for s in change.steps] == [None, None]
    assert change.latest_change is None


def test_uncomputable_baseline_or_later_round_gives_no_change():
    change = measured_change(
        started_on=date(2024, 5, 1),
        figure_slug="x",
        rounds=[rv(2023, None, "not_computable"), rv(2024, 20)],
    )
    assert not change.has_baseline_value
    assert change.steps[0].change is None
    change = measured_change(
        started_on=date(2024, 5, 1),
        figure_slug="x",
        rounds=[rv(2023, 10), rv(2024, None, "not_answered")],
    )
    assert change.steps[0].change is None
    assert change.steps[0].round.state == "not_answered"


def test_start_after_last_round_has_baseline_and_no_steps():
    change = measured_change(
        started_on=date(2025, 2, 1), figure_slug="x", rounds=[rv(2023, 10), rv(2024, 12)]
    )
    assert change.baseline is not None
    assert change.baseline.year == 2024
    assert change.steps == ()


def test_marker_year():
    years = [2019, 2020, 2022, 2023]
    assert marker_year(date(2020, 3, 1), years) == 2020
    assert marker_year(date(2021, 3, 1), years) == 2022  # the gap: the next round
    assert marker_year(date(2019, 1, 1), years) == 2019
    assert marker_year(date(2016, 1, 1), years) is None  # before the chart
    assert marker_year(date(2024, 1, 1), years) is None  # after the chart
    assert marker_year(date(2020, 1, 1), []) is None
