"""The one entry point the pages call: spec + SVG + summary + table in one ``Chart``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from charts.data import Bar, Marker, Reference, Series
from charts.render import render_svg
from charts.specs import compare_spec, distribution_spec, trend_spec
from charts.summaries import compare_summary, distribution_summary, trend_summary
from charts.tables import ChartTable, compare_table, distribution_table, trend_table
from keyfigures.registry import KeyFigure


@dataclass(frozen=True)
class Chart:
    """What ``charts/chart.html`` renders: ids derive from ``element_id``."""

    element_id: str
    title: str
    svg: SafeString
    summary: str
    table: ChartTable


def trend_chart(
    *,
    element_id: str,
    series: Sequence[Series],
    figure: KeyFigure,
    language: str,
    title: str,
    markers: Sequence[Marker] = (),
    references: Sequence[Reference] = (),
) -> Chart:
    """A key figure over the periods: the national line, an agency, group medians; each
    marker (a practice's start, say) a vertical rule, also named in summary and table;
    each reference (a goal, say) a horizontal rule, also named in the summary."""
    return _chart(
        element_id=element_id,
        title=title,
        language=language,
        spec=trend_spec(
            series=series,
            figure=figure,
            language=language,
            title=title,
            markers=markers,
            references=references,
        ),
        summary=trend_summary(
            series=series,
            figure=figure,
            language=language,
            markers=markers,
            references=references,
        ),
        table=trend_table(
            series=series, figure=figure, language=language, title=title, markers=markers
        ),
    )


def compare_chart(
    *,
    element_id: str,
    series: Sequence[Series],
    figure: KeyFigure,
    language: str,
    title: str,
) -> Chart:
    """2–10 agencies over the periods."""
    return _chart(
        element_id=element_id,
        title=title,
        language=language,
        spec=compare_spec(series=series, figure=figure, language=language, title=title),
        summary=compare_summary(series=series, figure=figure, language=language),
        table=compare_table(series=series, figure=figure, language=language, title=title),
    )


def distribution_chart(
    *,
    element_id: str,
    bars: Sequence[Bar],
    figure: KeyFigure,
    language: str,
    title: str,
    highlight: str | None = None,
    national_total: float | None = None,
    threshold: float | None = None,
) -> Chart:
    """All agencies with a computable value in one round, best first, by class."""
    spec = distribution_spec(
        bars=bars,
        figure=figure,
        language=language,
        title=title,
        highlight=highlight,
        national_total=national_total,
    )
    summary = distribution_summary(
        bars=bars, figure=figure, language=language, highlight=highlight, threshold=threshold
    )
    table = distribution_table(
        bars=bars, figure=figure, language=language, title=title, national_total=national_total
    )
    return _chart(
        element_id=element_id,
        title=title,
        language=language,
        spec=spec,
        summary=summary,
        table=table,
    )


def _chart(
    *,
    element_id: str,
    title: str,
    language: str,
    spec: Mapping[str, Any],
    summary: str,
    table: ChartTable,
) -> Chart:
    svg = render_svg(
        spec, language=language, element_id=element_id, title=title, description=summary
    )
    return Chart(
        element_id=element_id,
        title=title,
        # Safe: the markup comes from vl-convert, which escapes every text it draws, and
        # render_svg escapes the title and the description it adds (tests check both).
        svg=mark_safe(svg),  # noqa: S308
        summary=summary,
        table=table,
    )
