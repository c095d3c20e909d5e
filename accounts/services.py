"""Writes to users, their agencies, invitations and login attempts.

``is_staff`` and ``is_superuser`` are never set by hand: :func:`user_create` and
:func:`user_role_set` derive them from the role (:func:`role_flags`), so the Django admin
stays with the follow-up office.
"""

from __future__ import annotations

import logging
import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_ipv46_address
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import (
    DemoUsersRefusedError,
    LoginFailedError,
    LoginThrottledError,
    RoleError,
    UserExistsError,
)
from accounts.models import (
    OFFICE_ROLES,
    AgencyAssignment,
    Invitation,
    LoginAttempt,
    Role,
    User,
    email_normalise,
)
from accounts.selectors import (
    LOGIN_LOCKOUT,
    LOGIN_WINDOW,
    invitation_get_by_token,
    invitation_token_hash,
    login_blocked_until,
)
from register.models import Agency

logger = logging.getLogger(__name__)

INVITATION_VALID_FOR = timedelta(days=7)
INVITATION_TOKEN_BYTES = 32


def role_flags(role: str) -> tuple[bool, bool]:
    """(is_staff, is_superuser) for a role: the office uses the admin, administrators fully."""
    return role in OFFICE_ROLES, role == Role.ADMINISTRATOR


def _role_check(role: str) -> None:
    if role not in Role.values:
        raise RoleError(_("Okänd roll: %(role)s.") % {"role": role}, field="role")


def _agencies_check(*, role: str, agencies: list[Agency]) -> None:
    if agencies and role != Role.RESPONDENT:
        raise RoleError(
            _("Bara uppgiftslämnare knyts till myndigheter: uppföljningsenheten ser alla."),
            field="agencies",
        )


# Users ---------------------------------------------------------------------------------


