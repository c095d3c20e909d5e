"""A read-only admin list of practices for the office; every change goes through the
pages and ``practices.services`` (the review flow), never through the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from practices.models import Practice


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "status", "started_on", "is_simulated", "updated_at")
    list_filter = ("status", "is_simulated")
    search_fields = ("title", "agency__name")
    ordering = ("-updated_at",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
