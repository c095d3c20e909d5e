"""The Excel template for reporting answers: one row per agency, ready to fill in and upload.

:func:`spreadsheet_template` is pure: rows in, ``.xlsx`` bytes out. Its sheet ``Svar`` has
the CSV's columns (see :mod:`surveys.imports.responses_csv`) plus informative ones that
an upload ignores: ``myndighet`` and the previous round's counts (``forra_…``), shaded
grey. Count cells accept whole numbers of zero or more and the status cell offers the
three codes; the header row and the first two columns stay in view. The sheet
``Instruktioner`` explains each column and what the upload refuses.

:func:`template_row_list` reads the rows for a round from the database: its population
with each agency's answer in the previous comparable round.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from register.orgnr import orgnr_format
from surveys.imports.responses_csv import COUNT_COLUMNS, MAX_BYTES, MAX_ROWS
from surveys.imports.spreadsheet import DATA_SHEET, NAME_COLUMN, PREVIOUS_COLUMNS
from surveys.imports.values import ANSWERED, COUNT_FIELDS

if TYPE_CHECKING:
    from surveys.models import Round

# Column order of the sheet: who, what to fill in, then last round's values to compare.
HEADER: tuple[str, ...] = (
    "org_nr",
    NAME_COLUMN,
    "status",
    *COUNT_COLUMNS,
    "skal",
    "kommentar",
    *PREVIOUS_COLUMNS.values(),
)
WIDTHS: Mapping[str, int] = {
    "org_nr": 14,
    NAME_COLUMN: 44,
    "status": 16,
    **dict.fromkeys(COUNT_COLUMNS, 20),
    "skal": 36,
    "kommentar": 36,
    **dict.fromkeys(PREVIOUS_COLUMNS.values(), 26),
}
STATUS_CHOICES: tuple[str, ...] = ("besvarad", "ej_besvarad", "ej_tillampligt")
COUNT_FORMAT = "#,##0"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_INFO_FONT = Font(color="595959", italic=True)
_INFO_FILL = PatternFill("solid", fgColor="EDEDED")
_HEADER_BORDER = Border(bottom=Side(style="medium", color="1F3864"))
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class TemplateRow:
    """One agency in the template: ``previous`` holds last round's counts by field name
    (``supplier_invoices``, ``e_invoices``, ``matched_invoices``, ``e_orders``)."""

    org_nr: str
    name: str
    previous: Mapping[str, int | None] = field(default_factory=dict)


def spreadsheet_template(
    *,
    round_label: str,
    rows: Sequence[TemplateRow],
    language: str = "sv",
    previous_label: str | None = None,
) -> bytes:
    """The template as ``.xlsx`` bytes, with its instructions in ``language`` ("sv", "en").

    ``previous_label`` names the round the ``forra_…`` columns come from ("2023").
    """
    with translation.override(language):
        workbook = Workbook()
        sheet = workbook.active
        assert isinstance(sheet, Worksheet)  # a new workbook always has one worksheet
        sheet.title = DATA_SHEET
        _fill_data_sheet(sheet, rows)
        _fill_instructions(
            workbook.create_sheet(_("Instruktioner")),
            round_label=round_label,
            previous_label=previous_label,
        )
        workbook.properties.creator = "Uppföljning"
        workbook.properties.title = _("Svar för %(round)s") % {"round": round_label}
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Worksheet, row: int, column: int, value: str | int | None = None) -> Cell:
    """The cell, with ``value`` written so that text stays text (openpyxl would store
    "=…" as a formula, and an agency name is no formula)."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # nothing is merged in the template
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _fill_data_sheet(sheet: Worksheet, rows: Sequence[TemplateRow]) -> None:
    index = {name: number for number, name in enumerate(HEADER, start=1)}
    letter = {name: get_column_letter(number) for name, number in index.items()}
    for name, number in index.items():
        cell = _cell(sheet, 1, number, name)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        sheet.column_dimensions[letter[name]].width = WIDTHS[name]

    previous_field = dict(zip(COUNT_COLUMNS, COUNT_FIELDS, strict=True))
    for line, row in enumerate(rows, start=2):
        _cell(sheet, line, index["org_nr"], orgnr_format(row.org_nr)).number_format = "@"
        informative = [_cell(sheet, line, index[NAME_COLUMN], row.name)]
        for column, previous in PREVIOUS_COLUMNS.items():
            value = row.previous.get(previous_field[column])
            cell = _cell(sheet, line, index[previous], value)
            cell.number_format = COUNT_FORMAT
            informative.append(cell)
        for cell in informative:
            cell.font = _INFO_FONT
            cell.fill = _INFO_FILL
        for column in COUNT_COLUMNS:
            _cell(sheet, line, index[column]).number_format = COUNT_FORMAT

    last = MAX_ROWS + 1  # rows added below the agencies are checked too
    status = DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(STATUS_CHOICES)),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Okänd status"),
        error=_("Välj besvarad, ej_besvarad eller ej_tillampligt."),
    )
    status.add(f"{letter['status']}2:{letter['status']}{last}")
    counts = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Inte ett antal"),
        error=_("Skriv ett heltal som är noll eller större, utan decimaler."),
        showInputMessage=True,
        promptTitle=_("Antal"),
        prompt=_("Ett heltal, noll eller större."),
    )
    counts.add(f"{letter[COUNT_COLUMNS[0]]}2:{letter[COUNT_COLUMNS[-1]]}{last}")
    sheet.add_data_validation(status)
    sheet.add_data_validation(counts)
    sheet.freeze_panes = "C2"  # the header row, org_nr and myndighet stay in view


