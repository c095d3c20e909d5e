"""Forms of the follow-up office's pages: parse and check the input, nothing more.

The rules live in the services; a service's refusal is added to the form by the view
(``form.add_error``) so that every problem is shown the same way: in the error summary
"Det finns ett problem" at the top, linked to its field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from register.models import Agency
from surveys.models import PeriodType, ResponseStatus
from surveys.services import HALF_YEAR_FIRST, HALF_YEAR_LAST, ROUND_YEAR_MAX, ROUND_YEAR_MIN

TEXT_MAX_LENGTH = 2000
# Where an approve or return form came from (its hidden "next"): the page to go back to.
NEXT_REVIEW = "granska"
NEXT_AGENCY = "svar"


def _numeric_input() -> forms.TextInput:
    # A text input with a numeric keyboard: type="number" drops what it cannot parse.
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CountField(forms.IntegerField):
    """A count: a whole number ≥ 0, written with or without spaces ("12 345")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", _numeric_input())
        super().__init__(**kwargs)
        self.error_messages["invalid"] = _("Skriv ett heltal, till exempel 1200.")
        self.error_messages["min_value"] = _("Antalet kan inte vara negativt.")

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = "".join(value.split())
        return super().to_python(value)


class RoundCreateForm(forms.Form):
    year = forms.IntegerField(
        label=_("År"),
        min_value=ROUND_YEAR_MIN,
        max_value=ROUND_YEAR_MAX,
        widget=_numeric_input(),
        help_text=_("Året som uppföljningen gäller, till exempel 2025."),
        error_messages={
            "required": _("Skriv vilket år omgången gäller."),
            "invalid": _("Skriv året med fyra siffror, till exempel 2025."),
            "min_value": _("Skriv ett år från %(limit_value)s och framåt."),
            "max_value": _("Skriv ett år till och med %(limit_value)s."),
        },
    )
    period_type = forms.ChoiceField(
        label=_("Period"),
        choices=PeriodType.choices,
        initial=PeriodType.YEAR,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj om omgången gäller helår eller ett halvår.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_type"].help_text = gettext(
            "Halvår finns bara för %(first)d–%(last)d."
        ) % {"first": HALF_YEAR_FIRST, "last": HALF_YEAR_LAST}


class ConfirmForm(forms.Form):
    """A form without fields: a POST with its CSRF token, for a confirmed action."""


class RoundOpenForm(forms.Form):
    opens_on = forms.DateField(
        label=_("Startdag"),
        widget=_date_input(),
        help_text=_("Från den här dagen kan myndigheterna lämna svar. Skriv som ÅÅÅÅ-MM-DD."),
        error_messages={
            "required": _("Skriv startdagen."),
            "invalid": _("Skriv startdagen som ÅÅÅÅ-MM-DD, till exempel 2026-01-15."),
        },
    )
    deadline = forms.DateField(
        label=_("Sista svarsdag"),
        widget=_date_input(),
        help_text=_("Visas för myndigheterna och i påminnelserna. Skriv som ÅÅÅÅ-MM-DD."),
        error_messages={
            "required": _("Skriv sista svarsdag."),
            "invalid": _("Skriv sista svarsdag som ÅÅÅÅ-MM-DD, till exempel 2026-02-28."),
        },
    )


class RoundPublishForm(forms.Form):
    note = forms.CharField(
        label=_("Kommentar till publiceringen"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Visas i den offentliga ändringsloggen. Krävs när omgången publiceras på nytt: "
            "skriv varför, till exempel vilka uppgifter som rättades."
        ),
    )


class PopulationAddForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Myndighet"),
        queryset=Agency.objects.none(),
        empty_label=_("Välj myndighet"),
        error_messages={
            "required": _("Välj den myndighet som ska läggas till."),
            "invalid_choice": _("Välj en myndighet i listan."),
        },
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies


class PopulationRemoveForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Myndigheten finns inte i registret.")},
    )


class ResponseReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Vad behöver rättas eller förklaras?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Uppgiftslämnaren ser kommentaren och kan ändra svaret och lämna in det igen. "
            "Skriv inga uppgifter om enskilda personer."
        ),
        error_messages={
            "required": _("Skriv vad uppgiftslämnaren behöver rätta eller förklara."),
        },
    )


class ResponseCorrectForm(forms.Form):
    """The office's correction of an answer; ``revision`` is the one the page showed."""

    status = forms.ChoiceField(
        label=_("Svar"),
        choices=ResponseStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj om myndigheten har svarat.")},
    )
    supplier_invoices = CountField(label=_("Leverantörsfakturor"))
    e_invoices = CountField(label=_("E-fakturor"))
    matched_invoices = CountField(label=_("Matchade fakturor"))
    e_orders = CountField(label=_("E-order"))
    not_applicable_reason = forms.CharField(
        label=_("Skäl till ej tillämplig"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comment = forms.CharField(
        label=_("Myndighetens kommentar"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Skäl till ändringen"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Sparas i historiken. Om omgången redan är publicerad visas skälet också i den "
            "offentliga ändringsloggen."
        ),
        error_messages={"required": _("Skriv varför uppgifterna ändras.")},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "revision" in self.errors:
            self.errors.pop("revision")
            self.add_error(None, _("Formuläret saknar uppgift om versionen. Ladda sidan igen."))
        return cleaned
