"""A round's life: draft → open → closed → published, and reopened for corrections.

Publishing itself (freezing a version) lives in ``publishing.services.round_publish``.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from surveys.models import Round, RoundStatus


class RoundTransitionError(Exception):
    """A status change that is not allowed now; ``message`` says why, in Swedish."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _locked(round_: Round, *, expected: str, action: str) -> Round:
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status != expected:
        raise RoundTransitionError(
            _("Omgången %(round)s kan inte %(action)s när den har status ”%(status)s”.")
            % {"round": locked.label, "action": action, "status": locked.get_status_display()},
            code=f"{expected}_required",
        )
    return locked


@transaction.atomic
def round_open(*, round: Round, opens_on: datetime.date, deadline: datetime.date) -> Round:
    """Open a draft round for answers; its population is fixed from now on."""
    locked = _locked(round, expected=RoundStatus.DRAFT, action=_("öppnas"))
    if not locked.responses.exists():
        raise RoundTransitionError(
            _("Omgången %(round)s har ingen population. Sätt populationen innan den öppnas.")
            % {"round": locked.label},
            code="empty_population",
        )
    if deadline < opens_on:
        raise RoundTransitionError(
            _("Sista svarsdag kan inte vara före startdagen."), code="deadline_before_start"
        )
    locked.status = RoundStatus.OPEN
    locked.opens_on = opens_on
    locked.deadline = deadline
    locked.save(update_fields=["status", "opens_on", "deadline", "updated_at"])
    round.refresh_from_db()
    return locked


@transaction.atomic
def round_close(*, round: Round) -> Round:
    """Close an open round: no more answers; the office reviews and publishes."""
    locked = _locked(round, expected=RoundStatus.OPEN, action=_("stängas"))
    locked.status = RoundStatus.CLOSED
    locked.save(update_fields=["status", "updated_at"])
    round.refresh_from_db()
    return locked


@transaction.atomic
def round_reopen(*, round: Round) -> Round:
    """Reopen a published round for corrections.

    The public keeps seeing the published version until the round is published again.
    """
    locked = _locked(round, expected=RoundStatus.PUBLISHED, action=_("öppnas för rättelser"))
    locked.status = RoundStatus.OPEN
    locked.save(update_fields=["status", "updated_at"])
    round.refresh_from_db()
    return locked
