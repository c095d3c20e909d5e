"""Publishing a round: freeze its responses as a new version, log what was corrected."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from keyfigures.services import results_refresh_on_commit
from publishing.models import COUNT_FIELDS, Correction, Publication, PublishedResponse
from publishing.signals import round_published
from surveys.models import PUBLISHABLE_STATES, Response, ResponseStatus, Round, RoundStatus

# What a correction can touch, in the order the change log lists it.
TRACKED_FIELDS: tuple[str, ...] = ("status", *COUNT_FIELDS, "fte")


class PublishError(Exception):
    """A round that cannot be published now; ``message`` says why, in Swedish."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class PublishReport:
    publication: Publication
    n_responses: int
    n_corrections: int


def _value_text(value: object) -> str:
    return "" if value is None else str(value)


def _change_reason(response: Response, since: Publication | None) -> str:
    """The reason given with the latest change of a published value since the last version.

    Workflow steps (submitted, sent back, approved) carry reasons of their own; they are
    not corrections and their words never reach the public change log.
    """
    history = response.history.all()
    if since is not None:
        history = history.filter(history_date__gt=since.published_at)
    for record in history.order_by("-history_date"):
        previous = record.prev_record
        changed = previous is None or any(
            getattr(record, field) != getattr(previous, field) for field in TRACKED_FIELDS
        )
        if changed and record.history_change_reason:
            return str(record.history_change_reason)
    return ""


def round_publish(
    *,
    round: Round,
    user: AbstractBaseUser | None = None,
    note: str = "",
) -> PublishReport:
    """Publish a closed round as version n + 1 and refresh the public results.

    The first publication is version 1. A later one (after ``round_reopen`` and
    ``round_close``) is a correction: every changed value gets a change-log entry with
    the reason recorded with the change, or ``note`` when none was given, and the
    public pages mark the corrected values.
    """
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if locked.status != RoundStatus.CLOSED:
            raise PublishError(
                _("Omgången %(round)s måste vara stängd innan den publiceras.")
                % {"round": locked.label},
                code="not_closed",
            )
        previous = locked.publications.order_by("-version").first()
        if previous is not None and not note.strip():
            raise PublishError(
                _("Ange varför omgången publiceras på nytt; skälet visas i ändringsloggen."),
                code="note_required",
            )
        now = timezone.now()
        publication = Publication.objects.create(
            round=locked,
            version=(previous.version + 1) if previous else 1,
            published_at=now,
            published_by_id=user.pk if user is not None else None,
            note=note.strip(),
        )
        before = {p.agency_id: p for p in previous.responses.all()} if previous is not None else {}
        snapshots: list[PublishedResponse] = []
        corrections: list[Correction] = []
        for response in locked.responses.select_related("agency"):
            # Drafts and answers sent back are published as not answered.
            publishable = response.workflow in PUBLISHABLE_STATES
            snapshot = PublishedResponse(
                publication=publication,
                agency=response.agency,
                status=response.status if publishable else ResponseStatus.NOT_ANSWERED,
                not_applicable_reason=response.not_applicable_reason if publishable else "",
                **{
                    field: getattr(response, field) if publishable else None
                    for field in COUNT_FIELDS
                },
                fte=response.fte,
                fte_year=response.fte_year,
                fte_is_fallback=response.fte_is_fallback,
                is_simulated=response.is_simulated,
            )
            old = before.get(response.agency_id)
            if previous is not None:
                changed = [
                    field
                    for field in TRACKED_FIELDS
                    if old is None or getattr(old, field) != getattr(snapshot, field)
                ]
                snapshot.corrected_fields = ",".join(changed)
                if changed:
                    reason = _change_reason(response, previous) or publication.note
                    corrections.extend(
                        Correction(
                            publication=publication,
                            agency=response.agency,
                            field=field,
                            old_value=_value_text(getattr(old, field) if old else None),
                            new_value=_value_text(getattr(snapshot, field)),
                            reason=reason,
                        )
                        for field in changed
                    )
            snapshots.append(snapshot)
        PublishedResponse.objects.bulk_create(snapshots)
        Correction.objects.bulk_create(corrections)
        locked.status = RoundStatus.PUBLISHED
        locked.published_at = now
        locked.save(update_fields=["status", "published_at", "updated_at"])
        results_refresh_on_commit()
        transaction.on_commit(
            lambda: round_published.send(sender=Publication, publication=publication)
        )
    round.refresh_from_db()
    return PublishReport(
        publication=publication, n_responses=len(snapshots), n_corrections=len(corrections)
    )
