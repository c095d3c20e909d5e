"""Read paths for practices. Public code reads only ``published_practices``."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from practices.models import Practice, PracticeStatus
from register.models import Agency


def published_practices(
    *, agency: Agency | None = None, updated_since: datetime | None = None
) -> QuerySet[Practice]:
    """Practices the office has published, newest start first. Never carries the contact:
    callers that show practices publicly must not follow ``contact``."""
    qs = Practice.objects.filter(status=PracticeStatus.PUBLISHED).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if updated_since is not None:
        qs = qs.filter(updated_at__gt=updated_since)
    return qs.order_by("-started_on", "title", "pk")
