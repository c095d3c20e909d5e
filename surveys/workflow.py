"""The collection workflow of one answer: draft → submitted → approved, or sent back.

Every function takes the acting user and checks what that user may do (the views check
too). Saves carry the revision the user started from: if someone else saved the answer
in between, the save is refused with :class:`ResponseConflictError` instead of silently
overwriting the other person's values. Every change keeps who, when, old → new and the
stated reason in the response's history (django-simple-history).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import access_agency, user_is_office
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
from surveys.services import SurveysError, response_record

# Answers the office still waits for; a reminder goes to these agencies.
WAITING_STATES = (WorkflowState.NOT_STARTED, WorkflowState.DRAFT, WorkflowState.RETURNED)


class ResponseConflictError(SurveysError):
    """Someone else saved the answer after this user opened it."""

    code = "response_conflict"


class WorkflowError(SurveysError):
    """A workflow step that is not possible now (round closed, warnings unexplained …)."""

    code = "workflow"


def _locked(response: Response, *, user: Any, expected_revision: int | None) -> Response:
    """The response locked for this transaction, after the permission and revision checks."""
    access_agency(user=user, agency_id=response.agency_id)
    locked = (
        Response.objects.select_for_update().select_related("round", "agency").get(pk=response.pk)
    )
    if expected_revision is not None and locked.revision != expected_revision:
        raise ResponseConflictError(
            _(
                "Någon annan har sparat svaret för %(agency)s efter att du öppnade det. "
                "Dina ändringar är inte sparade. Ladda sidan igen, se vad som ändrats och "
                "fyll i dina ändringar på nytt."
            )
            % {"agency": locked.agency.name}
        )
    # Who made the change, in the history, also outside a web request (commands, tests).
    locked._history_user = user  # type: ignore[attr-defined]  # read by simple_history
    return locked


def _respondent_may_change(locked: Response, user: Any) -> None:
    if user_is_office(user):
        return
    if locked.round.status != RoundStatus.OPEN:
        raise WorkflowError(
            _("Omgången %(round)s är inte öppen för svar.") % {"round": locked.round.label}
        )
    if locked.workflow in (WorkflowState.SUBMITTED, WorkflowState.APPROVED):
        raise WorkflowError(
            _(
                "Svaret är redan inlämnat. Kontakta uppföljningsenheten om något behöver "
                "rättas: den kan skicka tillbaka svaret till dig."
            )
        )


def _workflow_set(locked: Response, state: WorkflowState, *, reason: str, **fields: Any) -> None:
    locked.workflow = state
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.revision += 1
    locked._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history
    locked.save(update_fields=["workflow", "revision", "updated_at", *fields])


@transaction.atomic
def response_save(
    *,
    response: Response,
    user: Any,
    expected_revision: int | None,
    status: str,
    supplier_invoices: int | None,
    e_invoices: int | None,
    matched_invoices: int | None,
    e_orders: int | None,
    not_applicable_reason: str = "",
    comment: str = "",
    reason: str = "",
) -> Response:
    """Save an answer. Hard errors refuse it; warnings are stored to be explained.

    A respondent saves a draft while the round is open and the answer is not yet
    submitted. The office can always correct; an answer it enters itself is approved.
    ``reason`` is kept in the history and, after publication, in the public change log.
    """
    locked = _locked(response, user=user, expected_revision=expected_revision)
    _respondent_may_change(locked, user)
    locked._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history
    response_record(
        response=locked,
        status=status,
        supplier_invoices=supplier_invoices,
        e_invoices=e_invoices,
        matched_invoices=matched_invoices,
        e_orders=e_orders,
        not_applicable_reason=not_applicable_reason,
        comment=comment,
    )
    if not user_is_office(user):
        if locked.workflow != WorkflowState.DRAFT:
            _workflow_set(locked, WorkflowState.DRAFT, reason=reason)
    elif locked.workflow not in (WorkflowState.SUBMITTED, WorkflowState.APPROVED):
        # The office entering an answer on an agency's behalf (by phone, say) is the
        # reviewer too: the answer is approved at once.
        _workflow_set(locked, WorkflowState.APPROVED, reason=reason, approved_at=timezone.now())
    return locked


def unexplained_warnings(response: Response) -> list[ResponseFinding]:
    return list(
        ResponseFinding.objects.filter(
            response=response, level=FindingLevel.WARNING, explanation=""
        ).order_by("field", "code")
    )


@transaction.atomic
def response_submit(*, response: Response, user: Any, expected_revision: int | None) -> Response:
    """Hand the answer in for review: it must be complete and every warning explained."""
    locked = _locked(response, user=user, expected_revision=expected_revision)
    _respondent_may_change(locked, user)
    if locked.status == ResponseStatus.NOT_ANSWERED:
        raise WorkflowError(
            _(
                "Fyll i de fyra antalen, eller svara ”ej tillämpligt” med ett skäl, "
                "innan du lämnar in."
            )
        )
    missing = unexplained_warnings(locked)
    if missing:
        raise WorkflowError(
            _("Förklara varningarna innan du lämnar in: %(warnings)s")
            % {"warnings": " ".join(f.message for f in missing)}
        )
    _workflow_set(
        locked,
        WorkflowState.SUBMITTED,
        reason=_("Inlämnad"),
        submitted_at=timezone.now(),
        office_comment="",
    )
    return locked


def _office_only(user: Any) -> None:
    if not user_is_office(user):
        raise PermissionDenied


@transaction.atomic
def response_return(*, response: Response, user: Any, comment: str) -> Response:
    """The office sends a submitted answer back with a comment the respondent sees."""
    _office_only(user)
    locked = _locked(response, user=user, expected_revision=None)
    if locked.workflow not in (WorkflowState.SUBMITTED, WorkflowState.APPROVED):
        raise WorkflowError(_("Bara inlämnade svar kan skickas tillbaka."))
    text = comment.strip()
    if not text:
        raise WorkflowError(_("Skriv vad uppgiftslämnaren behöver rätta eller förklara."))
    _workflow_set(
        locked,
        WorkflowState.RETURNED,
        reason=_("Skickad tillbaka: %(comment)s") % {"comment": text},
        office_comment=text,
        approved_at=None,
    )
    return locked


@transaction.atomic
def response_approve(*, response: Response, user: Any) -> Response:
    """The office approves a submitted answer."""
    _office_only(user)
    locked = _locked(response, user=user, expected_revision=None)
    if locked.workflow != WorkflowState.SUBMITTED:
        raise WorkflowError(_("Bara inlämnade svar kan godkännas."))
    _workflow_set(locked, WorkflowState.APPROVED, reason=_("Godkänd"), approved_at=timezone.now())
    return locked


@dataclass(frozen=True)
class ReminderReport:
    reminder: Reminder
    agencies: Sequence[str]


@transaction.atomic
def round_remind(
    *, round: Round, user: Any, base_url: str, now: datetime | None = None
) -> ReminderReport:
    """E-mail every respondent of an agency that has not submitted, and log it."""
    from accounts.models import AgencyAssignment

    _office_only(user)
    if round.status != RoundStatus.OPEN:
        raise WorkflowError(_("Påminnelser skickas bara medan omgången är öppen för svar."))
    waiting = list(
        Response.objects.filter(round=round, workflow__in=WAITING_STATES).select_related("agency")
    )
    agency_ids = [r.agency_id for r in waiting]
    assignments = AgencyAssignment.objects.filter(
        agency_id__in=agency_ids, user__is_active=True
    ).select_related("user", "agency")
    by_user: dict[str, list[str]] = {}
    for assignment in assignments:
        by_user.setdefault(assignment.user.email, []).append(assignment.agency.name)
    deadline = round.deadline.isoformat() if round.deadline else _("snarast")
    messages = [
        (
            _("Påminnelse: uppföljningen av e-handel %(round)s") % {"round": round.label},
            _(
                "Hej!\n\nVi har ännu inte fått in svar för %(agencies)s i uppföljningen av "
                "myndigheternas e-handel %(round)s. Sista svarsdag är %(deadline)s.\n\n"
                "Lämna svaret här: %(url)s\n\nVänliga hälsningar\nUppföljningsenheten"
            )
            % {
                "agencies": ", ".join(sorted(names)),
                "round": round.label,
                "deadline": deadline,
                "url": base_url,
            },
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
        for email, names in sorted(by_user.items())
    ]
    reminder = Reminder.objects.create(
        round=round,
        sent_at=now or timezone.now(),
        sent_by=user,
        n_agencies=len(waiting),
        n_recipients=len(messages),
    )
    reminder.agencies.set(agency_ids)
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return ReminderReport(reminder=reminder, agencies=[r.agency.name for r in waiting])
