"""A read-only view of the built open-data files (their bytes are not shown)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from opendata.models import OpenDataFile


@admin.register(OpenDataFile)
class OpenDataFileAdmin(admin.ModelAdmin):
    list_display = ("name", "scope", "format", "size", "publication_version", "built_at")
    list_filter = ("scope", "format")
    exclude = ("content",)
    readonly_fields = (
        "name",
        "scope",
        "round",
        "format",
        "size",
        "sha256",
        "publication_version",
        "sources",
        "data_modified",
        "built_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OpenDataFile | None = None) -> bool:
        return False
