"""The chart inputs: plain, already computed values. No database access in this app.

The pages (and later the PDF report) compute key figures through the selectors and pass
the results in here. A value of ``None`` means "not computable or not answered"; it is
drawn as a gap and written as "ej beräkningsbart", never as 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from charts.exceptions import ChartDataError

ROLES: Final[tuple[str, ...]] = (
    "agency",
    "national",
    "department_median",
    "size_median",
    "other",
)
BAR_CLASSES: Final[tuple[str, ...]] = ("green", "yellow", "red")


def _check_value(value: object, where: str, *, allow_none: bool) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        expected = "a finite number or None" if allow_none else "a finite number"
        raise ChartDataError(f"{where}: the value must be {expected}, not {value!r}.")


@dataclass(frozen=True)
class Point:
    """One period's value; ``None`` is a gap (not computable or not answered)."""

    period_label: str
    value: float | None

    def __post_init__(self) -> None:
        _check_value(self.value, f"Point {self.period_label!r}", allow_none=True)


@dataclass(frozen=True)
class Series:
    """One line. The role selects colour, dash pattern and point shape together."""

    label: str
    points: list[Point]
    role: str = "agency"

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ChartDataError(f"Series {self.label!r}: unknown role {self.role!r}.")
        periods = [point.period_label for point in self.points]
        if len(set(periods)) != len(periods):
            raise ChartDataError(f"Series {self.label!r}: a period occurs more than once.")


@dataclass(frozen=True)
class Bar:
    """One agency in a distribution, with its (computable) value and quartile class."""

    label: str
    value: float
    css_class: str

    def __post_init__(self) -> None:
        if self.css_class not in BAR_CLASSES:
            raise ChartDataError(f"Bar {self.label!r}: unknown class {self.css_class!r}.")
        _check_value(self.value, f"Bar {self.label!r}", allow_none=False)


@dataclass(frozen=True)
class Reference:
    """An absolute level on a trend chart (an agency's goal, say): a horizontal rule at
    ``value`` in the figure's display units with a short label.

    ``description`` is the sentence the summary carries, so the line is not only visual.
    """

    value: float
    label: str
    description: str

    def __post_init__(self) -> None:
        _check_value(self.value, f"Reference {self.label!r}", allow_none=False)
        if not self.label.strip() or not self.description.strip():
            raise ChartDataError(f"Reference at {self.value!r}: label and description needed.")


@dataclass(frozen=True)
class Marker:
    """A moment on a trend chart: a vertical rule at a period with a short label.

    ``label`` is drawn in the chart (keep it short); ``description`` is the sentence the
    summary and the data table carry, so the marker is not only visual.
    """

    period_label: str
    label: str
    description: str

    def __post_init__(self) -> None:
        if not self.label.strip() or not self.description.strip():
            raise ChartDataError(f"Marker at {self.period_label!r}: label and description needed.")
