"""Read an uploaded responses file, Excel (.xlsx) or CSV, into normalised rows. No database.

:func:`parse_responses_upload` decides by the bytes, never by the name alone:

* an Office Open XML workbook (a zip holding ``[Content_Types].xml`` and
  ``xl/workbook.xml``) is read from its sheet ``Svar`` (or its only sheet);
* text is handed to the CSV reader, :func:`surveys.imports.responses_csv.parse_responses_csv`;
* anything else is refused: a renamed PDF or picture, an old ``.xls``, a password-protected
  workbook, another kind of zip.

Both formats give the same :class:`~surveys.imports.rows.ParsedResponses`: the same
column names, the same value rules (:func:`~surveys.imports.responses_csv.parse_response_cells`)
and line numbers that are the spreadsheet's row numbers.

A workbook is checked in stages, each refusal a :class:`ResponseFileError` subclass with
a Swedish message that says what to do:

1. size, before anything else (5 MB, shared with the CSV reader);
2. the zip's directory, before openpyxl reads a byte of content: at most 50 MB unpacked,
   1 000 entries and a compression ratio of 100 per large entry (zip bombs); no encrypted
   entries; no VBA project, Excel 4.0 macro sheet or macro-enabled content type;
3. openpyxl in read-only mode, with defusedxml (no entity expansion, no external
   references) and without external links: no hidden sheets, one sheet to read;
4. the data sheet itself, streamed: at most 200 000 cells and 2 000 rows with content,
   then no merged cells, no formulas anywhere, and the header row.

Cells become the text the CSV reader expects: whole numbers (``12`` or ``12.0``) as
digits, other numbers with their decimals (and so "not a whole number"), text as it is
("12 000" is read like in a CSV). Dates, true/false values and error values such as
``#N/A`` are reported as problems of their cell, except that a date in ``skal`` or
``kommentar`` is written out as text. Rows whose cells other than ``org_nr`` are all
empty are skipped: the template lists every agency and not all of them answer at once.
The template's informative columns (``myndighet`` and the previous round's values, see
:mod:`surveys.imports.template`) and columns without a heading are ignored.
"""

from __future__ import annotations

import io
import math
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final

import openpyxl
from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from django.core.exceptions import ImproperlyConfigured
from django.utils.formats import get_format, number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser

from common.fileproblems import header_differences
from surveys.imports.responses_csv import (
    COLUMNS,
    COUNT_COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    ResponseFileError,
    file_too_large_error,
    parse_response_cells,
    parse_responses_csv,
    too_many_rows_error,
)
from surveys.imports.rows import ParsedResponses, ResponseRow, RowProblem

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Small entries may compress very well without being bombs; the ratio is checked above this.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_ZIP_ENTRIES = 1_000
# Every <c> element of the data sheet counts, empty or not: parsing is what costs.
MAX_CELLS = 200_000
EXCEL_MAX_ROW = 1_048_576

DATA_SHEET = "Svar"
NAME_COLUMN = "myndighet"
PREVIOUS_COLUMNS: dict[str, str] = {column: f"forra_{column}" for column in COUNT_COLUMNS}
# Columns the template adds for the reader's eyes only; an upload ignores them.
INFORMATIVE_COLUMNS: frozenset[str] = frozenset({NAME_COLUMN, *PREVIOUS_COLUMNS.values()})
TEXT_COLUMNS: frozenset[str] = frozenset({"skal", "kommentar"})

CONTENT_TYPES_PART = "[Content_Types].xml"
WORKBOOK_PART = "xl/workbook.xml"
_OLE_SIGNATURE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURES: Final = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# The BOF records that start a bare BIFF2, BIFF3 or BIFF4 file (Excel 2.x–4.x).
_BIFF_SIGNATURES: Final = (b"\x09\x00\x04\x00", b"\x09\x02\x06\x00", b"\x09\x04\x06\x00")
_MACRO_CONTENT_TYPES: Final = (b"macroenabled", b"vbaproject", b"macrosheet")
# Control bytes that do not occur in text (tab, line breaks, form feed and DOS EOF do).
_CONTROL_BYTES: Final = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1a") + b"\x7f"
_SNIFF_BYTES = 8192
_NAMES_SHOWN = 5
_SHEET_NAME_MAX = 31  # Excel's own limit; longer names only come from crafted files

