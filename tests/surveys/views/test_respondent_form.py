"""The answer form through HTTP: save a draft, hard errors, warnings and their
explanations, submitting, conflicts, "not applicable", preview and read-only states."""

from __future__ import annotations

import re

import pytest

from surveys.models import Response, ResponseFinding, ResponseStatus, RoundStatus, WorkflowState
from surveys.workflow import response_return, response_save
from tests.surveys.views.conftest import GOOD, client_for, form_data, set_workflow

pytestmark = pytest.mark.django_db

SUMMARY = "Det finns ett problem"


def summary_links(html: str) -> list[str]:
    """The targets of the error summary's links, in order."""
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match, "no error summary"
    return re.findall(r'href="#([^"]+)"', match.group(0))


def input_tag(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def test_saving_a_draft_accepts_thousands_separators(setting):
    client = client_for(setting.respondent)
    page = client.post(
        setting.form_url(), form_data(setting.response(), supplier_invoices="12\u00a0000")
    )
    assert page.status_code == 302
    assert page["Location"] == setting.form_url()
    saved = setting.response()
    assert (saved.status, saved.workflow) == (ResponseStatus.ANSWERED, WorkflowState.DRAFT)
    assert (saved.supplier_invoices, saved.e_invoices, saved.e_orders) == (12000, 900, 420)
    html = client.get(setting.form_url()).content.decode()
    assert "Utkastet är sparat." in html
    assert 'value="12 000"' in input_tag(html, "supplier_invoices")
    # the notice is shown once
    assert "Utkastet är sparat." not in client.get(setting.form_url()).content.decode()


def test_hard_errors_are_summarised_linked_and_the_values_kept(setting):
    client = client_for(setting.respondent)
    page = client.post(
        setting.form_url(),
        form_data(setting.response(), e_invoices="1 500", e_orders="12,5", matched_invoices="-3"),
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert SUMMARY in html
    assert "<title>Fel:" in html
    assert summary_links(html) == ["id_matched_invoices", "id_e_orders"]
    assert "ska vara ett heltal" in html
    assert "kan inte vara negativt" in html
    tag = input_tag(html, "e_orders")
    assert 'value="12,5"' in tag
    assert 'aria-invalid="true"' in tag
    assert "id_e_orders_error" in tag
    assert "id_e_orders_helptext" in tag
    assert 'value="1 500"' in input_tag(html, "e_invoices")
    assert setting.response().workflow == WorkflowState.NOT_STARTED

    # the services' own rule: e-invoices more than the supplier invoices
    page = client.post(setting.form_url(), form_data(setting.response(), e_invoices="1 500"))
    html = page.content.decode()
    assert summary_links(html) == ["id_e_invoices"]
    assert "är större än antalet leverantörsfakturor" in html
    assert 'value="1 500"' in input_tag(html, "e_invoices")
    assert setting.response().e_invoices is None


def test_a_missing_count_and_a_missing_status(setting):
    client = client_for(setting.respondent)
    html = client.post(
        setting.form_url(), form_data(setting.response(), e_orders="")
    ).content.decode()
    assert summary_links(html) == ["id_e_orders"]
    data = form_data(setting.response())
    del data["status"]
    html = client.post(setting.form_url(), data).content.decode()
    assert summary_links(html) == ["id_status_0"]


def test_a_warning_must_be_explained_before_submitting(setting):
    client = client_for(setting.respondent)
    url = setting.form_url()
    client.post(url, form_data(setting.response(), e_orders="1 000"))  # 400 -> 1 000
    html = client.get(url).content.decode()
    assert "Svaret har en varning" in html
    assert "har ändrats mycket sedan 2024" in html
    field = "explanation-large_change_e_orders"
    assert f'id="id_{field}"' in html
    assert "warning-large_change_e_orders" in input_tag(html, "e_orders")

    # submitting without an explanation: refused, the summary links to the explanation
    page = client.post(url, form_data(setting.response(), e_orders="1 000", action="submit"))
    html = page.content.decode()
    assert SUMMARY in html
    assert "Förklara varningarna innan du lämnar in" in html
    assert summary_links(html) == [f"id_{field}"]
    assert setting.response().workflow == WorkflowState.DRAFT

    page = client.post(
        url,
        form_data(
            setting.response(), e_orders="1 000", action="explain", **{field: "Ny e-handel."}
        ),
    )
    assert page.status_code == 302
    finding = ResponseFinding.objects.get(response=setting.response(), code="large_change_e_orders")
    assert finding.explanation == "Ny e-handel."
    assert "Förklaringarna är sparade." in client.get(url).content.decode()

    page = client.post(url, form_data(setting.response(), e_orders="1 000", action="submit"))
    assert page.status_code == 302
    submitted = setting.response()
    assert submitted.workflow == WorkflowState.SUBMITTED
    html = client.get(url).content.decode()
    assert "Svaret är inlämnat." in html
    assert "Ny e-handel." in html  # shown read-only with its warning


def test_explanations_typed_with_submit_are_saved_and_submitted(setting):
    client = client_for(setting.respondent)
    url = setting.form_url()
    # 950 matched: more than the 900 e-invoices, and far from last round's 300
    client.post(url, form_data(setting.response(), matched_invoices="950"))
    codes = {f.code for f in ResponseFinding.objects.filter(response=setting.response())}
    assert codes == {"matched_exceed_e_invoices", "large_change_matched_invoices"}
    explanations = {f"explanation-{code}": "Abonnemang." for code in codes}
    page = client.post(
        url,
        form_data(setting.response(), matched_invoices="950", action="submit", **explanations),
    )
    assert page.status_code == 302
    assert setting.response().workflow == WorkflowState.SUBMITTED


def test_the_second_of_two_saves_from_the_same_revision_is_refused(setting):
    first, second = client_for(setting.respondent), client_for(setting.centre)
    opened = setting.response()
    assert first.post(setting.form_url(), form_data(opened, e_orders="430")).status_code == 302
    page = second.post(setting.form_url(), form_data(opened, e_orders="999"))
    html = page.content.decode()
    assert SUMMARY in html
    assert "Någon annan har sparat svaret för Alfaverket" in html
    assert setting.response().e_orders == 430
    assert 'value="430"' in input_tag(html, "e_orders")  # the saved values are shown
    assert f'value="{setting.response().revision}"' in input_tag(html, "revision")


def test_not_applicable_needs_a_reason_and_stores_no_counts(setting):
    client = client_for(setting.respondent)
    url = setting.form_url()
    html = client.post(
        url, form_data(setting.response(), status=ResponseStatus.NOT_APPLICABLE)
    ).content.decode()
    assert summary_links(html) == ["id_not_applicable_reason"]
    page = client.post(
        url,
        form_data(
            setting.response(),
            status=ResponseStatus.NOT_APPLICABLE,
            not_applicable_reason="Myndigheten har inga inköp.",
        ),
    )
    assert page.status_code == 302
    saved = setting.response()
    assert saved.status == ResponseStatus.NOT_APPLICABLE
    assert saved.not_applicable_reason == "Myndigheten har inga inköp."
    assert saved.supplier_invoices is None
    assert saved.e_orders is None
    page = client.post(
        url,
        form_data(
            saved,
            status=ResponseStatus.NOT_APPLICABLE,
            action="submit",
            not_applicable_reason="Myndigheten har inga inköp.",
        ),
    )
    assert page.status_code == 302
    assert setting.response().workflow == WorkflowState.SUBMITTED


def test_preview_shows_the_key_figures_and_saves_nothing(setting):
    client = client_for(setting.respondent)
    before = setting.response().revision
    page = client.post(
        setting.form_url(), form_data(setting.response(), e_orders="1 000", action="preview")
    )
    html = page.content.decode()
    assert "Förhandsgranskning" in html
    assert "Inget är sparat än." in html
    assert "90\u00a0%" in html  # 900 of 1 000 e-invoices
    assert "80\u00a0%" in html  # last round: 800 of 1 000
    assert "+10\u00a0p.e." in html
    assert "500" in html  # 1 000 e-orders per 200 ÅA × 100
    assert "har ändrats mycket sedan 2024" in html  # the warning saving would give
    assert 'value="1 000"' in input_tag(html, "e_orders")
    saved = setting.response()
    assert (saved.revision, saved.workflow, saved.e_orders) == (
        before,
        WorkflowState.NOT_STARTED,
        None,
    )


def test_preview_with_a_hard_error_shows_the_summary(setting):
    client = client_for(setting.respondent)
    html = client.post(
        setting.form_url(),
        form_data(setting.response(), e_invoices="5 000", action="preview"),
    ).content.decode()
    assert summary_links(html) == ["id_e_invoices"]
    assert "Nyckeltal med värdena i formuläret" not in html


def test_a_submitted_answer_is_read_only(setting):
    client = client_for(setting.respondent)
    url = setting.form_url()
    client.post(url, form_data(setting.response(), action="submit"))
    submitted = setting.response()
    assert submitted.workflow == WorkflowState.SUBMITTED
    html = client.get(url).content.decode()
    assert 'name="action"' not in html
    assert "Kontakta uppföljningsenheten" in html
    page = client.post(url, form_data(submitted, e_orders="1"))
    assert page.status_code == 403
    assert SUMMARY in page.content.decode()
    assert setting.response().e_orders == 420
    set_workflow(submitted, WorkflowState.APPROVED)
    assert "inlämnat och godkänt" in client.get(url).content.decode()


def test_a_returned_answer_shows_the_office_comment_and_can_be_changed(setting):
    client = client_for(setting.respondent)
    url = setting.form_url()
    client.post(url, form_data(setting.response(), action="submit"))
    response_return(
        response=setting.response(), user=setting.office, comment="Kontrollera e-ordern."
    )
    overview = client.get("/rapportera/").content.decode()
    assert "Behöver åtgärdas:</strong> Kontrollera e-ordern." in overview
    html = client.get(url).content.decode()
    assert "Kontrollera e-ordern." in html
    assert 'name="action"' in html
    assert client.post(url, form_data(setting.response(), e_orders="425")).status_code == 302
    assert setting.response().workflow == WorkflowState.DRAFT


def test_a_round_that_is_not_open_is_read_only(setting):
    response = setting.response()
    response_save(
        response=response,
        user=setting.respondent,
        expected_revision=response.revision,
        status="answered",
        supplier_invoices=1000,
        e_invoices=900,
        matched_invoices=400,
        e_orders=420,
    )
    setting.round.status = RoundStatus.CLOSED
    setting.round.save()
    client = client_for(setting.respondent)
    html = client.get(setting.form_url()).content.decode()
    assert "Omgången 2025 är inte längre öppen för svar" in html
    assert 'name="action"' not in html
    assert "420" in html
    page = client.post(setting.form_url(), form_data(setting.response(), e_orders="1"))
    assert page.status_code == 403
    assert setting.response().e_orders == 420


def test_the_overview_lists_state_deadline_and_locked_answers_of_closed_rounds(setting):
    client = client_for(setting.centre)
    client.post(
        setting.form_url("beta"),
        form_data(
            setting.response("beta"),
            supplier_invoices="2 000",
            e_invoices="1 500",
            matched_invoices="700",
            e_orders="900",
            action="submit",
        ),
    )
    html = client.get("/rapportera/").content.decode()
    assert "Inte påbörjad" in html
    assert "Inlämnad" in html
    assert "28 februari 2026" in html
    assert "Fyll i svaret" in html
    assert "Visa svaret" in html
    setting.round.status = RoundStatus.CLOSED
    setting.round.save()
    html = client.get("/rapportera/").content.decode()
    assert "Visa svaret" in html
    assert "Fyll i svaret" not in html
    assert (
        Response.objects.filter(round=setting.round, workflow=WorkflowState.SUBMITTED).count() == 1
    )


def test_a_comment_too_long_is_refused_with_a_link(setting):
    client = client_for(setting.respondent)
    html = client.post(
        setting.form_url(), form_data(setting.response(), comment="x" * 2001)
    ).content.decode()
    assert summary_links(html) == ["id_comment"]


def test_the_good_values_need_no_explanation(setting):
    assert GOOD["supplier_invoices"] == "1 000"
    client = client_for(setting.respondent)
    client.post(setting.form_url(), form_data(setting.response()))
    assert not ResponseFinding.objects.filter(response=setting.response()).exists()


def test_the_agency_sees_who_changed_its_answer_and_why(setting):
    from surveys.workflow import response_save

    response = setting.response()
    response_save(
        response=response,
        user=setting.office,
        expected_revision=response.revision,
        status="answered",
        supplier_invoices=1000,
        e_invoices=900,
        matched_invoices=400,
        e_orders=420,
        reason="Inlagt per telefon",
    )
    html = client_for(setting.respondent).get(setting.form_url()).content.decode()
    assert "Historik" in html
    assert "Inlagt per telefon" in html
    assert setting.office.email in html
