"""Admin for the office: see which report files are built, when, and why one failed.

Read-only: files are written by ``reports.services`` only (rebuild by hand with
``manage.py build_reports``)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from reports.models import ReportFile


@admin.register(ReportFile)
class ReportFileAdmin(admin.ModelAdmin):
    list_display = ("round", "kind", "agency", "status", "publication", "built_at", "error")
    list_filter = ("kind", "status", "round")
    search_fields = ("agency__name",)
    exclude = ("pdf",)
    readonly_fields = (
        "round",
        "kind",
        "agency",
        "publication",
        "source_key",
        "status",
        "sha256",
        "error",
        "started_at",
        "built_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
