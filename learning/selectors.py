"""Reads for the learning features: agency types, type groups, similar agencies, "Lär
av" and "Årets klättrare".

Like keyfigures.selectors, everything here reads the **published** basis only: the
snapshots of the latest publication of a round (PublishedResponse) and the results
computed from them (AgencyResult with basis ``published``). Each function runs a fixed
number of queries, whatever the number of agencies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext as _

from keyfigures.classification import median, ratio_of_sums
from keyfigures.models import AgencyResult, Basis, ResultState
from keyfigures.registry import KEY_FIGURES, KEY_FIGURES_BY_SLUG, KeyFigure
from keyfigures.selectors import AgencyRoundRow, published_rounds
from learning import texts
from learning.agency_types import AgencyType, agency_type_for
from learning.goals import Progress, goal_progress
from learning.models import AgencyTypeChoice, AgencyTypeOverride, Goal
from learning.recognition import Change, climbers
from learning.recommend import (
    TIER_DEPARTMENT_AND_SIZE,
    TIER_DEPARTMENT_OR_SIZE,
    TIER_SIMILAR,
    Candidate,
    learn_from,
)
from learning.similarity import Profile, similar_agencies
from practices.models import Practice
from practices.selectors import practices_for_agencies
from publishing.models import PublishedResponse
from register.models import Agency
from register.size_classes import size_class_for
from surveys.models import PeriodType, ResponseStatus, Round

PUBLISHED = Basis.PUBLISHED


def agency_types(agencies: Iterable[Agency]) -> dict[int, AgencyType]:
    """agency id -> effective type: the office's override, else derived from the name."""
    agencies = list(agencies)
    overrides = dict(
        AgencyTypeOverride.objects.filter(agency__in=agencies).values_list("agency_id", "type")
    )
    return {
        a.pk: AgencyType(overrides[a.pk]) if a.pk in overrides else agency_type_for(a.name)
        for a in agencies
    }


def agency_type_label(agency_type: AgencyType) -> str:
    return str(AgencyTypeChoice(agency_type.value).label)


def _value(result: AgencyResult | None, figure: KeyFigure) -> Fraction | None:
    """The exact value of a stored result (numerator and denominator are kept exactly)."""
    if result is None or result.state != ResultState.VALUE:
        return None
    if result.numerator is None or not result.denominator:
        return None
    return Fraction(figure.scale * result.numerator, result.denominator)


def _decimal_fraction(value: object) -> Fraction | None:
    return None if value is None else Fraction(str(value))


@dataclass
class GroupValue:
    value: Fraction | None  # ratio of sums
    median: Fraction | None
    n_values: int  # members with a computable value (behind the median)


@dataclass
class SimilarItem:
    agency: Agency
    reason: str


@dataclass
class LearnItem:
    agency: Agency
    value: Fraction | None
    reason: str
    # the agency's published practices that aimed at this key figure ("Så gjorde vi")
    practices: list[Practice] = field(default_factory=list)


@dataclass
class FigureLearning:
    figure: KeyFigure
    own_value: Fraction | None
    items: list[LearnItem]


@dataclass
class AgencyLearning:
    round: Round
    agency_type: AgencyType
    type_label: str
    n_type_members: int
    type_values: dict[str, GroupValue]  # figure slug -> the type group's values
    similar: list[SimilarItem]
    learn: list[FigureLearning]


def _latest_answered(history: list[AgencyRoundRow]) -> AgencyRoundRow | None:
    answered = [row for row in history if row.response.status == ResponseStatus.ANSWERED]
    return answered[-1] if answered else None


def _attach_practices(learn: list[FigureLearning]) -> None:
    """Give each recommended agency its published practices aimed at that key figure, in
    one query for every agency recommended for any key figure."""
    practices = practices_for_agencies({item.agency.pk for fl in learn for item in fl.items})
    for figure_learning in learn:
        for item in figure_learning.items:
            item.practices = [
                practice
                for practice in practices.get(item.agency.pk, [])
                if figure_learning.figure.slug in practice.figures
            ]


