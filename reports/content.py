"""What the yearly report and an agency's report card contain, built from the selectors.

Both the HTML pages and the PDF files render these contexts, so they always agree. The
report body is Swedish; numbers are formatted in the templates with the site's filters
and in the generated sentences with ``reports.sentences``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.conf import settings

from charts.builders import Chart
from keyfigures import selectors as kf
from keyfigures.models import AgencyResult, GroupResult, ResultState
from keyfigures.registry import KEY_FIGURES, KeyFigure
from learning import selectors as learning_selectors
from learning.selectors import AgencyLearning, ClimberRow, GoalProgressItem
from practices.models import Practice, Theme
from practices.selectors import published_practices
from public import charts_for_pages
from publishing.models import Correction, Publication
from register.models import Agency
from reports import selectors, sentences
from surveys.models import PeriodType, Round

LANGUAGE = "sv"  # the report body is Swedish


def _fraction(value: Decimal | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def _exact(group: GroupResult | None, figure: KeyFigure) -> Fraction | None:
    """A group's exact ratio of sums (the stored sums are exact)."""
    if group is None or group.value is None or not group.denominator_sum:
        return None
    return Fraction(figure.scale * group.numerator_sum, group.denominator_sum)


def _exact_result(result: AgencyResult | None, figure: KeyFigure) -> Fraction | None:
    if result is None or result.state != ResultState.VALUE:
        return None
    if result.numerator is None or not result.denominator:
        return None
    return Fraction(figure.scale * result.numerator, result.denominator)


@dataclass
class FigureSection:
    figure: KeyFigure
    national: GroupResult | None
    previous_national: GroupResult | None
    sentence: str
    class_counts: dict[str, int]
    class_sentence: str
    improvers: list[kf.Improver]
    trend_chart: Chart | None
    distribution_chart: Chart | None
    department_leader: str


@dataclass
class YearlyReport:
    round: Round
    publication: Publication | None
    previous_round: Round | None
    national_rows: list[kf.NationalRow]  # published rounds up to this one, oldest first
    summary_sentence: str
    headline_sentences: list[str]
    sections: list[FigureSection]
    departments: list[selectors.DepartmentRow]
    climbers: list[ClimberRow]
    versions: list[tuple[Publication, list[Correction]]]
    population_min_fte: int
    figures: tuple[KeyFigure, ...] = KEY_FIGURES

    @property
    def has_half_years(self) -> bool:
        return any(row.round.period_type != PeriodType.YEAR for row in self.national_rows)


def yearly_report(*, round_: Round) -> YearlyReport:
    """Everything the yearly report of a published full-year round shows."""
    # Every published round up to the report's year, half-years (2015–2018) included; the
    # charts and the comparisons use the full years only (public.charts_for_pages).
    rounds = [r for r in kf.published_rounds() if r.year <= round_.year]
    rows = kf.national_totals(rounds)
    index = next(i for i, row in enumerate(rows) if row.round.pk == round_.pk)
    row = rows[index]
    previous = kf.previous_row(rows, index)
    result_rows = kf.round_result_rows(round_=round_)
    departments = selectors.department_results(round_=round_)

    summary = row.summary
    summary_sentence = (
        sentences.response_sentence(
            n_answered=summary.n_answered, n_population=summary.n_population, label=round_.label
        )
        if summary is not None
        else ""
    )
    sections = []
    headlines = []
    for figure in KEY_FIGURES:
        now = row.totals.get(figure.slug)
        before = previous.totals.get(figure.slug) if previous else None
        sentence = sentences.change_sentence(
            subject=sentences.SUBJECTS.get(figure.slug, figure.name_sv),
            before=_exact(before, figure),
            after=_exact(now, figure),
            unit=figure.unit,
            before_label=previous.round.label if previous else "",
            after_label=round_.label,
            decimals=figure.display_decimals,
        )
        if previous is None:
            value = _exact(now, figure)
            sentence = (
                f"{sentences.SUBJECTS.get(figure.slug, figure.name_sv)} var "
                f"{sentences.value_text(value, unit=figure.unit)} år {round_.label}."
                if value is not None
                else f"{sentences.SUBJECTS.get(figure.slug, figure.name_sv)} kunde inte "
                f"beräknas år {round_.label}."
            )
        headlines.append(sentence)
        counts: Counter[str] = Counter()
        for result_row in result_rows:
            result = result_row.results.get(figure.slug)
            if result is not None and result.figure_class:
                counts[result.figure_class] += 1
        distribution = kf.figure_distribution(round_=round_, figure=figure)
        leader = max(
            (
                (value, d.department)
                for d in departments
                if (value := _exact(d.groups.get(figure.slug), figure)) is not None
            ),
            default=None,
        )
        sections.append(
            FigureSection(
                figure=figure,
                national=now,
                previous_national=before,
                sentence=sentence,
                class_counts=dict(counts),
                class_sentence=sentences.class_sentence(
                    subject=figure.name_sv,
                    green=counts["green"],
                    yellow=counts["yellow"],
                    red=counts["red"],
                    grey=counts["grey"],
                ),
                improvers=kf.biggest_improvers(round_=round_, figure=figure),
                trend_chart=charts_for_pages.figure_trend_chart(figure, rows, LANGUAGE),
                distribution_chart=charts_for_pages.distribution_chart_for(
                    figure, round_, distribution, row, LANGUAGE
                )
                if distribution
                else None,
                department_leader=sentences.leader_sentence(
                    subject=f"{figure.name_sv} per departement",
                    name=leader[1] if leader else None,
                    value=leader[0] if leader else None,
                    unit=figure.unit,
                ),
            )
        )
    return YearlyReport(
        round=round_,
        publication=kf.round_publication(round_=round_),
        previous_round=previous.round if previous else None,
        national_rows=rows,
        summary_sentence=summary_sentence,
        headline_sentences=headlines,
        sections=sections,
        departments=departments,
        climbers=learning_selectors.round_climbers(round_=round_),
        versions=kf.round_corrections(round_=round_),
        population_min_fte=int(getattr(settings, "POPULATION_MIN_FTE", 50)),
    )


