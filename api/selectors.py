"""Reads for the public API. Published data only.

Like ``keyfigures.selectors`` (which this module builds on), every function here reads
the **published** basis: rounds with a ``Publication``, the snapshots of each round's
latest publication (``PublishedResponse``) and the results computed from them
(``AgencyResult``/``GroupResult`` with basis ``published``). A draft or open round that
was never published does not exist here, and nothing follows a practice's contact.
Each function runs a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.text import slugify

from keyfigures.classification import median, ratio_of_sums
from keyfigures.models import AgencyResult, Basis, GroupKind, GroupResult, ResultState, RoundSummary
from keyfigures.registry import KEY_FIGURES, KeyFigure
from keyfigures.selectors import published_rounds
from learning.agency_types import AgencyType
from learning.models import AgencyTypeChoice
from learning.selectors import agency_types
from practices.models import Practice
from practices.selectors import practices_filter, published_practices
from publishing.models import Publication, PublishedResponse
from register.models import Agency
from register.size_classes import SIZE_CLASSES, SizeClass, size_class_for
from surveys.models import ResponseStatus, Round

PUBLISHED = Basis.PUBLISHED


# --- rounds and publications -------------------------------------------------------


def latest_publications(rounds: list[Round]) -> dict[int, Publication]:
    """round id -> the round's latest publication (one query)."""
    latest: dict[int, Publication] = {}
    for publication in Publication.objects.filter(round__in=rounds).order_by("round_id", "version"):
        latest[publication.round_id] = publication
    return latest


def first_publications(rounds: list[Round]) -> dict[int, Publication]:
    first: dict[int, Publication] = {}
    for publication in Publication.objects.filter(round__in=rounds).order_by(
        "round_id", "-version"
    ):
        first[publication.round_id] = publication
    return first


def round_get(slug: str) -> Round | None:
    """A published round by slug; None for an unknown or unpublished one."""
    return next((r for r in published_rounds() if r.slug == slug), None)


@dataclass
class RoundItem:
    round: Round
    first: Publication
    latest: Publication
    summary: RoundSummary | None


def round_list() -> list[RoundItem]:
    rounds = published_rounds()
    latest = latest_publications(rounds)
    first = first_publications(rounds)
    summaries = {
        s.round_id: s for s in RoundSummary.objects.filter(round__in=rounds, basis=PUBLISHED)
    }
    return [
        RoundItem(round=r, first=first[r.pk], latest=latest[r.pk], summary=summaries.get(r.pk))
        for r in rounds
    ]


def rounds_published_after(since: datetime) -> list[int]:
    """Ids of the published rounds whose latest publication is later than ``since``."""
    rounds = published_rounds()
    return [
        round_id
        for round_id, publication in latest_publications(rounds).items()
        if publication.published_at > since
    ]


# --- agencies ----------------------------------------------------------------------


def public_agencies() -> QuerySet[Agency]:
    """Agencies in the latest publication of at least one published round, by name."""
    rounds = published_rounds()
    publications = list(latest_publications(rounds).values())
    return (
        Agency.objects.filter(
            Exists(
                PublishedResponse.objects.filter(
                    agency=OuterRef("pk"), publication__in=publications
                )
            )
        )
        .prefetch_related("former_names")
        .order_by("name", "pk")
    )


def agency_get(org_nr: str) -> Agency | None:
    return public_agencies().filter(org_nr=org_nr).first()


def agency_rounds(agencies: list[Agency]) -> dict[int, list[tuple[Round, PublishedResponse]]]:
    """agency id -> [(round, snapshot)] in the latest publication of each published round."""
    rounds = published_rounds()
    publications = latest_publications(rounds)
    by_id = {r.pk: r for r in rounds}
    result: dict[int, list[tuple[Round, PublishedResponse]]] = defaultdict(list)
    order = {r.pk: index for index, r in enumerate(rounds)}
    snapshots = PublishedResponse.objects.filter(
        agency__in=agencies, publication__in=list(publications.values())
    ).select_related("publication")
    for snapshot in sorted(snapshots, key=lambda s: order[s.publication.round_id]):
        result[snapshot.agency_id].append((by_id[snapshot.publication.round_id], snapshot))
    return result


