"""Writes of the learning app."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from learning.models import AgencyTypeOverride
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
