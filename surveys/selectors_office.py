"""Reads behind the follow-up office's pages (/uppfoljning/, surveys/views_office.py).

Everything here is for the office only: the views check ``office_required`` before they
call it. The office sees the live answers of rounds that are not published, and the
live key figures (``Basis.LIVE``); nothing here may feed a public page.

Each function answers one page in a fixed number of queries, whatever the number of
agencies in the round.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from keyfigures.formatting import format_change, format_number
from keyfigures.models import AgencyResult, Basis
from keyfigures.registry import KEY_FIGURES
from keyfigures.services import previous_comparable_round
from publishing.models import Publication
from register.models import Agency
from register.orgnr import OrgNrError, orgnr_normalise
from surveys.imports.values import COUNT_FIELDS
from surveys.models import (
    FindingLevel,
    Reminder,
    Response,
    ResponseFinding,
    ResponseStatus,
    Round,
    RoundStatus,
    WorkflowState,
)
from surveys.workflow import WAITING_STATES

# Answers that count as in: the respondent has handed them in (and the office may have
# approved them). The response rate is these over the population.
IN_STATES: tuple[str, ...] = (WorkflowState.SUBMITTED, WorkflowState.APPROVED)
# What the change history lists, in this order; the rest (revision, timestamps) is noise.
HISTORY_FIELDS: tuple[str, ...] = (
    "status",
    *COUNT_FIELDS,
    "not_applicable_reason",
    "comment",
    "workflow",
    "office_comment",
    "fte",
)
CHOICE_FIELDS = {"status": ResponseStatus, "workflow": WorkflowState}


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


# Counts --------------------------------------------------------------------------------


@dataclass
class WorkflowCounts:
    """How many agencies of a round's population are in each workflow state."""

    by_state: dict[str, int] = field(default_factory=dict)

    @property
    def population(self) -> int:
        return sum(self.by_state.values())

    @property
    def n_in(self) -> int:
        """Submitted or approved: the answers the office has received."""
        return sum(self.by_state.get(state, 0) for state in IN_STATES)

    @property
    def n_waiting(self) -> int:
        return sum(self.by_state.get(state, 0) for state in WAITING_STATES)

    @property
    def rate(self) -> Fraction | None:
        """The live response rate in per cent, or None for an empty population."""
        if not self.population:
            return None
        return Fraction(100 * self.n_in, self.population)

    def states(self) -> list[tuple[str, str, int]]:
        """(value, label, count) for every workflow state, in workflow order."""
        return [
            (state.value, str(state.label), self.by_state.get(state.value, 0))
            for state in WorkflowState
        ]


def _workflow_counts(rounds: Iterable[Round]) -> dict[int, WorkflowCounts]:
    counts: dict[int, WorkflowCounts] = defaultdict(WorkflowCounts)
    rows = (
        Response.objects.filter(round__in=list(rounds))
        .values("round_id", "workflow")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["round_id"]].by_state[row["workflow"]] = row["n"]
    return counts


# Rounds list ---------------------------------------------------------------------------


@dataclass
class RoundRow:
    round: Round
    counts: WorkflowCounts
    version: int  # the latest published version; 0 when never published

    @property
    def next_version(self) -> int:
        return self.version + 1


def round_list_office() -> list[RoundRow]:
    """Every round, newest first, with its live response rate and published version."""
    rounds = list(Round.objects.order_by("-year", "-period_type"))
    counts = _workflow_counts(rounds)
    versions = dict(
        Publication.objects.values("round_id")
        .annotate(version=Max("version"))
        .values_list("round_id", "version")
    )
    return [
        RoundRow(
            round=round_,
            counts=counts.get(round_.pk, WorkflowCounts()),
            version=versions.get(round_.pk, 0),
        )
        for round_ in rounds
    ]


def round_get_office(*, slug: str) -> Round:
    """Any round, whatever its status (the office sees drafts too); ``Http404`` if unknown."""
    round_ = Round.objects.filter(slug=slug).first()
    if round_ is None:
        raise Http404
    return round_


def round_version(*, round: Round) -> int:
    """The latest published version of the round; 0 when it was never published."""
    return round.publications.aggregate(version=Max("version"))["version"] or 0


# The round's dashboard -----------------------------------------------------------------


