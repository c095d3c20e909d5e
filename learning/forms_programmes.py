"""Forms of the office's programme pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from register.models import Agency


class ProgrammeGroupForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"),
        max_length=200,
        error_messages={"required": _("Skriv gruppens namn.")},
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    start_date = forms.DateField(
        label=_("Startdatum"),
        help_text=_(
            "Till exempel 2024-03-01. Omgångar före startåret räknas som före, "
            "omgångar från startåret som efter."
        ),
        error_messages={
            "required": _("Skriv programmets startdatum."),
            "invalid": _("Skriv startdatumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-01."),
        },
    )


class MemberAddForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Myndighet"),
        queryset=Agency.objects.none(),
        empty_label=_("Välj en myndighet"),
        error_messages={
            "required": _("Välj en myndighet att lägga till."),
            "invalid_choice": _("Välj en myndighet som inte redan är medlem."),
        },
    )

    def __init__(self, *args: object, candidates: list[Agency], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Agency.objects.filter(pk__in=[a.pk for a in candidates]).order_by("name")
