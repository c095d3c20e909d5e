"""Admin for rounds and responses.

Every change to a population or an answer goes through ``surveys.services``: adding a
response adds the agency to a draft round's population, deleting one removes it, and
editing one records the answer. Whatever the services would refuse is read-only here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from surveys.imports.values import COUNT_FIELDS, response_values_problems
from surveys.models import Response, Round, RoundStatus
from surveys.services import (
    RECORDABLE_STATUSES,
    RoundPeriodError,
    SurveysError,
    response_has_answers,
    response_record,
    round_create,
    round_period_check,
    round_population_add,
    round_population_remove,
    round_population_set,
    round_slug_default,
)

ROUND_ADD_FIELDS = ("year", "period_type", "slug", "is_simulated")
ROUND_FIXED_FIELDS = ("year", "period_type", "slug", "created_at", "updated_at")
RESPONSE_ADD_FIELDS = ("round", "agency")
RESPONSE_FIXED_FIELDS = (
    "round",
    "agency",
    "fte",
    "fte_year",
    "fte_is_fallback",
    "created_at",
    "updated_at",
)
RESPONSE_VALUE_FIELDS = (
    "status",
    *COUNT_FIELDS,
    "not_applicable_reason",
    "comment",
    "is_simulated",
)


# Rounds --------------------------------------------------------------------------------


class RoundAdminForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = (*ROUND_ADD_FIELDS, "status", "published_at")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Lämna tomt för 2024, 2017h1 eller 2017h2.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year, period_type = cleaned.get("year"), cleaned.get("period_type")
        if self.instance.pk is None and year is not None and period_type:
            try:
                round_period_check(year=year, period_type=period_type)
            except RoundPeriodError as error:
                self.add_error("period_type", error.message)
            if not cleaned.get("slug"):
                cleaned["slug"] = round_slug_default(year=year, period_type=period_type)
        return cleaned


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    form = RoundAdminForm
    list_display = (
        "label",
        "slug",
        "year",
        "period_type",
        "status",
        "is_simulated",
        "population_size",
        "published_at",
    )
    list_filter = ("status", "period_type", "is_simulated")
    actions = ("population_set",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Round]:
        return super().get_queryset(request).annotate(n_responses=Count("responses"))

    @admin.display(description=gettext_lazy("population"), ordering="n_responses")
    def population_size(self, obj: Round) -> int:
        return int(getattr(obj, "n_responses", 0))

    def get_fields(self, request: HttpRequest, obj: Round | None = None) -> Any:
        if obj is None:
            return ROUND_ADD_FIELDS
        return (*ROUND_FIXED_FIELDS, "status", "is_simulated", "published_at")

    def get_readonly_fields(self, request: HttpRequest, obj: Round | None = None) -> Any:
        return () if obj is None else ROUND_FIXED_FIELDS

    def save_model(self, request: HttpRequest, obj: Round, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = round_create(
            year=obj.year, period_type=obj.period_type, slug=obj.slug, is_simulated=obj.is_simulated
        )
        obj.pk = created.pk
        obj._state.adding = False
        obj.refresh_from_db()

    def has_delete_permission(self, request: HttpRequest, obj: Round | None = None) -> bool:
        # Deleting a round deletes its responses: only while it is a draft.
        if obj is not None and obj.status != RoundStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=gettext_lazy("Sätt populationen enligt regeln (bara utkast)"))
    def population_set(self, request: HttpRequest, queryset: QuerySet[Round]) -> None:
        for round_ in queryset:
            try:
                report = round_population_set(round=round_)
            except SurveysError as error:
                self.message_user(request, error.message, messages.ERROR)
                continue
            self.message_user(request, " ".join(report.summary_lines()), messages.SUCCESS)


# Responses -----------------------------------------------------------------------------


class ResponseAdminForm(forms.ModelForm):
    """Checks what the services check, so a refusal shows on the form, not as an error page."""

    class Meta:
        model = Response
        fields = (*RESPONSE_ADD_FIELDS, *RESPONSE_VALUE_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "round" in self.fields:
            round_field = self.fields["round"]
            if isinstance(round_field, forms.ModelChoiceField):
                round_field.queryset = Round.objects.filter(status=RoundStatus.DRAFT)
                round_field.help_text = _(
                    "Bara omgångar som är utkast: populationen är låst i övriga."
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk is None or "status" not in cleaned:
            return cleaned
        counts = {name: cleaned.get(name) for name in COUNT_FIELDS}
        for problem in response_values_problems(
            status=cleaned["status"],
            counts=counts,
            not_applicable_reason=cleaned.get("not_applicable_reason") or "",
        ):
            target = problem.field if problem.field in self.fields else None
            self.add_error(target, problem.message)
        return cleaned


@admin.register(Response)
class ResponseAdmin(SimpleHistoryAdmin):
    form = ResponseAdminForm
    list_display = (
        "agency",
        "org_nr",
        "round",
        "status",
        "fte",
        "fte_year",
        "fte_is_fallback",
        "is_simulated",
        "updated_at",
    )
    list_filter = ("round", "round__status", "status", "fte_is_fallback", "is_simulated")
    list_select_related = ("agency", "round")
    search_fields = ("agency__name", "agency__short_name", "agency__org_nr")
    autocomplete_fields = ("agency",)

    @admin.display(description=gettext_lazy("organisationsnummer"), ordering="agency__org_nr")
    def org_nr(self, obj: Response) -> str:
        return obj.agency.org_nr_display

    def get_fields(self, request: HttpRequest, obj: Response | None = None) -> Any:
        if obj is None:
            return RESPONSE_ADD_FIELDS
        return (*RESPONSE_FIXED_FIELDS, *RESPONSE_VALUE_FIELDS)

    def get_readonly_fields(self, request: HttpRequest, obj: Response | None = None) -> Any:
        if obj is None:
            return ()
        if obj.round.status in RECORDABLE_STATUSES:
            return RESPONSE_FIXED_FIELDS
        return (*RESPONSE_FIXED_FIELDS, *RESPONSE_VALUE_FIELDS)

    def save_model(self, request: HttpRequest, obj: Response, form: Any, change: bool) -> None:
        if not change:
            created = round_population_add(round=obj.round, agency=obj.agency)
            obj.pk = created.pk
            obj._state.adding = False
            obj.refresh_from_db()
            return
        if not any(name in form.cleaned_data for name in RESPONSE_VALUE_FIELDS):
            return  # nothing editable (the round is a draft or published)
        # A fresh copy: ``obj`` already holds the form's values, the service compares with
        # what is stored.
        response = Response.objects.get(pk=obj.pk)
        response._history_user = request.user  # type: ignore[attr-defined]
        values = form.cleaned_data
        response_record(
            response=response,
            status=values["status"],
            supplier_invoices=values.get("supplier_invoices"),
            e_invoices=values.get("e_invoices"),
            matched_invoices=values.get("matched_invoices"),
            e_orders=values.get("e_orders"),
            not_applicable_reason=values.get("not_applicable_reason") or "",
            comment=values.get("comment") or "",
            is_simulated=bool(values.get("is_simulated")),
        )
        obj.refresh_from_db()

    def has_delete_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        # Removing a response removes the agency from the population: drafts only.
        if obj is not None and (obj.round.status != RoundStatus.DRAFT or response_has_answers(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: Response) -> None:
        round_population_remove(round=obj.round, agency=obj.agency)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Response]) -> None:
        for response in queryset.select_related("round", "agency"):
            round_population_remove(round=response.round, agency=response.agency)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def revert_disabled(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return True  # a revert would bypass the services; record the answer again instead

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
