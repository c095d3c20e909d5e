"""Writes of the network: contacts (with consent and withdrawal) and agency comments.

Every service takes keyword arguments, checks who may do it, validates, and writes in
one transaction. Refusals are ``NetworkError`` subclasses with a Swedish message (or
``PermissionDenied`` for someone who may not act at all).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import access_agency, user_is_office
from keyfigures.selectors import published_rounds
from network.exceptions import (
    CommentInvalidError,
    ConsentMissingError,
    ContactInvalidError,
    NetworkError,
    ReviewError,
)
from network.models import COMMENT_MAX_LENGTH, AgencyComment, CommentStatus, Contact
from register.models import Agency
from surveys.models import Round

NAME_MAX = 200
ROLE_MAX = 200
PHONE_MAX = 40
REASON_MAX = 2000
_PHONE = re.compile(r"^\+?[0-9 ()\-]{5,}$")


def _is_person(user: Any) -> bool:
    """An active, logged-in user outside the office (only a person opts themselves in)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and not user_is_office(user)
    )


def _clean_contact_fields(
    *, name: str, role: str, email: str, phone: str
) -> tuple[str, str, str, str]:
    name, role, email, phone = (v.strip() for v in (name, role, email, phone))
    if not name:
        raise ContactInvalidError(_("Skriv ditt namn."), field="name")
    if len(name) > NAME_MAX:
        raise ContactInvalidError(
            _("Namnet får vara högst %(max)d tecken.") % {"max": NAME_MAX}, field="name"
        )
    if not role:
        raise ContactInvalidError(
            _("Skriv din roll, till exempel e-handelsansvarig."), field="role"
        )
    if len(role) > ROLE_MAX:
        raise ContactInvalidError(
            _("Rollen får vara högst %(max)d tecken.") % {"max": ROLE_MAX}, field="role"
        )
    if not email:
        raise ContactInvalidError(_("Skriv din e-postadress."), field="email")
    try:
        validate_email(email)
    except ValidationError:
        raise ContactInvalidError(
            _("Skriv e-postadressen som namn@myndighet.se."), field="email"
        ) from None
    if phone and (len(phone) > PHONE_MAX or not _PHONE.match(phone)):
        raise ContactInvalidError(
            _(
                "Skriv telefonnumret med siffror, till exempel 08-123 456 78 eller "
                "+46 8 123 456 78, eller lämna fältet tomt."
            ),
            field="phone",
        )
    return name, role, email.lower(), phone


@transaction.atomic
def contact_opt_in(
    *,
    user: Any,
    agency: Agency,
    name: str,
    role: str,
    email: str,
    phone: str = "",
    consent: bool,
    consent_text: str,
) -> Contact:
    """The user becomes a network contact for an agency they report for.

    ``consent_text`` is the text shown beside the checkbox, stored verbatim.
    """
    if not _is_person(user):
        raise PermissionDenied
    agency = access_agency(user=user, agency_id=agency.pk)
    if not consent:
        raise ConsentMissingError(
            _("Kryssa i rutan för samtycke om du vill vara kontaktperson."), field="consent"
        )
    if not consent_text.strip():
        raise ConsentMissingError(_("Samtyckestexten saknas."), field="consent")
    name, role, email, phone = _clean_contact_fields(name=name, role=role, email=email, phone=phone)
    if Contact.objects.filter(agency=agency, user=user, withdrawn_at__isnull=True).exists():
        raise NetworkError(
            _("Du är redan kontaktperson för %(agency)s. Ändra uppgifterna i stället.")
            % {"agency": agency.name},
            field="agency",
        )
    now = timezone.now()
    contact = Contact(
        agency=agency,
        user=user,
        name=name,
        role=role,
        email=email,
        phone=phone,
        consent_text=consent_text,
        consent_given_at=now,
        created_at=now,
        updated_at=now,
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_update(
    *, user: Any, contact: Contact, name: str, role: str, email: str, phone: str = ""
) -> Contact:
    """The contact changes their own details (only while the consent stands)."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if not _is_person(user) or contact.user_id != user.pk:
        raise PermissionDenied
    if not contact.is_active:
        raise NetworkError(
            _("Samtycket är återkallat. Anmäl dig på nytt om du vill vara kontaktperson.")
        )
    contact.name, contact.role, contact.email, contact.phone = _clean_contact_fields(
        name=name, role=role, email=email, phone=phone
    )
    contact.updated_at = timezone.now()
    contact.full_clean()
    contact.save(update_fields=["name", "role", "email", "phone", "updated_at"])
    return contact


@transaction.atomic
def contact_withdraw(*, user: Any, contact: Contact) -> Contact:
    """Withdraw the consent: by the person themselves, or by the office on their request.

    The personal details are erased at once; the row stays only as the record that
    consent was given (with its text and time) and withdrawn. Withdrawing twice changes
    nothing.
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    is_owner = bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and contact.user_id == user.pk
    )
    if not (is_owner or user_is_office(user)):
        raise PermissionDenied
    if not contact.is_active:
        return contact
    now = timezone.now()
    contact.name = ""
    contact.role = ""
    contact.email = ""
    contact.phone = ""
    contact.withdrawn_at = now
    contact.updated_at = now
    contact.save(update_fields=["name", "role", "email", "phone", "withdrawn_at", "updated_at"])
    return contact


