"""Reads and writes behind the respondent's pages (/rapportera/, surveys/views_respondent.py).

Reads: the overview of a user's answers, one answer looked up through the permission
check, what the form shows beside it (last round's values, whether it may be changed)
and the preview of the key figures and warnings for values that are not saved.

Writes: the spreadsheet upload. :func:`upload_check` says, without writing, what an
uploaded file would change and what stops it; :func:`upload_apply` saves every row
through :func:`surveys.workflow.response_save` in one transaction, so the same rules,
permission checks and revision checks apply as in the form, and nothing is saved if any
row is refused.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.selectors import access_agency, agencies_for_user, user_is_office
from keyfigures.registry import KEY_FIGURES, Computed, KeyFigure
from register.models import Agency
from register.orgnr import orgnr_format
from surveys.imports.responses_csv import FIELD_COLUMNS
from surveys.imports.rows import ResponseRow, RowProblem
from surveys.imports.values import COUNT_FIELDS
from surveys.models import (
    FindingLevel,
    Response,
    ResponseFinding,
    ResponseStatus,
    Round,
    RoundStatus,
    WorkflowState,
)
from surveys.services import ResponseInvalidError, SurveysError, response_findings_check
from surveys.validation import Finding
from surveys.workflow import response_save

# Answers the respondent can no longer change: the office sends them back if needed.
LOCKED_STATES = (WorkflowState.SUBMITTED, WorkflowState.APPROVED)
# Rounds listed on the overview: open for answers, or closed and not yet published.
LISTED_ROUND_STATUSES = (RoundStatus.OPEN, RoundStatus.CLOSED)
# The fields an upload row sets, in the order the confirmation page lists them.
UPLOAD_FIELDS: tuple[str, ...] = ("status", *COUNT_FIELDS, "not_applicable_reason", "comment")
# The longest texts the form takes; an upload is held to the same.
COMMENT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000


# Overview ------------------------------------------------------------------------------


@dataclass
class AgencyAnswers:
    """One agency on the overview and its answers, newest round first."""

    agency: Agency
    responses: list[Response] = field(default_factory=list)


@dataclass
class Overview:
    agencies: list[AgencyAnswers]
    # Open rounds in which the user has at least one answer to give: the spreadsheet links.
    open_rounds: list[Round]


def report_overview(*, user: Any, search: str = "") -> Overview:
    """The user's agencies with their answers in open rounds, and the locked answers of
    closed ones. A respondent sees every agency assigned to them, even without answers;
    the office sees every agency with an answer to show, narrowed by ``search`` (part of
    the name or the organisation number). Two queries.
    """
    agencies = agencies_for_user(user=user)
    office = user_is_office(user)
    text = search.strip()
    if office and text:
        digits = text.replace("-", "")
        condition = Q(name__icontains=text)
        if digits.isdigit():
            condition |= Q(org_nr__startswith=digits)
        agencies = agencies.filter(condition)
    responses = (
        Response.objects.filter(agency__in=agencies, round__status__in=LISTED_ROUND_STATUSES)
        .filter(Q(round__status=RoundStatus.OPEN) | Q(workflow__in=LOCKED_STATES))
        .select_related("round", "agency")
        .order_by("agency__name", "agency_id", "-round__year", "-round__period_type")
    )
    by_agency: dict[int, AgencyAnswers] = {}
    if not office:
        by_agency = {agency.pk: AgencyAnswers(agency=agency) for agency in agencies}
    open_rounds: dict[int, Round] = {}
    for response in responses:
        entry = by_agency.setdefault(response.agency_id, AgencyAnswers(agency=response.agency))
        entry.responses.append(response)
        if response.round.status == RoundStatus.OPEN:
            open_rounds.setdefault(response.round_id, response.round)
    listed = sorted(by_agency.values(), key=lambda entry: (entry.agency.name, entry.agency.pk))
    rounds = sorted(open_rounds.values(), key=lambda r: (r.year, r.period_type), reverse=True)
    return Overview(agencies=listed, open_rounds=rounds)


# One answer ----------------------------------------------------------------------------


def response_get_for_user(*, user: Any, round_slug: str, org_nr: str) -> Response:
    """The agency's answer in the round, through the one permission check.

    A respondent asking for an agency that is not theirs, or that does not exist, gets
    ``PermissionDenied`` (the answer does not reveal which agencies exist); the office
    gets ``Http404`` for an unknown agency. An unknown round, or an agency outside the
    round's population, is ``Http404``.
    """
    agency = Agency.objects.filter(org_nr=org_nr).first()
    access_agency(user=user, agency_id=agency.pk if agency is not None else 0)
    response = (
        Response.objects.filter(round__slug=round_slug, agency=agency)
        .select_related("round", "agency")
        .first()
    )
    if response is None:
        raise Http404
    return response


def round_get_for_reporting(*, slug: str) -> Round:
    """A round that has been opened (open, closed or published); ``Http404`` otherwise."""
    round_ = Round.objects.filter(slug=slug).exclude(status=RoundStatus.DRAFT).first()
    if round_ is None:
        raise Http404
    return round_


def response_read_only_reason(*, response: Response, user: Any) -> str | None:
    """Why the user cannot change the answer in the form now, or None when they can.

    The services check the same rules when saving; this is what the page explains.
    """
    round_ = response.round
    if user_is_office(user):
        return _(
            "Du ser svaret som uppföljningsenheten. Svaret ändras av myndighetens "
            "uppgiftslämnare: skicka tillbaka det med en kommentar om något behöver rättas."
        )
    if round_.status == RoundStatus.DRAFT:
        return _("Omgången %(round)s har inte öppnats för svar än.") % {"round": round_.label}
    if round_.status != RoundStatus.OPEN:
        return _(
            "Omgången %(round)s är inte längre öppen för svar (%(status)s). Du kan se svaret "
            "men inte ändra det. Kontakta uppföljningsenheten om något behöver rättas."
        ) % {"round": round_.label, "status": round_.get_status_display().lower()}
    if response.workflow == WorkflowState.APPROVED:
        return _(
            "Svaret är inlämnat och godkänt. Behöver något rättas? Kontakta "
            "uppföljningsenheten: den kan skicka tillbaka svaret till dig så att du kan "
            "ändra det."
        )
    if response.workflow == WorkflowState.SUBMITTED:
        return _(
            "Svaret är inlämnat och granskas av uppföljningsenheten. Behöver något rättas? "
            "Kontakta uppföljningsenheten: den kan skicka tillbaka svaret till dig så att du "
            "kan ändra det."
        )
    return None


def response_warnings(*, response: Response) -> list[ResponseFinding]:
    """The stored warnings of the answer, in the order of the rule registry."""
    return list(
        ResponseFinding.objects.filter(response=response, level=FindingLevel.WARNING).order_by("pk")
    )


@dataclass(frozen=True)
class PreviousAnswer:
    """The same agency's answer in the previous comparable round (``response`` may be None)."""

    round: Round
    response: Response | None

    @property
    def answered(self) -> bool:
        return self.response is not None and self.response.status == ResponseStatus.ANSWERED

    def count(self, name: str) -> int | None:
        return getattr(self.response, name) if self.answered else None


