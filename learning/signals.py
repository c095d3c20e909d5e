"""Keep the public pages' clock right when goals or agency types change, by any path
(services, the admin, deletion): see learning.models.PublicChange."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from learning.models import AgencyTypeOverride, Goal, PublicChange


def public_change_mark(**_kwargs: Any) -> None:
    now = timezone.now()
    updated = PublicChange.objects.filter(pk=1).update(changed_at=now)
    if not updated:
        PublicChange.objects.update_or_create(pk=1, defaults={"changed_at": now})


def public_changed_at() -> datetime | None:
    return PublicChange.objects.filter(pk=1).values_list("changed_at", flat=True).first()


def connect() -> None:
    for model in (Goal, AgencyTypeOverride):
        post_save.connect(public_change_mark, sender=model, dispatch_uid=f"public-{model.__name__}")
        post_delete.connect(
            public_change_mark, sender=model, dispatch_uid=f"public-del-{model.__name__}"
        )
