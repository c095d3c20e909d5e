"""Forms of the network pages. They only parse; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import COMMENT_MAX_LENGTH
from network.services import NAME_MAX, PHONE_MAX, REASON_MAX, ROLE_MAX
from register.models import Agency
from surveys.models import Round


class DescribedForm(forms.Form):
    """Ties each field to its hint and error message for screen readers."""

    def mark_errors(self) -> None:
        errors = self.errors if self.is_bound else {}
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            described = [f"{auto_id}_helptext"] if field.help_text else []
            if name in errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"{auto_id}_error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def error_links(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary; form-wide errors point at the first
        field."""
        first = next(iter(self.fields), "")
        return [
            (self[name if name != "__all__" else first].auto_id, str(message))
            for name, messages in self.errors.items()
            for message in messages
        ]


class ContactForm(DescribedForm):
    name = forms.CharField(label=_("Namn"), max_length=NAME_MAX, required=False)
    role = forms.CharField(
        label=_("Roll"),
        max_length=ROLE_MAX,
        required=False,
        help_text=_("Till exempel e-handelsansvarig eller controller."),
    )
    email = forms.CharField(label=_("E-postadress"), max_length=254, required=False)
    phone = forms.CharField(label=_("Telefon (valfritt)"), max_length=PHONE_MAX, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["role"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "type": "email"})
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})


class OptInForm(ContactForm):
    agency = forms.TypedChoiceField(label=_("Myndighet"), coerce=int)
    consent = forms.BooleanField(label=_("Jag samtycker enligt texten ovan"), required=False)

    field_order = ["agency", "name", "role", "email", "phone", "consent"]

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.TypedChoiceField)
        agency_field.choices = [(a.pk, a.name) for a in agencies]
        agency_field.error_messages["invalid_choice"] = _("Välj en av dina myndigheter.")
        agency_field.error_messages["required"] = _("Välj en av dina myndigheter.")


class CommentForm(DescribedForm):
    agency = forms.TypedChoiceField(label=_("Myndighet"), coerce=int)
    round = forms.TypedChoiceField(
        label=_("Omgång (valfritt)"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Den publicerade omgång kommentaren gäller, eller ingen särskild."),
    )
    text = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Högst 1000 tecken. Visas på myndighetens öppna sida som ”Myndighetens "
            "kommentar” när uppföljningsenheten har godkänt den, utan ditt namn."
        ),
        error_messages={
            "max_length": _(
                "Kommentaren får vara högst %(limit_value)d tecken; den har %(show_value)d."
            )
        },
    )

    def __init__(
        self, *args: Any, agencies: list[Agency], rounds: list[Round], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.TypedChoiceField)
        agency_field.choices = [(a.pk, a.name) for a in agencies]
        agency_field.error_messages["invalid_choice"] = _("Välj en av dina myndigheter.")
        agency_field.error_messages["required"] = _("Välj en av dina myndigheter.")
        round_field = self.fields["round"]
        assert isinstance(round_field, forms.TypedChoiceField)
        round_field.choices = [("", _("Ingen särskild omgång"))] + [(r.pk, r.label) for r in rounds]
        round_field.error_messages["invalid_choice"] = _(
            "Välj en publicerad omgång, eller ingen omgång."
        )


class RejectForm(DescribedForm):
    reason = forms.CharField(
        label=_("Motivering till myndigheten"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Sök på myndighet, departement, namn eller roll"),
        required=False,
        max_length=200,
    )
