"""Review through HTTP: approve, send back with a required comment, correct with a reason,
and two office users correcting the same answer at once."""

from __future__ import annotations

import re

import pytest

from surveys.models import Response, WorkflowState
from tests.surveys.views.office_world import client_for, office_world

__all__ = ["office_world"]

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace(
        "\u00a0", " "
    )


def revision_on_page(html: str) -> int:
    match = re.search(r'name="revision" value="(\d+)"', html)
    assert match, "the correction form carries the revision it shows"
    return int(match.group(1))


def correction(revision: int, *, reason: str, **counts: object) -> dict[str, object]:
    data: dict[str, object] = {
        "status": "answered",
        "supplier_invoices": "2 100",  # spaces as thousands separators are fine
        "e_invoices": "1700",
        "matched_invoices": "800",
        "e_orders": "990",
        "not_applicable_reason": "",
        "comment": "",
        "reason": reason,
        "revision": revision,
    }
    data.update(counts)
    return data


def test_approve_from_the_review_queue(office_world):
    client = client_for(office_world.analyst)
    url = f"/uppfoljning/2025/{office_world.alfa.org_nr}/godkann/"
    response = client.post(url, {"next": "granska"})
    assert response.status_code == 302
    assert response["Location"] == "/uppfoljning/2025/granska/"
    alfa = office_world.response(office_world.open_2025, office_world.alfa)
    assert alfa.workflow == WorkflowState.APPROVED
    assert alfa.approved_at is not None
    page = text_of(client.get("/uppfoljning/2025/granska/"))
    assert "Svaret från Alfaverket är godkänt." in page
    assert "0 inlämnade svar väntar" in page or "Inga svar väntar på granskning." in page
    history = text_of(client.get(f"/uppfoljning/2025/{office_world.alfa.org_nr}/"))
    assert "Handläggning: Inlämnad →" in history
    assert "Godkänd" in history


def test_approving_an_answer_that_is_not_submitted_is_refused(office_world):
    client = client_for(office_world.analyst)
    response = client.post(f"/uppfoljning/2025/{office_world.beta.org_nr}/godkann/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Det finns ett problem" in page
    assert "Bara inlämnade svar kan godkännas." in page
    assert office_world.response(office_world.open_2025, office_world.beta).workflow == (
        WorkflowState.DRAFT
    )


def test_send_back_needs_a_comment_that_the_respondent_sees(office_world):
    client = client_for(office_world.analyst)
    alfa = office_world.response(office_world.open_2025, office_world.alfa)
    url = f"/uppfoljning/2025/{office_world.alfa.org_nr}/skicka-tillbaka/"
    field = f"svar-{alfa.pk}-comment"

    response = client.post(url, {"next": "granska", field: "  "})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Det finns ett problem" in html
    assert f'href="#id_{field}"' in html
    assert "Skriv vad uppgiftslämnaren behöver rätta eller förklara." in text_of(response)
    assert 'aria-invalid="true"' in html
    alfa.refresh_from_db()
    assert alfa.workflow == WorkflowState.SUBMITTED

    response = client.post(url, {"next": "granska", field: "Kontrollera matchade fakturor"})
    assert response.status_code == 302
    alfa.refresh_from_db()
    assert alfa.workflow == WorkflowState.RETURNED
    assert alfa.office_comment == "Kontrollera matchade fakturor"
    dashboard = text_of(client.get("/uppfoljning/2025/"))
    assert "Behöver åtgärdas" in dashboard
    history = text_of(client.get(f"/uppfoljning/2025/{office_world.alfa.org_nr}/"))
    assert "Skickad tillbaka: Kontrollera matchade fakturor" in history


def test_review_actions_from_the_answer_page_come_back_to_it(office_world):
    client = client_for(office_world.administrator)
    org_nr = office_world.alfa.org_nr
    response = client.post(f"/uppfoljning/2025/{org_nr}/godkann/", {"next": "svar"})
    assert response["Location"] == f"/uppfoljning/2025/{org_nr}/"
    alfa = office_world.response(office_world.open_2025, office_world.alfa)
    # An approved answer can still be sent back, from its page.
    response = client.post(
        f"/uppfoljning/2025/{org_nr}/skicka-tillbaka/",
        {"next": "svar", f"svar-{alfa.pk}-comment": ""},
    )
    assert response.status_code == 200
    assert 'href="#id_svar-' in response.content.decode()
    assert "Rätta svaret" in text_of(response)


def test_the_office_corrects_an_answer_with_a_reason(office_world):
    client = client_for(office_world.analyst)
    url = f"/uppfoljning/2025/{office_world.beta.org_nr}/"
    revision = revision_on_page(client.get(url).content.decode())

    response = client.post(url, correction(revision, reason=""))
    assert response.status_code == 200
    assert "Skriv varför uppgifterna ändras." in text_of(response)
    assert 'href="#id_reason"' in response.content.decode()

    response = client.post(url, correction(revision, reason="", e_invoices="9000"))
    page = text_of(response)
    assert "Det finns ett problem" in page

    response = client.post(
        url, correction(revision, reason="Uppgifter per telefon", e_invoices="9000")
    )
    assert response.status_code == 200  # more e-invoices than supplier invoices
    assert 'href="#id_e_invoices"' in response.content.decode()

    response = client.post(
        url, correction(revision, reason="Uppgifter per telefon", e_orders="12 995")
    )
    assert response.status_code == 302
    beta = office_world.response(office_world.open_2025, office_world.beta)
    assert (beta.supplier_invoices, beta.e_orders) == (2100, 12995)
    assert beta.workflow == WorkflowState.APPROVED
    page = text_of(client.get(url))
    assert "Ändringen för Betaverket är sparad." in page
    assert "Uppgifter per telefon" in page
    assert re.search(r"E-order: 990 → (ändrades till )?12 995", page)


def test_two_office_users_correcting_at_once_the_second_is_refused(office_world):
    url = f"/uppfoljning/2025/{office_world.beta.org_nr}/"
    first, second = client_for(office_world.analyst), client_for(office_world.administrator)
    revision = revision_on_page(first.get(url).content.decode())
    assert revision_on_page(second.get(url).content.decode()) == revision

    saved = first.post(url, correction(revision, reason="Första rättelsen", e_orders="991"))
    assert saved.status_code == 302
    refused = second.post(url, correction(revision, reason="Andra rättelsen", e_orders="999"))
    assert refused.status_code == 200
    page = text_of(refused)
    assert "Det finns ett problem" in page
    assert "Någon annan har sparat svaret för Betaverket" in page
    assert 'href="#ratta-svaret"' in refused.content.decode()
    # the second person's input is kept in the form, the first person's values are saved
    assert 'value="999"' in refused.content.decode()

    beta = Response.objects.get(round=office_world.open_2025, agency=office_world.beta)
    assert beta.e_orders == 991
    reasons = [record.history_change_reason for record in beta.history.all()]
    assert "Första rättelsen" in reasons
    assert "Andra rättelsen" not in reasons


def test_a_published_round_cannot_be_corrected_until_reopened(office_world):
    client = client_for(office_world.analyst)
    url = f"/uppfoljning/2023/{office_world.alfa.org_nr}/"
    alfa = office_world.response(office_world.published_2023, office_world.alfa)
    response = client.post(url, correction(alfa.revision, reason="För sent"))
    assert response.status_code == 200
    assert "Svar kan inte registreras i 2023" in text_of(response)
    alfa.refresh_from_db()
    assert alfa.e_orders == 400