@dataclass
class DashboardRow:
    response: Response
    agency: Agency
    n_warnings: int
    n_unexplained: int


@dataclass
class Dashboard:
    round: Round
    counts: WorkflowCounts
    rows: list[DashboardRow]  # narrowed by the chosen state
    state: str  # the chosen workflow state, "" for all
    reminders: list[Reminder]
    version: int


def round_dashboard(*, round: Round, state: str = "") -> Dashboard:
    """Every agency in the round's population with its workflow state and findings.

    ``state`` narrows the rows to one workflow state (an unknown value shows all); the
    counts are always of the whole population.
    """
    state = state if state in WorkflowState.values else ""
    warnings = Q(findings__level=FindingLevel.WARNING)
    responses = (
        Response.objects.filter(round=round)
        .select_related("agency")
        .annotate(
            n_warnings=Count("findings", filter=warnings),
            n_unexplained=Count("findings", filter=warnings & Q(findings__explanation="")),
        )
        .order_by("agency__name", "agency_id")
    )
    all_rows = [
        DashboardRow(
            response=response,
            agency=response.agency,
            n_warnings=response.n_warnings,
            n_unexplained=response.n_unexplained,
        )
        for response in responses
    ]
    counts = WorkflowCounts(by_state=dict(Counter(row.response.workflow for row in all_rows)))
    return Dashboard(
        round=round,
        counts=counts,
        rows=[row for row in all_rows if not state or row.response.workflow == state],
        state=state,
        reminders=list(Reminder.objects.filter(round=round).select_related("sent_by")),
        version=round_version(round=round),
    )


def population_candidates(*, round: Round) -> QuerySet[Agency]:
    """The agencies that could be added to the round's population by hand, by name."""
    return Agency.objects.exclude(responses__round=round).order_by("name")


@dataclass
class ReminderPreview:
    """Who a reminder would go to now: the agencies still waiting and their respondents."""

    agencies: list[Agency]
    n_recipients: int
    agencies_without_recipient: list[Agency]


def reminder_preview(*, round: Round) -> ReminderPreview:
    from accounts.models import AgencyAssignment

    agencies = list(
        Agency.objects.filter(
            responses__round=round, responses__workflow__in=WAITING_STATES
        ).order_by("name")
    )
    assignments = AgencyAssignment.objects.filter(
        agency__in=agencies, user__is_active=True
    ).values_list("agency_id", "user__email")
    emails: set[str] = set()
    reached: set[int] = set()
    for agency_id, email in assignments:
        emails.add(email)
        reached.add(agency_id)
    return ReminderPreview(
        agencies=agencies,
        n_recipients=len(emails),
        agencies_without_recipient=[a for a in agencies if a.pk not in reached],
    )


# Review --------------------------------------------------------------------------------


@dataclass
class ValueRow:
    """One of the four counts: now, in the previous comparable round, and the change."""

    field: str
    label: str
    value: int | None
    previous: int | None

    @property
    def change_pct(self) -> Fraction | None:
        """The change against the previous round in per cent of the old value."""
        if self.value is None or self.previous is None or self.previous == 0:
            return None
        return Fraction(100 * (self.value - self.previous), self.previous)

    @property
    def change_text(self) -> str:
        change = self.change_pct
        if change is None:
            return "–"
        text = format_change(change, language=_language())
        return f"{text}%" if _language() == "en" else f"{text}\u00a0%"


@dataclass
class AnswerReview:
    """What the office needs to judge one answer."""

    response: Response
    agency: Agency
    findings: list[ResponseFinding]
    previous_round: Round | None
    previous: Response | None
    values: list[ValueRow]
    results: dict[str, AgencyResult]  # live key figures by figure slug

    @property
    def figures(self) -> list[tuple[Any, AgencyResult | None]]:
        return [(figure, self.results.get(figure.slug)) for figure in KEY_FIGURES]