def agency_learning(*, agency: Agency, history: list[AgencyRoundRow]) -> AgencyLearning | None:
    """Type group, similar agencies and whom to learn from, in the latest round the
    agency answered (from keyfigures.selectors.agency_history); None if it never did."""
    row = _latest_answered(history)
    if row is None:
        return None
    snapshots = [
        s
        for s in PublishedResponse.objects.filter(
            publication_id=row.response.publication_id
        ).select_related("agency")
        if s.status == ResponseStatus.ANSWERED
    ]
    results: dict[tuple[int, str], AgencyResult] = {
        (r.agency_id, r.figure): r
        for r in AgencyResult.objects.filter(round=row.round, basis=PUBLISHED)
    }
    types = agency_types(s.agency for s in snapshots)
    own_type = types.get(agency.pk) or agency_type_for(agency.name)
    members = [s for s in snapshots if types[s.agency_id] == own_type]

    type_values = {}
    for figure in KEY_FIGURES:
        total = ratio_of_sums(
            ((getattr(s, figure.numerator), getattr(s, figure.denominator)) for s in members),
            scale=figure.scale,
        )
        values = [
            v
            for s in members
            if (v := _value(results.get((s.agency_id, figure.slug)), figure)) is not None
        ]
        type_values[figure.slug] = GroupValue(
            value=total.value, median=median(values), n_values=len(values)
        )

    profiles = {
        s.agency_id: Profile(
            key=s.agency_id,
            name=s.agency.name,
            department=s.agency.department,
            fte=s.fte,
            supplier_invoices=s.supplier_invoices,
        )
        for s in snapshots
    }
    target = profiles.get(agency.pk) or Profile(
        agency.pk, agency.name, agency.department, row.response.fte, row.response.supplier_invoices
    )
    nearest = similar_agencies(target, profiles.values())
    by_id = {s.agency_id: s.agency for s in snapshots}
    similar = [
        SimilarItem(
            agency=by_id[int(str(item.profile.key))], reason=texts.similar_reason(item, target)
        )
        for item in nearest
    ]

    own_size = size_class_for(row.response.fte)
    nearest_ids = {item.profile.key for item in nearest}
    relations: dict[int, tuple[int, bool, bool]] = {}  # id -> (tier, same dept, same size)
    for s in snapshots:
        if s.agency_id == agency.pk:
            continue
        same_department = bool(agency.department) and s.agency.department == agency.department
        same_size = own_size is not None and size_class_for(s.fte) == own_size
        if s.agency_id in nearest_ids:
            tier = TIER_SIMILAR
        elif same_department and same_size:
            tier = TIER_DEPARTMENT_AND_SIZE
        elif same_department or same_size:
            tier = TIER_DEPARTMENT_OR_SIZE
        else:
            continue
        relations[s.agency_id] = (tier, same_department, same_size)

    learn = []
    for figure in KEY_FIGURES:
        own_value = _value(results.get((agency.pk, figure.slug)), figure)
        candidates = []
        for agency_id, (tier, _dept, _size) in relations.items():
            result = results.get((agency_id, figure.slug))
            candidates.append(
                Candidate(
                    key=agency_id,
                    name=by_id[agency_id].name,
                    tier=tier,
                    value=_value(result, figure),
                    change=_decimal_fraction(result.change) if result else None,
                    previous=_decimal_fraction(result.previous_value) if result else None,
                )
            )
        chosen = learn_from(
            own_key=agency.pk,
            own_value=own_value,
            candidates=candidates,
            is_share=figure.unit == "percent",
            higher_is_better=figure.higher_is_better,
        )
        items = []
        for recommendation in chosen:
            agency_id = int(str(recommendation.candidate.key))
            _tier, same_department, same_size = relations[agency_id]
            items.append(
                LearnItem(
                    agency=by_id[agency_id],
                    value=recommendation.candidate.value,
                    reason=texts.recommendation_reason(
                        recommendation,
                        figure=figure,
                        own_value=own_value,
                        same_department=same_department,
                        same_size=same_size,
                    ),
                )
            )
        learn.append(FigureLearning(figure=figure, own_value=own_value, items=items))

    _attach_practices(learn)

    return AgencyLearning(
        round=row.round,
        agency_type=own_type,
        type_label=agency_type_label(own_type),
        n_type_members=len(members),
        type_values=type_values,
        similar=similar,
        learn=learn,
    )


