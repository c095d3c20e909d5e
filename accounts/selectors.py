"""Reads: who may see which agency, invitations by token, the login throttle.

Build every view that shows or changes an agency's data on :func:`access_agency`; list
agencies for a user with :func:`agencies_for_user`. Both treat an anonymous or
inactive user as having no agencies at all.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import InvitationInvalidError
from accounts.models import OFFICE_ROLES, Invitation, LoginAttempt, Role, email_normalise
from register.models import Agency

# Login throttle: this many failures within LOGIN_WINDOW (for one e-mail address, or from
# one IP address) block further attempts for LOGIN_LOCKOUT after the last of them.
LOGIN_WINDOW = timedelta(minutes=15)
LOGIN_LOCKOUT = timedelta(minutes=15)
LOGIN_MAX_FAILURES_EMAIL = 5
LOGIN_MAX_FAILURES_IP = 20


def user_is_office(user: Any) -> bool:
    """True for an active, logged-in administrator or analyst (the follow-up office)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "role", None) in OFFICE_ROLES
    )


def _is_active_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def agencies_for_user(*, user: Any) -> QuerySet[Agency]:
    """The agencies the user may see and report for, by name: all of them for the office."""
    if user_is_office(user):
        return Agency.objects.order_by("name")
    if not _is_active_user(user) or user.role != Role.RESPONDENT:
        return Agency.objects.none()
    return Agency.objects.filter(assignments__user=user).order_by("name")


def access_agency(*, user: Any, agency_id: int) -> Agency:
    """The agency, if the user may see it; otherwise ``PermissionDenied``.

    The office may see every agency (an unknown id is ``Http404``). A respondent may see
    the agencies assigned to them; any other id, existing or not, is ``PermissionDenied``
    so that the answer does not reveal which ids exist. Anonymous and inactive users are
    always denied.
    """
    if user_is_office(user):
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None:
            raise Http404
        return agency
    agency = agencies_for_user(user=user).filter(pk=agency_id).first()
    if agency is None:
        raise PermissionDenied
    return agency


def user_agency_names(*, user: Any) -> list[str]:
    return list(agencies_for_user(user=user).values_list("name", flat=True))


# Invitations ---------------------------------------------------------------------------


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_get_by_token(*, token: str, now: datetime | None = None) -> Invitation:
    """The pending invitation behind a link, or ``InvitationInvalidError`` saying why not."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.filter(token_hash=invitation_token_hash(token))
        .select_related("created_by")
        .first()
    )
    if invitation is None:
        raise InvitationInvalidError(
            _("Länken till inbjudan är inte giltig. Kontrollera att hela länken kom med."),
            reason=InvitationInvalidError.UNKNOWN,
        )
    if invitation.accepted_at is not None:
        raise InvitationInvalidError(
            _(
                "Inbjudan har redan använts och kontot är skapat. Logga in med din "
                "e-postadress, eller begär ett nytt lösenord om du har glömt det."
            ),
            reason=InvitationInvalidError.USED,
        )
    if invitation.expires_at <= now:
        raise InvitationInvalidError(
            _(
                "Inbjudan har gått ut: en inbjudan gäller i sju dagar, och en ny inbjudan "
                "ersätter den förra. Be den som bjöd in dig att skicka en ny."
            ),
            reason=InvitationInvalidError.EXPIRED,
        )
    return invitation


def invitation_list_pending(*, now: datetime | None = None) -> QuerySet[Invitation]:
    now = now or timezone.now()
    return (
        Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=now)
        .select_related("created_by")
        .order_by("-created_at")
    )


# Login throttle ------------------------------------------------------------------------


def _block_end(times: list[datetime], limit: int) -> datetime | None:
    """When the latest block caused by ``limit`` failures within the window ends."""
    end: datetime | None = None
    for last in range(limit - 1, len(times)):
        if times[last] - times[last - limit + 1] <= LOGIN_WINDOW:
            end = times[last] + LOGIN_LOCKOUT
    return end


def login_blocked_until(*, email: str, ip: str | None, now: datetime) -> datetime | None:
    """The time until which logins for this e-mail address or IP address are refused.

    ``None`` when not blocked. A successful login clears the failures for its e-mail
    address, not for its IP address. Refused attempts are not recorded, so a block
    ends LOGIN_LOCKOUT after the failure that caused it.
    """
    since = now - LOGIN_WINDOW - LOGIN_LOCKOUT
    recent = LoginAttempt.objects.filter(at__gt=since, at__lte=now)
    email = email_normalise(email)
    last_success = (
        recent.filter(email=email, succeeded=True).order_by("-at").values_list("at", flat=True)
    ).first()
    email_failures = recent.filter(email=email, succeeded=False)
    if last_success is not None:
        email_failures = email_failures.filter(at__gt=last_success)
    ends = [
        _block_end(
            list(email_failures.order_by("at").values_list("at", flat=True)),
            LOGIN_MAX_FAILURES_EMAIL,
        )
    ]
    if ip:
        ip_failures = recent.filter(ip=ip, succeeded=False).order_by("at")
        ip_times = list(ip_failures.values_list("at", flat=True))
        ends.append(_block_end(ip_times, LOGIN_MAX_FAILURES_IP))
    until = max((end for end in ends if end is not None), default=None)
    return until if until is not None and until > now else None