_SIGNATURE_KINDS: Final[tuple[tuple[bytes, Promise], ...]] = (
    (b"%PDF", gettext_lazy("en PDF-fil")),
    (b"\x89PNG\r\n\x1a\n", gettext_lazy("en bild (PNG)")),
    (b"\xff\xd8\xff", gettext_lazy("en bild (JPEG)")),
    (b"GIF87a", gettext_lazy("en bild (GIF)")),
    (b"GIF89a", gettext_lazy("en bild (GIF)")),
    (b"\x1f\x8b", gettext_lazy("en komprimerad fil (gzip)")),
)
# Suffixes that claim a format the content does not have: worth a sentence in the message.
_CLAIMED_SUFFIXES: Final = frozenset({".xlsx", ".xlsm", ".xls", ".csv", ".txt"})


# Errors --------------------------------------------------------------------------------


class UnsupportedFileError(ResponseFileError):
    """Neither a workbook nor text: a renamed PDF or picture, another kind of zip."""

    code = "unsupported"


class CompoundFileError(ResponseFileError):
    """An OLE compound file: a password-protected workbook or an old .xls."""

    code = "compound_file"


class EncryptedFileError(CompoundFileError):
    code = "encrypted"


class XlsFileError(CompoundFileError):
    code = "xls"


class BrokenSpreadsheetError(ResponseFileError):
    """A zip that is not a readable workbook: truncated, damaged or crafted."""

    code = "broken"


class ZipBombError(ResponseFileError):
    """The zip unpacks to too much, into too many parts or from too little."""

    code = "zip_bomb"


class MacroError(ResponseFileError):
    code = "macros"


class UnsafeXmlError(ResponseFileError):
    """XML that defusedxml refuses: entity declarations, external references."""

    code = "unsafe_xml"


class HiddenSheetError(ResponseFileError):
    code = "hidden_sheet"


class SheetChoiceError(ResponseFileError):
    """No sheet to read, or several and none named ``Svar``."""

    code = "sheet_choice"


class TooManyCellsError(ResponseFileError):
    code = "too_many_cells"


class MergedCellsError(ResponseFileError):
    code = "merged_cells"


class FormulaError(ResponseFileError):
    code = "formula"


class SheetHeaderError(ResponseFileError):
    code = "header"


# Entry point ---------------------------------------------------------------------------


def parse_responses_upload(*, filename: str, data: bytes) -> ParsedResponses:
    """The clean rows of an uploaded file and the problems of the rest (see the module).

    ``filename`` only improves the messages; the content decides how the file is read.
    Raises a :class:`ResponseFileError` subclass when the file as a whole is refused.
    ``data`` may be cut after ``MAX_BYTES + 1`` bytes: that is enough to refuse it.
    """
    if len(data) > MAX_BYTES:
        raise file_too_large_error()
    if data.startswith(_OLE_SIGNATURE):
        raise _compound_file_error(data)
    if data.startswith(_BIFF_SIGNATURES):
        raise _xls_error()
    if data.startswith(_ZIP_SIGNATURES):
        return _parse_workbook(filename, data)
    kind = _binary_kind(data)
    if kind is not None:
        raise _unsupported(kind, filename)
    return parse_responses_csv(data)


# Sniffing ------------------------------------------------------------------------------


