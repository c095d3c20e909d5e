"""Small builders and SVG readers shared by the chart tests."""

from __future__ import annotations

import re
from collections.abc import Sequence

from charts import Bar, Point, Series

NBSP = "\u00a0"
YEARS = ["2019", "2020", "2021", "2022", "2023", "2024"]


def series(
    label: str, values: Sequence[float | None], role: str = "agency", years: Sequence[str] = YEARS
) -> Series:
    return Series(
        label, [Point(year, value) for year, value in zip(years, values, strict=True)], role
    )


def national_and_agency() -> list[Series]:
    """The example in the brief: all agencies 76 → 94 %, Arbetsförmedlingen at 91 % in 2024."""
    return [
        series("Alla myndigheter", [76.0, 80.0, 85.0, 88.0, 92.0, 94.0], "national"),
        series("Arbetsförmedlingen", [70.0, None, 80.0, 85.0, 90.0, 91.0]),
    ]


def class_of(value: float) -> str:
    return "green" if value >= 95 else "yellow" if value >= 80 else "red"


def round_of_157() -> list[Bar]:
    """157 agencies: 63 at 96 %, 15 at 93 %, one at 92 % (the median) and 78 at 50 %."""
    values = [96.0] * 63 + [93.0] * 15 + [92.0] + [50.0] * 78
    return [Bar(f"Myndighet {i:03}", value, class_of(value)) for i, value in enumerate(values)]


def texts(svg: str) -> list[str]:
    """The text of every <text> element (each line of a multi-line one), unescaped."""
    found: list[str] = []
    for content in re.findall(r"<text\b[^>]*>(.*?)</text>", svg):
        lines = re.findall(r"<tspan\b[^>]*>([^<]*)</tspan>", content) or [content]
        found.extend(_unescape(line) for line in lines)
    return found


def mark_titles(svg: str) -> list[str]:
    """The descriptions on the marks (``<title>`` children, shown as tooltips)."""
    return [
        _unescape(title) for title in re.findall(r"<path\b[^>]*><title>([^<]*)</title></path>", svg)
    ]


def root_tag(svg: str) -> str:
    match = re.match(r"<svg\b[^>]*>", svg)
    assert match, svg[:200]
    return match.group(0)


def line_paths(svg: str) -> list[str]:
    """The <path> elements that draw the lines of a line chart."""
    groups = re.findall(r'<g class="mark-line role-mark[^"]*"[^>]*>(.*?)</g>', svg)
    return [path for group in groups for path in re.findall(r"<path\b[^>]*>", group)]


def attribute(tag: str, name: str) -> str | None:
    match = re.search(rf'\b{name}="([^"]*)"', tag)
    return match.group(1) if match else None


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
