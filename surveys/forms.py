"""Forms of the respondent's pages: the answer form and the spreadsheet upload.

The forms parse what the user typed; the rules live in the services (``response_save``
refuses what breaks them, with messages by field). Errors are shown by the templates in
an error summary that links to each field; the views set ``aria-describedby``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from keyfigures.formatting import format_number
from surveys.imports.responses_csv import MAX_BYTES, MAX_COUNT
from surveys.imports.values import COUNT_FIELDS
from surveys.models import Response, ResponseStatus
from surveys.reporting import COMMENT_MAX_LENGTH, REASON_MAX_LENGTH

EXPLANATION_PREFIX = "explanation-"

# Spaces people and spreadsheets put between thousands: space, no-break, narrow and thin.
_GROUPING = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009](?=\d{3}(?:\D|$))")
_MINUS = ("-", "\u2212", "\u2013")
_DECIMAL = re.compile(r"^\d*[.,]\d+$|^\d+[.,]$")


# Labels, definitions and help texts of the four counts (docs/reporting.md repeats them).
COUNT_FORM_LABELS: Mapping[str, Any] = {
    "supplier_invoices": gettext_lazy("Antal leverantörsfakturor"),
    "e_invoices": gettext_lazy("Antal e-fakturor"),
    "matched_invoices": gettext_lazy("Antal matchade fakturor"),
    "e_orders": gettext_lazy("Antal e-order"),
}
COUNT_DEFINITIONS: Mapping[str, Any] = {
    "supplier_invoices": gettext_lazy(
        "Alla fakturor som myndigheten tog emot från leverantörer under perioden, i alla format."
    ),
    "e_invoices": gettext_lazy(
        "Leverantörsfakturor som skapades och skickades mellan två parters system i ett "
        "strukturerat format, så att de kan behandlas automatiskt."
    ),
    "matched_invoices": gettext_lazy(
        "Leverantörsfakturor som kunde kopplas till en order eller ett abonnemang i "
        "e-handelssystemet."
    ),
    "e_orders": gettext_lazy(
        "Elektroniska beställningar som godkändes (attesterades) i myndighetens "
        "e-handelssystem innan de skickades till leverantören, räknat på det datum då ordern "
        "skapades."
    ),
}
COUNT_HELP: Mapping[str, Any] = {
    "supplier_invoices": gettext_lazy(
        "Räknas: e-fakturor, pdf-fakturor, pappersfakturor och förenklade fakturor. Räknas "
        "inte: fakturor som myndigheten själv skickar."
    ),
    "e_invoices": gettext_lazy(
        "Räknas: fakturor via Peppol och fakturor som leverantören har skrivit in i "
        "myndighetens leverantörsportal. Räknas inte: pdf-fakturor, också när de kommer med "
        "e-post, och inskannade pappersfakturor. Högst lika många som leverantörsfakturorna."
    ),
    "matched_invoices": gettext_lazy(
        "Räkna bland alla leverantörsfakturor, inte bara e-fakturorna: också en "
        "pappersfaktura kan matchas mot ett abonnemang. Högst lika många som "
        "leverantörsfakturorna."
    ),
    "e_orders": gettext_lazy(
        "Räknas inte: order som inte har attesterats och beställningar direkt i "
        "leverantörens webbutik. Det spelar ingen roll hur ordern når leverantören "
        "(EDI, e-post eller leverantörsportal)."
    ),
}
# How to take the e-orders out of common systems (domain notes §1.3).
E_ORDER_SOURCES: tuple[Any, ...] = (
    gettext_lazy(
        "Raindance: rapporten ”Inköpsorder per månad (ESV)”. Datumet är när ordern "
        "attesterades och signerades och ordern skapades."
    ),
    gettext_lazy(
        "Proceedo: rapportgeneratorn på Orderhuvud, med Ordernummer och Skapat datum inom perioden."
    ),
    gettext_lazy(
        "Statens servicecenter: använder myndigheten servicecentrets e-handelstjänst, be "
        "servicecentret om antalet godkända order för perioden."
    ),
)
PERSONAL_DATA_HINT = gettext_lazy(
    "Skriv inte personuppgifter, till exempel namn på kollegor eller på leverantörers "
    "kontaktpersoner. Det du skriver blir en allmän handling och kan lämnas ut efter "
    "sekretessprövning."
)


def count_parse(raw: str, *, label: str) -> int | None:
    """A count typed by a person: "12 000", "12000" and "12 000" are 12000; empty is None.

    Raises ``forms.ValidationError`` with a message naming the field for decimals,
    negative numbers, anything that is not digits, and numbers too large to store.
    """
    text = _GROUPING.sub("", raw.strip())
    if not text:
        return None
    if text.isascii() and text.isdigit():
        if len(text.lstrip("0")) > len(str(MAX_COUNT)) or int(text) > MAX_COUNT:
            raise forms.ValidationError(
                _("%(label)s är för stort. Kontrollera värdet.") % {"label": label},
                code="too_large",
            )
        return int(text)
    if text.startswith(_MINUS) and text[1:].strip().isascii() and text[1:].strip().isdigit():
        raise forms.ValidationError(
            _("%(label)s kan inte vara negativt. Ange noll eller fler.") % {"label": label},
            code="negative",
        )
    if _DECIMAL.match(text):
        raise forms.ValidationError(
            _(
                "%(label)s ska vara ett heltal. Skriv antalet utan decimaler, punkt eller "
                "komma, till exempel 12 000."
            )
            % {"label": label},
            code="not_a_whole_number",
        )
    raise forms.ValidationError(
        _("%(label)s ska skrivas med siffror, till exempel 12 000.") % {"label": label},
        code="not_a_number",
    )


def count_display(value: int | None) -> str:
    """A stored count as the field shows it: "12 345" (ordinary spaces, easy to edit)."""
    if value is None:
        return ""
    return format_number(value, language="sv").replace("\u00a0", " ")


class CountField(forms.CharField):
    """A count typed as text: type="text" inputmode="numeric" takes "12 000" as it is."""

    def __init__(self, *, label: Any, help_text: Any, **kwargs: Any) -> None:
        widget = forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        )
        super().__init__(label=label, help_text=help_text, required=False, widget=widget, **kwargs)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        return count_parse(text or "", label=str(self.label))


class ResponseForm(forms.Form):
    """The answer of one agency: a status, the four counts, a reason, a comment."""

    status = forms.ChoiceField(
        label=gettext_lazy("Svar"),
        widget=forms.RadioSelect,
        choices=[
            (ResponseStatus.ANSWERED, gettext_lazy("Myndigheten lämnar de fyra antalen")),
            (
                ResponseStatus.NOT_APPLICABLE,
                gettext_lazy("Uppföljningen gäller inte myndigheten (ej tillämplig)"),
            ),
        ],
        error_messages={
            "required": gettext_lazy(
                "Välj om myndigheten lämnar de fyra antalen eller om uppföljningen inte gäller den."
            ),
            "invalid_choice": gettext_lazy(
                "Välj om myndigheten lämnar de fyra antalen eller om uppföljningen inte gäller den."
            ),
        },
    )
    not_applicable_reason = forms.CharField(
        label=gettext_lazy("Skäl till att uppföljningen inte gäller myndigheten"),
        help_text=gettext_lazy(
            "Bara om du svarar ej tillämplig. Antalen sparas inte då. Till exempel: "
            "myndigheten omfattas inte av förordningen (2003:770)."
        ),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy("Skälet får vara högst %(limit_value)d tecken långt.")
        },
    )
    supplier_invoices = CountField(
        label=COUNT_FORM_LABELS["supplier_invoices"],
        help_text=COUNT_DEFINITIONS["supplier_invoices"],
    )
    e_invoices = CountField(
        label=COUNT_FORM_LABELS["e_invoices"], help_text=COUNT_DEFINITIONS["e_invoices"]
    )
    matched_invoices = CountField(
        label=COUNT_FORM_LABELS["matched_invoices"],
        help_text=COUNT_DEFINITIONS["matched_invoices"],
    )
    e_orders = CountField(
        label=COUNT_FORM_LABELS["e_orders"], help_text=COUNT_DEFINITIONS["e_orders"]
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar (frivillig)"),
        help_text=PERSONAL_DATA_HINT,
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": gettext_lazy(
                "Kommentaren får vara högst %(limit_value)d tecken lång. Korta den."
            )
        },
    )
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": gettext_lazy("Sidan är inaktuell. Ladda om sidan och försök igen."),
            "invalid": gettext_lazy("Sidan är inaktuell. Ladda om sidan och försök igen."),
            "min_value": gettext_lazy("Sidan är inaktuell. Ladda om sidan och försök igen."),
        },
    )

    # The order of the fields on the page, and of the error summary.
    FIELD_ORDER = ("status", "not_applicable_reason", *COUNT_FIELDS, "comment")

    @classmethod
    def initial_for(cls, response: Response) -> dict[str, Any]:
        """The form's values for a stored answer; a new answer starts as "answered"."""
        status = response.status
        if status not in (ResponseStatus.ANSWERED, ResponseStatus.NOT_APPLICABLE):
            status = ResponseStatus.ANSWERED
        return {
            "status": status,
            "not_applicable_reason": response.not_applicable_reason,
            **{name: count_display(getattr(response, name)) for name in COUNT_FIELDS},
            "comment": response.comment,
            "revision": response.revision,
        }

    def answer(self) -> dict[str, Any]:
        """The cleaned values as ``response_save`` takes them.

        Only what the chosen status uses is passed on: the counts for "answered", the
        reason for "not applicable" (the page says so beside the fields).
        """
        data = self.cleaned_data
        answered = data["status"] == ResponseStatus.ANSWERED
        return {
            "status": data["status"],
            **{name: data.get(name) if answered else None for name in COUNT_FIELDS},
            "not_applicable_reason": "" if answered else data.get("not_applicable_reason", ""),
            "comment": data.get("comment", ""),
        }

    def describe(self, extra: Mapping[str, list[str]]) -> None:
        """Set each field's ``aria-describedby``: its hint, ``extra`` ids, its error."""
        for name in self.FIELD_ORDER:
            bound = self[name]
            ids = []
            if bound.help_text:
                ids.append(f"{bound.auto_id}_helptext")
            ids.extend(extra.get(name, []))
            if bound.errors:
                ids.append(f"{bound.auto_id}_error")
            if ids and name != "status":
                bound.field.widget.attrs["aria-describedby"] = " ".join(ids)

    def error_links(self) -> list[tuple[str, str]]:
        """(target id, message) for the error summary, in the order of the page."""
        links: list[tuple[str, str]] = []
        first = self["status"]
        for error in self.non_field_errors():
            links.append((f"{first.auto_id}_0", str(error)))
        if self["revision"].errors:
            links.extend((f"{first.auto_id}_0", str(e)) for e in self["revision"].errors)
        for name in self.FIELD_ORDER:
            bound = self[name]
            target = f"{bound.auto_id}_0" if name == "status" else str(bound.auto_id)
            links.extend((target, str(error)) for error in bound.errors)
        return links