# --- peer groups -------------------------------------------------------------------


@dataclass(frozen=True)
class PeerGroup:
    """A predefined comparison group: ``kind:key``."""

    kind: str  # "department", "size" or "type"
    key: str
    name_sv: str
    name_en: str
    department: str = ""  # the register's department name (kind "department")
    size_class: SizeClass | None = None

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.key}"


def _thousands(value: int) -> tuple[str, str]:
    return f"{value:,}".replace(",", "\u00a0"), f"{value:,}"


def size_group(size_class: SizeClass) -> PeerGroup:
    lower_sv, lower_en = _thousands(size_class.lower)
    if size_class.upper is None:
        sv, en = f"{lower_sv} ÅA eller fler", f"{lower_en} FTE or more"
    else:
        upper_sv, upper_en = _thousands(size_class.upper)
        if size_class.lower == 0:
            sv, en = f"Upp till {upper_sv} ÅA", f"Up to {upper_en} FTE"
        else:
            sv, en = f"{lower_sv}–{upper_sv} ÅA", f"{lower_en}–{upper_en} FTE"
    return PeerGroup(
        kind="size", key=size_class.slug, name_sv=sv, name_en=en, size_class=size_class
    )


TYPE_NAMES_EN = {
    AgencyType.UNIVERSITY: "Universities and university colleges",
    AgencyType.COUNTY_BOARD: "County administrative boards",
    AgencyType.COURT: "Courts",
    AgencyType.OTHER: "Other agencies",
}


def type_group(agency_type: AgencyType) -> PeerGroup:
    label = AgencyTypeChoice(agency_type.value).label
    # The choice label is lazy; the API states the Swedish name explicitly.
    from django.utils import translation

    with translation.override("sv"):
        name_sv = str(label)
    return PeerGroup(
        kind="type", key=agency_type.value, name_sv=name_sv, name_en=TYPE_NAMES_EN[agency_type]
    )


def department_group(department: str) -> PeerGroup:
    return PeerGroup(
        kind="department",
        key=slugify(department),
        name_sv=department,
        name_en=department,
        department=department,
    )


def peer_groups() -> list[PeerGroup]:
    """Every predefined group: the departments of the public agencies, the ÅA size
    classes and the agency types."""
    departments = sorted({d for d in public_agencies().values_list("department", flat=True) if d})
    return [
        *(department_group(d) for d in departments),
        *(size_group(c) for c in SIZE_CLASSES),
        *(type_group(t) for t in AgencyType),
    ]


def peer_group_get(group_id: str) -> PeerGroup | None:
    return next((g for g in peer_groups() if g.id == group_id), None)


def _size_filter(size_class: SizeClass, publications: list[Publication]) -> Exists:
    """Results whose agency's ÅA in that round's latest publication is in the class."""
    snapshots = PublishedResponse.objects.filter(
        publication__in=publications,
        publication__round=OuterRef("round"),
        agency=OuterRef("agency"),
        fte__gte=size_class.lower,
    )
    if size_class.upper is not None:
        snapshots = snapshots.filter(fte__lte=size_class.upper)
    return Exists(snapshots)


def _type_agency_ids(agency_type: str) -> list[int]:
    agencies = list(public_agencies())
    types = agency_types(agencies)
    return [a.pk for a in agencies if types[a.pk].value == agency_type]


def _in_group(
    group: PeerGroup, agency: Agency, fte: int | None, types: dict[int, AgencyType]
) -> bool:
    if group.kind == "department":
        return agency.department == group.department
    if group.kind == "size":
        return group.size_class is not None and size_class_for(fte) == group.size_class
    return types.get(agency.pk, AgencyType.OTHER).value == group.key


@dataclass
class GroupMembers:
    group: PeerGroup
    members: list[Agency]


