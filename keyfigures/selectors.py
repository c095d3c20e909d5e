"""Reads of the stored results, for every renderer (HTML now; JSON, CSV and PDF later).

Embargo: every function here reads the **published** basis only: results computed from
the latest published version of each round (``publishing.models.Publication``), never
from live responses. A round without a publication does not exist for these readers,
and a round reopened for corrections shows its last published version until it is
published again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Q

from keyfigures.models import AgencyResult, Basis, GroupKind, GroupResult, RoundSummary
from keyfigures.registry import KeyFigure
from publishing.models import Correction, Publication, PublishedResponse
from register.models import Agency
from register.size_classes import SizeClass, size_class_for
from surveys.models import PeriodType, Round

PUBLISHED = Basis.PUBLISHED


def published_rounds() -> list[Round]:
    """Rounds with at least one publication, oldest first."""
    return list(
        Round.objects.filter(publications__isnull=False).distinct().order_by("year", "period_type")
    )


def _latest_publications(rounds: list[Round] | None = None) -> list[Publication]:
    latest = Publication.objects.values("round_id").annotate(version=Max("version"))
    if rounds is not None:
        latest = latest.filter(round__in=rounds)
    condition = Q(pk__in=[])
    for row in latest:
        condition |= Q(round_id=row["round_id"], version=row["version"])
    return list(Publication.objects.filter(condition).select_related("round"))


@dataclass
class NationalRow:
    round: Round
    summary: RoundSummary | None
    totals: dict[str, GroupResult]  # figure slug -> national total


def national_totals(rounds: list[Round]) -> list[NationalRow]:
    """The national total of each key figure per round, oldest first."""
    totals: dict[int, dict[str, GroupResult]] = defaultdict(dict)
    for group in GroupResult.objects.filter(
        round__in=rounds, kind=GroupKind.NATIONAL, basis=PUBLISHED
    ):
        totals[group.round_id][group.figure] = group
    summaries = {
        s.round_id: s for s in RoundSummary.objects.filter(round__in=rounds, basis=PUBLISHED)
    }
    return [
        NationalRow(
            round=r,
            summary=summaries.get(r.pk),
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
        AgencyResult.objects.filter(round=round_, figure=figure.slug, basis=PUBLISHED, change__gt=0)
        .select_related("agency")
        .order_by("-change" if figure.higher_is_better else "change", "agency__name")[:limit]
    )
    return [Improver(agency=r.agency, result=r) for r in results]


@dataclass
class ResultRow:
    response: PublishedResponse
    agency: Agency
    size_class: SizeClass | None
    results: dict[str, AgencyResult] = field(default_factory=dict)


def round_publication(*, round_: Round) -> Publication | None:
    publications = _latest_publications([round_])
    return publications[0] if publications else None


def round_result_rows(*, round_: Round) -> list[ResultRow]:
    """One row per agency in the round's latest published version, with its results."""
    publication = round_publication(round_=round_)
    if publication is None:
        return []
    by_agency: dict[int, dict[str, AgencyResult]] = defaultdict(dict)
    for result in AgencyResult.objects.filter(round=round_, basis=PUBLISHED):
        by_agency[result.agency_id][result.figure] = result
    snapshots = publication.responses.select_related("agency").order_by("agency__name")
    return [
        ResultRow(
            response=snapshot,
            agency=snapshot.agency,
            size_class=size_class_for(snapshot.fte),
            results=by_agency.get(snapshot.agency_id, {}),
        )
        for snapshot in snapshots
    ]


def round_corrections(*, round_: Round) -> list[tuple[Publication, list[Correction]]]:
    """Every published version of a round with the corrections it made, newest first."""
    publications = list(round_.publications.order_by("-version"))
    corrections: dict[int, list[Correction]] = defaultdict(list)
    for correction in Correction.objects.filter(publication__in=publications).select_related(
        "agency"
    ):
        corrections[correction.publication_id].append(correction)
    return [(p, corrections.get(p.pk, [])) for p in publications]


@dataclass
class AgencyRoundRow:
    round: Round
    response: PublishedResponse
    results: dict[str, AgencyResult]
    national: dict[str, GroupResult]
    department: dict[str, GroupResult]
    size: dict[str, GroupResult]
    size_class: SizeClass | None


def agency_history(*, agency: Agency) -> list[AgencyRoundRow]:
    """The agency's published rounds with its results and its comparison groups."""
    publications = _latest_publications()
    snapshots = sorted(
        PublishedResponse.objects.filter(
            agency=agency, publication__in=publications
        ).select_related("publication__round"),
        key=lambda s: (s.publication.round.year, s.publication.round.period_type),
    )
    round_ids = [s.publication.round_id for s in snapshots]
    results: dict[int, dict[str, AgencyResult]] = defaultdict(dict)
    for result in AgencyResult.objects.filter(
        agency=agency, round_id__in=round_ids, basis=PUBLISHED
    ):
        results[result.round_id][result.figure] = result
    groups: dict[tuple[int, str, str], dict[str, GroupResult]] = defaultdict(dict)
    for group in GroupResult.objects.filter(round_id__in=round_ids, basis=PUBLISHED):
        groups[(group.round_id, group.kind, group.key)][group.figure] = group
    rows = []
    for snapshot in snapshots:
        round_id = snapshot.publication.round_id
        size_class = size_class_for(snapshot.fte)
        rows.append(
            AgencyRoundRow(
                round=snapshot.publication.round,
                response=snapshot,
                results=results.get(round_id, {}),
                national=groups.get((round_id, GroupKind.NATIONAL, ""), {}),
                department=groups.get((round_id, GroupKind.DEPARTMENT, agency.department), {}),
                size=groups.get(
                    (round_id, GroupKind.SIZE, size_class.slug if size_class else ""), {}
                ),
                size_class=size_class,
            )
        )
    return rows


def figure_distribution(*, round_: Round, figure: KeyFigure) -> list[AgencyResult]:
    """The computable values of one key figure in one round, best first."""
    return list(
        AgencyResult.objects.filter(
            round=round_, figure=figure.slug, basis=PUBLISHED, value__isnull=False
        )
        .select_related("agency")
        .order_by("-value" if figure.higher_is_better else "value", "agency__name")
    )


def agencies_in_published_rounds() -> list[Agency]:
    """Every agency that was in a published version of a round."""
    return list(
        Agency.objects.filter(
            pk__in=PublishedResponse.objects.filter(publication__in=_latest_publications()).values(
                "agency_id"
            )
        ).order_by("name")
    )


def compare_histories(*, agencies: list[Agency]) -> dict[int, dict[int, dict[str, Decimal]]]:
    """agency id -> round id -> figure slug -> value, published versions only."""
    values: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for result in AgencyResult.objects.filter(
        agency__in=agencies, value__isnull=False, basis=PUBLISHED
    ):
        assert result.value is not None
        values[result.agency_id][result.round_id][result.figure] = result.value
    return values