def _fill_instructions(sheet: Worksheet, *, round_label: str, previous_label: str | None) -> None:
    previous = previous_label or _("förra omgången")
    title = _cell(sheet, 1, 1, _("Svar för omgång %(round)s") % {"round": round_label})
    title.font = Font(bold=True, size=14)

    general = [
        _(
            "Fyll i en rad per myndighet på bladet %(sheet)s och läs in filen där du laddade "
            "ner den. Ändra inte rubrikraden, org_nr eller bladets namn."
        )
        % {"sheet": DATA_SHEET},
        _(
            "Rader där bara org_nr och de grå kolumnerna är ifyllda hoppas över: de "
            "myndigheterna får inget svar från den här filen."
        ),
        _(
            "Skriv antalen som heltal, till exempel 12000 eller 12 000, utan decimaler. Det "
            "gäller antalet för hela perioden."
        ),
        _(
            "Formler och makron tas inte emot, inte heller sammanfogade celler eller dolda "
            "blad. Klistra in värden i stället för formler. Spara som Excel-arbetsbok (.xlsx)."
        ),
        _(
            "Filen får vara högst %(size)s MB och ha högst %(rows)s rader. Om någon rad har "
            "ett fel sparas ingenting: du får en lista med rad och kolumn att rätta."
        )
        % {
            "size": number_format(MAX_BYTES // 1024 // 1024),
            "rows": number_format(MAX_ROWS, force_grouping=True),
        },
    ]
    line = 2
    for number, paragraph in enumerate(general, start=1):
        line += 1
        _cell(sheet, line, 1, f"{number}.")
        _cell(sheet, line, 2, paragraph).alignment = _WRAP

    line += 2
    for number, heading in enumerate((_("Kolumn"), _("Vad du skriver")), start=1):
        cell = _cell(sheet, line, number, heading)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for name in HEADER:
        line += 1
        _cell(sheet, line, 1, name)
        _cell(sheet, line, 2, _column_help(name, previous)).alignment = _WRAP
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100


def _column_help(name: str, previous: str) -> str:
    """What to write in a column, for the instructions sheet."""
    if name in PREVIOUS_COLUMNS.values():
        count = next(column for column, prev in PREVIOUS_COLUMNS.items() if prev == name)
        return _(
            "Grå: myndighetens värde för %(column)s från %(previous)s, som jämförelse. Läses "
            "inte in."
        ) % {"column": count, "previous": previous}
    texts = {
        "org_nr": _(
            "Myndighetens organisationsnummer, NNNNNN-NNNN. Ändra det inte: det avgör vilken "
            "myndighet raden gäller."
        ),
        NAME_COLUMN: _("Grå: myndighetens namn, som stöd. Läses inte in."),
        "status": _(
            "besvarad: alla fyra antal är ifyllda. ej_tillampligt: uppföljningen gäller inte "
            "myndigheten; skriv skälet i kolumnen skal och lämna antalen tomma. ej_besvarad: "
            "myndigheten svarar inte; lämna antalen tomma."
        ),
        "leverantorsfakturor": _(
            "Antal leverantörsfakturor som myndigheten tog emot under perioden, även "
            "förenklade fakturor."
        ),
        "e_fakturor": _(
            "Hur många av leverantörsfakturorna som var e-fakturor: strukturerade och möjliga "
            "att behandla automatiskt. En pdf-faktura är inte en e-faktura. Högst lika många "
            "som leverantörsfakturorna."
        ),
        "matchade_fakturor": _(
            "Hur många av leverantörsfakturorna som kunde kopplas till en order eller ett "
            "abonnemang i e-handelssystemet. Högst lika många som leverantörsfakturorna."
        ),
        "e_order": _(
            "Antal elektroniska order som godkändes (attesterades) i myndighetens "
            "e-handelssystem innan de skickades till leverantören. Beställningar direkt i "
            "leverantörens webbutik räknas inte."
        ),
        "skal": _(
            "Skälet till att uppföljningen inte gäller myndigheten; bara vid ej_tillampligt."
        ),
        "kommentar": _("Frivillig kommentar till svaret."),
    }
    return texts[name]


def template_row_list(
    *, round: Round, agency_ids: Collection[int] | None = None
) -> tuple[list[TemplateRow], Round | None]:
    """The template rows for a round's population, by agency name, and the round that
    their previous values come from (the previous comparable round, or None).

    ``agency_ids`` limits the rows to those agencies (a respondent's own). Previous values
    are those of answered responses; any other status gives empty values. Reads only.
    """
    # Imported here: keyfigures depends on surveys, not the other way round.
    from keyfigures.services import previous_comparable_round
    from surveys import models

    previous_round = previous_comparable_round(round, models.Round.objects.all())
    responses = models.Response.objects.filter(round=round).select_related("agency")
    if agency_ids is not None:
        responses = responses.filter(agency_id__in=list(agency_ids))
    previous_answers: dict[int, models.Response] = {}
    if previous_round is not None:
        previous_answers = {
            response.agency_id: response
            for response in models.Response.objects.filter(round=previous_round, status=ANSWERED)
        }
    rows = []
    for response in responses.order_by("agency__name"):
        answer = previous_answers.get(response.agency_id)
        rows.append(
            TemplateRow(
                org_nr=response.agency.org_nr,
                name=response.agency.name,
                previous={name: getattr(answer, name, None) for name in COUNT_FIELDS},
            )
        )
    return rows, previous_round