def peer_group_members(*, round_: Round, groups: list[PeerGroup]) -> list[GroupMembers]:
    """Each group's members among the agencies in the round's latest publication; the
    size class is the agency's ÅA in that round."""
    publication = latest_publications([round_])[round_.pk]
    snapshots = list(publication.responses.select_related("agency").order_by("agency__name"))
    types = agency_types(s.agency for s in snapshots)
    return [
        GroupMembers(
            group=group,
            members=[s.agency for s in snapshots if _in_group(group, s.agency, s.fte, types)],
        )
        for group in groups
    ]


# --- values ------------------------------------------------------------------------


@dataclass
class ValueFilters:
    rounds: list[Round]
    agency: Agency | None = None
    figure: KeyFigure | None = None
    group: PeerGroup | None = None
    updated_since: datetime | None = None


def value_queryset(filters: ValueFilters) -> QuerySet[AgencyResult]:
    """The published results, one per agency × round × key figure, in a stable order:
    round (oldest first), agency name, key figure (registry order)."""
    publications = list(latest_publications(filters.rounds).values())
    qs = AgencyResult.objects.filter(
        basis=PUBLISHED,
        round__in=filters.rounds,
        figure__in=[f.slug for f in KEY_FIGURES],
    ).filter(
        Exists(
            PublishedResponse.objects.filter(
                publication__in=publications,
                publication__round=OuterRef("round"),
                agency=OuterRef("agency"),
            )
        )
    )
    if filters.agency is not None:
        qs = qs.filter(agency=filters.agency)
    if filters.figure is not None:
        qs = qs.filter(figure=filters.figure.slug)
    group = filters.group
    if group is not None:
        if group.kind == "department":
            qs = qs.filter(agency__department=group.department)
        elif group.kind == "size" and group.size_class is not None:
            qs = qs.filter(_size_filter(group.size_class, publications))
        else:
            qs = qs.filter(agency_id__in=_type_agency_ids(group.key))
    if filters.updated_since is not None:
        changed = rounds_published_after(filters.updated_since)
        # A row changes when its round is republished, and its change when the previous
        # comparable round is.
        qs = qs.filter(Q(round_id__in=changed) | Q(previous_round_id__in=changed))
    return qs.select_related("agency", "round", "previous_round").order_by(
        "round__year", "round__period_type", "agency__name", "agency_id", "figure"
    )


@dataclass
class ValueRow:
    result: AgencyResult
    snapshot: PublishedResponse | None
    publication: Publication


def value_rows(results: list[AgencyResult], rounds: list[Round]) -> list[ValueRow]:
    """The page's results with their snapshot and publication (two more queries)."""
    publications = latest_publications(rounds)
    snapshots = {
        (s.publication.round_id, s.agency_id): s
        for s in PublishedResponse.objects.filter(
            publication__in=[publications[r.round_id] for r in results],
            agency_id__in={r.agency_id for r in results},
        ).select_related("publication")
    }
    return [
        ValueRow(
            result=r,
            snapshot=snapshots.get((r.round_id, r.agency_id)),
            publication=publications[r.round_id],
        )
        for r in results
    ]


# --- totals ------------------------------------------------------------------------


@dataclass
class TotalRow:
    round: Round
    figure: KeyFigure
    group: PeerGroup | None  # None: all agencies (national)
    value: Fraction | None
    median: Fraction | None
    numerator_sum: int
    denominator_sum: int
    n_included: int
    n_values: int


