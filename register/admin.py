"""Admin for the agency register: agencies with their register years and former names."""

from __future__ import annotations

import contextlib

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from register.models import Agency, AgencyFormerName, AgencyYear
from register.orgnr import OrgNrError, orgnr_normalise


class AgencyYearInline(admin.TabularInline):
    model = AgencyYear
    extra = 0
    fields = ("year", "employees", "fte")
    ordering = ("-year",)


class AgencyFormerNameInline(admin.TabularInline):
    model = AgencyFormerName
    extra = 0
    fields = ("name",)


class AgencyAdminForm(forms.ModelForm):
    # Eleven characters: the number may be typed with its hyphen; it is stored as ten digits.
    org_nr = forms.CharField(label=_("organisationsnummer"), max_length=11)

    class Meta:
        model = Agency
        fields = ("org_nr", "name", "short_name", "department")

    def clean_org_nr(self) -> str:
        raw = self.cleaned_data["org_nr"]
        try:
            return orgnr_normalise(raw)
        except OrgNrError as error:
            if error.code == "check_digit":
                message = _("Organisationsnumret har fel kontrollsiffra. Kontrollera numret.")
            else:
                message = _("Skriv organisationsnumret som NNNNNN-NNNN eller NNNNNNNNNN.")
            raise forms.ValidationError(message, code=error.code) from error


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyAdminForm
    list_display = ("name", "short_name", "org_nr_display", "department")
    list_filter = ("department",)
    search_fields = ("name", "short_name", "org_nr", "former_names__name")
    readonly_fields = ("created_at", "updated_at")
    inlines = (AgencyYearInline, AgencyFormerNameInline)

    @admin.display(description=_("organisationsnummer"), ordering="org_nr")
    def org_nr_display(self, obj: Agency) -> str:
        return obj.org_nr_display

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Agency], search_term: str
    ) -> tuple[QuerySet[Agency], bool]:
        """A search for "202100-4284" finds the agency stored as "2021004284"."""
        with contextlib.suppress(OrgNrError):
            search_term = orgnr_normalise(search_term)
        return super().get_search_results(request, queryset, search_term)
