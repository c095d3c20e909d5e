"""Writes of practices: create, edit, submit, withdraw (the agency); publish and return
(the office). Keyword-only, one transaction each, permission checked through
``access_agency``; invalid input is a ``ValidationError`` by field, in Swedish.

Editing rule: a published practice that is edited goes back to draft and leaves the
public pages until it has been submitted and published again (docs/practices.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import access_agency, user_is_office
from keyfigures.registry import KEY_FIGURES_BY_SLUG
from network.models import Contact
from practices.exceptions import PracticeStateError
from practices.models import Effort, Practice, PracticeStatus, Theme
from register.models import Agency

EARLIEST_START = date(2000, 1, 1)
MAX_DAYS_AHEAD = 365
TITLE_MAX = 200
DESCRIPTION_MAX = 5000
NOTE_MAX = 2000
SOURCE_LABEL_MAX = 300
COMMENT_MAX = 2000


@dataclass
class PracticeData:
    """What the agency writes; ``contact_id`` is an active network contact or ``None``."""

    title: str
    description: str
    started_on: date | None
    themes: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    effort: str = ""
    effort_note: str = ""
    contact_id: int | None = None
    source_url: str = ""
    source_label: str = ""


def practice_data_check(
    *, data: PracticeData, agency: Agency, today: date | None = None
) -> dict[str, list[str]]:
    """Every problem with the input, by field, in Swedish. Empty when it can be saved."""
    errors: dict[str, list[str]] = {}
    for name, message in (
        *_text_problems(data),
        *_date_problems(data.started_on, today or timezone.localdate()),
        *_choice_problems(data, agency),
        *_source_problems(data),
    ):
        errors.setdefault(name, []).append(message)
    return errors


Problem = tuple[str, str]


def _text_problems(data: PracticeData) -> list[Problem]:
    problems: list[Problem] = []
    title = data.title.strip()
    if not title:
        problems.append(("title", _("Skriv en rubrik.")))
    elif len(title) > TITLE_MAX:
        problems.append(("title", _("Rubriken får vara högst %(n)s tecken.") % {"n": TITLE_MAX}))
    description = data.description.strip()
    if not description:
        problems.append(("description", _("Beskriv vad myndigheten gjorde.")))
    elif len(description) > DESCRIPTION_MAX:
        problems.append(
            (
                "description",
                _("Beskrivningen får vara högst %(n)s tecken.") % {"n": DESCRIPTION_MAX},
            )
        )
    if len(data.effort_note.strip()) > NOTE_MAX:
        problems.append(
            ("effort_note", _("Texten om insatsen får vara högst %(n)s tecken.") % {"n": NOTE_MAX})
        )
    return problems


def _date_problems(started_on: date | None, today: date) -> list[Problem]:
    if started_on is None:
        return [("started_on", _("Skriv startdatumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-01."))]
    if started_on > today + timedelta(days=MAX_DAYS_AHEAD):
        return [("started_on", _("Startdatumet kan ligga högst ett år framåt i tiden."))]
    if started_on < EARLIEST_START:
        return [("started_on", _("Startdatumet kan inte vara före år 2000."))]
    return []


def _choice_problems(data: PracticeData, agency: Agency) -> list[Problem]:
    problems: list[Problem] = []
    if not data.themes:
        problems.append(("themes", _("Välj minst ett tema.")))
    elif any(t not in Theme.values for t in data.themes):
        problems.append(("themes", _("Välj teman ur listan.")))
    if not data.figures:
        problems.append(
            ("figures", _("Välj minst ett nyckeltal som exemplet syftade till att förbättra."))
        )
    elif any(f not in KEY_FIGURES_BY_SLUG for f in data.figures):
        problems.append(("figures", _("Välj nyckeltal ur listan.")))
    if data.effort not in Effort.values:
        problems.append(("effort", _("Välj hur stor insatsen var.")))
    if (
        data.contact_id is not None
        and not Contact.objects.filter(
            pk=data.contact_id, agency=agency, withdrawn_at__isnull=True
        ).exists()
    ):
        problems.append(
            (
                "contact",
                _("Välj en kontaktperson i myndighetens nätverk som har lämnat sitt samtycke."),
            )
        )
    return problems


def _source_problems(data: PracticeData) -> list[Problem]:
    problems: list[Problem] = []
    url = data.source_url.strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problems.append(("source_url", _("Skriv en hel webbadress som börjar med https://.")))
    label = data.source_label.strip()
    if len(label) > SOURCE_LABEL_MAX:
        problems.append(
            (
                "source_label",
                _("Källans namn får vara högst %(n)s tecken.") % {"n": SOURCE_LABEL_MAX},
            )
        )
    if label and not url:
        problems.append(("source_url", _("Skriv länken till källan, eller ta bort källans namn.")))
    return problems


def _apply(practice: Practice, data: PracticeData) -> None:
    practice.title = data.title.strip()
    practice.description = data.description.strip()
    assert data.started_on is not None
    practice.started_on = data.started_on
    # Keep the registry's and the choices' order, whatever order the form sent.
    practice.themes = [t for t in Theme.values if t in data.themes]
    practice.figures = [s for s in KEY_FIGURES_BY_SLUG if s in data.figures]
    practice.effort = data.effort
    practice.effort_note = data.effort_note.strip()
    practice.contact_id = data.contact_id
    practice.source_url = data.source_url.strip()
    practice.source_label = data.source_label.strip()


def _check(data: PracticeData, agency: Agency) -> None:
    errors = practice_data_check(data=data, agency=agency)
    if errors:
        raise ValidationError(errors)


def _access(user: Any, practice: Practice) -> None:
    access_agency(user=user, agency_id=practice.agency_id)


def _locked(practice: Practice) -> Practice:
    return Practice.objects.select_for_update().get(pk=practice.pk)


@transaction.atomic
def practice_create(*, user: Any, agency: Agency, data: PracticeData) -> Practice:
    """A new draft for the agency (the user must report for it, or be the office)."""
    agency = access_agency(user=user, agency_id=agency.pk)
    _check(data, agency)
    now = timezone.now()
    practice = Practice(agency=agency, created_by=user, created_at=now, updated_at=now)
    _apply(practice, data)
    practice.status = PracticeStatus.DRAFT
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_update(*, user: Any, practice: Practice, data: PracticeData) -> Practice:
    """Save changes. A submitted, published or withdrawn practice goes back to draft: the
    office reviews what is public, so a published text changes only through review."""
    _access(user, practice)
    practice = _locked(practice)
    _check(data, practice.agency)
    _apply(practice, data)
    if practice.status != PracticeStatus.RETURNED:
        practice.status = PracticeStatus.DRAFT
    practice.updated_at = timezone.now()
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_submit(*, user: Any, practice: Practice) -> Practice:
    """Send a draft or a returned practice to the office for review."""
    _access(user, practice)
    practice = _locked(practice)
    if practice.status not in (PracticeStatus.DRAFT, PracticeStatus.RETURNED):
        raise PracticeStateError(
            _("Bara ett utkast eller ett återsänt exempel kan skickas till granskning.")
        )
    practice.status = PracticeStatus.SUBMITTED
    practice.updated_at = timezone.now()
    practice.save(update_fields=["status", "updated_at"])
    return practice


@transaction.atomic
def practice_withdraw(*, user: Any, practice: Practice) -> Practice:
    """The agency takes the practice back: it leaves the public pages at once."""
    _access(user, practice)
    practice = _locked(practice)
    if practice.status == PracticeStatus.WITHDRAWN:
        raise PracticeStateError(_("Exemplet är redan tillbakadraget."))
    practice.status = PracticeStatus.WITHDRAWN
    practice.updated_at = timezone.now()
    practice.save(update_fields=["status", "updated_at"])
    return practice


def _office(user: Any) -> None:
    if not user_is_office(user):
        raise PermissionDenied


@transaction.atomic
def practice_publish(*, user: Any, practice: Practice) -> Practice:
    """The office publishes a submitted practice."""
    _office(user)
    practice = _locked(practice)
    if practice.status != PracticeStatus.SUBMITTED:
        raise PracticeStateError(_("Bara ett exempel som väntar på granskning kan publiceras."))
    now = timezone.now()
    practice.status = PracticeStatus.PUBLISHED
    practice.review_comment = ""
    practice.reviewed_by = user
    practice.reviewed_at = now
    practice.published_at = now
    practice.updated_at = now
    practice.save(
        update_fields=[
            "status",
            "review_comment",
            "reviewed_by",
            "reviewed_at",
            "published_at",
            "updated_at",
        ]
    )
    return practice


@transaction.atomic
def practice_return(*, user: Any, practice: Practice, comment: str) -> Practice:
    """The office returns a submitted (or published) practice with a comment the agency
    sees; a published one leaves the public pages."""
    _office(user)
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            {"comment": [_("Skriv vad myndigheten behöver ändra eller komplettera.")]}
        )
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {"comment": [_("Kommentaren får vara högst %(n)s tecken.") % {"n": COMMENT_MAX}]}
        )
    practice = _locked(practice)
    if practice.status not in (PracticeStatus.SUBMITTED, PracticeStatus.PUBLISHED):
        raise PracticeStateError(
            _("Bara ett exempel som väntar på granskning eller är publicerat kan återsändas.")
        )
    now = timezone.now()
    practice.status = PracticeStatus.RETURNED
    practice.review_comment = comment
    practice.reviewed_by = user
    practice.reviewed_at = now
    practice.updated_at = now
    practice.save(
        update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "updated_at"]
    )
    return practice