def previous_answer_get(*, response: Response) -> PreviousAnswer | None:
    """The previous comparable round and the agency's answer in it; None without a round."""
    # Imported here: keyfigures depends on surveys, not the other way round.
    from keyfigures.services import previous_comparable_round

    previous_round = previous_comparable_round(response.round, Round.objects.all())
    if previous_round is None:
        return None
    previous = Response.objects.filter(round=previous_round, agency_id=response.agency_id).first()
    return PreviousAnswer(round=previous_round, response=previous)


# Preview -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigurePreview:
    """A key figure computed from values that are not saved, beside last round's."""

    figure: KeyFigure
    value: Fraction | None
    not_computable: str  # why there is no value, in the page's language
    previous: Fraction | None
    change: Fraction | None


def _figure_value(figure: KeyFigure, inputs: Mapping[str, int | None]) -> Fraction | None:
    result = figure.compute(inputs)
    return result.value if isinstance(result, Computed) else None


def key_figure_preview(
    *,
    counts: Mapping[str, int | None],
    fte: int | None,
    previous: PreviousAnswer | None,
    language: str,
) -> list[FigurePreview]:
    """The three key figures from ``counts`` with the registry's formulas, and the change
    against the agency's answer in the previous comparable round. Pure."""
    inputs = {**counts, "fte": fte}
    previous_inputs: dict[str, int | None] | None = None
    if previous is not None and previous.answered and previous.response is not None:
        previous_inputs = {name: previous.count(name) for name in COUNT_FIELDS}
        previous_inputs["fte"] = previous.response.fte
    rows = []
    for figure in KEY_FIGURES:
        result = figure.compute(inputs)
        value = result.value if isinstance(result, Computed) else None
        reason = "" if isinstance(result, Computed) else figure.reason_text(result.reason, language)
        before = _figure_value(figure, previous_inputs) if previous_inputs else None
        change = value - before if value is not None and before is not None else None
        rows.append(
            FigurePreview(
                figure=figure,
                value=value,
                not_computable=reason,
                previous=before,
                change=change,
            )
        )
    return rows


