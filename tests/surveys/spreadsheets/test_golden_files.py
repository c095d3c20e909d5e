"""Golden files: each good, tricky or hostile upload and exactly what becomes of it.

The files are built by ``make_fixtures.py``; each refusal is a named error whose Swedish
message says what to do.
"""

from __future__ import annotations

from collections.abc import Callable

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from surveys.imports import spreadsheet
from surveys.imports.responses_csv import (
    FileEncodingError,
    FileTooLargeError,
    ResponseFileError,
    TooManyRowsError,
)
from surveys.imports.rows import ResponseRow
from surveys.imports.spreadsheet import (
    BrokenSpreadsheetError,
    CompoundFileError,
    EncryptedFileError,
    FormulaError,
    HiddenSheetError,
    MacroError,
    MergedCellsError,
    SheetChoiceError,
    SheetHeaderError,
    TooManyCellsError,
    UnsafeXmlError,
    UnsupportedFileError,
    XlsFileError,
    ZipBombError,
    parse_responses_upload,
)
from tests.surveys.spreadsheets import make_fixtures as fx

GOLDEN_ROWS = (
    ResponseRow(
        line=2,
        org_nr="2021004284",
        status="answered",
        supplier_invoices=12000,
        e_invoices=9000,
        matched_invoices=3000,
        e_orders=4500,
        not_applicable_reason="",
        comment="Siffror ur Raindance",
    ),
    ResponseRow(
        line=3,
        org_nr="2021005448",
        status="not_applicable",
        supplier_invoices=None,
        e_invoices=None,
        matched_invoices=None,
        e_orders=None,
        not_applicable_reason="Inköpen sköts av Statens servicecenter",
        comment="",
    ),
)


def test_the_filled_template_gives_the_golden_rows() -> None:
    parsed = parse_responses_upload(filename="svar.xlsx", data=fx.filled_template())
    assert parsed.problems == ()
    assert parsed.rows == GOLDEN_ROWS


def test_the_same_answers_as_csv_give_the_same_rows() -> None:
    data = fx.csv_bytes(
        f"{fx.SVK},besvarad,12000,9000,3000,4500,,Siffror ur Raindance",
        f"{fx.SKV},ej_tillampligt,,,,,Inköpen sköts av Statens servicecenter,",
    )
    parsed = parse_responses_upload(filename="svar.csv", data=data)
    assert parsed.rows == GOLDEN_ROWS


def test_the_name_does_not_decide_the_format() -> None:
    as_csv = parse_responses_upload(filename="svar.csv", data=fx.filled_template())
    as_xlsx = parse_responses_upload(
        filename="svar.xlsx", data=fx.csv_bytes(f"{fx.SVK},ej_besvarad,,,,,,")
    )
    assert as_csv.rows == GOLDEN_ROWS
    assert [row.status for row in as_xlsx.rows] == ["not_answered"]


def test_the_empty_template_has_nothing_to_record() -> None:
    parsed = parse_responses_upload(filename="svarsmall-2024.xlsx", data=fx.template())
    assert parsed.rows == ()
    assert parsed.problems == ()


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML


ADD_XLSX = "Spara svaren som Excel-arbetsbok (.xlsx) eller som CSV UTF-8 och försök igen."
RENAMED = (
    "Att filnamnet slutar på .xlsx räcker inte: filen har troligen bytt namn utan att sparas "
    "i det formatet."
)
BROKEN = (
    "Excel-filen kan inte läsas: den kan vara skadad. Öppna den i Excel, spara den som "
    "Excel-arbetsbok (.xlsx) och försök igen, eller fyll i en ny mall."
)
MACROS = (
    "Filen innehåller makron (.xlsm, VBA eller Excel 4.0-makron). Filer med makron tas inte "
    "emot: spara den som Excel-arbetsbok (.xlsx) och försök igen."
)
UNSAFE = (
    "Filen innehåller XML som inte tillåts (entiteter eller externa referenser) och läses "
    "inte. Kopiera svaren till en ny Excel-arbetsbok (.xlsx) och försök igen."
)
HIDDEN = (
    "Filen har dolda blad (”Gammal data”). Dolda blad tas inte emot: ta bort dem, eller "
    "kopiera bladet med svaren till en ny arbetsbok, och försök igen."
)


