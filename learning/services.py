"""Writes of the learning app."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import access_agency
from keyfigures.registry import key_figure_get
from learning.models import AgencyTypeOverride, Goal
from learning.selectors import goal_min_year
from register.models import Agency


@transaction.atomic
def agency_type_override_set(*, agency: Agency, type: str, user: User | None) -> AgencyTypeOverride:
    """Set (or change) the office's correction of an agency's type."""
    override = AgencyTypeOverride.objects.filter(agency=agency).first() or AgencyTypeOverride(
        agency=agency
    )
    override.type = type
    override.set_by = user
    override.set_at = timezone.now()
    override.full_clean()
    override.save()
    return override


# Goals ---------------------------------------------------------------------------------

GOAL_MAX_YEARS_AHEAD = 30


@transaction.atomic
def goal_set(
    *,
    user: Any,
    agency: Agency,
    figure: str,
    value: Decimal,
    year: int,
    note: str = "",
) -> Goal:
    """Set (or change) the agency's goal for one key figure and year.

    The user must report for the agency or be in the office (``access_agency``, else
    ``PermissionDenied``). Invalid input is a ``ValidationError`` by field, in Swedish.
    """
    agency = access_agency(user=user, agency_id=agency.pk)
    errors: dict[str, list[str]] = {}
    key_figure = key_figure_get(figure)
    if key_figure is None:
        errors["figure"] = [_("Välj ett nyckeltal.")]
    elif value < 0 or (key_figure.unit == "percent" and value > 100):
        errors["value"] = [
            _("Målet för en andel ska vara mellan 0 och 100 procent.")
            if key_figure.unit == "percent"
            else _("Målet kan inte vara negativt.")
        ]
    min_year = goal_min_year()
    if year < min_year:
        errors["year"] = [
            _("Målåret kan inte vara tidigare än %(year)s, den senast publicerade omgången.")
            % {"year": min_year}
        ]
    elif year > min_year + GOAL_MAX_YEARS_AHEAD:
        errors["year"] = [
            _("Målåret kan vara högst %(years)s år framåt.") % {"years": GOAL_MAX_YEARS_AHEAD}
        ]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    goal = Goal.objects.filter(agency=agency, figure=figure, year=year).first()
    if goal is None:
        goal = Goal(agency=agency, figure=figure, year=year, created_by=user, created_at=now)
    goal.value = value
    goal.note = note.strip()
    goal.updated_at = now
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_delete(*, user: Any, goal: Goal) -> None:
    """Delete a goal; the same permission as setting it."""
    access_agency(user=user, agency_id=goal.agency_id)
    goal.delete()
