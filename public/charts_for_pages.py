"""Turn selector results into chart inputs and build the pages' charts.

The charts app knows nothing of the database; this module is the one place that maps
stored results to its plain data classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format

from charts.builders import Chart, compare_chart, distribution_chart, trend_chart
from charts.data import Bar, Marker, Point, Reference, Series
from charts.values import value_text, value_with_unit
from keyfigures.models import AgencyResult
from keyfigures.registry import KEY_FIGURES, KEY_FIGURES_BY_SLUG, KeyFigure
from keyfigures.selectors import AgencyRoundRow, NationalRow
from learning.selectors import goal_list
from practices.measured import marker_year
from practices.selectors import published_practices
from register.models import Agency
from surveys.models import PeriodType, Round


@dataclass
class FigureChart:
    figure: KeyFigure
    chart: Chart


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _year_rows(rows: list[NationalRow]) -> list[NationalRow]:
    """Full-year rounds only: half-year e-orders are not comparable with full years."""
    return [row for row in rows if row.round.period_type == PeriodType.YEAR]


def _national_series(rows: list[NationalRow], figure: KeyFigure, language: str) -> Series:
    return Series(
        label="Alla myndigheter" if language == "sv" else "All agencies",
        points=[
            Point(
                period_label=row.round.label,
                value=_float(row.totals[figure.slug].value) if figure.slug in row.totals else None,
            )
            for row in rows
        ],
        role="national",
    )


def national_trend_charts(rows: list[NationalRow], language: str) -> list[Chart]:
    charts = [figure_trend_chart(figure, rows, language) for figure in KEY_FIGURES]
    return [chart for chart in charts if chart is not None]


def figure_trend_chart(figure: KeyFigure, rows: list[NationalRow], language: str) -> Chart | None:
    rows = _year_rows(rows)
    if not rows:
        return None
    return trend_chart(
        element_id=f"trend-{figure.slug}",
        series=[_national_series(rows, figure, language)],
        figure=figure,
        language=language,
        title=figure.name(language),
    )


MARKER_LABEL_MAX = 28


def practice_markers(
    agency: Agency, rows: list[AgencyRoundRow], language: str
) -> dict[str, list[Marker]]:
    """Per key figure, a marker at the start of each published practice that aimed at it
    (practices.measured.marker_year says at which round)."""
    years = [row.round.year for row in rows]
    labels = {row.round.year: row.round.label for row in rows}
    markers: dict[str, list[Marker]] = {}
    for practice in reversed(list(published_practices(agency=agency))):  # oldest first
        year = marker_year(practice.started_on, years)
        if year is None:
            continue
        title = practice.title
        short = title if len(title) <= MARKER_LABEL_MAX else title[: MARKER_LABEL_MAX - 1] + "…"
        started = date_format(practice.started_on, "j F Y")
        description = (
            f"the practice “{title}” started on {started}"
            if language == "en"
            else f"exemplet ”{title}” (Så gjorde vi) började {started}"
        )
        for slug in practice.figures:
            markers.setdefault(slug, []).append(
                Marker(
                    period_label=labels[year],
                    label=f"Start: {short}",
                    description=description[0].upper() + description[1:] + ".",
                )
            )
    return markers


def goal_references(agency: Agency, language: str) -> dict[str, list[Reference]]:
    """Per key figure, a horizontal reference line at each of the agency's goals: the
    absolute level beside the relative classes."""
    references: dict[str, list[Reference]] = {}
    for goal in goal_list(agencies=[agency]):
        figure = KEY_FIGURES_BY_SLUG.get(goal.figure)
        if figure is None:
            continue
        value = float(goal.value)
        short = value_text(value, figure, language)
        label = f"Goal {goal.year}: {short}" if language == "en" else f"Mål {goal.year}: {short}"
        full = value_with_unit(value, figure, language)
        description = (
            f"The agency's goal for {goal.year} is {full}"
            if language == "en"
            else f"Myndighetens mål för {goal.year} är {full}"
        )
        references.setdefault(figure.slug, []).append(
            Reference(value=value, label=label, description=description)
        )
    return references


def agency_charts(
    agency: Agency, history: list[AgencyRoundRow], language: str
) -> list[FigureChart]:
    rows = [row for row in history if row.round.period_type == PeriodType.YEAR]
    if not rows:
        return []
    sv = language == "sv"
    markers = practice_markers(agency, rows, language)
    references = goal_references(agency, language)
    charts = []
    for figure in KEY_FIGURES:

        def series(label: str, role: str, values: list[Decimal | None]) -> Series:
            return Series(
                label=label,
                role=role,
                points=[
                    Point(period_label=row.round.label, value=_float(value))
                    for row, value in zip(rows, values, strict=True)
                ],
            )

        def result_value(result: AgencyResult | None) -> Decimal | None:
            return result.value if result is not None else None

        national = [getattr(row.national.get(figure.slug), "value", None) for row in rows]
        department = [getattr(row.department.get(figure.slug), "median", None) for row in rows]
        size = [getattr(row.size.get(figure.slug), "median", None) for row in rows]
        chart = trend_chart(
            element_id=f"agency-{figure.slug}",
            series=[
                series(
                    agency.name,
                    "agency",
                    [result_value(row.results.get(figure.slug)) for row in rows],
                ),
                series("Alla myndigheter" if sv else "All agencies", "national", national),
                series(
                    "Median i departementet" if sv else "Ministry median",
                    "department_median",
                    department,
                ),
                series(
                    "Median i storleksklassen" if sv else "Size class median", "size_median", size
                ),
            ],
            figure=figure,
            language=language,
            title=f"{figure.name(language)}: {agency.name}",
            markers=markers.get(figure.slug, ()),
            references=references.get(figure.slug, ()),
        )
        charts.append(FigureChart(figure=figure, chart=chart))
    return charts


def distribution_chart_for(
    figure: KeyFigure,
    round_: Round,
    results: list[AgencyResult],
    national_row: NationalRow | None,
    language: str,
) -> Chart:
    total = national_row.totals.get(figure.slug) if national_row else None
    return distribution_chart(
        element_id=f"distribution-{figure.slug}",
        bars=[
            Bar(label=r.agency.name, value=float(r.value), css_class=r.figure_class)
            for r in results
            if r.value is not None
        ],
        figure=figure,
        language=language,
        title=f"{figure.name(language)} {round_.label}",
        national_total=_float(total.value) if total else None,
    )


def compare_charts(
    agencies: list[Agency],
    rounds: list[Round],
    values: dict[int, dict[int, dict[str, Decimal]]],
    language: str,
) -> list[FigureChart]:
    year_rounds = [r for r in rounds if r.period_type == PeriodType.YEAR]
    charts = []
    for figure in KEY_FIGURES:
        series = [
            Series(
                label=agency.name,
                role="other",
                points=[
                    Point(
                        period_label=r.label,
                        value=_float(values.get(agency.pk, {}).get(r.pk, {}).get(figure.slug)),
                    )
                    for r in year_rounds
                ],
            )
            for agency in agencies
        ]
        charts.append(
            FigureChart(
                figure=figure,
                chart=compare_chart(
                    element_id=f"compare-{figure.slug}",
                    series=series,
                    figure=figure,
                    language=language,
                    title=figure.name(language),
                ),
            )
        )
    return charts
