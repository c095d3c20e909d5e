"""The business-value page: published data only, editable assumptions, no crash."""

from __future__ import annotations

import re

import pytest

from keyfigures.services import results_refresh
from publishing.services import round_publish
from register.models import Agency
from surveys.models import Round, RoundStatus
from tests.pagecheck import check_page
from tests.world import _response, org_nr

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")


def url(agency, prefix: str = "") -> str:
    return f"{prefix}/myndigheter/{agency.org_nr}/verksamhetsnytta/"


@pytest.fixture
def peer(world):
    """A third agency in Småverket's size class (up to 199 ÅA), published in 2024."""
    agency = Agency.objects.create(
        org_nr=org_nr("202100009"), name="Kvartilverket", department="Kulturdepartementet"
    )
    # e-invoices 90 %, matched 80 %, e-orders 500 / 150 ÅA × 100 = 333 1/3 per 100 ÅA
    _response(world.round_2024, agency, 150, (1000, 900, 800, 500))
    # a correction of the published round: closed again, then published as version 2
    Round.objects.filter(pk=world.round_2024.pk).update(status=RoundStatus.CLOSED)
    round_publish(round=world.round_2024, note="Kvartilverket tillagd")
    results_refresh()
    return agency


def test_page_passes_the_page_check_in_both_languages(client, world):
    check_page(client, url(world.smaverket))
    check_page(client, url(world.storverket, "/en"))
    check_page(client, url(world.tystverket))  # silent in 2024: nothing to compute


def test_agency_page_links_to_the_value_page(client, world):
    html = client.get(f"/myndigheter/{world.smaverket.org_nr}/").content.decode()
    assert f'href="{url(world.smaverket)}"' in html


def test_unknown_agency_is_404(client, world):
    assert client.get("/myndigheter/2021009999/verksamhetsnytta/").status_code == 404


def test_upper_quartile_of_the_size_class_and_the_steps(client, peer, world):
    text = text_of(check_page(client, url(world.smaverket)))
    # Småverket 2024: 3,000 invoices, 2,000 e (66 2/3 %), 300 matched (10 %),
    # 60 e-orders, 120 ÅA (50 per 100 ÅA). Size class up to 199 ÅA: Småverket,
    # Nollverket (shares not computable, 20 e-orders per 100 ÅA) and Kvartilverket.
    # e-invoices [66 2/3, 90]: 66 2/3 + 0.75 × 23 1/3 = 84 1/6 % -> 2,525 invoices,
    # gap 525, × 8 min = 70 h
    assert "84,2 %" in text
    assert "Skillnad: 2 525 − 2 000 = 525 fakturor per år." in text
    assert "Tid: 525 fakturor × 8,0 min ÷ 60 = 70,0 timmar per år." in text
    # matched [10, 80]: 10 + 0.75 × 70 = 62.5 % -> 1,875, gap 1,575, × 5 min = 131.25 h
    assert "62,5 %" in text
    assert "Skillnad: 1 875 − 300 = 1 575 fakturor per år." in text
    # e-orders [20, 50, 333 1/3]: h = 1.5, 50 + 0.5 × 283 1/3 = 191 2/3 per 100 ÅA
    # -> 230 e-orders, gap 170, × 15 min = 42.5 h
    assert "191,7" in text
    assert "Skillnad: 230 − 60 = 170 e-order per år." in text
    # 70 + 131.25 + 42.5 = 243.75 h × 458 kr = 111,637.50 kr -> 111,638 (half up)
    assert "Totalt värde: 111 638 kr per år." in text
    assert "Frigjord tid: 244 timmar per år" in text
    assert "uppskattning" in text
    assert "Kvalitetsvinster" in text


def test_edited_assumptions_change_the_result(client, peer, world):
    response = check_page(
        client,
        url(world.smaverket) + "?minutes_e_invoice=18&minutes_matched=5&minutes_e_order=15"
        "&sek_per_manual_order=0&hourly_cost=500&hours_per_fte=1704",
    )
    text = text_of(response)
    # 525 × 18 / 60 = 157.5 h; + 131.25 + 42.5 = 331.25 h × 500 = 165,625 kr
    assert "Tid: 525 fakturor × 18,0 min ÷ 60 = 157,5 timmar per år." in text
    assert "Totalt värde: 165 625 kr per år." in text
    assert 'value="18"' in response.content.decode()


def test_decimal_comma_is_accepted(client, peer, world):
    text = text_of(
        client.get(
            url(world.smaverket) + "?minutes_e_invoice=8%2C5&hourly_cost=458"
            "&minutes_matched=5&minutes_e_order=15&sek_per_manual_order=0"
            "&hours_per_fte=1704"
        )
    )
    assert "× 8,5 min" in text
    assert "Det finns ett problem" not in text


@pytest.mark.parametrize("bad", ["abc", "-3", "1e999", "99999999999", ""])
def test_bad_input_shows_the_error_summary_and_no_result(client, world, bad):
    response = check_page(client, url(world.smaverket) + f"?minutes_e_invoice={bad}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Det finns ett problem" in html
    assert 'href="#id_minutes_e_invoice"' in html
    assert 'id="id_minutes_e_invoice"' in html
    assert 'aria-invalid="true"' in html
    assert "Totalt värde" not in html


def test_english_page(client, peer, world):
    response = check_page(client, url(world.smaverket, "/en"))
    html = response.content.decode()
    assert "Business value" in html
    assert "Total value: SEK 111,638 a year." in text_of(response)
    assert "There is a problem" not in html


def test_draft_round_is_never_used(client, world):
    # the draft 2025 round has 999,999 e-orders per agency and is not published
    html = check_page(client, url(world.smaverket)).content.decode()
    assert "999 999" not in html
    assert "999\u00a0999" not in html
    assert "999999" not in html
    assert "2025" not in text_of(client.get(url(world.smaverket)))
    assert "(2024)" in text_of(client.get(url(world.smaverket)))


def test_one_edited_assumption_keeps_the_other_defaults(client, peer, world):
    text = text_of(check_page(client, url(world.smaverket) + "?hourly_cost=1000"))
    # 243.75 h × 1,000 kr
    assert "Totalt värde: 243 750 kr per år." in text
    assert "Det finns ett problem" not in text