@dataclass
class CardFigure:
    figure: KeyFigure
    result: AgencyResult | None
    national: GroupResult | None
    department: GroupResult | None
    size: GroupResult | None
    type_median: Fraction | None
    sentence: str


@dataclass
class PracticeItem:
    practice: Practice
    themes: list[str]
    figures: list[str]


@dataclass
class AgencyCard:
    round: Round
    agency: Agency
    row: kf.AgencyRoundRow
    publication: Publication | None
    figures: list[CardFigure]
    learning: AgencyLearning | None
    goals: list[GoalProgressItem]
    practices: list[PracticeItem] = field(default_factory=list)

    @property
    def is_corrected(self) -> bool:
        return any(f.result is not None and f.result.is_corrected for f in self.figures)


def agency_card(*, round_: Round, agency: Agency) -> AgencyCard | None:
    """One agency's report card for a published full-year round; None if it was not in
    the round's published version."""
    history = [
        row
        for row in kf.agency_history(agency=agency)
        if row.round.year < round_.year
        or (row.round.year == round_.year and row.round.period_type == PeriodType.YEAR)
    ]
    row = next((r for r in history if r.round.pk == round_.pk), None)
    if row is None:
        return None
    learning = learning_selectors.agency_learning(agency=agency, history=history)
    type_values = (
        learning.type_values if learning is not None and learning.round.pk == round_.pk else {}
    )
    figures = []
    for figure in KEY_FIGURES:
        result = row.results.get(figure.slug)
        previous_label = result.previous_round.label if result and result.previous_round else ""
        subject = sentences.SUBJECTS.get(figure.slug, figure.name_sv)
        if result is not None and result.state == ResultState.VALUE and result.previous_round:
            sentence = sentences.change_sentence(
                subject=subject,
                before=_fraction(result.previous_value),
                after=_exact_result(result, figure),
                unit=figure.unit,
                before_label=previous_label,
                after_label=round_.label,
                decimals=figure.display_decimals,
            )
        elif (value := _exact_result(result, figure)) is not None:
            shown = sentences.value_text(value, unit=figure.unit)
            sentence = (
                f"{subject} var {shown} år {round_.label}; det finns inget jämförbart värde "
                "från en tidigare omgång."
            )
        else:
            sentence = f"{subject} kunde inte beräknas år {round_.label}."
        type_group = type_values.get(figure.slug)
        figures.append(
            CardFigure(
                figure=figure,
                result=result,
                national=row.national.get(figure.slug),
                department=row.department.get(figure.slug),
                size=row.size.get(figure.slug),
                type_median=type_group.median if type_group else None,
                sentence=sentence,
            )
        )
    theme_labels = dict(Theme.choices)
    practices = [
        PracticeItem(
            practice=p,
            themes=[str(theme_labels.get(t, t)) for t in p.themes],
            figures=[f.name_sv for f in KEY_FIGURES if f.slug in p.figures],
        )
        for p in published_practices(agency=agency)
    ]
    return AgencyCard(
        round=round_,
        agency=agency,
        row=row,
        publication=kf.round_publication(round_=round_),
        figures=figures,
        learning=learning if learning is not None and learning.round.pk == round_.pk else None,
        goals=learning_selectors.agency_goal_progress(agency=agency, history=history),
        practices=practices,
    )


def yearly_context(report: YearlyReport) -> dict[str, Any]:
    return {"report": report, "round": report.round, "figures": KEY_FIGURES}


def card_context(card: AgencyCard) -> dict[str, Any]:
    return {"card": card, "round": card.round, "agency": card.agency, "figures": KEY_FIGURES}
