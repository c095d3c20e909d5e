"""Writes of the programme follow-up: custom groups and their members."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from learning.models import ProgrammeGroup, ProgrammeMembership
from register.models import Agency


@transaction.atomic
def programme_group_create(
    *, name: str, description: str, start_date: datetime.date, user: User | None
) -> ProgrammeGroup:
    """Create a custom group (a programme cohort) with its start date."""
    group = ProgrammeGroup(
        name=name,
        description=description,
        start_date=start_date,
        created_by=user,
        created_at=timezone.now(),
    )
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def programme_membership_add(*, group: ProgrammeGroup, agency: Agency) -> ProgrammeMembership:
    """Add an agency to a programme group; adding a member again changes nothing."""
    membership, _created = ProgrammeMembership.objects.get_or_create(group=group, agency=agency)
    return membership


@transaction.atomic
def programme_membership_remove(*, group: ProgrammeGroup, agency: Agency) -> None:
    """Remove an agency from a programme group (nothing happens if it is not a member)."""
    ProgrammeMembership.objects.filter(group=group, agency=agency).delete()