# Comments ------------------------------------------------------------------------------


@transaction.atomic
def comment_submit(*, user: Any, agency: Agency, round: Round | None, text: str) -> AgencyComment:
    """A respondent's comment on their agency's figures, waiting for the office's review."""
    if not _is_person(user):
        raise PermissionDenied
    agency = access_agency(user=user, agency_id=agency.pk)
    text = text.strip()
    if not text:
        raise CommentInvalidError(_("Skriv kommentaren."), field="text")
    if len(text) > COMMENT_MAX_LENGTH:
        raise CommentInvalidError(
            _("Kommentaren får vara högst %(max)d tecken; den har %(n)d.")
            % {"max": COMMENT_MAX_LENGTH, "n": len(text)},
            field="text",
        )
    if round is not None and round.pk not in {r.pk for r in published_rounds()}:
        raise CommentInvalidError(
            _("Välj en publicerad omgång, eller ingen omgång."), field="round"
        )
    now = timezone.now()
    comment = AgencyComment(
        agency=agency,
        round=round,
        text=text,
        status=CommentStatus.SUBMITTED,
        created_by=user,
        created_at=now,
        updated_at=now,
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_withdraw(*, user: Any, comment: AgencyComment) -> AgencyComment:
    """The agency takes its comment back (also a published one); it is never deleted."""
    comment = AgencyComment.objects.select_for_update().get(pk=comment.pk)
    if not _is_person(user):
        raise PermissionDenied
    access_agency(user=user, agency_id=comment.agency_id)
    if comment.status == CommentStatus.WITHDRAWN:
        return comment
    comment.status = CommentStatus.WITHDRAWN
    comment.updated_at = timezone.now()
    comment.save(update_fields=["status", "updated_at"])
    return comment


def _reviewable(user: Any, comment: AgencyComment) -> AgencyComment:
    if not user_is_office(user):
        raise PermissionDenied
    comment = AgencyComment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != CommentStatus.SUBMITTED:
        raise ReviewError(
            _("Kommentaren är redan granskad eller tillbakadragen: %(status)s.")
            % {"status": comment.get_status_display()}
        )
    return comment


@transaction.atomic
def comment_approve(*, user: Any, comment: AgencyComment) -> AgencyComment:
    """The office approves a comment: it is public on the agency's page from now on."""
    comment = _reviewable(user, comment)
    now = timezone.now()
    comment.status = CommentStatus.APPROVED
    comment.reviewed_by = user
    comment.reviewed_at = now
    comment.review_comment = ""
    comment.updated_at = now
    comment.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"]
    )
    return comment


@transaction.atomic
def comment_reject(*, user: Any, comment: AgencyComment, reason: str) -> AgencyComment:
    """The office rejects a comment, with the reason the agency will read."""
    reason = reason.strip()
    if not reason:
        raise ReviewError(
            _("Skriv varför kommentaren avslås; myndigheten får läsa motiveringen."),
            field="reason",
        )
    if len(reason) > REASON_MAX:
        raise ReviewError(
            _("Motiveringen får vara högst %(max)d tecken.") % {"max": REASON_MAX},
            field="reason",
        )
    comment = _reviewable(user, comment)
    now = timezone.now()
    comment.status = CommentStatus.REJECTED
    comment.reviewed_by = user
    comment.reviewed_at = now
    comment.review_comment = reason
    comment.updated_at = now
    comment.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"]
    )
    return comment
