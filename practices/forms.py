"""The forms of the practice pages. Parsing only: the rules are in ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from keyfigures.registry import KEY_FIGURES
from network.models import Contact
from practices.models import Effort, Practice, Theme
from practices.services import PracticeData

NO_CONTACT = ""


def _figure_choices() -> list[tuple[str, str]]:
    from public.templatetags.uppfoljning import figure_name

    return [(figure.slug, figure_name(figure)) for figure in KEY_FIGURES]


class PracticeForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Rubrik"),
        required=False,
        help_text=gettext_lazy("Kort och konkret, till exempel ”Ledningen gick före”."),
    )
    description = forms.CharField(
        label=gettext_lazy("Vad gjorde myndigheten?"),
        required=False,
        help_text=gettext_lazy(
            "Beskriv vad ni gjorde, vem som gjorde det och vad andra kan lära av det. "
            "Texten publiceras efter granskning."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    started_on = forms.DateField(
        label=gettext_lazy("Startdatum"),
        required=False,
        help_text=gettext_lazy("När arbetet började, ÅÅÅÅ-MM-DD. Högst ett år framåt i tiden."),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": gettext_lazy("Skriv startdatumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-01.")
        },
    )
    themes = forms.MultipleChoiceField(
        label=gettext_lazy("Teman"),
        required=False,
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Välj teman ur listan.")},
    )
    figures = forms.MultipleChoiceField(
        label=gettext_lazy("Nyckeltal som arbetet syftade till att förbättra"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Välj nyckeltal ur listan.")},
    )
    effort = forms.ChoiceField(
        label=gettext_lazy("Hur stor var insatsen?"),
        required=False,
        choices=[("", gettext_lazy("Välj …")), *Effort.choices],
        error_messages={"invalid_choice": gettext_lazy("Välj hur stor insatsen var.")},
    )
    effort_note = forms.CharField(
        label=gettext_lazy("Om insatsen (valfritt)"),
        required=False,
        help_text=gettext_lazy("Till exempel hur många som arbetade med det och hur länge."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact = forms.ChoiceField(
        label=gettext_lazy("Kontaktperson (valfritt)"),
        required=False,
        help_text=gettext_lazy(
            "Bara personer i myndighetens nätverk som har samtyckt. Kontaktpersonen visas "
            "aldrig på de öppna sidorna, bara för inloggade användare."
        ),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Välj en kontaktperson i myndighetens nätverk som har lämnat sitt samtycke."
            )
        },
    )
    source_url = forms.CharField(
        label=gettext_lazy("Länk till mer information (valfritt)"),
        required=False,
        help_text=gettext_lazy("En hel webbadress, till exempel https://www.myndigheten.se/…"),
    )
    source_label = forms.CharField(
        label=gettext_lazy("Vad länken leder till (valfritt)"),
        required=False,
        help_text=gettext_lazy("Till exempel ”Myndighetens årsredovisning 2024, s. 12”."),
    )

    def __init__(self, *args: Any, contacts: list[Contact], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        figures = self.fields["figures"]
        assert isinstance(figures, forms.MultipleChoiceField)
        figures.choices = _figure_choices()
        contact = self.fields["contact"]
        assert isinstance(contact, forms.ChoiceField)
        contact.choices = [
            (NO_CONTACT, gettext_lazy("Ingen kontaktperson")),
            *((str(c.pk), f"{c.name}, {c.role}" if c.role else c.name) for c in contacts),
        ]

    @classmethod
    def initial_from(cls, practice: Practice) -> dict[str, Any]:
        return {
            "title": practice.title,
            "description": practice.description,
            "started_on": practice.started_on,
            "themes": list(practice.themes),
            "figures": list(practice.figures),
            "effort": practice.effort,
            "effort_note": practice.effort_note,
            "contact": str(practice.contact_id) if practice.contact_id else NO_CONTACT,
            "source_url": practice.source_url,
            "source_label": practice.source_label,
        }

    def data_for_service(self) -> PracticeData:
        data = self.cleaned_data
        contact = data.get("contact") or NO_CONTACT
        return PracticeData(
            title=data.get("title", ""),
            description=data.get("description", ""),
            started_on=data.get("started_on"),
            themes=list(data.get("themes") or []),
            figures=list(data.get("figures") or []),
            effort=data.get("effort") or "",
            effort_note=data.get("effort_note", ""),
            contact_id=int(contact) if contact else None,
            source_url=data.get("source_url", ""),
            source_label=data.get("source_label", ""),
        )

    def mark_errors(self) -> None:
        """Tie each field to its hint and error message for screen readers."""
        errors = self.errors if self.is_bound else {}
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                continue  # a fieldset: the legend and the message describe the group
            described = [f"id_{name}_helptext"] if field.help_text else []
            if name in errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"id_{name}_error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Kommentar till myndigheten"),
        required=False,
        help_text=gettext_lazy(
            "Vad behöver ändras eller kompletteras? Myndigheten ser kommentaren."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
