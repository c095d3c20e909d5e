"""A round's whole life through the office's pages, and the public pages after it.

Create → population → open → answers → close → publish version 1 → reopen → correct
with a reason → close → publish version 2 with a note: the public pages then show
version 2 with the corrected value marked and the change log with the reason.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import Role
from accounts.services import user_create
from keyfigures.services import results_refresh
from publishing.models import Correction, Publication
from surveys.models import Response, Round, RoundStatus, WorkflowState
from surveys.workflow import response_save, response_submit
from tests.factories import create_agency
from tests.surveys.views.office_world import client_for

pytestmark = pytest.mark.django_db


def refresh() -> None:
    """Rebuild the stored results, as the commit after a publication does.

    Needed because the test's transaction never commits, and
    ``django_capture_on_commit_callbacks`` leaves the callbacks it ran in the
    connection's list, where ``results_refresh_on_commit`` finds them and schedules no
    second refresh.
    """
    results_refresh()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace(
        "\u00a0", " "
    )


def correction(response: Response, *, reason: str, **counts: int) -> dict[str, object]:
    data: dict[str, object] = {
        "status": "answered",
        "supplier_invoices": response.supplier_invoices,
        "e_invoices": response.e_invoices,
        "matched_invoices": response.matched_invoices,
        "e_orders": response.e_orders,
        "not_applicable_reason": "",
        "comment": "",
        "reason": reason,
        "revision": response.revision,
    }
    data.update(counts)
    return data


@pytest.fixture
def agencies(db):
    return {
        "alfa": create_agency("Alfaverket", fte={2025: 200}),
        "beta": create_agency("Betaverket", fte={2025: 300}),
        "gamma": create_agency("Gammaverket", fte={2025: 20}),  # below the rule's 50 ÅA
    }


def test_the_whole_life_of_a_round(agencies, django_capture_on_commit_callbacks):
    alfa, beta, gamma = agencies["alfa"], agencies["beta"], agencies["gamma"]
    office = client_for(
        user_create(email="analytiker@uppfoljning.se", role=Role.ANALYST, password=None)
    )
    respondent = user_create(
        email="svar@alfaverket.se", role=Role.RESPONDENT, password=None, agencies=[alfa]
    )

    # Create the round: a draft with the rule's population (Alfaverket and Betaverket).
    response = office.post("/uppfoljning/ny-omgang/", {"year": "2025", "period_type": "year"})
    assert response.status_code == 302
    assert response["Location"] == "/uppfoljning/2025/"
    text = text_of(office.get("/uppfoljning/2025/"))
    assert "Omgången 2025 är skapad som utkast." in text
    assert "Population för 2025: 2 myndigheter" in text
    round_ = Round.objects.get(slug="2025")
    assert round_.status == RoundStatus.DRAFT

    # Edit the population by hand: add Gammaverket, take it out again.
    office.post("/uppfoljning/2025/population/lagg-till/", {"agency": gamma.pk})
    assert round_.responses.filter(agency=gamma).exists()
    office.post("/uppfoljning/2025/population/ta-bort/", {"agency": gamma.pk})
    assert sorted(round_.responses.values_list("agency__name", flat=True)) == [
        "Alfaverket",
        "Betaverket",
    ]

    # Open it.
    response = office.post(
        "/uppfoljning/2025/oppna/", {"opens_on": "2026-01-15", "deadline": "2026-02-28"}
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN
    assert str(round_.deadline) == "2026-02-28"

    # Alfaverket's respondent submits (the respondent's pages are tested elsewhere); the
    # office approves it, and enters Betaverket's answer itself, given by telephone.
    alfa_response = Response.objects.get(round=round_, agency=alfa)
    with django_capture_on_commit_callbacks(execute=True):
        saved = response_save(
            response=alfa_response,
            user=respondent,
            expected_revision=alfa_response.revision,
            status="answered",
            supplier_invoices=1000,
            e_invoices=900,
            matched_invoices=400,
            e_orders=300,
        )
        response_submit(response=saved, user=respondent, expected_revision=saved.revision)
    assert "Alfaverket" in text_of(office.get("/uppfoljning/2025/granska/"))
    response = office.post(f"/uppfoljning/2025/{alfa.org_nr}/godkann/", {"next": "granska"})
    assert response["Location"] == "/uppfoljning/2025/granska/"
    assert "Svaret från Alfaverket är godkänt." in text_of(office.get("/uppfoljning/2025/granska/"))

    beta_response = Response.objects.get(round=round_, agency=beta)
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            f"/uppfoljning/2025/{beta.org_nr}/",
            correction(
                beta_response,
                reason="Uppgifter lämnade per telefon",
                supplier_invoices=2000,
                e_invoices=1500,
                matched_invoices=700,
                e_orders=900,
            ),
        )
    assert response.status_code == 302
    beta_response.refresh_from_db()
    assert beta_response.workflow == WorkflowState.APPROVED
    assert "100 % (2 av 2)" in text_of(office.get("/uppfoljning/"))

    # Close and publish version 1.
    office.post("/uppfoljning/2025/stang/")
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post("/uppfoljning/2025/publicera/", {"note": ""})
    assert response.status_code == 302
    refresh()
    assert "publicerad som version 1" in text_of(office.get("/uppfoljning/2025/"))
    public = text_of(office.get("/omgangar/2025/"))
    assert "Alfaverket" in public
    assert Publication.objects.get(round=round_).version == 1

    # Reopen for corrections and correct Alfaverket's e-orders with a reason.
    office.post("/uppfoljning/2025/oppna-for-rattelser/")
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN
    alfa_response.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            f"/uppfoljning/2025/{alfa.org_nr}/",
            correction(alfa_response, reason="Felräknade e-order", e_orders=360),
        )
    assert response.status_code == 302
    history = text_of(office.get(f"/uppfoljning/2025/{alfa.org_nr}/"))
    assert "Felräknade e-order" in history
    assert re.search(r"E-order: 300 → (ändrades till )?360", history)
    assert "analytiker@uppfoljning.se" in history

    # Close, and publishing again needs a note.
    office.post("/uppfoljning/2025/stang/")
    response = office.post("/uppfoljning/2025/publicera/", {"note": ""})
    assert response.status_code == 200
    page = text_of(response)
    assert "Det finns ett problem" in page
    assert "Ange varför omgången publiceras på nytt" in page
    assert 'href="#id_note"' in response.content.decode()
    assert Publication.objects.filter(round=round_).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            "/uppfoljning/2025/publicera/", {"note": "Rättelse efter granskning"}
        )
    assert response.status_code == 302
    refresh()
    notice = text_of(office.get("/uppfoljning/2025/"))
    assert "publicerad som version 2" in notice
    assert "1 ändrat värde står i ändringsloggen." in notice
    correction_row = Correction.objects.get()
    assert (correction_row.field, correction_row.old_value, correction_row.new_value) == (
        "e_orders",
        "300",
        "360",
    )
    assert correction_row.reason == "Felräknade e-order"

    # The public pages, for an anonymous visitor.
    anonymous = client_for(None)
    results = anonymous.get("/omgangar/2025/")
    assert "Version 2" in text_of(results)
    assert 'class="corrected"' in results.content.decode()
    log = text_of(anonymous.get("/omgangar/2025/andringar/"))
    assert "Version 2" in log
    assert "Rättelse efter granskning" in log
    assert "Felräknade e-order" in log
    assert "Alfaverket" in log
    assert "300" in log
    assert "360" in log
    assert mail.outbox == []


def test_creating_a_round_reports_problems_in_the_error_summary(agencies):
    office = client_for(user_create(email="a@uppfoljning.se", role=Role.ANALYST, password=None))
    response = office.post("/uppfoljning/ny-omgang/", {"year": "2020", "period_type": "h1"})
    assert response.status_code == 200
    text = text_of(response)
    assert "Det finns ett problem" in text
    assert "Halvårsomgångar finns bara för 2015–2018" in text
    assert 'href="#id_period_type_0"' in response.content.decode()
    assert response.content.decode().count("<title>Fel: ") == 1

    office.post("/uppfoljning/ny-omgang/", {"year": "2025", "period_type": "year"})
    response = office.post("/uppfoljning/ny-omgang/", {"year": "2025", "period_type": "year"})
    assert "Det finns redan en omgång för 2025" in text_of(response)
    assert 'href="#id_year"' in response.content.decode()

    response = office.post("/uppfoljning/ny-omgang/", {"year": "tjugo", "period_type": "year"})
    assert "Skriv året med fyra siffror" in text_of(response)
    assert Round.objects.count() == 1


def test_lifecycle_steps_in_the_wrong_order_are_refused_with_a_message(agencies):
    office = client_for(user_create(email="a@uppfoljning.se", role=Role.ANALYST, password=None))
    office.post("/uppfoljning/ny-omgang/", {"year": "2025", "period_type": "year"})

    response = office.post("/uppfoljning/2025/stang/")
    assert response.status_code == 200
    assert "kan inte stängas när den har status ”Utkast”" in text_of(response)

    response = office.post(
        "/uppfoljning/2025/oppna/", {"opens_on": "2026-03-01", "deadline": "2026-02-01"}
    )
    assert "Sista svarsdag kan inte vara före startdagen." in text_of(response)
    assert 'href="#id_deadline"' in response.content.decode()

    response = office.post("/uppfoljning/2025/oppna/", {"opens_on": "", "deadline": "2026-02-01"})
    assert "Skriv startdagen." in text_of(response)
    assert Round.objects.get().status == RoundStatus.DRAFT

    # Once open, the population is locked.
    office.post("/uppfoljning/2025/oppna/", {"opens_on": "2026-01-15", "deadline": "2026-02-28"})
    response = office.post(
        "/uppfoljning/2025/population/lagg-till/", {"agency": agencies["gamma"].pk}
    )
    assert "Det finns ett problem" in text_of(response)
    response = office.post("/uppfoljning/2025/population/ta-bort/", {"agency": agencies["alfa"].pk})
    assert "Populationen för 2025 är låst" in text_of(response)
    assert Response.objects.filter(round__slug="2025").count() == 2


def test_the_population_is_set_by_the_rule_again(agencies):
    office = client_for(user_create(email="a@uppfoljning.se", role=Role.ANALYST, password=None))
    office.post("/uppfoljning/ny-omgang/", {"year": "2025", "period_type": "year"})
    office.post("/uppfoljning/2025/population/lagg-till/", {"agency": agencies["gamma"].pk})
    office.post("/uppfoljning/2025/population/ta-bort/", {"agency": agencies["beta"].pk})
    response = office.post("/uppfoljning/2025/population/enligt-regeln/")
    assert response.status_code == 302
    names = set(Response.objects.filter(round__slug="2025").values_list("agency__name", flat=True))
    assert names == {"Alfaverket", "Betaverket"}
    assert "1 tillagda, 1 borttagna" in text_of(office.get("/uppfoljning/2025/"))
