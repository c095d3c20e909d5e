"""Every respondent page passes the page check (title, lang, skip link, ids, queries,
only the session cookie), in Swedish and in English, in each of its states."""

from __future__ import annotations

import pytest

from surveys.models import RoundStatus, WorkflowState
from surveys.reporting import UploadRow
from surveys.views_respondent import UPLOAD_KEY
from surveys.workflow import response_save
from tests.pagecheck import check_page
from tests.surveys.views.conftest import client_for, set_workflow

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_overview_form_and_upload_pages(setting, prefix):
    client = client_for(setting.centre)
    html = check_page(client, f"{prefix}/rapportera/", allow_cookies=True).content.decode()
    assert "Alfaverket" in html
    assert "Betaverket" in html
    assert "Gammaverket" not in html  # nobody here reports for it
    check_page(client, prefix + setting.form_url("beta"), allow_cookies=True)
    check_page(client, prefix + setting.upload_url, allow_cookies=True)


def test_the_english_form_is_in_english(setting):
    html = client_for(setting.respondent).get("/en" + setting.form_url()).content.decode()
    for english in ("Number of supplier invoices", "Save draft", "Preview", "Submit"):
        assert english in html
    for swedish in ("Spara utkast", "Förhandsgranska", "Lämna in", "Förra omgången"):
        assert swedish not in html


def test_the_form_with_warnings_and_read_only(setting):
    client = client_for(setting.respondent)
    response = setting.response()
    response_save(
        response=response,
        user=setting.respondent,
        expected_revision=response.revision,
        status="answered",
        supplier_invoices=1000,
        e_invoices=900,
        matched_invoices=950,  # more than the e-invoices: a warning
        e_orders=420,
    )
    html = check_page(client, setting.form_url(), allow_cookies=True).content.decode()
    assert "id_explanation-matched_exceed_e_invoices" in html
    set_workflow(response, WorkflowState.SUBMITTED)
    html = check_page(client, setting.form_url(), allow_cookies=True).content.decode()
    assert 'name="action"' not in html


def test_the_office_pages(setting):
    client = client_for(setting.office)
    html = check_page(client, "/rapportera/", allow_cookies=True).content.decode()
    assert "Gammaverket" in html
    html = check_page(client, "/rapportera/?q=beta", allow_cookies=True).content.decode()
    assert "Betaverket" in html
    assert "Alfaverket" not in html
    check_page(client, setting.form_url("gamma"), allow_cookies=True)
    check_page(client, setting.upload_url, allow_cookies=True)


def test_the_confirmation_page(setting):
    client = client_for(setting.centre)
    session = client.session
    row = UploadRow.from_json(
        {
            "line": 2,
            "org_nr": setting.alfa.org_nr,
            "status": "answered",
            "supplier_invoices": 1000,
            "e_invoices": 900,
            "matched_invoices": 400,
            "e_orders": 420,
            "not_applicable_reason": "",
            "comment": "",
            "revision": 0,
        }
    )
    session[UPLOAD_KEY] = {
        "round": setting.round.slug,
        "filename": "svar.csv",
        "rows": [row.as_json()],
    }
    session.save()
    html = check_page(client, setting.confirm_url, allow_cookies=True).content.decode()
    assert "Bekräfta uppladdningen" in html
    assert "Alfaverket" in html


def test_a_closed_round_is_shown_read_only(setting):
    setting.round.status = RoundStatus.CLOSED
    setting.round.save()
    client = client_for(setting.respondent)
    html = check_page(client, setting.form_url(), allow_cookies=True).content.decode()
    assert "är inte längre öppen för svar" in html
    html = check_page(client, setting.upload_url, allow_cookies=True).content.decode()
    assert "inte öppen för svar" in html
    assert 'type="file"' not in html
