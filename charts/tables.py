"""The data table behind each chart, already formatted: the chart's text alternative.

The page renders it as a real ``<table>`` with a ``<caption>``, column headers with
``scope="col"`` and the first cell of each row as a row header with ``scope="row"``
(see ``templates/charts/chart.html``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from charts.data import Bar, Marker, Series
from charts.specs import period_order, sort_bars
from charts.styles import CLASS_NAMES
from charts.values import capitalised, is_percent, pick, value_text
from keyfigures.registry import KeyFigure

PERIOD: Final = ("Period", "Period")
AGENCY: Final = ("Myndighet", "Agency")
CLASS: Final = ("Klass", "Class")
MARKER: Final = ("Markering", "Marker")
ALL_AGENCIES: Final = ("Alla myndigheter tillsammans", "All agencies together")


@dataclass(frozen=True)
class ChartTable:
    caption: str
    columns: list[str]
    rows: list[list[str]]
    footer: list[list[str]] = field(default_factory=list)


def trend_table(
    *,
    series: Sequence[Series],
    figure: KeyFigure,
    language: str,
    title: str,
    markers: Sequence[Marker] = (),
) -> ChartTable:
    """One row per period, one column per series; with markers a last column names the
    markers of each period."""
    periods = period_order(series)
    values = [{p.period_label: p.value for p in one.points} for one in series]
    rows = [
        [period, *(value_text(by_period.get(period), figure, language) for by_period in values)]
        for period in periods
    ]
    columns = [pick(PERIOD, language), *(one.label for one in series)]
    if markers:
        columns.append(pick(MARKER, language))
        for row in rows:
            here = [m.description for m in markers if m.period_label == row[0]]
            row.append(" ".join(here) if here else "–")
    return ChartTable(caption=_caption(title, figure, language), columns=columns, rows=rows)


def compare_table(
    *, series: Sequence[Series], figure: KeyFigure, language: str, title: str
) -> ChartTable:
    """One row per agency, one column per period."""
    periods = period_order(series)
    rows = []
    for one in series:
        by_period = {p.period_label: p.value for p in one.points}
        rows.append([one.label, *(value_text(by_period.get(p), figure, language) for p in periods)])
    return ChartTable(
        caption=_caption(title, figure, language),
        columns=[pick(AGENCY, language), *periods],
        rows=rows,
    )


def distribution_table(
    *,
    bars: Sequence[Bar],
    figure: KeyFigure,
    language: str,
    title: str,
    national_total: float | None = None,
) -> ChartTable:
    """One row per agency in the chart's order, with its class in words."""
    rows = [
        [
            bar.label,
            value_text(bar.value, figure, language),
            capitalised(pick(CLASS_NAMES[bar.css_class], language)),
        ]
        for bar in sort_bars(bars, figure)
    ]
    footer = []
    if national_total is not None:
        footer.append(
            [pick(ALL_AGENCIES, language), value_text(national_total, figure, language), ""]
        )
    return ChartTable(
        caption=_caption(title, figure, language),
        columns=[pick(AGENCY, language), figure.name(language), pick(CLASS, language)],
        rows=rows,
        footer=footer,
    )


def _caption(title: str, figure: KeyFigure, language: str) -> str:
    """The title, with the unit when the cells do not carry it (percent cells do)."""
    return title if is_percent(figure) else f"{title} ({figure.unit_label(language)})"