def explanation_field_name(code: str) -> str:
    return f"{EXPLANATION_PREFIX}{code}"


def explanations_from(data: Mapping[str, Any], codes: list[str]) -> dict[str, str]:
    """The explanations typed for the warnings ``codes``, by code (missing ones are "")."""
    return {code: str(data.get(explanation_field_name(code), "")).strip() for code in codes}


# Upload ----------------------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil med svar"),
        help_text=gettext_lazy(
            "Excel-arbetsbok (.xlsx) eller CSV-fil (UTF-8), högst %(size)s MB. Använd gärna "
            "mallen: den har rätt kolumner och myndigheternas organisationsnummer."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={
            "required": gettext_lazy("Välj filen med svaren."),
            "empty": gettext_lazy("Filen är tom. Välj filen med svaren."),
            "invalid": gettext_lazy("Välj filen med svaren."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = str(field.help_text) % {"size": number_format(MAX_BYTES // 1024 // 1024)}

    def error_links(self) -> list[tuple[str, str]]:
        bound = self["file"]
        return [(str(bound.auto_id), str(error)) for error in bound.errors]


class BoundedMemoryUploadHandler(FileUploadHandler):
    """Keeps an uploaded file in memory, at most ``MAX_BYTES + 1`` bytes of it.

    Nothing is written to disk. The rest of a larger file is read and dropped; the
    file's ``size`` is its real size, so the view can refuse it with the parser's
    message.
    """

    limit = MAX_BYTES + 1

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        room = self.limit - self.buffer.tell()
        if room > 0:
            self.buffer.write(raw_data[:room])
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
