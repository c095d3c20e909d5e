"""Admin for the office: the statement (one row), its deficiencies, and the feedback.

Saving or deleting a deficiency moves the statement's "last updated" date to today
(``services.issue_save``). Feedback is read-only apart from its note, and can neither be
added nor deleted here; the actions mark messages handled or new again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from about.models import (
    STATEMENT_PK,
    AccessibilityIssue,
    AccessibilityStatement,
    Feedback,
    FeedbackStatus,
    UseSituation,
)
from about.services import (
    feedback_mark_handled,
    feedback_mark_new,
    issue_delete,
    issue_save,
)
from accounts.models import User


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "method", "assessed_on", "updated_on")
    fields = ("status", "assessed_on", "method", "published_on", "updated_on")

    def has_add_permission(self, request: HttpRequest) -> bool:
        exists = AccessibilityStatement.objects.filter(pk=STATEMENT_PK).exists()
        return not exists and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: AccessibilityStatement, form: Any, change: bool
    ) -> None:
        obj.pk = STATEMENT_PK
        super().save_model(request, obj, form, change)


class AccessibilityIssueForm(forms.ModelForm):
    situations = forms.MultipleChoiceField(
        label=_("användningssituationer"),
        choices=UseSituation.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en användningssituation.")},
    )

    class Meta:
        model = AccessibilityIssue
        fields = [
            "description",
            "description_en",
            "where",
            "where_en",
            "reason",
            "reason_en",
            "alternative",
            "alternative_en",
            "wcag_criterion",
            "situations",
            "planned_fix_on",
            "resolved",
            "order",
        ]

    def clean_situations(self) -> list[str]:
        chosen = set(self.cleaned_data.get("situations") or [])
        # Stored in DIGG's order, whatever order the boxes were ticked in.
        return [code for code in UseSituation.values if code in chosen]


@admin.register(AccessibilityIssue)
class AccessibilityIssueAdmin(admin.ModelAdmin):
    form = AccessibilityIssueForm
    list_display = ("description", "wcag_criterion", "planned_fix_on", "resolved", "order")
    list_filter = ("resolved",)
    search_fields = ("description", "where", "wcag_criterion")

    def save_model(
        self, request: HttpRequest, obj: AccessibilityIssue, form: Any, change: bool
    ) -> None:
        issue_save(issue=obj)

    def delete_model(self, request: HttpRequest, obj: AccessibilityIssue) -> None:
        issue_delete(issue=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AccessibilityIssue]) -> None:
        for issue in queryset:
            issue_delete(issue=issue)


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("reference", "received_at", "kind", "status", "handled_at")
    list_filter = ("status", "kind")
    search_fields = ("reference", "message", "page_url")
    date_hierarchy = "received_at"
    readonly_fields = (
        "reference",
        "received_at",
        "kind",
        "message",
        "page_url",
        "email",
        "language",
        "status",
        "handled_at",
        "handled_by",
        "email_erased_at",
    )
    fields = (*readonly_fields[:7], "office_note", *readonly_fields[7:])
    actions = ("mark_handled", "mark_new")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A message is an inkommen handling: it is kept (only the reply address is erased).
        return False

    @admin.action(description=_("Markera som hanterade"), permissions=["change"])
    def mark_handled(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
        user = request.user if isinstance(request.user, User) else None
        count = 0
        for feedback in queryset.filter(status=FeedbackStatus.NEW):
            feedback_mark_handled(feedback=feedback, user=user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d synpunkt markerades som hanterad.",
                "%(count)d synpunkter markerades som hanterade.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Markera som nya igen"), permissions=["change"])
    def mark_new(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
        count = 0
        for feedback in queryset.filter(status=FeedbackStatus.HANDLED):
            feedback_mark_new(feedback=feedback)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d synpunkt markerades som ny.",
                "%(count)d synpunkter markerades som nya.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
