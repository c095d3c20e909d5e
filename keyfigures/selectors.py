"""Reads of the stored results, for every renderer (HTML now; JSON, CSV and PDF later).

Only published rounds are ever returned: nothing of an unpublished round may reach a
public page. No aggregation happens here; the values were computed by
``keyfigures.services.results_refresh``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from keyfigures.models import AgencyResult, GroupKind, GroupResult, RoundSummary
from keyfigures.registry import KeyFigure
from register.models import Agency
from register.size_classes import SizeClass, size_class_for
from surveys.models import PeriodType, Response, Round, RoundStatus


def published_rounds() -> list[Round]:
    return list(
        Round.objects.filter(status=RoundStatus.PUBLISHED)
        .select_related("summary")
        .order_by("year", "period_type")
    )


@dataclass
class NationalRow:
    round: Round
    summary: RoundSummary | None
    totals: dict[str, GroupResult]  # figure slug -> national total


def national_totals(rounds: list[Round]) -> list[NationalRow]:
    """The national total of each key figure per round, oldest first."""
    totals: dict[int, dict[str, GroupResult]] = defaultdict(dict)
    for group in GroupResult.objects.filter(round__in=rounds, kind=GroupKind.NATIONAL):
        totals[group.round_id][group.figure] = group
    return [
        NationalRow(
            round=r,
            summary=getattr(r, "summary", None),
            totals=totals.get(r.pk, {}),
        )
        for r in rounds
    ]


def previous_row(rows: list[NationalRow], index: int) -> NationalRow | None:
    """The previous round of the same length in a list of national rows."""
    current = rows[index].round
    for row in reversed(rows[:index]):
        if (row.round.period_type == PeriodType.YEAR) == (current.period_type == PeriodType.YEAR):
            return row
    return None


@dataclass
class Improver:
    agency: Agency
    result: AgencyResult


def biggest_improvers(*, round_: Round, figure: KeyFigure, limit: int = 5) -> list[Improver]:
    """The agencies whose value rose the most since the previous comparable round."""
    results = (
        AgencyResult.objects.filter(
            round=round_, figure=figure.slug, change__gt=0, round__status=RoundStatus.PUBLISHED
        )
        .select_related("agency")
        .order_by("-change" if figure.higher_is_better else "change", "agency__name")[:limit]
    )
    return [Improver(agency=r.agency, result=r) for r in results]


@dataclass
class ResultRow:
    response: Response
    agency: Agency
    size_class: SizeClass | None
    results: dict[str, AgencyResult] = field(default_factory=dict)


def round_result_rows(*, round_: Round) -> list[ResultRow]:
    """One row per agency in the round's population, with its stored results."""
    by_agency: dict[int, dict[str, AgencyResult]] = defaultdict(dict)
    for result in AgencyResult.objects.filter(round=round_):
        by_agency[result.agency_id][result.figure] = result
    responses = (
        Response.objects.filter(round=round_, round__status=RoundStatus.PUBLISHED)
        .select_related("agency")
        .order_by("agency__name")
    )
    return [
        ResultRow(
            response=response,
            agency=response.agency,
            size_class=size_class_for(response.fte),
            results=by_agency.get(response.agency_id, {}),
        )
        for response in responses
    ]


@dataclass
class AgencyRoundRow:
    round: Round
    response: Response
    results: dict[str, AgencyResult]
    national: dict[str, GroupResult]
    department: dict[str, GroupResult]
    size: dict[str, GroupResult]
    size_class: SizeClass | None


def agency_history(*, agency: Agency) -> list[AgencyRoundRow]:
    """The agency's published rounds with its results and its comparison groups."""
    responses = list(
        Response.objects.filter(agency=agency, round__status=RoundStatus.PUBLISHED)
        .select_related("round")
        .order_by("round__year", "round__period_type")
    )
    round_ids = [r.round_id for r in responses]
    results: dict[int, dict[str, AgencyResult]] = defaultdict(dict)
    for result in AgencyResult.objects.filter(agency=agency, round_id__in=round_ids):
        results[result.round_id][result.figure] = result
    groups: dict[tuple[int, str, str], dict[str, GroupResult]] = defaultdict(dict)
    size_keys = {r.round_id: size_class_for(r.fte) for r in responses}
    for group in GroupResult.objects.filter(round_id__in=round_ids):
        groups[(group.round_id, group.kind, group.key)][group.figure] = group
    rows = []
    for response in responses:
        size_class = size_keys[response.round_id]
        rows.append(
            AgencyRoundRow(
                round=response.round,
                response=response,
                results=results.get(response.round_id, {}),
                national=groups.get((response.round_id, GroupKind.NATIONAL, ""), {}),
                department=groups.get(
                    (response.round_id, GroupKind.DEPARTMENT, agency.department), {}
                ),
                size=groups.get(
                    (response.round_id, GroupKind.SIZE, size_class.slug if size_class else ""),
                    {},
                ),
                size_class=size_class,
            )
        )
    return rows


def figure_distribution(*, round_: Round, figure: KeyFigure) -> list[AgencyResult]:
    """The computable values of one key figure in one round, best first."""
    return list(
        AgencyResult.objects.filter(
            round=round_,
            figure=figure.slug,
            value__isnull=False,
            round__status=RoundStatus.PUBLISHED,
        )
        .select_related("agency")
        .order_by("-value" if figure.higher_is_better else "value", "agency__name")
    )


def agencies_in_published_rounds() -> list[Agency]:
    """Every agency that was in the population of a published round."""
    return list(
        Agency.objects.filter(responses__round__status=RoundStatus.PUBLISHED)
        .distinct()
        .order_by("name")
    )


def compare_histories(*, agencies: list[Agency]) -> dict[int, dict[int, dict[str, Decimal]]]:
    """agency id -> round id -> figure slug -> value, published rounds only."""
    values: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for result in AgencyResult.objects.filter(
        agency__in=agencies, value__isnull=False, round__status=RoundStatus.PUBLISHED
    ):
        assert result.value is not None
        values[result.agency_id][result.round_id][result.figure] = result.value
    return values
