"""Admin for the office: correct an agency's derived type."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accounts.models import User
from learning.models import AgencyTypeOverride
from learning.services import agency_type_override_set


@admin.register(AgencyTypeOverride)
class AgencyTypeOverrideAdmin(admin.ModelAdmin):
    list_display = ("agency", "type", "set_by", "set_at")
    fields = ("agency", "type")
    autocomplete_fields = ("agency",)
    search_fields = ("agency__name",)

    def save_model(
        self, request: HttpRequest, obj: AgencyTypeOverride, form: Any, change: bool
    ) -> None:
        user = request.user if isinstance(request.user, User) else None
        saved = agency_type_override_set(agency=obj.agency, type=obj.type, user=user)
        obj.pk = saved.pk
        obj.set_at = saved.set_at


# The programme groups register themselves when imported.
from learning import admin_programmes  # noqa: E402, F401
