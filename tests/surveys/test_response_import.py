"""`manage.py import_responses`: a good file, every kind of bad row, the limits, all-or-nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from surveys.imports import responses_csv
from surveys.imports.responses_csv import (
    MAX_BYTES,
    MAX_ROWS,
    CsvHeaderError,
    FileEncodingError,
    FileTooLargeError,
    TooManyRowsError,
    parse_responses_csv,
)
from surveys.imports.values import STATUSES
from surveys.models import Response, ResponseStatus, Round, RoundStatus
from surveys.services import round_population_set
from tests.factories import create_agency, create_round

HEADER = "org_nr,status,leverantorsfakturor,e_fakturor,matchade_fakturor,e_order,skal,kommentar"
SVK = "202100-4284"  # Affärsverket svenska kraftnät, in the population
SKV = "2021005448"  # Skatteverket, in the population (written without the hyphen)
BRA = "202100-0068"  # Brottsförebyggande rådet: in the register, not in the population
UNKNOWN = "202199-0011"  # a valid number that is not in the register

GOOD = f"""{HEADER}
{SVK},besvarad,12000,9000,3000,4500,,Siffror ur Raindance
{SKV},ej_tillampligt,,,,,Inköpen sköts av Statens servicecenter,
"""


@pytest.fixture
def round_2024(db: None) -> Round:
    create_agency("Affärsverket svenska kraftnät", org_nr="2021004284", fte={2024: 931})
    create_agency("Skatteverket", org_nr="2021005448", fte={2024: 10500})
    create_agency("Brottsförebyggande rådet", org_nr="2021000068", fte={2024: 30})
    round_ = create_round(year=2024)
    round_population_set(round=round_)
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.OPEN)
    round_.refresh_from_db()
    return round_


def write(tmp_path: Path, text: str | bytes, name: str = "svar.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def run(path: Path, slug: str = "2024") -> str:
    out = io.StringIO()
    call_command("import_responses", "--round", slug, str(path), stdout=out)
    return out.getvalue()


def statuses(round_: Round) -> dict[str, str]:
    return {r.agency.org_nr: r.status for r in round_.responses.select_related("agency")}


def test_status_codes_are_the_model_values() -> None:
    assert set(STATUSES) == set(ResponseStatus.values)
    assert set(responses_csv.STATUS_CODES.values()) == set(ResponseStatus.values)


def test_a_good_file_records_every_row_and_schedules_one_refresh(
    round_2024: Round, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        output = run(write(tmp_path, GOOD))

    assert output.splitlines() == [
        "Omgång 2024: 2 svar uppdaterade, 0 oförändrade.",
        "Nyckeltalen räknas om.",
    ]
    assert len(callbacks) == 1
    svk = Response.objects.get(round=round_2024, agency__org_nr="2021004284")
    assert svk.status == ResponseStatus.ANSWERED
    assert (svk.supplier_invoices, svk.e_invoices, svk.matched_invoices, svk.e_orders) == (
        12000,
        9000,
        3000,
        4500,
    )
    assert svk.comment == "Siffror ur Raindance"
    assert svk.fte == 931
    skv = Response.objects.get(round=round_2024, agency__org_nr="2021005448")
    assert skv.status == ResponseStatus.NOT_APPLICABLE
    assert skv.not_applicable_reason == "Inköpen sköts av Statens servicecenter"
    assert skv.supplier_invoices is None


def test_importing_the_same_file_again_updates_nothing(
    round_2024: Round, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    path = write(tmp_path, GOOD)
    run(path)

    with django_capture_on_commit_callbacks() as callbacks:
        output = run(path)

    assert output.splitlines() == ["Omgång 2024: 0 svar uppdaterade, 2 oförändrade."]
    assert callbacks == []


def test_byte_order_mark_semicolons_and_spaced_thousands_are_read(
    round_2024: Round, tmp_path: Path
) -> None:
    text = "\ufeff" + HEADER.replace(",", ";") + "\n" + f'{SVK};BESVARAD;"12 000";9000;0;45;;\n'

    output = run(write(tmp_path, text))

    assert "1 svar uppdaterade" in output
    svk = Response.objects.get(round=round_2024, agency__org_nr="2021004284")
    assert (svk.supplier_invoices, svk.matched_invoices, svk.e_orders) == (12000, 0, 45)


BAD_ROWS = [
    (
        f"{SVK},besvarad,tolvtusen,9000,3000,4500,,",
        "Rad 2, kolumn leverantorsfakturor: ”tolvtusen” är inte ett tal. Ange antalet med "
        "siffror, till exempel 1234.",
    ),
    (
        f"{SVK},besvarad,12000,9000,3000,4500.5,,",
        "Rad 2, kolumn e_order: ”4500.5” är inte ett heltal. Ange antalet utan decimaler.",
    ),
    (
        f"{SVK},besvarad,12000,-9000,3000,4500,,",
        "Rad 2, kolumn e_fakturor: ”-9000” är negativt. Ange ett antal som är noll eller större.",
    ),
    (
        f"{UNKNOWN},besvarad,12000,9000,3000,4500,,",
        "Rad 2, kolumn org_nr: Organisationsnumret 202199-0011 finns inte i "
        "myndighetsregistret. Kontrollera numret.",
    ),
    (
        f"{BRA},besvarad,12000,9000,3000,4500,,",
        "Rad 2, kolumn org_nr: Brottsförebyggande rådet (202100-0068) ingår inte i "
        "populationen för 2024. Ta bort raden, eller kontrollera organisationsnumret.",
    ),
    (
        "202100-4285,besvarad,12000,9000,3000,4500,,",
        "Rad 2, kolumn org_nr: Organisationsnumret ”202100-4285” har fel kontrollsiffra. "
        "Kontrollera numret.",
    ),
    (
        "2021-004284,besvarad,12000,9000,3000,4500,,",
        "Rad 2, kolumn org_nr: Organisationsnumret ”2021-004284” ska ha formen NNNNNN-NNNN "
        "eller NNNNNNNNNN. Rätta numret.",
    ),
    (
        f"{SVK},ej_tillampligt,,,,,,",
        "Rad 2, kolumn skal: Ange skälet till att enkäten är ej tillämplig för myndigheten.",
    ),
    (
        f"{SVK},besvarad,12000,9000,,4500,,",
        "Rad 2, kolumn matchade_fakturor: Ange antal matchade fakturor: en besvarad enkät ska "
        "ha alla fyra antal.",
    ),
    (
        f"{SVK},ej_besvarad,12000,,,,,",
        "Rad 2, kolumn leverantorsfakturor: Antal leverantörsfakturor anges bara när enkäten "
        "är besvarad. Ta bort värdet eller ändra status till besvarad.",
    ),
    (
        f"{SVK},klar,12000,9000,3000,4500,,",
        "Rad 2, kolumn status: Status ”klar” finns inte. Skriv besvarad, ej_besvarad eller "
        "ej_tillampligt.",
    ),
    (
        f"{SVK},besvarad,12000,9000,3000,4500",
        "Rad 2: Raden har 6 fält men rubrikraden har 8. Kontrollera kommatecken och "
        "citattecken på raden.",
    ),
]


@pytest.mark.parametrize(("row", "expected"), BAD_ROWS)
def test_each_bad_row_is_explained_in_swedish_and_nothing_is_written(
    round_2024: Round, tmp_path: Path, row: str, expected: str
) -> None:
    # The bad row comes first, then a good one: the good one must not be written either.
    text = f"{HEADER}\n{row}\n{SKV},besvarad,1,1,1,1,,\n"
    before = statuses(round_2024)

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, text))

    lines = str(caught.value).splitlines()
    assert lines[0] == (
        "Svaren lästes inte in: 1 problem hittades. Inget har sparats. "
        "Rätta filen och läs in den igen."
    )
    assert lines[1:] == [expected]
    assert statuses(round_2024) == before
    assert all(status == ResponseStatus.NOT_ANSWERED for status in before.values())


def test_a_duplicate_row_names_the_first_line(round_2024: Round, tmp_path: Path) -> None:
    text = f"{HEADER}\n{SVK},besvarad,1,1,1,1,,\n{SVK.replace('-', '')},besvarad,2,2,2,2,,\n"

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, text))

    assert (
        "Rad 3, kolumn org_nr: Myndigheten 202100-4284 finns redan på rad 2. Varje myndighet "
        "ska stå på en enda rad: ta bort dubbletten."
    ) in str(caught.value)
    assert statuses(round_2024)["2021004284"] == ResponseStatus.NOT_ANSWERED


def test_every_problem_of_the_file_is_listed_in_line_order(
    round_2024: Round, tmp_path: Path
) -> None:
    text = (
        f"{HEADER}\n"
        f"{BRA},besvarad,1,1,1,1,,\n"
        f"{SVK},besvarad,x,1,-1,1,,\n"
        f"{SKV},ej_tillampligt,,,,,,\n"
    )

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, text))

    lines = str(caught.value).splitlines()
    assert lines[0].startswith("Svaren lästes inte in: 4 problem hittades.")
    assert [line.split(":")[0] for line in lines[1:]] == [
        "Rad 2, kolumn org_nr",
        "Rad 3, kolumn leverantorsfakturor",
        "Rad 3, kolumn matchade_fakturor",
        "Rad 4, kolumn skal",
    ]


def test_a_round_that_is_not_open_is_refused(round_2024: Round, tmp_path: Path) -> None:
    Round.objects.filter(pk=round_2024.pk).update(status=RoundStatus.PUBLISHED)

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, GOOD))

    assert str(caught.value) == (
        "Svar kan inte registreras i 2024 eftersom omgången har status ”Publicerad”. Svar "
        "registreras medan omgången är öppen eller stängd."
    )


@pytest.mark.django_db
def test_an_unknown_round_is_refused(tmp_path: Path) -> None:
    create_round(year=2023, status=RoundStatus.OPEN)

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, GOOD), slug="2025")

    assert str(caught.value) == "Omgången ”2025” finns inte. Befintliga omgångar: 2023."


# Limits: each is a named error with a Swedish message, raised before any row is used.


def test_a_file_over_5_mb_is_refused() -> None:
    data = (HEADER + "\n").encode() + b"#" * MAX_BYTES
    with pytest.raises(FileTooLargeError) as caught:
        parse_responses_csv(data)
    assert caught.value.message == "Filen är större än 5 MB. Dela upp den i flera filer."


def test_a_file_of_exactly_5_mb_is_read() -> None:
    line = f"{SVK},besvarad,1,1,1,1,,".encode()
    head = (HEADER + "\n").encode() + line + b"\n"
    padding = MAX_BYTES - len(head)  # blank lines, which are skipped
    data = head + (b" " * 99 + b"\n") * (padding // 100) + b" " * (padding % 100)
    assert len(data) == MAX_BYTES
    assert len(parse_responses_csv(data).rows) == 1


def test_more_than_2000_rows_is_refused() -> None:
    rows = "".join(f"{SVK},ej_besvarad,,,,,,\n" for _ in range(MAX_ROWS + 1))
    with pytest.raises(TooManyRowsError) as caught:
        parse_responses_csv(f"{HEADER}\n{rows}".encode())
    assert caught.value.message == (
        "Filen har fler än 2\xa0000 rader med svar. Dela upp den i flera filer med högst "
        "2\xa0000 rader var."
    )


def test_2000_rows_are_read() -> None:
    rows = "".join(f"{SVK},ej_besvarad,,,,,,\n" for _ in range(MAX_ROWS))
    parsed = parse_responses_csv(f"{HEADER}\n{rows}".encode())
    # All the same agency: one row and 1 999 duplicates, but no limit error.
    assert len(parsed.rows) == 1
    assert len(parsed.problems) == MAX_ROWS - 1


def test_a_file_that_is_not_utf8_is_refused() -> None:
    data = f"{HEADER}\n{SVK},ej_tillampligt,,,,,Inköp sköts centralt,\n".encode("cp1252")
    with pytest.raises(FileEncodingError) as caught:
        parse_responses_csv(data)
    assert caught.value.message == (
        "Filen är inte UTF-8 (första felet på rad 2). Spara den som ”CSV UTF-8” och försök igen."
    )


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", "Filen är tom. Första raden ska vara rubrikraden:"),
        (
            HEADER.replace("e_order", "eorder"),
            "Rad 1: rubrikraden ska vara " + HEADER + " (saknas: e_order; okända: eorder).",
        ),
        (HEADER + ",kommentar", "(upprepade: kommentar)"),
    ],
)
def test_a_wrong_header_is_refused(header: str, expected: str) -> None:
    with pytest.raises(CsvHeaderError) as caught:
        parse_responses_csv(f"{header}\n".encode())
    assert expected in caught.value.message


def test_file_errors_reach_the_command_user(round_2024: Round, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, "\u00f6".encode("latin-1")))
    assert "Filen är inte UTF-8" in str(caught.value)


@pytest.mark.django_db
def test_the_command_also_reads_the_excel_template(tmp_path):
    import io

    from django.core.management import call_command

    from surveys.imports.template import TemplateRow, spreadsheet_template
    from surveys.models import Response, RoundStatus, WorkflowState
    from tests.factories import create_agency, create_response, create_round

    round_ = create_round(year=2024, status=RoundStatus.OPEN)
    agency = create_agency("Kalkylverket", fte={2024: 300})
    create_response(round=round_, agency=agency, fte=300, fte_year=2024)
    import openpyxl

    book = openpyxl.load_workbook(
        io.BytesIO(
            spreadsheet_template(
                round_label="2024", rows=[TemplateRow(agency.org_nr, agency.name, {})]
            )
        )
    )
    sheet = book["Svar"]
    header = [cell.value for cell in sheet[1]]
    values = {
        "status": "besvarad",
        "leverantorsfakturor": 1000,
        "e_fakturor": 900,
        "matchade_fakturor": 300,
        "e_order": 250,
    }
    for name, value in values.items():
        sheet.cell(row=2, column=header.index(name) + 1, value=value)
    path = tmp_path / "svar.xlsx"
    book.save(path)

    call_command("import_responses", "--round", "2024", str(path), stdout=io.StringIO())
    response = Response.objects.get(round=round_, agency=agency)
    assert (response.supplier_invoices, response.e_orders) == (1000, 250)
    assert response.workflow == WorkflowState.SUBMITTED