def _count_label(name: str) -> str:
    """A response field's name for readers ("leverantörsfakturor"), translated."""
    field = Response._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _reviews(round_: Round, responses: Sequence[Response]) -> list[AnswerReview]:
    """The review of each response; five queries whatever their number."""
    previous_round = previous_comparable_round(round_, Round.objects.all())
    agency_ids = [r.agency_id for r in responses]
    previous: dict[int, Response] = {}
    if previous_round is not None:
        previous = {
            r.agency_id: r
            for r in Response.objects.filter(round=previous_round, agency_id__in=agency_ids)
        }
    findings: dict[int, list[ResponseFinding]] = defaultdict(list)
    for finding in ResponseFinding.objects.filter(response__in=list(responses)).order_by("pk"):
        findings[finding.response_id].append(finding)
    results: dict[int, dict[str, AgencyResult]] = defaultdict(dict)
    for result in AgencyResult.objects.filter(
        round=round_, basis=Basis.LIVE, agency_id__in=agency_ids
    ):
        results[result.agency_id][result.figure] = result
    reviews = []
    for response in responses:
        before = previous.get(response.agency_id)
        answered_before = before is not None and before.status == ResponseStatus.ANSWERED
        reviews.append(
            AnswerReview(
                response=response,
                agency=response.agency,
                findings=findings.get(response.pk, []),
                previous_round=previous_round,
                previous=before,
                values=[
                    ValueRow(
                        field=name,
                        label=_count_label(name),
                        value=getattr(response, name),
                        previous=getattr(before, name) if answered_before else None,
                    )
                    for name in COUNT_FIELDS
                ],
                results=results.get(response.agency_id, {}),
            )
        )
    return reviews


def review_queue(*, round: Round) -> list[AnswerReview]:
    """The submitted answers waiting for the office, the oldest submission first."""
    responses = list(
        Response.objects.filter(round=round, workflow=WorkflowState.SUBMITTED)
        .select_related("agency", "round")
        .order_by("submitted_at", "agency__name")
    )
    return _reviews(round, responses)


def response_get_office(*, round: Round, org_nr: str) -> Response:
    """The agency's answer in the round; ``Http404`` for an unknown agency or non-member."""
    try:
        digits = orgnr_normalise(org_nr)
    except OrgNrError as error:
        raise Http404 from error
    response = (
        Response.objects.filter(round=round, agency__org_nr=digits)
        .select_related("agency", "round")
        .first()
    )
    if response is None:
        raise Http404
    return response


def answer_review(*, response: Response) -> AnswerReview:
    return _reviews(response.round, [response])[0]


# History -------------------------------------------------------------------------------


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str  # "+" created, "~" changed, "-" deleted (simple_history's history_type)
    changes: list[FieldChange]
    reason: str


def _value_text(name: str, value: object) -> str:
    if value is None or value == "":
        return "–"
    if name in CHOICE_FIELDS:
        choices = CHOICE_FIELDS[name]
        return str(choices(value).label) if value in choices.values else str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value, language=_language())
    return str(value)


def _who(record: Any) -> str:
    user = record.history_user
    if user is None:
        return _("systemet")
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else str(user.email)


def response_history(*, response: Response) -> list[HistoryEntry]:
    """Every recorded change to the answer, newest first: who, when, old → new and why.

    One query: the records are compared with the one before them in memory
    (``diff_against``), not through ``prev_record``, which would query once per record.
    """
    records = list(
        response.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        if previous is None:
            changes = [
                FieldChange(name, _count_label(name), "–", _value_text(name, getattr(record, name)))
                for name in HISTORY_FIELDS
                if getattr(record, name) not in (None, "")
                and not (name == "status" and getattr(record, name) == ResponseStatus.NOT_ANSWERED)
                and not (name == "workflow" and getattr(record, name) == WorkflowState.NOT_STARTED)
            ]
        else:
            delta = record.diff_against(previous, included_fields=list(HISTORY_FIELDS))
            by_field = {change.field: change for change in delta.changes}
            changes = [
                FieldChange(
                    name,
                    _count_label(name),
                    _value_text(name, by_field[name].old),
                    _value_text(name, by_field[name].new),
                )
                for name in HISTORY_FIELDS
                if name in by_field
            ]
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_who(record),
                kind=record.history_type,
                changes=changes,
                reason=str(record.history_change_reason or ""),
            )
        )
        previous = record
    entries.reverse()
    return entries


def round_status_allows_corrections(round: Round) -> bool:
    """Answers can be corrected by the office while the round is open or closed."""
    return round.status in (RoundStatus.OPEN, RoundStatus.CLOSED)
