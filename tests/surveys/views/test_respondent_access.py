"""Who may open and change what: a respondent only their own agencies, the office may
look at every answer but changes none here, anonymous visitors are sent to the login."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from surveys.models import Response, WorkflowState
from surveys.reporting import UploadRow
from surveys.views_respondent import UPLOAD_KEY
from tests.factories import create_round, org_nr_next
from tests.surveys.views.conftest import client_for, form_data

pytestmark = pytest.mark.django_db

HEADER_LINE = (
    "org_nr,status,leverantorsfakturor,e_fakturor,matchade_fakturor,e_order,skal,kommentar"
)


def values(response: Response) -> tuple[object, ...]:
    response.refresh_from_db()
    return (
        response.status,
        response.supplier_invoices,
        response.e_orders,
        response.workflow,
        response.revision,
    )


def test_anonymous_visitors_are_sent_to_the_login(setting):
    client = Client()
    for url in (
        "/rapportera/",
        setting.form_url(),
        setting.upload_url,
        setting.confirm_url,
        setting.template_url,
    ):
        page = client.get(url)
        assert page.status_code == 302, url
        assert page["Location"].startswith("/konto/logga-in/?next="), url
    page = client.post(setting.form_url(), form_data(setting.response()))
    assert page.status_code == 302
    assert setting.response().workflow == WorkflowState.NOT_STARTED


def test_a_respondent_cannot_read_or_change_another_agency(setting):
    client = client_for(setting.respondent)
    beta = setting.response("beta")
    before = values(beta)
    assert client.get(setting.form_url("beta")).status_code == 403
    assert client.post(setting.form_url("beta"), form_data(beta)).status_code == 403
    page = client.post(setting.form_url("beta"), form_data(beta, action="submit"))
    assert page.status_code == 403
    assert values(beta) == before


def test_an_unknown_agency_is_403_for_a_respondent_and_404_for_the_office(setting):
    unknown = f"/rapportera/{setting.round.slug}/{org_nr_next()}/"
    assert client_for(setting.respondent).get(unknown).status_code == 403
    assert client_for(setting.office).get(unknown).status_code == 404


def test_an_unknown_round_or_an_agency_outside_the_population_is_404(setting):
    client = client_for(setting.respondent)
    assert client.get(f"/rapportera/1999/{setting.alfa.org_nr}/").status_code == 404
    assert client.get(setting.form_url("outside")).status_code == 404
    assert client.get("/rapportera/1999/ladda-upp/").status_code == 404
    assert client.get("/rapportera/1999/mall.xlsx").status_code == 404
    draft = create_round(year=2026)
    assert client.get(f"/rapportera/{draft.slug}/mall.xlsx").status_code == 404


def test_the_hyphenated_organisation_number_works_too(setting):
    client = client_for(setting.respondent)
    org_nr = setting.alfa.org_nr_display
    assert client.get(f"/rapportera/{setting.round.slug}/{org_nr}/").status_code == 200


def test_the_office_can_open_any_answer_but_not_change_it_here(setting):
    client = client_for(setting.office)
    for key in ("alfa", "beta", "gamma"):
        page = client.get(setting.form_url(key))
        assert page.status_code == 200
        assert "Du ser svaret som uppföljningsenheten" in page.content.decode()
    gamma = setting.response("gamma")
    before = values(gamma)
    assert client.post(setting.form_url("gamma"), form_data(gamma)).status_code == 403
    assert values(gamma) == before
    page = client.post(setting.upload_url, {"file": SimpleUploadedFile("svar.csv", b"org_nr\n")})
    assert page.status_code == 403


def test_a_respondent_cannot_upload_rows_for_another_agency(setting):
    client = client_for(setting.respondent)
    beta = setting.response("beta")
    before = values(beta)
    data = f"{HEADER_LINE}\n{setting.beta.org_nr_display},besvarad,10,5,5,5,,\n".encode()
    page = client.post(setting.upload_url, {"file": SimpleUploadedFile("svar.csv", data)})
    html = page.content.decode()
    assert "Du får inte lämna uppgifter för Betaverket" in html
    assert UPLOAD_KEY not in client.session
    assert values(beta) == before


def test_a_forged_confirmation_for_another_agency_writes_nothing(setting):
    client = client_for(setting.respondent)
    beta = setting.response("beta")
    before = values(beta)
    row = {
        "line": 2,
        "org_nr": setting.beta.org_nr,
        "status": "answered",
        "supplier_invoices": 10,
        "e_invoices": 5,
        "matched_invoices": 5,
        "e_orders": 5,
        "not_applicable_reason": "",
        "comment": "",
        "revision": beta.revision,
    }
    session = client.session
    session[UPLOAD_KEY] = {
        "round": setting.round.slug,
        "filename": "svar.csv",
        "rows": [UploadRow.from_json(row).as_json()],
    }
    session.save()
    page = client.post(setting.confirm_url, {"action": "save"})
    assert "Du får inte lämna uppgifter för Betaverket" in page.content.decode()
    assert values(beta) == before


def test_the_template_holds_only_the_users_agencies(setting):
    import io

    import openpyxl

    def org_nrs(user) -> set[str]:
        page = client_for(user).get(setting.template_url)
        assert page.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(page.content))["Svar"]
        return {str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}

    assert org_nrs(setting.respondent) == {setting.alfa.org_nr_display}
    assert org_nrs(setting.centre) == {setting.alfa.org_nr_display, setting.beta.org_nr_display}
    assert org_nrs(setting.office) == {
        setting.alfa.org_nr_display,
        setting.beta.org_nr_display,
        setting.gamma.org_nr_display,
    }


def test_the_forms_need_the_csrf_token(setting):
    client = Client(enforce_csrf_checks=True)
    client.force_login(setting.respondent)
    page = client.post(setting.form_url(), form_data(setting.response()))
    assert page.status_code == 403
    data = f"{HEADER_LINE}\n{setting.alfa.org_nr_display},besvarad,1000,900,400,420,,\n"
    page = client.post(setting.upload_url, {"file": SimpleUploadedFile("svar.csv", data.encode())})
    assert page.status_code == 403
    assert UPLOAD_KEY not in client.session
    assert setting.response().workflow == WorkflowState.NOT_STARTED