def truncated() -> bytes:
    data = fx.filled_template()
    return data[: len(data) // 2]


def two_sheets() -> bytes:
    return fx.simple([], title="Blad1", change=lambda wb, _ws: wb.create_sheet("Blad2"))


def many_formulas() -> bytes:
    return fx.fill(fx.filled_template(), {"D2": "=1+1", "E2": "=D2", "K3": "=SUM(D2:E2)"})


def formula_in_an_ignored_column() -> bytes:
    return fx.fill(fx.filled_template(), {"J2": "=D2*0,9"})


def too_many_cells() -> bytes:
    """200 500 empty, formatted cells: about 4 MB of XML that packs only 8 times."""
    letters = [get_column_letter(column) for column in range(1, 501)]
    rows = (
        f'<row r="{line}">'
        + "".join(f'<c r="{letter}{line}" s="{line * n % 5}"/>' for n, letter in enumerate(letters))
        + "</row>"
        for line in range(1, 402)
    )
    return fx.raw_sheet("".join(rows))


# name: (build, file name, error, message)
REFUSALS: dict[str, tuple[Callable[[], bytes], str, type[ResponseFileError], str]] = {
    "renamed PDF": (
        fx.pdf,
        "svar.xlsx",
        UnsupportedFileError,
        "Filen är varken en Excel-fil (.xlsx) eller en CSV-fil: innehållet ser ut att vara en "
        f"PDF-fil. {ADD_XLSX} {RENAMED}",
    ),
    "renamed PNG": (
        fx.png,
        "svar.xlsx",
        UnsupportedFileError,
        "Filen är varken en Excel-fil (.xlsx) eller en CSV-fil: innehållet ser ut att vara en "
        f"bild (PNG). {ADD_XLSX} {RENAMED}",
    ),
    "zip without a workbook": (
        lambda: fx.zip_of({"svar.csv": b"org_nr"}),
        "svar.zip",
        UnsupportedFileError,
        "Filen är varken en Excel-fil (.xlsx) eller en CSV-fil: innehållet ser ut att vara ett "
        f"zip-arkiv utan Excel-arbetsbok. {ADD_XLSX}",
    ),
    "OpenDocument spreadsheet": (
        fx.ods,
        "svar.ods",
        UnsupportedFileError,
        "Filen är varken en Excel-fil (.xlsx) eller en CSV-fil: innehållet ser ut att vara ett "
        f"OpenDocument-kalkylark (.ods). {ADD_XLSX}",
    ),
    "web page saved as .xls": (
        lambda: b"<html><body><table><tr><td>org_nr</td></tr></table></body></html>",
        "export.xls",
        UnsupportedFileError,
        "Filen är varken en Excel-fil (.xlsx) eller en CSV-fil: innehållet ser ut att vara en "
        f"webbsida eller XML-fil. {ADD_XLSX} Att filnamnet slutar på .xls räcker inte: filen "
        "har troligen bytt namn utan att sparas i det formatet.",
    ),
    "unknown binary": (
        lambda: bytes(range(256)) * 4,
        "svar",
        UnsupportedFileError,
        "Filen är varken en Excel-fil (.xlsx) eller en CSV-fil: innehållet ser ut att vara en "
        f"binärfil av okänt slag. {ADD_XLSX}",
    ),
    "old .xls (BIFF8 in a compound file)": (
        fx.xls_workbook,
        "svar.xls",
        XlsFileError,
        "Filen är en gammal Excel-fil (.xls). Öppna den i Excel, spara den som Excel-arbetsbok "
        "(.xlsx) och försök igen.",
    ),
    "Excel 4 file (bare BIFF4)": (
        lambda: b"\x09\x04\x06\x00\x00\x00\x10\x00" + bytes(50),
        "svar.xls",
        XlsFileError,
        "Filen är en gammal Excel-fil (.xls). Öppna den i Excel, spara den som Excel-arbetsbok "
        "(.xlsx) och försök igen.",
    ),
    "password-protected workbook": (
        fx.encrypted_workbook,
        "svar.xlsx",
        EncryptedFileError,
        "Filen är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort lösenordet i Excel "
        "(Arkiv > Information > Skydda arbetsbok > Kryptera med lösenord, töm fältet), spara "
        "som Excel-arbetsbok (.xlsx) och försök igen.",
    ),
    "other compound file (Word 97)": (
        fx.word_97_document,
        "svar.xlsx",
        CompoundFileError,
        "Filen är lösenordsskyddad eller en gammal .xls-fil och kan inte läsas. Ta bort "
        "eventuellt lösenord, spara den som Excel-arbetsbok (.xlsx) och försök igen.",
    ),
    "truncated workbook": (truncated, "svar.xlsx", BrokenSpreadsheetError, BROKEN),
    "zip bomb: 60 MB of zeros": (
        fx.zip_bomb_big,
        "svar.xlsx",
        ZipBombError,
        "Filen blir större än 50 MB när den packas upp och läses inte. Kopiera svaren till en "
        "ny Excel-arbetsbok (.xlsx) utan bilder och tomma, formaterade rader och försök igen.",
    ),
    "zip bomb: packed a thousand times": (
        fx.zip_bomb_ratio,
        "svar.xlsx",
        ZipBombError,
        "Filen är packad ovanligt hårt (delen xl/media/zeros.bin blir mer än 100 gånger större "
        "uppackad) och läses inte. Kopiera svaren till en ny Excel-arbetsbok (.xlsx) och "
        "försök igen.",
    ),
    "zip bomb: a thousand parts": (
        fx.zip_many_parts,
        "svar.xlsx",
        ZipBombError,
        "Filen består av fler än 1\xa0000 delar och läses inte. Kopiera svaren till en ny "
        "Excel-arbetsbok (.xlsx) och försök igen.",
    ),
    "zip entry lying about its size": (
        fx.zip_lying_about_size,
        "svar.xlsx",
        BrokenSpreadsheetError,
        BROKEN,
    ),
    "VBA project": (fx.with_vba_project, "svar.xlsx", MacroError, MACROS),
    "macro-enabled content type": (
        fx.macro_enabled_content_type,
        "svar.xlsm",
        MacroError,
        MACROS,
    ),
    "Excel 4.0 macro sheet": (fx.excel4_macro_sheet, "svar.xlsx", MacroError, MACROS),
    "entity expansion (billion laughs)": (
        fx.billion_laughs_in_workbook,
        "svar.xlsx",
        UnsafeXmlError,
        UNSAFE,
    ),
    "external entity in the sheet": (
        fx.external_entity_in_sheet,
        "svar.xlsx",
        UnsafeXmlError,
        UNSAFE,
    ),
    "hidden sheet": (lambda: fx.with_hidden_sheet("hidden"), "svar.xlsx", HiddenSheetError, HIDDEN),
    "very hidden sheet": (
        lambda: fx.with_hidden_sheet("veryHidden"),
        "svar.xlsx",
        HiddenSheetError,
        HIDDEN,
    ),
    "two sheets, none named Svar": (
        two_sheets,
        "svar.xlsx",
        SheetChoiceError,
        "Filen har flera blad (”Blad1”, ”Blad2”) men inget som heter ”Svar”. Döp bladet med "
        "svaren till Svar, eller ta bort de andra bladen, och försök igen.",
    ),
    "merged cells": (
        lambda: fx.simple(
            [[fx.SVK, "besvarad", 1, 1, 1, 1]], change=lambda _wb, ws: ws.merge_cells("G2:H2")
        ),
        "svar.xlsx",
        MergedCellsError,
        "Bladet ”Svar” har sammanfogade celler (G2:H2). Ta bort sammanfogningen så att varje "
        "värde står i en egen cell, och försök igen.",
    ),
    "a formula": (
        lambda: fx.fill(fx.filled_template(), {"D2": "=1+1"}),
        "svar.xlsx",
        FormulaError,
        "Cell D2 innehåller en formel. Formler tas inte emot: kopiera cellerna och klistra in "
        "dem som värden, och försök igen.",
    ),
    "three formulas": (
        many_formulas,
        "svar.xlsx",
        FormulaError,
        "Cell D2 och 2 celler till innehåller formler. Formler tas inte emot: kopiera cellerna "
        "och klistra in dem som värden, och försök igen.",
    ),
    "a formula in an ignored column": (
        formula_in_an_ignored_column,
        "svar.xlsx",
        FormulaError,
        "Cell J2 innehåller en formel. Formler tas inte emot: kopiera cellerna och klistra in "
        "dem som värden, och försök igen.",
    ),
    "too many rows": (
        lambda: fx.many_rows(2_001),
        "svar.xlsx",
        TooManyRowsError,
        "Filen har fler än 2\xa0000 rader med svar. Dela upp den i flera filer med högst "
        "2\xa0000 rader var.",
    ),
    "too many cells": (
        too_many_cells,
        "svar.xlsx",
        TooManyCellsError,
        "Bladet ”Svar” har fler än 200\xa0000 celler (tomma men formaterade celler räknas "
        "också). Ta bort tomma rader och kolumner under och till höger om svaren och försök "
        "igen.",
    ),
    "too large": (
        fx.too_large_workbook,
        "svar.xlsx",
        FileTooLargeError,
        "Filen är större än 5 MB. Dela upp den i flera filer.",
    ),
    "CSV in Windows-1252": (
        lambda: fx.csv_bytes(fx.CP1252_ROW, encoding="cp1252"),
        "svar.csv",
        FileEncodingError,
        "Filen är inte UTF-8 (första felet på rad 2). Spara den som ”CSV UTF-8” och försök igen.",
    ),
    "CSV in UTF-16 (Excel's Unicode text)": (
        lambda: b"\xff\xfe" + ",".join(fx.HEADER).encode("utf-16-le"),
        "svar.csv",
        FileEncodingError,
        "Filen är inte UTF-8 (första felet på rad 1). Spara den som ”CSV UTF-8” och försök igen.",
    ),
    "wrong header": (
        lambda: fx.simple([], header=["org_nr", "status", "leverantorsfakturor"]),
        "svar.xlsx",
        SheetHeaderError,
        "Rad 1: rubrikraden ska ha kolumnerna org_nr, status, leverantorsfakturor, e_fakturor, "
        "matchade_fakturor, e_order, skal, kommentar (saknas: e_fakturor, matchade_fakturor, "
        "e_order, skal, kommentar). Rätta rubrikraden, eller fyll i en ny mall.",
    ),
    "empty sheet": (
        lambda: fx.raw_sheet(""),
        "svar.xlsx",
        SheetHeaderError,
        "Bladet ”Svar” är tomt. Första raden ska vara rubrikraden: org_nr, status, "
        "leverantorsfakturor, e_fakturor, matchade_fakturor, e_order, skal, kommentar.",
    ),
}


@pytest.mark.parametrize("case", REFUSALS, ids=str)
def test_each_hostile_or_broken_file_is_refused_with_its_named_error(case: str) -> None:
    build, filename, error, message = REFUSALS[case]

    with pytest.raises(ResponseFileError) as caught:
        parse_responses_upload(filename=filename, data=build())

    assert type(caught.value) is error
    assert caught.value.message == message


def test_every_named_error_has_its_own_code() -> None:
    errors = [
        value
        for value in vars(spreadsheet).values()
        if isinstance(value, type) and issubclass(value, ResponseFileError)
    ]
    codes = [error.code for error in errors if error.__module__ == spreadsheet.__name__]
    assert len(codes) == len(set(codes)) == 14
