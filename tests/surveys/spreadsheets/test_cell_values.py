"""Tricky cells: what Excel stores (whole floats, dates, true/false, error values, text
that looks like a number or a formula) becomes the same rows and problems as in a CSV."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from surveys.imports.rows import ParsedResponses, ResponseRow, RowProblem
from surveys.imports.spreadsheet import (
    BrokenSpreadsheetError,
    SheetHeaderError,
    parse_responses_upload,
)
from tests.surveys.spreadsheets import make_fixtures as fx
from tests.surveys.spreadsheets.make_fixtures import number, row, text


def parse(data: bytes) -> ParsedResponses:
    return parse_responses_upload(filename="svar.xlsx", data=data)


def counts(parsed: ParsedResponses) -> list[tuple[int | None, ...]]:
    return [tuple(r.counts.values()) for r in parsed.rows]


def answered_row(*cells: str) -> bytes:
    """Header, then row 2: Svenska kraftnät answered with ``cells`` in C2…F2."""
    return fx.raw_sheet(
        fx.raw_header() + row(2, text("A2", fx.SVK), text("B2", "besvarad"), *cells)
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ([number("C2", "12000"), number("D2", "9000")], (12000, 9000)),
        ([number("C2", "12000.0"), number("D2", "9E3")], (12000, 9000)),
        ([number("C2", "1.2E+4"), number("D2", "9000.000")], (12000, 9000)),
        ([text("C2", "12 000"), text("D2", "9\u00a0000")], (12000, 9000)),
        ([text("C2", " 12000 "), text("D2", "9000")], (12000, 9000)),
    ],
    ids=["integers", "whole floats", "exponent", "text with spaces", "padded text"],
)
def test_whole_numbers_however_stored_are_read(cells: list[str], expected: tuple[int, int]) -> None:
    parsed = parse(answered_row(*cells, number("E2", "3000"), number("F2", "45")))
    assert parsed.problems == ()
    assert counts(parsed) == [(*expected, 3000, 45)]


@pytest.mark.parametrize(
    ("cell", "code", "message"),
    [
        (
            number("C2", "12000.5"),
            "not_a_whole_number",
            "”12000,5” är inte ett heltal. Ange antalet utan decimaler.",
        ),
        (
            number("C2", "0.25"),
            "not_a_whole_number",
            "”0,25” är inte ett heltal. Ange antalet utan decimaler.",
        ),
        (
            number("C2", "-5"),
            "negative",
            "”-5” är negativt. Ange ett antal som är noll eller större.",
        ),
        (
            number("C2", "9223372036854775808"),
            "too_large",
            "”9223372036854775808” är för stort för ett antal. Kontrollera värdet.",
        ),
        (
            text("C2", "tolv"),
            "not_a_number",
            "”tolv” är inte ett tal. Ange antalet med siffror, till exempel 1234.",
        ),
        (
            '<c r="C2" t="d"><v>2024-01-05T00:00:00</v></c>',
            "date_value",
            "Cell C2 innehåller ett datum (2024-01-05). Ändra cellens format till Tal eller Text "
            "och skriv värdet igen.",
        ),
        (
            '<c r="C2" t="b"><v>1</v></c>',
            "boolean_value",
            "Cell C2 innehåller ett sanningsvärde (SANT). Skriv ett tal eller en text i stället.",
        ),
        (
            '<c r="C2" t="e"><v>#N/A</v></c>',
            "error_value",
            "Cell C2 innehåller felvärdet #N/A. Skriv värdet i stället.",
        ),
    ],
    ids=[
        "fraction",
        "small fraction",
        "negative",
        "beyond the database",
        "words",
        "date",
        "boolean",
        "error value",
    ],
)
def test_a_cell_that_is_no_count_is_a_problem_of_its_row(
    cell: str, code: str, message: str
) -> None:
    parsed = parse(
        answered_row(cell, number("D2", "9000"), number("E2", "3000"), number("F2", "4"))
    )

    assert parsed.rows == ()
    assert parsed.problems == (RowProblem(2, "leverantorsfakturor", code, message),)


def test_dates_and_booleans_made_by_excel_name_their_cells() -> None:
    data = fx.simple([[fx.SVK, "besvarad", date(2024, 1, 5), True, 3000, 45]])

    parsed = parse(data)

    assert [(p.column, p.code) for p in parsed.problems] == [
        ("leverantorsfakturor", "date_value"),
        ("e_fakturor", "boolean_value"),
    ]
    assert parsed.problems[0].message.startswith("Cell C2 innehåller ett datum (2024-01-05).")
    assert parsed.problems[1].message.startswith("Cell D2 innehåller ett sanningsvärde (SANT).")


def test_every_problem_of_a_row_is_reported_with_a_refused_cell() -> None:
    excel_time = datetime(2024, 1, 5, 13, 30)  # noqa: DTZ001 - Excel's date-times are naive
    data = fx.simple([[fx.SVK, "klar", excel_time, 1, 1, 1]])

    parsed = parse(data)

    assert [(p.line, p.column, p.code) for p in parsed.problems] == [
        (2, "leverantorsfakturor", "date_value"),
        (2, "status", "unknown_status"),
    ]
    assert "(2024-01-05 13:30:00)" in parsed.problems[0].message


def test_an_organisation_number_stored_as_a_number_is_read() -> None:
    parsed = parse(fx.simple([[2021004284, "ej_besvarad"], [2021005448.0, "ej_besvarad"]]))
    assert [r.org_nr for r in parsed.rows] == ["2021004284", "2021005448"]


def test_text_columns_take_dates_and_text_that_looks_like_a_formula() -> None:
    reason = "=Statens servicecenter sköter inköpen"
    data = fx.raw_sheet(
        fx.raw_header()
        + row(
            2,
            text("A2", fx.SVK),
            text("B2", "ej_tillampligt"),
            text("G2", reason),
            '<c r="H2" t="d"><v>2024-12-31T00:00:00</v></c>',
        )
    )

    parsed = parse(data)

    assert parsed.problems == ()
    assert parsed.rows[0].not_applicable_reason == reason
    assert parsed.rows[0].comment == "2024-12-31"


def test_empty_rows_anywhere_are_skipped_and_lines_are_the_sheets_rows() -> None:
    data = fx.raw_sheet(
        row(1, '<c r="A1" s="0"/>')
        + row(2, text("B2", "   "))
        + fx.raw_header(3)
        + row(4)
        + row(5, text("A5", fx.SVK), text("B5", "ej_besvarad"))
        + row(9, text("A9", fx.SKV), text("B9", "klar"))
        + row(10, '<c r="C10" s="0"/>', text("H10", " "))
        + row(1_048_576, '<c r="A1048576" s="0"/>')
    )

    parsed = parse(data)

    assert [r.line for r in parsed.rows] == [5]
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [
        (9, "status", "unknown_status")
    ]


def test_a_row_far_down_the_sheet_is_read_without_filling_the_gap() -> None:
    data = fx.raw_sheet(
        fx.raw_header() + row(1_048_576, text("A1048576", fx.SVK), text("B1048576", "ej_besvarad"))
    )
    assert [r.line for r in parse(data).rows] == [1_048_576]


@pytest.mark.parametrize(
    "rows",
    [
        row(3, text("A3", fx.SVK)) + row(2, text("A2", fx.SKV)),
        row(1_048_577, text("A1048577", fx.SVK)),
    ],
    ids=["rows out of order", "past Excel's last row"],
)
def test_crafted_row_numbers_are_refused(rows: str) -> None:
    with pytest.raises(BrokenSpreadsheetError):
        parse(fx.raw_sheet(fx.raw_header() + rows))


def test_columns_in_any_order_and_informative_or_unnamed_columns_are_ignored() -> None:
    header = ["kommentar", "myndighet", "e_order", "org_nr", "forra_e_order", "status", "skal"]
    header += ["", "matchade_fakturor", "e_fakturor", "leverantorsfakturor"]
    data = fx.simple(
        [["Bra", "Svenska kraftnät", 4, fx.SVK, 3, "besvarad", "", "anteckning", 2, 5, 9]],
        header=header,
    )

    parsed = parse(data)

    assert parsed.problems == ()
    assert parsed.rows == (
        ResponseRow(
            line=2,
            org_nr="2021004284",
            status="answered",
            supplier_invoices=9,
            e_invoices=5,
            matched_invoices=2,
            e_orders=4,
            not_applicable_reason="",
            comment="Bra",
        ),
    )


def test_an_unknown_column_is_refused_like_in_a_csv() -> None:
    with pytest.raises(SheetHeaderError) as caught:
        parse(fx.simple([], header=[*fx.HEADER, "anteckning"]))
    assert "(okända: anteckning)" in caught.value.message


def test_untouched_template_rows_are_skipped_but_a_started_row_is_checked() -> None:
    data = fx.fill(fx.template(), {"C3": "besvarad", "D3": 100})

    parsed = parse(data)

    assert parsed.rows == ()
    assert {p.line for p in parsed.problems} == {3}
    assert {p.column for p in parsed.problems} >= {"e_fakturor", "matchade_fakturor", "e_order"}


def test_a_duplicate_agency_names_its_first_row() -> None:
    data = fx.simple([[fx.SVK, "ej_besvarad"], ["2021004284", "ej_besvarad"]])

    parsed = parse(data)

    assert parsed.problems == (
        RowProblem(
            3,
            "org_nr",
            "duplicate_row",
            "Myndigheten 202100-4284 finns redan på rad 2. Varje myndighet ska stå på en enda "
            "rad: ta bort dubbletten.",
        ),
    )


def test_the_sheet_named_svar_is_read_among_visible_sheets() -> None:
    def more_sheets(workbook: Workbook, _sheet: Worksheet) -> None:
        workbook.create_sheet("Anteckningar", 0)
        workbook.create_sheet("Lista")

    data = fx.simple([[fx.SVK, "ej_besvarad"]], title="svar ", change=more_sheets)
    assert len(parse(data).rows) == 1


def test_the_only_sheet_is_read_whatever_its_name() -> None:
    assert len(parse(fx.simple([[fx.SVK, "ej_besvarad"]], title="Blad1")).rows) == 1


def test_a_count_of_thousands_of_digits_is_a_problem_in_a_csv_too() -> None:
    digits = "9" * 5_000  # int() itself refuses more than 4 300 digits
    data = fx.csv_bytes(f"{fx.SVK},besvarad,{digits},1,1,1,,")

    parsed = parse_responses_upload(filename="svar.csv", data=data)

    assert parsed.problems == (
        RowProblem(
            2,
            "leverantorsfakturor",
            "too_large",
            f"”{'9' * 30}…” är för stort för ett antal. Kontrollera värdet.",
        ),
    )