def response_preview_warnings(
    *, response: Response, status: str, counts: Mapping[str, int | None]
) -> list[Finding]:
    """The warnings saving these values would give, without saving anything."""
    unsaved = copy.copy(response)
    unsaved.status = status
    for name in COUNT_FIELDS:
        setattr(unsaved, name, counts.get(name))
    findings = response_findings_check(response=unsaved)
    return [finding for finding in findings if not finding.is_error]


# Spreadsheet upload --------------------------------------------------------------------


class UploadRefusedError(SurveysError):
    """Rows of an upload cannot be saved; ``problems`` says which and why. Nothing saved."""

    code = "upload_refused"

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        super().__init__(
            _("Svaren sparades inte: %(count)d problem. Inget har sparats.")
            % {"count": len(self.problems)}
        )


@dataclass(frozen=True)
class UploadRow:
    """A row read from the file and the revision its answer had when the file was read."""

    row: ResponseRow
    revision: int

    def as_json(self) -> dict[str, Any]:
        return {
            "line": self.row.line,
            "org_nr": self.row.org_nr,
            "status": self.row.status,
            **self.row.counts,
            "not_applicable_reason": self.row.not_applicable_reason,
            "comment": self.row.comment,
            "revision": self.revision,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> UploadRow:
        row = ResponseRow(
            line=int(data["line"]),
            org_nr=str(data["org_nr"]),
            status=str(data["status"]),
            supplier_invoices=_optional_int(data["supplier_invoices"]),
            e_invoices=_optional_int(data["e_invoices"]),
            matched_invoices=_optional_int(data["matched_invoices"]),
            e_orders=_optional_int(data["e_orders"]),
            not_applicable_reason=str(data["not_applicable_reason"]),
            comment=str(data["comment"]),
        )
        return cls(row=row, revision=int(data["revision"]))


def _optional_int(value: object) -> int | None:
    return None if value is None else int(str(value))


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class UploadChange:
    """What one row changes in its agency's answer, and the warnings it will give."""

    line: int
    response: Response
    row: ResponseRow
    changes: list[FieldChange]
    warnings: list[Finding]

    @property
    def agency(self) -> Agency:
        return self.response.agency


@dataclass
class UploadCheck:
    """What an upload would do: the rows that change an answer, those that change
    nothing, and the problems that stop it (then nothing may be saved)."""

    round: Round
    changes: list[UploadChange] = field(default_factory=list)
    unchanged: list[Agency] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def upload_rows(self) -> list[UploadRow]:
        return [UploadRow(row=c.row, revision=c.response.revision) for c in self.changes]


def _row_values(row: ResponseRow) -> dict[str, object]:
    return {
        "status": row.status,
        **row.counts,
        "not_applicable_reason": row.not_applicable_reason.strip(),
        "comment": row.comment.strip(),
    }


def _agency_text(agency: Agency | None, org_nr: str) -> str:
    if agency is None:
        return orgnr_format(org_nr)
    return f"{agency.name} ({orgnr_format(org_nr)})"


def upload_check(
    *, round: Round, user: Any, rows: Sequence[ResponseRow], problems: Iterable[RowProblem] = ()
) -> UploadCheck:
    """What saving ``rows`` would change, and every problem that stops it. Reads only.

    ``problems`` are those the file conversion found. A row is refused when its agency
    is not one the user reports for, is not in the round's population, or its answer
    can no longer be changed (submitted or approved); the round must be open. The
    values themselves were checked by the file conversion with the rules of
    :mod:`surveys.imports.values`, and are checked again when saved.
    """
    check = UploadCheck(round=round, problems=list(problems))
    if round.status != RoundStatus.OPEN:
        check.problems.append(
            RowProblem(
                0,
                "",
                "round_not_open",
                _("Omgången %(round)s är inte öppen för svar.") % {"round": round.label},
            )
        )
        return check
    org_nrs = [row.org_nr for row in rows]
    agencies = {a.org_nr: a for a in Agency.objects.filter(org_nr__in=org_nrs)}
    # Rows are for the agencies a respondent reports for; the office reports for none.
    allowed: set[int] = set()
    if not user_is_office(user):
        mine = agencies_for_user(user=user).filter(org_nr__in=org_nrs)
        allowed = set(mine.values_list("pk", flat=True))
    responses = {
        r.agency_id: r
        for r in Response.objects.filter(round=round, agency__org_nr__in=org_nrs).select_related(
            "round", "agency"
        )
    }
    for row in rows:
        agency = agencies.get(row.org_nr)
        if agency is None or agency.pk not in allowed:
            check.problems.append(
                RowProblem(
                    row.line,
                    "org_nr",
                    "not_permitted",
                    _(
                        "Du får inte lämna uppgifter för %(agency)s. Ta bort raden, eller "
                        "kontrollera organisationsnumret."
                    )
                    % {"agency": _agency_text(agency, row.org_nr)},
                )
            )
            continue
        response = responses.get(agency.pk)
        if response is None:
            check.problems.append(
                RowProblem(
                    row.line,
                    "org_nr",
                    "not_in_population",
                    _(
                        "%(agency)s ingår inte i omgången %(round)s. Ta bort raden, eller "
                        "kontrollera organisationsnumret."
                    )
                    % {"agency": _agency_text(agency, row.org_nr), "round": round.label},
                )
            )
            continue
        new = _row_values(row)
        old = {name: getattr(response, name) for name in UPLOAD_FIELDS}
        changes = [FieldChange(name, old[name], new[name]) for name in UPLOAD_FIELDS]
        changes = [change for change in changes if change.old != change.new]
        if not changes:
            check.unchanged.append(agency)
            continue
        too_long = _text_problems(row)
        if too_long:
            check.problems.extend(too_long)
            continue
        if response.workflow in LOCKED_STATES:
            check.problems.append(
                RowProblem(
                    row.line,
                    "org_nr",
                    "response_locked",
                    _(
                        "Svaret för %(agency)s är redan inlämnat och kan inte ändras här. "
                        "Ta bort raden, eller be uppföljningsenheten skicka tillbaka svaret."
                    )
                    % {"agency": agency.name},
                )
            )
            continue
        check.changes.append(
            UploadChange(
                line=row.line,
                response=response,
                row=row,
                changes=changes,
                warnings=response_preview_warnings(
                    response=response, status=row.status, counts=row.counts
                ),
            )
        )
    check.problems.sort(key=lambda problem: problem.line)
    return check


def _text_problems(row: ResponseRow) -> list[RowProblem]:
    problems = []
    if len(row.comment.strip()) > COMMENT_MAX_LENGTH:
        problems.append(
            RowProblem(
                row.line,
                FIELD_COLUMNS["comment"],
                "too_long",
                _("Kommentaren får vara högst %(max)d tecken lång. Korta den.")
                % {"max": COMMENT_MAX_LENGTH},
            )
        )
    if len(row.not_applicable_reason.strip()) > REASON_MAX_LENGTH:
        problems.append(
            RowProblem(
                row.line,
                FIELD_COLUMNS["not_applicable_reason"],
                "too_long",
                _("Skälet får vara högst %(max)d tecken långt. Korta det.")
                % {"max": REASON_MAX_LENGTH},
            )
        )
    return problems


@transaction.atomic
def upload_apply(*, round: Round, user: Any, rows: Sequence[UploadRow], filename: str) -> int:
    """Save the rows of a checked upload: all of them, or none. Returns how many changed.

    Each row is saved with :func:`surveys.workflow.response_save` (the same rules and
    permission check as the form; a respondent's answer becomes a draft) against the
    revision its answer had when the file was read, so a change made in between is a
    conflict. Any problem raises :class:`UploadRefusedError` and rolls everything back.
    """
    check = upload_check(round=round, user=user, rows=[upload_row.row for upload_row in rows])
    if check.problems:
        raise UploadRefusedError(check.problems)
    revisions = {upload_row.row.line: upload_row.revision for upload_row in rows}
    reason = _("Inläst från filen %(name)s") % {"name": filename}
    problems: list[RowProblem] = []
    for change in check.changes:
        row = change.row
        try:
            response_save(
                response=change.response,
                user=user,
                expected_revision=revisions[row.line],
                status=row.status,
                not_applicable_reason=row.not_applicable_reason,
                comment=row.comment,
                reason=reason,
                **row.counts,
            )
        except ResponseInvalidError as error:
            problems.extend(
                RowProblem(row.line, FIELD_COLUMNS.get(name, ""), "invalid", message)
                for name, messages in error.message_dict.items()
                for message in messages
            )
        except SurveysError as error:  # a conflict, a closed round, a submitted answer
            problems.append(RowProblem(row.line, "", error.code, error.message))
    if problems:
        raise UploadRefusedError(problems)
    return len(check.changes)
