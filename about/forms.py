"""The feedback form: kind, message, page address, an optional e-mail for a reply, and a
honeypot field that people are asked to leave empty (it is hidden from view)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from about.models import MESSAGE_MAX_LENGTH, PAGE_URL_MAX_LENGTH, FeedbackKind
from about.services import email_keep_days

HONEYPOT_FIELD = "webbplats"


def page_url_clean(value: str) -> str:
    """A path on this site or an http(s) address; anything else is refused."""
    value = value.strip()
    if not value:
        return ""
    if any(ch.isspace() for ch in value) or not (
        (value.startswith("/") and not value.startswith("//"))
        or value.lower().startswith(("http://", "https://"))
    ):
        raise forms.ValidationError(
            _(
                "Skriv sidans adress som den står i webbläsaren, till exempel "
                "https://exempel.se/omgangar/2024/ eller /omgangar/2024/."
            ),
            code="invalid",
        )
    return value


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Vad gäller det?"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj vad meddelandet gäller."),
            "invalid_choice": _("Välj vad meddelandet gäller."),
        },
    )
    message = forms.CharField(
        label=_("Meddelande"),
        help_text=_(
            "Beskriv vad som inte fungerar eller vad som är fel, och var. Du kan också be om "
            "innehåll i ett tillgängligt format. Högst 5 000 tecken."
        ),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        error_messages={
            "required": _("Skriv ditt meddelande."),
            "max_length": _(
                "Meddelandet är för långt: högst %(limit_value)d tecken, nu %(show_value)d. "
                "Korta det eller dela upp det i flera meddelanden."
            ),
        },
    )
    page_url = forms.CharField(
        label=_("Sidans adress (frivilligt)"),
        help_text=_("Adressen till sidan det gäller, om det gäller en viss sida."),
        required=False,
        max_length=PAGE_URL_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "url", "spellcheck": "false"}),
        error_messages={
            "max_length": _("Adressen är för lång: högst %(limit_value)d tecken."),
        },
    )
    email = forms.EmailField(
        label=_("Din e-postadress (frivilligt)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _(
                "Skriv e-postadressen i formatet namn@exempel.se, eller lämna fältet tomt."
            ),
            "max_length": _("E-postadressen är för lång: högst %(limit_value)d tecken."),
        },
    )
    webbplats = forms.CharField(
        label=_("Lämna det här fältet tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.honeypot_filled = False
        days = email_keep_days()
        self.fields["email"].help_text = ngettext(
            "Bara om du vill ha svar. E-postadressen är en personuppgift: vi använder den "
            "bara för att svara dig och tar bort den %(days)d dag efter att ärendet är klart.",
            "Bara om du vill ha svar. E-postadressen är en personuppgift: vi använder den "
            "bara för att svara dig och tar bort den %(days)d dagar efter att ärendet är klart.",
            days,
        ) % {"days": days}

    def clean_message(self) -> str:
        message = str(self.cleaned_data.get("message", "")).strip()
        if not message:
            raise forms.ValidationError(_("Skriv ditt meddelande."), code="required")
        return message

    def clean_page_url(self) -> str:
        return page_url_clean(str(self.cleaned_data.get("page_url", "")))

    def clean_email(self) -> str:
        return str(self.cleaned_data.get("email", "")).strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if str(cleaned.get(HONEYPOT_FIELD, "")).strip():
            self.honeypot_filled = True
            # On the field itself: the template then shows it, so a person whose browser
            # filled it in can empty it.
            self.add_error(
                HONEYPOT_FIELD,
                forms.ValidationError(
                    _("Meddelandet skickades inte. Töm det här fältet och skicka igen."),
                    code="honeypot",
                ),
            )
        return cleaned
