"""The measured change of a practice's key figures: pure rules, no Django import.

The rule (docs/practices.md): the baseline is the agency's published value in the last
full-year round whose period ended before the practice started, that is the last round
of a year before the start year. Each later full-year round is compared with it. A
round without a computable value shows why and has no change. The change shows what was
measured; it does not prove that the practice caused it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction


@dataclass(frozen=True)
class RoundValue:
    """The agency's published value of one key figure in one full-year round.

    ``value`` is ``None`` when there is no computable value; ``state`` then says why
    ("not_computable", "not_answered", "not_applicable" or "missing").
    """

    year: int
    label: str
    value: Fraction | None
    state: str = "value"


@dataclass(frozen=True)
class Step:
    """One round after the baseline and its change against the baseline."""

    round: RoundValue
    change: Fraction | None


@dataclass(frozen=True)
class MeasuredChange:
    figure_slug: str
    baseline: RoundValue | None
    steps: tuple[Step, ...]

    @property
    def has_baseline_value(self) -> bool:
        return self.baseline is not None and self.baseline.value is not None

    @property
    def latest_change(self) -> Fraction | None:
        """The change in the latest round after the start that has one."""
        changes = [step.change for step in self.steps if step.change is not None]
        return changes[-1] if changes else None


def baseline_year_limit(started_on: date) -> int:
    """Rounds of this year or earlier ended before the start: the year before it."""
    return started_on.year - 1


def measured_change(
    *, started_on: date, figure_slug: str, rounds: Sequence[RoundValue]
) -> MeasuredChange:
    """The baseline before ``started_on`` and each later round with its change.

    ``rounds`` are the agency's published full-year rounds of one key figure, in any
    order. Without a round before the start there is no baseline: the later rounds are
    listed without change.
    """
    ordered = sorted(rounds, key=lambda r: r.year)
    limit = baseline_year_limit(started_on)
    before = [r for r in ordered if r.year <= limit]
    baseline = before[-1] if before else None
    later = [r for r in ordered if r.year > limit]
    steps = tuple(
        Step(
            round=r,
            change=(
                r.value - baseline.value
                if baseline is not None and baseline.value is not None and r.value is not None
                else None
            ),
        )
        for r in later
    )
    return MeasuredChange(figure_slug=figure_slug, baseline=baseline, steps=steps)


def marker_year(started_on: date, years: Sequence[int]) -> int | None:
    """The charted full-year round a start marker stands at, or ``None``.

    The marker stands at the first round whose year is the start year or later: the
    first round the practice can have affected. A start before the first charted year
    or after the last one gets no marker (it would sit at the edge of the chart and
    suggest a time the chart does not show).
    """
    ordered = sorted(years)
    if not ordered or started_on.year < ordered[0]:
        return None
    return next((year for year in ordered if year >= started_on.year), None)
