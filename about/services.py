"""Writes: feedback in, feedback handled, e-mail addresses erased, issues saved.

Settings (read with defaults, so nothing has to be configured):

- ``ABOUT_FEEDBACK_RATE_LIMIT`` (5) messages per ``ABOUT_FEEDBACK_RATE_WINDOW`` (600 s)
  from one client address;
- ``ABOUT_FEEDBACK_EMAIL_KEEP_DAYS`` (30): days an e-mail address for a reply is kept
  after the message is handled;
- ``ABOUT_FEEDBACK_NOTIFY_EMAIL`` (empty: off): an address, e.g. the registrator's, told of
  each new message after it is stored. The notice carries the reference, kind, page and
  message, not the sender's reply address (that stays in the admin).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from about.exceptions import FeedbackRateLimitedError
from about.models import (
    STATEMENT_PK,
    AccessibilityIssue,
    AccessibilityStatement,
    Feedback,
    FeedbackKind,
    FeedbackStatus,
)

logger = logging.getLogger(__name__)

DEFAULT_RATE_LIMIT = 5
DEFAULT_RATE_WINDOW = 600
DEFAULT_EMAIL_KEEP_DAYS = 30


@dataclass(frozen=True)
class RateLimit:
    count: int
    window_seconds: int


def feedback_rate_limit() -> RateLimit:
    count = int(getattr(settings, "ABOUT_FEEDBACK_RATE_LIMIT", DEFAULT_RATE_LIMIT))
    window = int(getattr(settings, "ABOUT_FEEDBACK_RATE_WINDOW", DEFAULT_RATE_WINDOW))
    return RateLimit(count=max(1, count), window_seconds=max(1, window))


def email_keep_days() -> int:
    return max(0, int(getattr(settings, "ABOUT_FEEDBACK_EMAIL_KEEP_DAYS", DEFAULT_EMAIL_KEEP_DAYS)))


def _rate_key(client: str, window_seconds: int, moment: float) -> str:
    # The address is hashed: the cache never holds it in the clear.
    digest = hashlib.sha256(f"about-feedback:{client}".encode()).hexdigest()[:32]
    return f"about-feedback-rate:{digest}:{window_seconds}:{int(moment // window_seconds)}"


def _rate_take(*, client: str, now: datetime) -> None:
    """Count one message for ``client`` in the current fixed window, or refuse it."""
    limit = feedback_rate_limit()
    key = _rate_key(client, limit.window_seconds, now.timestamp())
    cache.add(key, 0, timeout=limit.window_seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limit.window_seconds + 1)
        used = 1
    if used > limit.count:
        raise FeedbackRateLimitedError(limit.window_seconds)


def _reference(feedback: Feedback) -> str:
    return f"{feedback.received_at:%Y}-{feedback.pk:05d}"


def feedback_submit(
    *,
    kind: str,
    message: str,
    page_url: str = "",
    email: str = "",
    language: str = "sv",
    client: str,
    now: datetime | None = None,
) -> Feedback:
    """Store one message and give it a reference; ``FeedbackRateLimitedError`` when the
    client has sent too many in the current window (then nothing is stored)."""
    moment = now or timezone.now()
    if kind not in FeedbackKind.values:
        raise ValueError(f"unknown feedback kind {kind!r}")
    _rate_take(client=client, now=moment)
    with transaction.atomic():
        feedback = Feedback(
            # A unique placeholder until the primary key gives the real reference.
            reference=f"new-{uuid4().hex[:16]}",
            kind=kind,
            message=message.strip(),
            page_url=page_url.strip(),
            email=email.strip(),
            language=language[:8],
            received_at=moment,
        )
        feedback.full_clean(exclude=["reference"])
        feedback.save()
        feedback.reference = _reference(feedback)
        feedback.save(update_fields=["reference"])
    logger.info("feedback %s received (%s)", feedback.reference, feedback.kind)
    transaction.on_commit(lambda: feedback_notify(feedback=feedback))
    return feedback


def feedback_notify(*, feedback: Feedback) -> bool:
    """Tell ABOUT_FEEDBACK_NOTIFY_EMAIL of a new message; False when off or it failed.

    A failed notice is logged, never raised: the message is stored and visible in the
    admin whatever the mail server does.
    """
    recipient = str(getattr(settings, "ABOUT_FEEDBACK_NOTIFY_EMAIL", "") or "").strip()
    if not recipient:
        return False
    with translation.override("sv"):
        kind = str(FeedbackKind(feedback.kind).label)
    body = "\n".join(
        [
            f"Referens: {feedback.reference}",
            f"Typ: {kind}",
            f"Inkom: {timezone.localtime(feedback.received_at):%Y-%m-%d %H:%M}",
            f"Sida: {feedback.page_url or '-'}",
            f"Svar önskas: {'ja' if feedback.email else 'nej'}",
            "",
            feedback.message,
        ]
    )
    try:
        send_mail(f"Ny synpunkt {feedback.reference}", body, None, [recipient])
    except Exception:
        logger.exception("feedback %s: the notice to the registrator failed", feedback.reference)
        return False
    return True


def feedback_mark_handled(
    *, feedback: Feedback, user: Any | None, now: datetime | None = None
) -> Feedback:
    """Mark a message handled (once: the first handling time is kept)."""
    if feedback.status == FeedbackStatus.HANDLED:
        return feedback
    feedback.status = FeedbackStatus.HANDLED
    feedback.handled_at = now or timezone.now()
    feedback.handled_by = user
    feedback.save(update_fields=["status", "handled_at", "handled_by"])
    return feedback


def feedback_mark_new(*, feedback: Feedback) -> Feedback:
    """Reopen a handled message (the e-mail address, if already erased, stays erased)."""
    feedback.status = FeedbackStatus.NEW
    feedback.handled_at = None
    feedback.handled_by = None
    feedback.save(update_fields=["status", "handled_at", "handled_by"])
    return feedback


def feedback_emails_erase(*, now: datetime | None = None) -> int:
    """Erase the reply addresses of messages handled more than the keep days ago."""
    moment = now or timezone.now()
    cutoff = moment - timedelta(days=email_keep_days())
    return (
        Feedback.objects.filter(status=FeedbackStatus.HANDLED, handled_at__lte=cutoff)
        .exclude(email="")
        .update(email="", email_erased_at=moment)
    )


def statement_touch(*, on: date | None = None) -> AccessibilityStatement | None:
    """Set the statement's "last updated" date (after a deficiency changed)."""
    day = on or timezone.localdate()
    statement = AccessibilityStatement.objects.filter(pk=STATEMENT_PK).first()
    if statement is None or statement.updated_on >= day:
        return statement
    statement.updated_on = day
    statement.save(update_fields=["updated_on"])
    return statement


def issue_save(*, issue: AccessibilityIssue, on: date | None = None) -> AccessibilityIssue:
    """Save a deficiency and move the statement's "last updated" date with it."""
    with transaction.atomic():
        issue.full_clean(exclude=["seed_key"])
        issue.save()
        statement_touch(on=on)
    return issue


def issue_delete(*, issue: AccessibilityIssue, on: date | None = None) -> None:
    with transaction.atomic():
        issue.delete()
        statement_touch(on=on)
