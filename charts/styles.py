"""Colours, dash patterns and point shapes.

Every series differs from every other in colour, dash pattern *and* point shape, so no
series is told apart by colour alone (WCAG 1.4.1). Every mark colour has at least 3:1
contrast against the white chart background (WCAG 1.4.11); a test computes the ratios.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

FONT: Final = "DejaVu Sans, sans-serif"
BACKGROUND: Final = "#ffffff"
TEXT_COLOUR: Final = "#1a1a1a"
AXIS_COLOUR: Final = "#595959"
GRID_COLOUR: Final = "#e0e0e0"  # decorative: the axis labels carry the values
REFERENCE_COLOUR: Final = "#1a1a1a"

# Shapes Vega has no name for, as SVG paths in the unit square around the origin.
STAR: Final = (
    "M0,-1L0.235,-0.324L0.951,-0.309L0.383,0.124L0.588,0.809L0,0.4L-0.588,0.809"
    "L-0.383,0.124L-0.951,-0.309L-0.235,-0.324Z"
)
SALTIRE: Final = (
    "M-1,-0.6L-0.6,-1L0,-0.4L0.6,-1L1,-0.6L0.4,0L1,0.6L0.6,1L0,0.4L-0.6,1L-1,0.6L-0.4,0Z"
)


@dataclass(frozen=True)
class MarkStyle:
    colour: str
    dash: tuple[int, ...]  # () is a solid line
    shape: str


ROLE_STYLES: Final[Mapping[str, MarkStyle]] = {
    "agency": MarkStyle("#1f5fa8", (), "circle"),
    "national": MarkStyle("#1a1a1a", (8, 4), "square"),
    "department_median": MarkStyle("#b35900", (2, 3), "triangle-up"),
    "size_median": MarkStyle("#6a3d9a", (10, 3, 2, 3), "diamond"),
    "other": MarkStyle("#00758a", (4, 4), "cross"),
}

# Ten distinct combinations for the comparison chart (2–10 agencies), used in order.
CYCLE_STYLES: Final[tuple[MarkStyle, ...]] = (
    MarkStyle("#1f5fa8", (), "circle"),
    MarkStyle("#b35900", (8, 4), "square"),
    MarkStyle("#1b7d3a", (2, 3), "triangle-up"),
    MarkStyle("#6a3d9a", (10, 3, 2, 3), "diamond"),
    MarkStyle("#b0124e", (4, 4), "cross"),
    MarkStyle("#00758a", (12, 4), "triangle-down"),
    MarkStyle("#8a6d00", (2, 6), STAR),
    MarkStyle("#4d4d4d", (8, 3, 2, 3, 2, 3), SALTIRE),
    MarkStyle("#0b3d91", (16, 4, 4, 4), "triangle-right"),
    MarkStyle("#a63603", (6, 2), "triangle-left"),
)

# Quartile classes. The fills are darker than the table's cell colours so that the
# bars keep 3:1 against white; the class is also written in the legend, under the bars
# and in every bar's description.
CLASS_COLOURS: Final[Mapping[str, str]] = {
    "green": "#1b7d3a",
    "yellow": "#a67c00",
    "red": "#c62828",
}
CLASS_NAMES: Final[Mapping[str, tuple[str, str]]] = {
    "green": ("grön", "green"),
    "yellow": ("gul", "yellow"),
    "red": ("röd", "red"),
}
HIGHLIGHT_SHAPE: Final = "triangle-down"


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
