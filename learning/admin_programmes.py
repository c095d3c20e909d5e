"""Admin of the programme groups (custom groups of the office) with their members.
Imported by learning/admin.py so that Django's autodiscovery registers it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from learning.models import ProgrammeGroup, ProgrammeMembership


class ProgrammeMembershipInline(admin.TabularInline):
    model = ProgrammeMembership
    autocomplete_fields = ("agency",)
    extra = 1


@admin.register(ProgrammeGroup)
class ProgrammeGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "start_date", "created_by", "created_at")
    fields = ("name", "description", "start_date")
    search_fields = ("name",)
    inlines = (ProgrammeMembershipInline,)

    def save_model(
        self, request: HttpRequest, obj: ProgrammeGroup, form: Any, change: bool
    ) -> None:
        if not change:
            obj.created_by = request.user if isinstance(request.user, User) else None
            obj.created_at = timezone.now()
        super().save_model(request, obj, form, change)
