"""Every office page passes the page check, in Swedish and English, and shows what it
should: the rounds with their next step, the dashboard, the review queue, one answer."""

from __future__ import annotations

import re

import pytest

from surveys.models import Response, WorkflowState
from tests.pagecheck import check_page
from tests.surveys.views.office_world import client_for, office_world

__all__ = ["office_world"]

pytestmark = pytest.mark.django_db

PAGES = [
    "/uppfoljning/",
    "/uppfoljning/2026/",
    "/uppfoljning/2025/",
    "/uppfoljning/2025/?status=submitted",
    "/uppfoljning/2024/",
    "/uppfoljning/2023/",
    "/uppfoljning/2026/oppna/",
    "/uppfoljning/2025/stang/",
    "/uppfoljning/2024/publicera/",
    "/uppfoljning/2023/oppna-for-rattelser/",
    "/uppfoljning/2023/publicera/",  # a step that is not possible now
    "/uppfoljning/2025/paminnelse/",
    "/uppfoljning/2024/paminnelse/",
    "/uppfoljning/2025/granska/",
    "/uppfoljning/2024/granska/",
    "/uppfoljning/2025/{alfa}/",
    "/uppfoljning/2025/{gamma}/",
    "/uppfoljning/2023/{beta}/",
    "/uppfoljning/2026/{alfa}/",
]


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", PAGES)
def test_office_pages_pass_the_page_check(office_world, path, prefix):
    url = prefix + path.format(
        alfa=office_world.alfa.org_nr,
        beta=office_world.beta.org_nr,
        gamma=office_world.gamma.org_nr,
    )
    check_page(client_for(office_world.analyst), url, allow_cookies=True)


def test_the_rounds_list_offers_the_next_step_of_each_round(office_world):
    html = client_for(office_world.analyst).get("/uppfoljning/").content.decode()
    assert 'href="/uppfoljning/2026/oppna/"' in html
    assert 'href="/uppfoljning/2025/stang/"' in html
    assert 'href="/uppfoljning/2024/publicera/"' in html
    assert 'href="/uppfoljning/2023/oppna-for-rattelser/"' in html
    text = text_of(client_for(office_world.analyst).get("/uppfoljning/"))
    assert "Publicera version 1" in text
    assert "Version 1" in text  # 2023 is published
    # 2025: A submitted of A, B, C
    assert "33 % (1 av 3)" in text.replace("\u00a0", " ")


def test_the_dashboard_lists_every_agency_with_its_state_in_words(office_world):
    text = text_of(client_for(office_world.analyst).get("/uppfoljning/2025/"))
    for words in ["Alfaverket", "Inlämnad", "Betaverket", "Utkast", "Gammaverket"]:
        assert words in text
    assert "Inte påbörjad" in text
    assert "Sista svarsdag 2026-02-28" in text
    assert "1 (" not in text  # A's one warning is explained
    assert "Skicka påminnelse" in text


def test_the_dashboard_filters_by_workflow_state(office_world):
    client = client_for(office_world.analyst)
    text = text_of(client.get("/uppfoljning/2025/?status=draft"))
    assert "Betaverket" in text
    assert (
        "Alfaverket" not in text.split("Myndigheterna i populationen", 1)[1].split("Påminnelser")[0]
    )
    # an unknown state shows everyone
    assert "Gammaverket" in text_of(client.get("/uppfoljning/2025/?status=nonsense"))


def test_the_dashboard_in_english(office_world):
    text = text_of(client_for(office_world.analyst).get("/en/uppfoljning/2025/"))
    assert "Submitted" in text
    assert "Not started" in text
    assert "Send a reminder" in text


def test_the_review_queue_shows_findings_previous_values_and_live_key_figures(office_world):
    text = text_of(client_for(office_world.analyst).get("/uppfoljning/2025/granska/"))
    assert "Alfaverket" in text
    assert "Betaverket" not in text  # a draft is not in the queue
    assert "Fler matchade fakturor än e-fakturor." in text
    assert "Abonnemang matchas mot avtal." in text
    assert "Omgång 2024" in text  # values against the previous round
    assert "+10 %" in text.replace("\u00a0", " ")  # 1 000 → 1 100 supplier invoices
    assert "Andel e-fakturor" in text
    assert "82 % ▲ Grön" in text.replace("\u00a0", " ")  # live: 900 / 1 100
    assert "Godkänn" in text
    assert "Skicka tillbaka" in text


def test_the_answer_page_shows_values_and_the_full_history(office_world):
    response = office_world.response(office_world.open_2025, office_world.alfa)
    response.e_orders = 431
    response._change_reason = "Rättat efter samtal"
    response.save()
    text = text_of(
        client_for(office_world.analyst).get(f"/uppfoljning/2025/{office_world.alfa.org_nr}/")
    )
    assert "Historik" in text
    assert "Rättat efter samtal" in text
    assert re.search(r"E-order: 430 → (ändrades till )?431", text)
    assert "Tillagd i populationen" in text
    assert "Rätta svaret" in text


def test_a_published_round_offers_reopening_instead_of_the_correction_form(office_world):
    text = text_of(
        client_for(office_world.analyst).get(f"/uppfoljning/2023/{office_world.alfa.org_nr}/")
    )
    assert "Spara rättelsen" not in text
    assert "Öppna för rättelser" in text


def test_the_header_links_the_office_to_its_pages(office_world):
    html = client_for(office_world.analyst).get("/konto/").content.decode()
    header = html.split("</header>", 1)[0]
    assert 'href="/uppfoljning/"' in header
    html = client_for(office_world.respondent_a).get("/konto/").content.decode()
    assert 'href="/uppfoljning/"' not in html.split("</header>", 1)[0]


def test_anonymous_pages_stay_cookie_free_without_the_office_link(client, office_world):
    response = check_page(client, "/")
    assert "/uppfoljning/" not in response.content.decode()


def test_unknown_rounds_and_agencies_are_not_found(office_world):
    client = client_for(office_world.analyst)
    assert client.get("/uppfoljning/1999/").status_code == 404
    assert client.get("/uppfoljning/2025/5560000000/").status_code == 404
    # Gammaverket is not in the 2026 draft's population
    assert client.get(f"/uppfoljning/2026/{office_world.gamma.org_nr}/").status_code == 404


def test_the_dashboard_counts_agree_with_the_responses(office_world):
    submitted = Response.objects.filter(
        round=office_world.open_2025, workflow=WorkflowState.SUBMITTED
    ).count()
    text = text_of(client_for(office_world.analyst).get("/uppfoljning/2025/?status=submitted"))
    assert f"Inlämnad ({submitted})" in text


def test_the_pages_take_a_fixed_number_of_queries_however_many_agencies(office_world):
    from tests.factories import create_agency
    from tests.surveys.views.office_world import _answer

    for number in range(15):
        agency = create_agency(f"Extraverket {number}", fte={2025: 100})
        _answer(office_world.open_2025, agency, 100, (500, 400, 100, 50), "submitted")
    # Their live key figures are not computed yet (no refresh ran): the pages cope.
    client = client_for(office_world.analyst)
    for url in ["/uppfoljning/", "/uppfoljning/2025/", "/uppfoljning/2025/granska/"]:
        check_page(client, url, allow_cookies=True, max_queries=15)