def _binary_kind(data: bytes) -> str | None:
    """What the bytes look like when they are not text a CSV reader should see, or None."""
    for signature, kind in _SIGNATURE_KINDS:
        if data.startswith(signature):
            return str(kind)
    text_start = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:5].lower()
    if text_start.startswith(b"<"):
        return _("en webbsida eller XML-fil")
    if text_start == b"{\\rtf":
        return _("ett RTF-dokument")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text: the CSV reader asks for UTF-8
    sample = data[:_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if b"\x00" in sample or controls * 100 > len(sample):
        return _("en binärfil av okänt slag")
    return None


def _suffix(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in name:
        return ""
    suffix = "." + name.rsplit(".", 1)[-1].lower()
    return suffix if suffix in _CLAIMED_SUFFIXES else ""


def _unsupported(kind: str, filename: str) -> UnsupportedFileError:
    message = _(
        "Filen är varken en Excel-fil (.xlsx) eller en CSV-fil: innehållet ser ut att vara "
        "%(kind)s. Spara svaren som Excel-arbetsbok (.xlsx) eller som CSV UTF-8 och försök "
        "igen."
    ) % {"kind": kind}
    suffix = _suffix(filename)
    if suffix:
        message += " " + _(
            "Att filnamnet slutar på %(suffix)s räcker inte: filen har troligen bytt namn utan "
            "att sparas i det formatet."
        ) % {"suffix": suffix}
    return UnsupportedFileError(message)


def _compound_file_error(data: bytes) -> CompoundFileError:
    """Tell an encrypted workbook from an old .xls by the names in the compound file."""

    def has_entry(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has_entry("EncryptedPackage") or has_entry("EncryptionInfo"):
        return EncryptedFileError(
            _(
                "Filen är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort lösenordet "
                "i Excel (Arkiv > Information > Skydda arbetsbok > Kryptera med lösenord, töm "
                "fältet), spara som Excel-arbetsbok (.xlsx) och försök igen."
            )
        )
    if has_entry("Workbook") or has_entry("Book"):
        return _xls_error()
    return CompoundFileError(
        _(
            "Filen är lösenordsskyddad eller en gammal .xls-fil och kan inte läsas. Ta bort "
            "eventuellt lösenord, spara den som Excel-arbetsbok (.xlsx) och försök igen."
        )
    )


def _xls_error() -> XlsFileError:
    return XlsFileError(
        _(
            "Filen är en gammal Excel-fil (.xls). Öppna den i Excel, spara den som "
            "Excel-arbetsbok (.xlsx) och försök igen."
        )
    )


# The package ---------------------------------------------------------------------------


def _parse_workbook(filename: str, data: bytes) -> ParsedResponses:
    _check_package(filename, data)
    with warnings.catch_warnings():
        # openpyxl warns about every extension it drops (data validation lists, slicers).
        # The filter is process-wide: at worst another thread's warning goes unseen.
        warnings.simplefilter("ignore")
        table = _read_table(data)
    return _table_rows(table)


def _check_package(filename: str, data: bytes) -> None:
    """Refuse by the zip's directory alone, before openpyxl parses anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_unpacked_size(infos)
            names = {info.filename for info in infos}
            if not {CONTENT_TYPES_PART, WORKBOOK_PART} <= names:
                raise _unsupported(_zip_kind(archive, names), filename)
            if any(info.flag_bits & 0x1 for info in infos):
                raise EncryptedFileError(
                    _(
                        "Delar av filen är krypterade och kan inte läsas. Spara svaren i en ny "
                        "Excel-arbetsbok (.xlsx) utan lösenord och försök igen."
                    )
                )
            _check_macros(archive, names)
    except ResponseFileError:
        raise
    except Exception as error:  # zipfile's many ways of saying "damaged"
        raise _broken() from error


def _check_unpacked_size(infos: Sequence[zipfile.ZipInfo]) -> None:
    # zipfile never unpacks more than an entry's declared size (it fails the CRC
    # instead), so the declared sizes bound what openpyxl can be made to read.
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ZipBombError(
            _(
                "Filen består av fler än %(max)s delar och läses inte. Kopiera svaren till en "
                "ny Excel-arbetsbok (.xlsx) och försök igen."
            )
            % {"max": number_format(MAX_ZIP_ENTRIES, force_grouping=True)}
        )
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise ZipBombError(
            _(
                "Filen blir större än %(max)s MB när den packas upp och läses inte. Kopiera "
                "svaren till en ny Excel-arbetsbok (.xlsx) utan bilder och tomma, formaterade "
                "rader och försök igen."
            )
            % {"max": number_format(MAX_UNPACKED_BYTES // 1024 // 1024)}
        )
    for info in infos:
        if (
            info.file_size >= RATIO_CHECK_MIN_BYTES
            and info.file_size > MAX_COMPRESSION_RATIO * info.compress_size
        ):
            raise ZipBombError(
                _(
                    "Filen är packad ovanligt hårt (delen %(part)s blir mer än %(ratio)d gånger "
                    "större uppackad) och läses inte. Kopiera svaren till en ny "
                    "Excel-arbetsbok (.xlsx) och försök igen."
                )
                % {"part": info.filename[:100], "ratio": MAX_COMPRESSION_RATIO}
            )


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
        return _("ett OpenDocument-kalkylark (.ods)")
    if "xl/workbook.bin" in names:
        return _("en binär Excel-arbetsbok (.xlsb)")
    if "word/document.xml" in names:
        return _("ett Word-dokument")
    if "ppt/presentation.xml" in names:
        return _("en PowerPoint-presentation")
    return _("ett zip-arkiv utan Excel-arbetsbok")


def _check_macros(archive: zipfile.ZipFile, names: set[str]) -> None:
    lowered = [name.lower() for name in names]
    content_types = archive.read(CONTENT_TYPES_PART).lower()
    if (
        any(name.endswith("vbaproject.bin") for name in lowered)
        or any(name.startswith("xl/macrosheets/") for name in lowered)
        or any(marker in content_types for marker in _MACRO_CONTENT_TYPES)
    ):
        raise MacroError(
            _(
                "Filen innehåller makron (.xlsm, VBA eller Excel 4.0-makron). Filer med makron "
                "tas inte emot: spara den som Excel-arbetsbok (.xlsx) och försök igen."
            )
        )


def _broken() -> BrokenSpreadsheetError:
    return BrokenSpreadsheetError(
        _(
            "Excel-filen kan inte läsas: den kan vara skadad. Öppna den i Excel, spara den som "
            "Excel-arbetsbok (.xlsx) och försök igen, eller fyll i en ny mall."
        )
    )


def _unreadable(error: BaseException) -> ResponseFileError:
    """The refusal for an exception from openpyxl or the XML parser."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, DefusedXmlException):
            return UnsafeXmlError(
                _(
                    "Filen innehåller XML som inte tillåts (entiteter eller externa "
                    "referenser) och läses inte. Kopiera svaren till en ny Excel-arbetsbok "
                    "(.xlsx) och försök igen."
                )
            )
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return _broken()


# The workbook --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cell:
    value: object
    data_type: str
    coordinate: str


@dataclass
class _Table:
    """What the data sheet holds, in plain values, and what makes it unacceptable."""

    sheet: str
    header_line: int = 0
    header: dict[int, str] = field(default_factory=dict)  # column number -> heading
    rows: list[tuple[int, dict[str, _Cell]]] = field(default_factory=list)  # by column name
    formulas: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)


def _read_table(data: bytes) -> _Table:
    if not openpyxl.DEFUSEDXML:  # defusedxml missing, or OPENPYXL_DEFUSEDXML=False
        raise ImproperlyConfigured("openpyxl must parse uploads with defusedxml.")
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
        try:
            return _read_sheet(workbook, _data_sheet(workbook))
        finally:
            workbook.close()
    except ResponseFileError:
        raise
    except Exception as error:  # a crafted or damaged package breaks openpyxl in many ways
        raise _unreadable(error) from error


def _listing(items: Iterable[str]) -> str:
    """ "A, B, C, D, E och 3 till": a list of names for a message, cut short."""
    listed = list(items)
    shown = ", ".join(listed[:_NAMES_SHOWN])
    if len(listed) > _NAMES_SHOWN:
        shown += " " + _("och %(more)d till") % {"more": len(listed) - _NAMES_SHOWN}
    return shown


def _sheet_names(names: Iterable[str]) -> str:
    return _listing(f"”{name[:_SHEET_NAME_MAX]}”" for name in names)


def _data_sheet(workbook: Any) -> Any:
    """The sheet named ``Svar``, else the only sheet; refuses hidden sheets."""
    hidden = [
        sheet.title
        for sheet in [*workbook.worksheets, *workbook.chartsheets]
        if sheet.sheet_state != "visible"
    ]
    if hidden:
        raise HiddenSheetError(
            _(
                "Filen har dolda blad (%(names)s). Dolda blad tas inte emot: ta bort dem, "
                "eller kopiera bladet med svaren till en ny arbetsbok, och försök igen."
            )
            % {"names": _sheet_names(hidden)}
        )
    sheets = list(workbook.worksheets)
    for sheet in sheets:
        if sheet.title.strip().casefold() == DATA_SHEET.casefold():
            return sheet
    if len(sheets) == 1:
        return sheets[0]
    if not sheets:
        raise SheetChoiceError(
            _("Filen har inget kalkylblad. Fyll i svaren på bladet Svar i mallen.")
        )
    raise SheetChoiceError(
        _(
            "Filen har flera blad (%(names)s) men inget som heter ”%(expected)s”. Döp bladet "
            "med svaren till %(expected)s, eller ta bort de andra bladen, och försök igen."
        )
        % {"names": _sheet_names(sheet.title for sheet in sheets), "expected": DATA_SHEET}
    )


def _read_sheet(workbook: Any, sheet: Any) -> _Table:
    """Stream the sheet's XML once, keeping the rows with content.

    openpyxl's parser is used directly rather than ``ReadOnlyWorksheet.iter_rows``: that
    pads every gap between rows with empty rows (a crafted row number of a billion means
    a billion rows) and does not tell about merged cells.
    """
    table = _Table(sheet=sheet.title[:_SHEET_NAME_MAX])
    source = sheet._get_source()
    try:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=False,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        read: dict[int, str] = {}  # column number -> column read, once the header is known
        previous_line = 0
        n_cells = 0
        n_rows = 0
        for line, cells in parser.parse():
            if not previous_line < line <= EXCEL_MAX_ROW:
                raise _broken()  # rows out of order or past Excel's last row: crafted
            previous_line = line
            n_cells += len(cells)
            if n_cells > MAX_CELLS:
                raise _too_many_cells(table.sheet)
            values = _row_values(cells, table)
            if not values:
                continue
            if not table.header_line:
                table.header_line = line
                table.header = {column: _heading(cell.value) for column, cell in values.items()}
                read = {n: name for n, name in table.header.items() if name in COLUMNS}
                continue
            n_rows += 1
            if n_rows > MAX_ROWS:
                raise too_many_rows_error()
            table.rows.append((line, {read[n]: cell for n, cell in values.items() if n in read}))
        if parser.merged_cells is not None:
            table.merged = [str(merged.ref) for merged in parser.merged_cells.mergeCell]
    finally:
        source.close()
    return table


def _row_values(cells: Sequence[Mapping[str, Any]], table: _Table) -> dict[int, _Cell]:
    """The non-empty cells of a row by column number; formulas are noted in ``table``."""
    values: dict[int, _Cell] = {}
    for cell in cells:
        coordinate = f"{get_column_letter(cell['column'])}{cell['row']}"
        if cell["data_type"] == "f":
            table.formulas.append(coordinate)
            continue
        value = cell["value"]
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        values[cell["column"]] = _Cell(value, cell["data_type"], coordinate)
    return values


def _heading(value: object) -> str:
    return str(value).strip().lower()


def _too_many_cells(sheet: str) -> TooManyCellsError:
    return TooManyCellsError(
        _(
            "Bladet ”%(sheet)s” har fler än %(max)s celler (tomma men formaterade celler räknas "
            "också). Ta bort tomma rader och kolumner under och till höger om svaren och "
            "försök igen."
        )
        % {"sheet": sheet, "max": number_format(MAX_CELLS, force_grouping=True)}
    )


# The table -----------------------------------------------------------------------------


def _table_rows(table: _Table) -> ParsedResponses:
    _check_table(table)
    rows: list[ResponseRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for line, values in table.rows:
        texts = dict.fromkeys(COLUMNS, "")
        refused: dict[str, RowProblem] = {}
        for name, cell in values.items():
            text, problem = _cell_text(line, name, cell)
            texts[name] = text
            if problem is not None:
                refused[name] = problem
        if all(not texts[name] and name not in refused for name in COLUMNS if name != "org_nr"):
            continue  # an agency listed in the template that has not been filled in
        row, row_problems = parse_response_cells(line=line, cells=texts, seen=seen, refused=refused)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)
    return ParsedResponses(rows=tuple(rows), problems=tuple(problems))


def _check_table(table: _Table) -> None:
    if table.merged:
        raise MergedCellsError(
            _(
                "Bladet ”%(sheet)s” har sammanfogade celler (%(ranges)s). Ta bort "
                "sammanfogningen så att varje värde står i en egen cell, och försök igen."
            )
            % {"sheet": table.sheet, "ranges": _listing(table.merged)}
        )
    if table.formulas:
        first, more = table.formulas[0], len(table.formulas) - 1
        if more:
            where = ngettext(
                "Cell %(cell)s och %(more)d cell till innehåller formler.",
                "Cell %(cell)s och %(more)d celler till innehåller formler.",
                more,
            ) % {"cell": first, "more": more}
        else:
            where = _("Cell %(cell)s innehåller en formel.") % {"cell": first}
        raise FormulaError(
            where
            + " "
            + _(
                "Formler tas inte emot: kopiera cellerna och klistra in dem som värden, och "
                "försök igen."
            )
        )
    if not table.header_line:
        raise SheetHeaderError(
            _("Bladet ”%(sheet)s” är tomt. Första raden ska vara rubrikraden: %(columns)s.")
            % {"sheet": table.sheet, "columns": ", ".join(COLUMNS)}
        )
    headings = [name for name in table.header.values() if name and name not in INFORMATIVE_COLUMNS]
    details = header_differences(headings, COLUMNS)
    if details is not None:
        raise SheetHeaderError(
            _(
                "Rad %(line)d: rubrikraden ska ha kolumnerna %(expected)s (%(details)s). Rätta "
                "rubrikraden, eller fyll i en ny mall."
            )
            % {"line": table.header_line, "expected": ", ".join(COLUMNS), "details": details}
        )


def _cell_text(line: int, column: str, cell: _Cell) -> tuple[str, RowProblem | None]:
    """The text the row rules read from a cell, or a problem naming the cell."""
    refusal = _cell_refusal(column, cell)
    if refusal is not None:
        code, message = refusal
        return "", RowProblem(line, column, code, message)
    return _plain_text(cell.value), None


def _cell_refusal(column: str, cell: _Cell) -> tuple[str, str] | None:
    """(code, message) for a value that is no text, number or (in a text column) date."""
    value = cell.value
    if cell.data_type == "e":
        return "error_value", _(
            "Cell %(cell)s innehåller felvärdet %(value)s. Skriv värdet i stället."
        ) % {"cell": cell.coordinate, "value": str(value)[:20]}
    if isinstance(value, bool):
        return "boolean_value", _(
            "Cell %(cell)s innehåller ett sanningsvärde (%(value)s). Skriv ett tal eller en "
            "text i stället."
        ) % {"cell": cell.coordinate, "value": _("SANT") if value else _("FALSKT")}
    if isinstance(value, date | time | timedelta) and column not in TEXT_COLUMNS:
        return "date_value", _(
            "Cell %(cell)s innehåller ett datum (%(value)s). Ändra cellens format till Tal "
            "eller Text och skriv värdet igen."
        ) % {"cell": cell.coordinate, "value": _date_text(value)}
    return None


def _plain_text(value: object) -> str:
    if isinstance(value, date | time | timedelta):
        return _date_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    return str(value).strip()


def _date_text(value: date | time | timedelta) -> str:
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _number_text(value: float) -> str:
    """Digits for a whole number; otherwise the decimals, as the reader typed them."""
    if not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f").replace(".", str(get_format("DECIMAL_SEPARATOR")))
