"""Read the responses CSV into normalised rows, with explicit limits. No database access.

The header is ``org_nr,status,leverantorsfakturor,e_fakturor,matchade_fakturor,e_order,
skal,kommentar`` (any order). Status is ``besvarad``, ``ej_besvarad`` or
``ej_tillampligt``; organisation numbers may be written with or without the hyphen. A
file Excel saved with semicolons (the Swedish default) is read too.

Problems with the file as a whole (too large, not UTF-8, too many rows, wrong header)
raise a :class:`ResponseFileError` subclass. Problems in single rows are returned as
data with line, column and what to fix. The row rules (:func:`parse_response_cells`) and
the limits are shared with the Excel reader, :mod:`surveys.imports.spreadsheet`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from common.fileproblems import header_differences
from register.orgnr import OrgNrError, orgnr_format, orgnr_normalise
from surveys.imports.rows import ParsedResponses, ResponseRow, RowProblem
from surveys.imports.values import (
    ANSWERED,
    NOT_ANSWERED,
    NOT_APPLICABLE,
    response_values_problems,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2_000
MAX_COUNT = 2**63 - 1  # the largest value the database's bigint count columns hold

# File column -> field of ResponseRow.
COLUMNS: Mapping[str, str] = {
    "org_nr": "org_nr",
    "status": "status",
    "leverantorsfakturor": "supplier_invoices",
    "e_fakturor": "e_invoices",
    "matchade_fakturor": "matched_invoices",
    "e_order": "e_orders",
    "skal": "not_applicable_reason",
    "kommentar": "comment",
}
FIELD_COLUMNS: Mapping[str, str] = {field: column for column, field in COLUMNS.items()}
COUNT_COLUMNS: tuple[str, ...] = (
    "leverantorsfakturor",
    "e_fakturor",
    "matchade_fakturor",
    "e_order",
)
STATUS_CODES: Mapping[str, str] = {
    "besvarad": ANSWERED,
    "ej_besvarad": NOT_ANSWERED,
    "ej_tillampligt": NOT_APPLICABLE,
}

# Spaces people and spreadsheets put between thousands: space, no-break, narrow no-break.
_GROUPING = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?:\D|$))")
_MINUS = ("-", "\u2212")
_DECIMAL = re.compile(r"^\d+[.,]\d+$")


class ResponseFileError(Exception):
    """The file as a whole cannot be read; ``message`` says why in Swedish."""

    code = "file"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FileTooLargeError(ResponseFileError):
    code = "too_large"


class FileEncodingError(ResponseFileError):
    code = "encoding"


class TooManyRowsError(ResponseFileError):
    code = "too_many_rows"


class CsvHeaderError(ResponseFileError):
    code = "header"


class CsvSyntaxError(ResponseFileError):
    code = "syntax"


def parse_responses_csv(data: bytes) -> ParsedResponses:
    """The clean rows of ``data`` and the problems of the rest (see the module docstring).

    ``data`` may be cut after ``MAX_BYTES + 1`` bytes: that is enough to refuse it.
    """
    if len(data) > MAX_BYTES:
        raise file_too_large_error()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileEncodingError(
            _(
                "Filen är inte UTF-8 (första felet på rad %(line)d). Spara den som "
                "”CSV UTF-8” och försök igen."
            )
            % {"line": data.count(b"\n", 0, error.start) + 1}
        ) from error

    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return _read(text, delimiter)


def _read(text: str, delimiter: str) -> ParsedResponses:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise CsvHeaderError(
                _("Filen är tom. Första raden ska vara rubrikraden: %(columns)s.")
                % {"columns": ",".join(COLUMNS)}
            )
        columns = [cell.strip().lower() for cell in header]
        _check_header(columns)
        index = {name: columns.index(name) for name in COLUMNS}

        rows: list[ResponseRow] = []
        problems: list[RowProblem] = []
        seen: dict[str, int] = {}
        n_rows = 0
        line = reader.line_num + 1
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            n_rows += 1
            if n_rows > MAX_ROWS:
                raise too_many_rows_error()
            if len(record) != len(columns):
                problems.append(
                    RowProblem(
                        start,
                        "",
                        "field_count",
                        _(
                            "Raden har %(found)d fält men rubrikraden har %(expected)d. "
                            "Kontrollera kommatecken och citattecken på raden."
                        )
                        % {"found": len(record), "expected": len(columns)},
                    )
                )
                continue
            cells = {name: record[index[name]].strip() for name in COLUMNS}
            row, row_problems = parse_response_cells(line=start, cells=cells, seen=seen)
            problems.extend(row_problems)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        raise CsvSyntaxError(
            _("Rad %(line)d: filen kan inte läsas som CSV (%(error)s). Kontrollera citattecknen.")
            % {"line": reader.line_num, "error": error}
        ) from error
    return ParsedResponses(rows=tuple(rows), problems=tuple(problems))


def _check_header(columns: list[str]) -> None:
    details = header_differences(columns, COLUMNS)
    if details is not None:
        raise CsvHeaderError(
            _("Rad 1: rubrikraden ska vara %(expected)s (%(details)s). Rätta rubrikraden.")
            % {"expected": ",".join(COLUMNS), "details": details}
        )


def file_too_large_error() -> FileTooLargeError:
    """The refusal of a file over ``MAX_BYTES``, whatever its format."""
    return FileTooLargeError(
        _("Filen är större än %(max)s MB. Dela upp den i flera filer.")
        % {"max": number_format(MAX_BYTES // 1024 // 1024)}
    )


def too_many_rows_error() -> TooManyRowsError:
    """The refusal of a file with more than ``MAX_ROWS`` rows, whatever its format."""
    return TooManyRowsError(
        _(
            "Filen har fler än %(max)s rader med svar. Dela upp den i flera filer "
            "med högst %(max)s rader var."
        )
        % {"max": number_format(MAX_ROWS, force_grouping=True)}
    )


def parse_response_cells(
    *,
    line: int,
    cells: Mapping[str, str],
    seen: dict[str, int],
    refused: Mapping[str, RowProblem] | None = None,
) -> tuple[ResponseRow | None, list[RowProblem]]:
    """One row of any format: the row, or None and every problem found in it.

    ``cells`` holds the stripped text of each column of :data:`COLUMNS`; ``seen`` maps
    the organisation numbers read so far to their lines (duplicates are problems).
    ``refused`` holds the problems of cells a format could not turn into text (an Excel
    date in a count column, say), by column: each is reported and its column is
    otherwise treated as unreadable.
    """
    refused = refused or {}
    problems: list[RowProblem] = [refused[column] for column in COLUMNS if column in refused]

    def problem(column: str, code: str, message: str) -> None:
        problems.append(RowProblem(line, column, code, message))

    org_nr = "" if "org_nr" in refused else _parse_org_nr(cells["org_nr"], problem)
    if org_nr:
        if org_nr in seen:
            problem(
                "org_nr",
                "duplicate_row",
                _(
                    "Myndigheten %(org_nr)s finns redan på rad %(first)d. Varje myndighet ska "
                    "stå på en enda rad: ta bort dubbletten."
                )
                % {"org_nr": orgnr_format(org_nr), "first": seen[org_nr]},
            )
        else:
            seen[org_nr] = line

    status = None if "status" in refused else _parse_status(cells["status"], problem)

    counts: dict[str, int | None] = {}
    counts_ok = True
    for column in COUNT_COLUMNS:
        if column in refused:
            counts_ok = False
            counts[COLUMNS[column]] = None
            continue
        value, message, code = _parse_count(cells[column])
        if message:
            counts_ok = False
            problem(column, code, message)
        counts[COLUMNS[column]] = value

    if status is not None and counts_ok:
        for value_problem in response_values_problems(
            status=status, counts=counts, not_applicable_reason=cells["skal"]
        ):
            column = FIELD_COLUMNS[value_problem.field]
            if column not in refused:
                problem(column, value_problem.code, value_problem.message)

    if problems or status is None:
        return None, problems
    return (
        ResponseRow(
            line=line,
            org_nr=org_nr,
            status=status,
            supplier_invoices=counts["supplier_invoices"],
            e_invoices=counts["e_invoices"],
            matched_invoices=counts["matched_invoices"],
            e_orders=counts["e_orders"],
            not_applicable_reason=cells["skal"],
            comment=cells["kommentar"],
        ),
        [],
    )


def _parse_status(raw: str, problem: Callable[[str, str, str], None]) -> str | None:
    """The status code, or None after reporting the problem."""
    status = STATUS_CODES.get(raw.lower())
    if status is None:
        problem(
            "status",
            "unknown_status",
            _("Status ”%(value)s” finns inte. Skriv besvarad, ej_besvarad eller ej_tillampligt.")
            % {"value": raw},
        )
    return status


def _parse_org_nr(raw: str, problem: Callable[[str, str, str], None]) -> str:
    """Ten digits, or "" after reporting the problem."""
    if not raw:
        problem("org_nr", "org_nr_missing", _("Organisationsnummer saknas. Fyll i det."))
        return ""
    try:
        return orgnr_normalise(raw)
    except OrgNrError as error:
        if error.code == "check_digit":
            message = _(
                "Organisationsnumret ”%(value)s” har fel kontrollsiffra. Kontrollera numret."
            )
        else:
            message = _(
                "Organisationsnumret ”%(value)s” ska ha formen NNNNNN-NNNN eller NNNNNNNNNN. "
                "Rätta numret."
            )
        problem("org_nr", f"org_nr_{error.code}", message % {"value": raw})
        return ""


def _parse_count(raw: str) -> tuple[int | None, str, str]:
    """(value, problem message, problem code); an empty cell is None with no problem."""
    text = _GROUPING.sub("", raw.strip())
    if not text:
        return None, "", ""
    if text.isascii() and text.isdigit():
        # Compare lengths first: int() refuses more than 4 300 digits with a ValueError.
        if len(text.lstrip("0")) > len(str(MAX_COUNT)) or int(text) > MAX_COUNT:
            shown = raw if len(raw) <= 30 else raw[:30] + "…"
            return (
                None,
                _("”%(value)s” är för stort för ett antal. Kontrollera värdet.") % {"value": shown},
                "too_large",
            )
        return int(text), "", ""
    if text.startswith(_MINUS) and text[1:].isascii() and text[1:].isdigit():
        return (
            None,
            _("”%(value)s” är negativt. Ange ett antal som är noll eller större.") % {"value": raw},
            "negative",
        )
    if _DECIMAL.match(text):
        return (
            None,
            _("”%(value)s” är inte ett heltal. Ange antalet utan decimaler.") % {"value": raw},
            "not_a_whole_number",
        )
    return (
        None,
        _("”%(value)s” är inte ett tal. Ange antalet med siffror, till exempel 1234.")
        % {"value": raw},
        "not_a_number",
    )
