"""The Excel template: its columns, validation and instructions, and the command that
writes it for a round's population with the previous round's values."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from openpyxl.worksheet.worksheet import Worksheet

from surveys.imports.responses_csv import COLUMNS
from surveys.imports.spreadsheet import parse_responses_upload
from surveys.imports.template import HEADER, TemplateRow, spreadsheet_template
from tests.surveys.spreadsheets import make_fixtures as fx
from tests.world import World


def sheet(data: bytes, name: str = "Svar") -> Worksheet:
    worksheet = openpyxl.load_workbook(io.BytesIO(data))[name]
    assert isinstance(worksheet, Worksheet)
    return worksheet


def values(worksheet: Worksheet) -> list[tuple[object, ...]]:
    return list(worksheet.iter_rows(values_only=True))


def test_the_data_sheet_has_the_csv_columns_and_one_row_per_agency() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(fx.template()))
    worksheet = workbook["Svar"]

    assert workbook.sheetnames == ["Svar", "Instruktioner"]
    assert set(COLUMNS) <= set(HEADER)
    assert values(worksheet) == [
        HEADER,
        (
            "202100-4284",
            "Affärsverket svenska kraftnät",
            *[None] * 7,
            11000,
            8000,
            2500,
            4000,
        ),
        ("202100-5448", "Skatteverket", *[None] * 11),
    ]
    assert HEADER == (
        "org_nr",
        "myndighet",
        "status",
        "leverantorsfakturor",
        "e_fakturor",
        "matchade_fakturor",
        "e_order",
        "skal",
        "kommentar",
        "forra_leverantorsfakturor",
        "forra_e_fakturor",
        "forra_matchade_fakturor",
        "forra_e_order",
    )


def test_the_sheet_guides_the_person_filling_it_in() -> None:
    worksheet = sheet(fx.template())

    assert worksheet.freeze_panes == "C2"
    assert worksheet["A2"].number_format == "@"  # the organisation number stays text
    assert worksheet.column_dimensions["B"].width == 44
    assert worksheet["J2"].fill.fgColor.rgb == "00EDEDED"  # previous values look read-only
    assert worksheet["D2"].fill.fgColor.rgb != "00EDEDED"
    validations = {
        (dv.type, dv.operator, dv.formula1, str(dv.sqref))
        for dv in worksheet.data_validations.dataValidation
    }
    assert validations == {
        ("list", None, '"besvarad,ej_besvarad,ej_tillampligt"', "C2:C2001"),
        ("whole", "greaterThanOrEqual", "0", "D2:G2001"),
    }


def test_the_instructions_explain_every_column_and_what_is_refused() -> None:
    worksheet = sheet(fx.template(), "Instruktioner")
    text = "\n".join(str(value) for row in values(worksheet) for value in row if value)

    assert "Svar för omgång 2024" in text
    for column in HEADER:
        assert f"\n{column}\n" in text
    assert "Formler och makron tas inte emot" in text
    assert "besvarad" in text
    assert "ej_tillampligt" in text
    assert "för leverantorsfakturor från 2023, som jämförelse" in text


def test_the_instructions_can_be_in_english() -> None:
    data = spreadsheet_template(round_label="2024", rows=fx.TEMPLATE_ROWS, language="en")
    workbook = openpyxl.load_workbook(io.BytesIO(data))

    assert workbook.sheetnames == ["Svar", "Instructions"]
    assert "Formulas and macros are not accepted" in str(
        [cell for row in workbook["Instructions"].iter_rows(values_only=True) for cell in row]
    )
    assert parse_responses_upload(filename="t.xlsx", data=data).problems == ()


def test_a_name_that_looks_like_a_formula_is_written_as_text() -> None:
    rows = [TemplateRow(org_nr="2021004284", name='=HYPERLINK("http://x","klicka")')]

    data = spreadsheet_template(round_label="2024", rows=rows)

    assert sheet(data)["B2"].data_type == "s"
    filled = fx.fill(data, {"C2": "ej_besvarad"})
    assert [r.org_nr for r in parse_responses_upload(filename="t.xlsx", data=filled).rows] == [
        "2021004284"
    ]


def test_the_command_writes_the_population_with_the_previous_rounds_values(
    world: World, tmp_path: Path
) -> None:
    out = io.StringIO()
    path = tmp_path / "mall.xlsx"

    call_command("spreadsheet_template", "--round", "2025", "--out", str(path), stdout=out)

    assert out.getvalue().strip() == (
        f"Mallen för 2025 med 5 myndigheter (förra värden från 2024) skrevs till {path}."
    )
    rows = values(sheet(path.read_bytes()))
    assert [(row[1], row[9:]) for row in rows[1:]] == [
        ("Mellanverket", (20000, 18000, 8000, 4000)),
        ("Nollverket", (0, 0, 0, 12)),
        ("Småverket", (3000, 2000, 300, 60)),
        ("Storverket", (100000, 95000, 60000, 45000)),
        ("Tystverket", (None, None, None, None)),  # did not answer in 2024
    ]
    assert rows[1][0] == f"{world.mellanverket.org_nr[:6]}-{world.mellanverket.org_nr[6:]}"


@pytest.mark.django_db
def test_the_command_names_the_rounds_there_are() -> None:
    with pytest.raises(CommandError) as caught:
        call_command("spreadsheet_template", "--round", "1999")
    assert str(caught.value) == "Omgången ”1999” finns inte. Befintliga omgångar: –."
