"""Goal progress: how far an agency is from its target, and where its trend leads.

Pure: no Django, no database. Values are in display units (percent for shares, e-orders
per 100 ÅA) as exact fractions. The projection is a straight line fitted by least
squares through the agency's full-year values and read off at the target year. It is a
linear extrapolation, not a forecast, and the pages say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

MIN_POINTS = 2


@dataclass(frozen=True)
class Progress:
    latest_year: int | None
    latest: Fraction | None  # the latest value, None without any
    gap: Fraction | None  # target - latest (positive: the value must rise)
    reached: bool | None  # the latest value already meets the target
    slope: Fraction | None  # change per year of the fitted line
    projected: Fraction | None  # the line's value in the target year; None: cannot project
    reaches: bool | None  # the projected value meets the target; None: cannot project
    n_points: int

    @property
    def can_project(self) -> bool:
        return self.projected is not None


def _meets(value: Fraction, target: Fraction, higher_is_better: bool) -> bool:
    return value >= target if higher_is_better else value <= target


def linear_fit(points: Sequence[tuple[int, Fraction]]) -> tuple[Fraction, Fraction] | None:
    """(slope, intercept) of the least-squares line, exactly; None for fewer than two
    distinct years."""
    n = len(points)
    if n < MIN_POINTS or len({year for year, _ in points}) < MIN_POINTS:
        return None
    sum_x = sum(Fraction(year) for year, _ in points)
    sum_y = sum((Fraction(value) for _, value in points), Fraction(0))
    sum_xy = sum((Fraction(year) * Fraction(value) for year, value in points), Fraction(0))
    sum_xx = sum(Fraction(year) * year for year, _ in points)
    slope = (n * sum_xy - sum_x * sum_y) / (n * sum_xx - sum_x * sum_x)
    intercept = (sum_y - slope * sum_x) / n
    return slope, intercept


def goal_progress(
    *,
    points: Sequence[tuple[int, Fraction]],
    target: Fraction,
    target_year: int,
    higher_is_better: bool,
    upper: Fraction | None = None,
) -> Progress:
    """Progress towards ``target`` by ``target_year`` from the (year, value) points.

    ``upper`` caps the projection (100 for shares); a projection never goes below 0.
    """
    ordered = sorted((year, Fraction(value)) for year, value in points)
    target = Fraction(target)
    if not ordered:
        return Progress(None, None, None, None, None, None, None, 0)
    latest_year, latest = ordered[-1]
    fit = linear_fit(ordered)
    slope = projected = None
    reaches = None
    if fit is not None:
        slope, intercept = fit
        projected = max(Fraction(0), intercept + slope * target_year)
        if upper is not None:
            projected = min(Fraction(upper), projected)
        reaches = _meets(projected, target, higher_is_better)
    return Progress(
        latest_year=latest_year,
        latest=latest,
        gap=target - latest,
        reached=_meets(latest, target, higher_is_better),
        slope=slope,
        projected=projected,
        reaches=reaches,
        n_points=len(ordered),
    )