@dataclass
class Climber:
    agency: Agency
    change: Fraction


@dataclass
class ClimberCell:
    figure: KeyFigure
    climber: Climber | None


@dataclass
class ClimberRow:
    label: str  # "all agencies" or an agency type
    cells: list[ClimberCell]  # one per key figure, in registry order


def round_climbers(*, round_: Round) -> list[ClimberRow]:
    """ "Årets klättrare": the biggest improver per key figure, overall (the first row)
    and per agency type, from the stored change of the round's published results."""
    results = list(
        AgencyResult.objects.filter(
            round=round_, basis=PUBLISHED, change__isnull=False
        ).select_related("agency")
    )
    agencies = {r.agency_id: r.agency for r in results}
    types = agency_types(agencies.values())
    overall_cells: list[ClimberCell] = []
    group_cells: dict[str, list[ClimberCell]] = defaultdict(list)
    for figure in KEY_FIGURES:
        changes = [
            Change(
                key=r.agency_id,
                name=r.agency.name,
                group=types[r.agency_id].value,
                change=Fraction(str(r.change)),
            )
            for r in results
            if r.figure == figure.slug
        ]
        overall, by_group = climbers(changes, higher_is_better=figure.higher_is_better)
        overall_cells.append(ClimberCell(figure=figure, climber=_climber(overall, agencies)))
        for choice in AgencyTypeChoice:
            group_cells[choice.value].append(
                ClimberCell(figure=figure, climber=_climber(by_group.get(choice.value), agencies))
            )
    return [
        ClimberRow(label=str(_("Alla myndigheter")), cells=overall_cells),
        *(
            ClimberRow(label=str(choice.label), cells=group_cells[choice.value])
            for choice in AgencyTypeChoice
        ),
    ]


def _climber(change: Change | None, agencies: dict[int, Agency]) -> Climber | None:
    if change is None:
        return None
    return Climber(agency=agencies[int(str(change.key))], change=change.change)


# Goals ---------------------------------------------------------------------------------


def goal_min_year() -> int:
    """The earliest year a goal may have: the latest published round's year (this year
    if nothing is published yet)."""
    rounds = published_rounds()
    return rounds[-1].year if rounds else timezone.localdate().year


def goal_list(*, agencies: Iterable[Agency] | None = None) -> list[Goal]:
    """Goals by agency name, figure and year; all agencies' when ``agencies`` is None."""
    goals = Goal.objects.select_related("agency")
    if agencies is not None:
        goals = goals.filter(agency__in=list(agencies))
    return list(goals.order_by("agency__name", "figure", "year"))


def goal_get(*, goal_id: int) -> Goal | None:
    return Goal.objects.select_related("agency").filter(pk=goal_id).first()


@dataclass
class GoalProgressItem:
    goal: Goal
    figure: KeyFigure
    progress: Progress
    latest_class: str | None  # the figure's class in the latest round with a value


def agency_goal_progress(
    *, agency: Agency, history: list[AgencyRoundRow]
) -> list[GoalProgressItem]:
    """The agency's goals with their progress, from its published full-year values (the
    history from keyfigures.selectors.agency_history). One query."""
    items = []
    for goal in Goal.objects.filter(agency=agency).order_by("figure", "year"):
        figure = KEY_FIGURES_BY_SLUG.get(goal.figure)
        if figure is None:
            continue
        points = []
        latest_class = None
        for row in history:
            if row.round.period_type != PeriodType.YEAR:
                continue
            result = row.results.get(figure.slug)
            value = _value(result, figure)
            if value is not None and result is not None:
                points.append((row.round.year, value))
                latest_class = result.figure_class or None
        progress = goal_progress(
            points=points,
            target=Fraction(goal.value),
            target_year=goal.year,
            higher_is_better=figure.higher_is_better,
            upper=Fraction(100) if figure.unit == "percent" else None,
        )
        items.append(
            GoalProgressItem(goal=goal, figure=figure, progress=progress, latest_class=latest_class)
        )
    items.sort(
        key=lambda item: ([f.slug for f in KEY_FIGURES].index(item.figure.slug), item.goal.year)
    )
    return items