@transaction.atomic
def user_create(
    *,
    email: str,
    role: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    agencies: Iterable[Agency] = (),
    created_by: User | None = None,
    is_active: bool = True,
) -> User:
    """A new user; ``password=None`` makes one that cannot log in until it is set."""
    email = email_normalise(email)
    agencies = list(agencies)
    _role_check(role)
    _agencies_check(role=role, agencies=agencies)
    if User.objects.filter(email__iexact=email).exists():
        raise UserExistsError(
            _("Det finns redan ett konto med e-postadressen %(email)s.") % {"email": email},
            field="email",
        )
    is_staff, is_superuser = role_flags(role)
    user = User(
        email=email,
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        is_active=is_active,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    AgencyAssignment.objects.bulk_create(
        AgencyAssignment(user=user, agency=agency, created_by=created_by) for agency in agencies
    )
    return user


@transaction.atomic
def user_role_set(*, user: User, role: str) -> User:
    """Change the role; ``is_staff`` and ``is_superuser`` follow it.

    Agency assignments are kept when a respondent joins the office (the office sees every
    agency anyway) and count again if the user becomes a respondent again.
    """
    _role_check(role)
    user.role = role
    user.is_staff, user.is_superuser = role_flags(role)
    user.full_clean()
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    return user


@transaction.atomic
def user_agencies_set(
    *, user: User, agencies: Iterable[Agency], created_by: User | None = None
) -> User:
    """Assign exactly these agencies to a respondent (keeping existing assignments' dates)."""
    wanted = {agency.pk: agency for agency in agencies}
    _agencies_check(role=user.role, agencies=list(wanted.values()))
    current = set(user.assignments.values_list("agency_id", flat=True))
    user.assignments.exclude(agency_id__in=wanted).delete()
    AgencyAssignment.objects.bulk_create(
        AgencyAssignment(user=user, agency=agency, created_by=created_by)
        for pk, agency in wanted.items()
        if pk not in current
    )
    return user


@transaction.atomic
def user_password_set(*, user: User, password: str) -> User:
    """Set a password after checking it against the password rules (AUTH_PASSWORD_VALIDATORS)."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


# Invitations ---------------------------------------------------------------------------


def invitation_roles_for(user: User) -> list[str]:
    """The roles this user may invite: administrators any, analysts all but administrator."""
    if not user.is_active or user.role not in OFFICE_ROLES:
        return []
    if user.role == Role.ADMINISTRATOR:
        return list(Role.values)
    return [Role.ANALYST, Role.RESPONDENT]


def _invitation_mail_send(*, invitation: Invitation, url: str) -> None:
    agencies = list(invitation.agencies.order_by("name").values_list("name", flat=True))
    inviter = invitation.created_by
    context = {
        "invitation": invitation,
        "url": url,
        "role": Role(invitation.role).label,
        "agencies": agencies,
        "inviter": (inviter.get_full_name() or inviter.email) if inviter else "",
        "valid_days": INVITATION_VALID_FOR.days,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [invitation.email])


@transaction.atomic
def invitation_create(
    *,
    email: str,
    role: str,
    agencies: Iterable[Agency],
    created_by: User,
    site_url: str,
    now: datetime | None = None,
) -> Invitation:
    """Invite someone by e-mail; the link (``site_url`` + path) is sent after the commit.

    The token is random and only its hash is stored: the e-mail is the only copy. A new
    invitation to the same address makes earlier pending ones expire.
    """
    now = now or timezone.now()
    email = email_normalise(email)
    agencies = list(agencies)
    _role_check(role)
    if role not in invitation_roles_for(created_by):
        raise RoleError(
            _("Du kan inte bjuda in någon som %(role)s.") % {"role": str(Role(role).label).lower()},
            field="role",
        )
    _agencies_check(role=role, agencies=agencies)
    if role == Role.RESPONDENT and not agencies:
        raise RoleError(
            _("Välj minst en myndighet som uppgiftslämnaren ska lämna uppgifter för."),
            field="agencies",
        )
    if User.objects.filter(email__iexact=email).exists():
        raise UserExistsError(
            _("Det finns redan ett konto med e-postadressen %(email)s.") % {"email": email},
            field="email",
        )
    Invitation.objects.filter(email=email, accepted_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    token = secrets.token_urlsafe(INVITATION_TOKEN_BYTES)
    invitation = Invitation(
        email=email,
        role=role,
        token_hash=invitation_token_hash(token),
        created_by=created_by,
        created_at=now,
        expires_at=now + INVITATION_VALID_FOR,
    )
    invitation.full_clean()
    invitation.save()
    invitation.agencies.set(agencies)
    url = site_url.rstrip("/") + reverse("accounts:invitation-accept", kwargs={"token": token})
    transaction.on_commit(lambda: _invitation_mail_send(invitation=invitation, url=url))
    logger.info("invitation %s created by user %s", invitation.pk, created_by.pk)
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    password: str,
    first_name: str,
    last_name: str,
    now: datetime | None = None,
) -> User:
    """Create the invited user with their password and agencies; the link is then used up.

    Raises ``InvitationInvalidError`` (unknown, used, expired), ``UserExistsError`` and
    Django's ``ValidationError`` for a password the rules refuse.
    """
    now = now or timezone.now()
    # Lock the row first: a second, simultaneous acceptance waits, then finds it used.
    list(Invitation.objects.select_for_update().filter(token_hash=invitation_token_hash(token)))
    invitation = invitation_get_by_token(token=token, now=now)
    candidate = User(email=invitation.email, first_name=first_name, last_name=last_name)
    password_validation.validate_password(password, candidate)
    user = user_create(
        email=invitation.email,
        role=invitation.role,
        password=password,
        first_name=first_name,
        last_name=last_name,
        agencies=invitation.agencies.all(),
        created_by=invitation.created_by,
    )
    invitation.accepted_at = now
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    logger.info("invitation %s accepted: user %s", invitation.pk, user.pk)
    return user


# Login ---------------------------------------------------------------------------------


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address: REMOTE_ADDR, or the last entry of CLIENT_IP_HEADER.

    Behind a proxy every request comes from the proxy's address; set CLIENT_IP_HEADER
    (e.g. ``HTTP_X_FORWARDED_FOR``) to the header the proxy writes. Its last entry is the
    one the proxy added, so a client cannot choose it.
    """
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    candidate = value.split(",")[-1].strip() if value else request.META.get("REMOTE_ADDR", "")
    try:
        validate_ipv46_address(candidate)
    except ValidationError:
        return None
    return candidate


def login_attempts_cleanup(*, now: datetime) -> int:
    """Delete attempts older than LOGIN_ATTEMPTS_KEEP_DAYS (and never those the throttle needs)."""
    keep = max(
        timedelta(days=getattr(settings, "LOGIN_ATTEMPTS_KEEP_DAYS", 30)),
        LOGIN_WINDOW + LOGIN_LOCKOUT,
    )
    deleted, _counts = LoginAttempt.objects.filter(at__lt=now - keep).delete()
    return deleted


def login_attempt_record(
    *, email: str, ip: str | None, succeeded: bool, now: datetime
) -> LoginAttempt:
    attempt = LoginAttempt.objects.create(
        email=email_normalise(email)[:254], ip=ip, at=now, succeeded=succeeded
    )
    login_attempts_cleanup(now=now)
    return attempt


def login_throttled_message(*, until: datetime, now: datetime) -> str:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return _(
        "För många misslyckade inloggningsförsök. Av säkerhetsskäl kan du inte logga in "
        "på %(minutes)d minuter. Försök igen senare, eller begär ett nytt lösenord."
    ) % {"minutes": minutes}


def login_authenticate(
    *,
    email: str,
    password: str,
    ip: str | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> User:
    """Check the password unless throttled; record the attempt. Does not start a session.

    After LOGIN_MAX_FAILURES_EMAIL failures for one address, or LOGIN_MAX_FAILURES_IP from
    one IP address, within 15 minutes, every attempt is refused for 15 minutes, even with
    the right password (``LoginThrottledError``). Wrong credentials and inactive accounts
    raise ``LoginFailedError``.
    """
    now = now or timezone.now()
    until = login_blocked_until(email=email, ip=ip, now=now)
    if until is not None:
        logger.warning("login refused (throttled) from %s until %s", ip, until.isoformat())
        raise LoginThrottledError(login_throttled_message(until=until, now=now), until=until)
    user = authenticate(request, username=email, password=password)
    with transaction.atomic():
        login_attempt_record(email=email, ip=ip, succeeded=user is not None, now=now)
    if user is None:
        logger.info("login failed from %s", ip)
        raise LoginFailedError(_("Fel e-postadress eller lösenord."))
    assert isinstance(user, User)
    return user


# Demo users ----------------------------------------------------------------------------

DEMO_PASSWORD = "demo-losen-2024"  # noqa: S105 - published on purpose, development only
DEMO_ANALYST_EMAIL = "analytiker@example.se"
DEMO_RESPONDENT_EMAIL = "uppgiftslamnare@example.se"
DEMO_RESPONDENT_AGENCIES = ("Kammarkollegiet", "Statens servicecenter")


@dataclass
class DemoUser:
    email: str
    role: str
    created: bool
    agencies: list[str] = field(default_factory=list)


def demo_users_allowed() -> bool:
    """Only in development (DEBUG) or with DEMO_USERS=1, and never with DJANGO_ENV=production."""
    if getattr(settings, "PRODUCTION", False):
        return False
    return bool(settings.DEBUG or getattr(settings, "DEMO_USERS", False))


def _demo_agencies() -> list[Agency]:
    """Kammarkollegiet and Statens servicecenter, or the first agencies by name instead."""
    chosen = [
        agency
        for name in DEMO_RESPONDENT_AGENCIES
        if (agency := Agency.objects.filter(name__iexact=name).first()) is not None
    ]
    wanted = len(DEMO_RESPONDENT_AGENCIES)
    if len(chosen) < wanted:
        fill = Agency.objects.exclude(pk__in=[a.pk for a in chosen]).order_by("name")
        chosen += list(fill[: wanted - len(chosen)])
    return chosen


@transaction.atomic
def demo_users_create(*, password: str = DEMO_PASSWORD) -> list[DemoUser]:
    """An analyst and a respondent with a known password (idempotent). Refused in production."""
    if not demo_users_allowed():
        raise DemoUsersRefusedError(
            _(
                "Demoanvändare skapas bara i utveckling (DEBUG=1) eller med DEMO_USERS=1, "
                "och aldrig med DJANGO_ENV=production: lösenordet är känt."
            )
        )
    outcomes: list[DemoUser] = []
    for email, role, agencies in (
        (DEMO_ANALYST_EMAIL, Role.ANALYST, []),
        (DEMO_RESPONDENT_EMAIL, Role.RESPONDENT, _demo_agencies()),
    ):
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if user is None:
            user = user_create(email=email, role=role, password=password, agencies=agencies)
        else:
            if user.role != role:
                user_role_set(user=user, role=role)
            if not user.is_active:
                user.is_active = True
                user.save(update_fields=["is_active"])
            if not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
            if role == Role.RESPONDENT:
                user_agencies_set(user=user, agencies=agencies)
        outcomes.append(
            DemoUser(
                email=email,
                role=role,
                created=created,
                agencies=[agency.name for agency in agencies],
            )
        )
    return outcomes