def _fraction(value: Decimal | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def _exact(result: AgencyResult, figure: KeyFigure) -> Fraction | None:
    if result.state != ResultState.VALUE or result.numerator is None or not result.denominator:
        return None
    return Fraction(figure.scale * result.numerator, result.denominator)


def totals(
    *, rounds: list[Round], figures: list[KeyFigure], groups: list[PeerGroup] | None
) -> list[TotalRow]:
    """National totals and group values per round and key figure.

    ``groups=None``: the national total and every predefined group; otherwise the
    national total is left out and only the given groups are returned. Department and
    size-class values are the stored ``GroupResult`` rows; agency-type values are
    computed the same way (ratio of sums over the answering members' snapshots, exact
    median of their values).
    """
    all_groups = peer_groups() if groups is None else groups
    slugs = [f.slug for f in figures]
    stored: dict[tuple[int, str, str, str], GroupResult] = {
        (g.round_id, g.figure, g.kind, g.key): g
        for g in GroupResult.objects.filter(round__in=rounds, basis=PUBLISHED, figure__in=slugs)
    }
    type_groups = [g for g in all_groups if g.kind == "type"]
    type_values: dict[tuple[int, str, str], TotalRow] = {}
    if type_groups:
        publications = latest_publications(rounds)
        snapshots = list(
            PublishedResponse.objects.filter(
                publication__in=list(publications.values()), status=ResponseStatus.ANSWERED
            ).select_related("agency", "publication")
        )
        types = agency_types({s.agency_id: s.agency for s in snapshots}.values())
        results = {
            (r.round_id, r.agency_id, r.figure): r
            for r in AgencyResult.objects.filter(
                round__in=rounds, basis=PUBLISHED, figure__in=slugs
            )
        }
        for round_ in rounds:
            in_round = [s for s in snapshots if s.publication.round_id == round_.pk]
            for group in type_groups:
                members = [s for s in in_round if types[s.agency_id].value == group.key]
                for figure in figures:
                    total = ratio_of_sums(
                        (
                            (getattr(s, figure.numerator), getattr(s, figure.denominator))
                            for s in members
                        ),
                        scale=figure.scale,
                    )
                    values = [
                        v
                        for s in members
                        if (r := results.get((round_.pk, s.agency_id, figure.slug))) is not None
                        and (v := _exact(r, figure)) is not None
                    ]
                    type_values[(round_.pk, figure.slug, group.key)] = TotalRow(
                        round=round_,
                        figure=figure,
                        group=group,
                        value=total.value,
                        median=median(values),
                        numerator_sum=total.numerator_sum,
                        denominator_sum=total.denominator_sum,
                        n_included=total.n_included,
                        n_values=len(values),
                    )

    def from_stored(round_: Round, figure: KeyFigure, group: PeerGroup | None) -> TotalRow:
        if group is None:
            kind, key = GroupKind.NATIONAL.value, ""
        elif group.kind == "department":
            kind, key = GroupKind.DEPARTMENT.value, group.department
        else:
            kind, key = GroupKind.SIZE.value, group.key
        row = stored.get((round_.pk, figure.slug, kind, key))
        if row is None:  # no answering member in this round
            return TotalRow(round_, figure, group, None, None, 0, 0, 0, 0)
        return TotalRow(
            round=round_,
            figure=figure,
            group=group,
            value=_exact_group(row, figure),
            median=_fraction(row.median),
            numerator_sum=row.numerator_sum,
            denominator_sum=row.denominator_sum,
            n_included=row.n_included,
            n_values=row.n_values,
        )

    rows: list[TotalRow] = []
    for round_ in rounds:
        for figure in figures:
            if groups is None:
                rows.append(from_stored(round_, figure, None))
            for group in all_groups:
                if group.kind == "type":
                    rows.append(type_values[(round_.pk, figure.slug, group.key)])
                else:
                    rows.append(from_stored(round_, figure, group))
    return rows


def _exact_group(row: GroupResult, figure: KeyFigure) -> Fraction | None:
    """The ratio of sums exactly, from the stored sums."""
    if not row.denominator_sum:
        return None
    return Fraction(figure.scale * row.numerator_sum, row.denominator_sum)


# --- practices ---------------------------------------------------------------------


def practice_list(
    *, agency: Agency | None, updated_since: datetime | None, theme: str | None, figure: str | None
) -> list[Practice]:
    """Published practices only (``practices.selectors.published_practices``)."""
    return practices_filter(
        published_practices(agency=agency, updated_since=updated_since), theme=theme, figure=figure
    )
