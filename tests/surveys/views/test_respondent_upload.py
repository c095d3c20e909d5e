"""The spreadsheet pages: the template download, the upload, its confirmation and the
all-or-nothing save; bad rows and hostile files write nothing."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from surveys.imports.responses_csv import MAX_BYTES
from surveys.models import Response, ResponseStatus, WorkflowState
from surveys.views_respondent import UPLOAD_KEY
from surveys.workflow import response_save
from tests.surveys.views.conftest import client_for

pytestmark = pytest.mark.django_db

HEADER = "org_nr,status,leverantorsfakturor,e_fakturor,matchade_fakturor,e_order,skal,kommentar"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_file(*lines: str, name: str = "svar.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([HEADER, *lines]).encode())


def stored(*responses: Response) -> list[tuple[object, ...]]:
    result: list[tuple[object, ...]] = []
    for response in responses:
        response.refresh_from_db()
        result.append(
            (
                response.status,
                response.supplier_invoices,
                response.e_invoices,
                response.matched_invoices,
                response.e_orders,
                response.comment,
                response.workflow,
                response.revision,
            )
        )
    return result


def problem_rows(html: str) -> list[tuple[str, str]]:
    """(Rad, Kolumn) of each row of the problem table."""
    table = re.search(r'<table class="data problems".*?</table>', html, re.S)
    assert table, "no problem table"
    cells = re.findall(
        r'<td class="num">(.*?)</td>\s*<td>(?:<code>)?(.*?)(?:</code>)?</td>', table.group(0)
    )
    return [(line.strip(), column.strip()) for line, column in cells]


def test_the_template_is_a_real_workbook_with_last_rounds_values(setting):
    page = client_for(setting.centre).get(setting.template_url)
    assert page.status_code == 200
    assert page["Content-Type"] == XLSX_TYPE
    assert 'filename="svarsmall-2025.xlsx"' in page["Content-Disposition"]
    assert "no-store" in page["Cache-Control"]
    workbook = openpyxl.load_workbook(io.BytesIO(page.content))
    sheet = workbook["Svar"]
    header = [cell.value for cell in sheet[1]]
    rows = {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert set(rows) == {setting.alfa.org_nr_display, setting.beta.org_nr_display}
    alfa = rows[setting.alfa.org_nr_display]
    assert alfa["myndighet"] == "Alfaverket"
    assert alfa["forra_leverantorsfakturor"] == 1000
    assert alfa["forra_e_order"] == 400


def test_a_filled_in_template_is_confirmed_then_saved_as_drafts(setting):
    client = client_for(setting.centre)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(setting.template_url).content))
    sheet = workbook["Svar"]
    header = [cell.value for cell in sheet[1]]
    column = {name: header.index(name) + 1 for name in header}
    for line in (2, 3):
        for name, value in (
            ("status", "besvarad"),
            ("leverantorsfakturor", 1000),
            ("e_fakturor", 900),
            ("matchade_fakturor", 400),
            ("e_order", 1000 if line == 2 else 950),
        ):
            sheet.cell(row=line, column=column[name], value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("svar.xlsx", buffer.getvalue())

    page = client.post(setting.upload_url, {"file": upload})
    assert page.status_code == 302
    assert page["Location"] == setting.confirm_url
    alfa, beta = setting.response("alfa"), setting.response("beta")
    before = stored(alfa, beta)

    html = client.get(setting.confirm_url).content.decode()
    assert "ändrar svaren för 2 myndigheter" in html
    assert "Alfaverket" in html
    assert "Betaverket" in html
    assert "Ej besvarad" in html
    assert "Besvarad" in html
    assert "1\u00a0000" in html
    assert "har ändrats mycket sedan 2024" in html  # Alfa's e-orders 400 → 1 000
    assert stored(alfa, beta) == before  # nothing saved before "Spara"

    page = client.post(setting.confirm_url, {"action": "save"})
    assert page.status_code == 302
    assert page["Location"] == "/rapportera/"
    assert UPLOAD_KEY not in client.session
    alfa.refresh_from_db()
    beta.refresh_from_db()
    assert (alfa.status, alfa.e_orders, alfa.workflow) == (
        ResponseStatus.ANSWERED,
        1000,
        WorkflowState.DRAFT,
    )
    assert (beta.e_orders, beta.workflow) == (950, WorkflowState.DRAFT)
    assert alfa.findings.filter(code="large_change_e_orders", explanation="").exists()
    html = client.get("/rapportera/").content.decode()
    assert "Svaren för 2 myndigheter i omgången 2025 är sparade som utkast." in html


def test_a_csv_upload_with_a_bad_row_writes_nothing(setting):
    client = client_for(setting.centre)
    alfa, beta = setting.response("alfa"), setting.response("beta")
    before = stored(alfa, beta)
    page = client.post(
        setting.upload_url,
        {
            "file": csv_file(
                f"{setting.alfa.org_nr_display},besvarad,1000,900,400,420,,",
                f"{setting.beta.org_nr_display},besvarad,2000,2500,700,900,,",
                f"{setting.gamma.org_nr_display},besvarad,2000,1500,700,12.5,,",
            )
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Det finns ett problem" in html
    assert "Inget har sparats" in html
    assert '<th scope="col" class="num">Rad</th>' in html
    assert "Vad behöver rättas" in html
    assert problem_rows(html) == [("3", "e_fakturor"), ("4", "e_order")]
    assert "är större än antalet leverantörsfakturor" in html
    assert "inte ett heltal" in html
    assert UPLOAD_KEY not in client.session
    assert stored(alfa, beta) == before


def test_a_row_for_a_submitted_answer_is_refused(setting):
    client = client_for(setting.centre)
    Response.objects.filter(pk=setting.responses["beta"].pk).update(
        workflow=WorkflowState.SUBMITTED
    )
    page = client.post(
        setting.upload_url,
        {
            "file": csv_file(
                f"{setting.alfa.org_nr_display},besvarad,1000,900,400,420,,",
                f"{setting.beta.org_nr_display},besvarad,2000,1500,700,900,,",
            )
        },
    )
    html = page.content.decode()
    assert "Svaret för Betaverket är redan inlämnat" in html
    assert problem_rows(html) == [("3", "org_nr")]
    assert setting.response("alfa").workflow == WorkflowState.NOT_STARTED


def test_a_change_between_reading_and_saving_refuses_the_whole_upload(setting):
    client = client_for(setting.centre)
    page = client.post(
        setting.upload_url,
        {
            "file": csv_file(
                f"{setting.alfa.org_nr_display},besvarad,1000,900,400,420,,",
                f"{setting.beta.org_nr_display},besvarad,2000,1500,700,900,,",
            )
        },
    )
    assert page.status_code == 302
    beta = setting.response("beta")
    response_save(  # someone saves Betaverket's answer in the form meanwhile
        response=beta,
        user=setting.centre,
        expected_revision=beta.revision,
        status="answered",
        supplier_invoices=2000,
        e_invoices=1500,
        matched_invoices=700,
        e_orders=901,
    )
    alfa = setting.response("alfa")
    before = stored(alfa, beta)
    html = client.post(setting.confirm_url, {"action": "save"}).content.decode()
    assert "Någon annan har sparat svaret för Betaverket" in html
    assert "Inget har sparats" in html
    assert stored(alfa, beta) == before
    assert UPLOAD_KEY not in client.session


def test_a_picture_renamed_to_xlsx_gets_the_parsers_message(setting):
    client = client_for(setting.respondent)
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    page = client.post(setting.upload_url, {"file": SimpleUploadedFile("svar.xlsx", png)})
    html = page.content.decode()
    assert "Det finns ett problem" in html
    assert 'href="#id_file"' in html
    assert "en bild (PNG)" in html
    assert "Att filnamnet slutar på .xlsx räcker inte" in html
    assert UPLOAD_KEY not in client.session


def test_a_file_over_the_limit_is_refused_without_reading_it_all(setting):
    client = client_for(setting.respondent)
    big = SimpleUploadedFile("svar.csv", b"x" * (MAX_BYTES + 10))
    html = client.post(setting.upload_url, {"file": big}).content.decode()
    assert "Filen är större än 5 MB" in html


def test_no_file_and_an_empty_file(setting):
    client = client_for(setting.respondent)
    html = client.post(setting.upload_url, {}).content.decode()
    assert "Välj filen med svaren." in html
    assert 'href="#id_file"' in html
    html = client.post(
        setting.upload_url, {"file": SimpleUploadedFile("svar.csv", b"")}
    ).content.decode()
    assert "Filen är tom" in html


def test_a_file_that_changes_nothing_says_so(setting):
    client = client_for(setting.respondent)
    page = client.post(
        setting.upload_url, {"file": csv_file(f"{setting.alfa.org_nr_display},ej_besvarad,,,,,,")}
    )
    assert "Filen ändrar inga svar" in page.content.decode()
    assert UPLOAD_KEY not in client.session


def test_the_confirmation_without_an_upload_goes_back_to_the_upload(setting):
    client = client_for(setting.respondent)
    page = client.get(setting.confirm_url)
    assert page.status_code == 302
    assert page["Location"] == setting.upload_url


def test_cancel_forgets_the_rows(setting):
    client = client_for(setting.respondent)
    client.post(
        setting.upload_url,
        {"file": csv_file(f"{setting.alfa.org_nr_display},besvarad,1000,900,400,420,,")},
    )
    assert UPLOAD_KEY in client.session
    page = client.post(setting.confirm_url, {"action": "cancel"})
    assert page.status_code == 302
    assert UPLOAD_KEY not in client.session
    assert setting.response("alfa").workflow == WorkflowState.NOT_STARTED
