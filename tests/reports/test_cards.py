"""The agency report card: HTML and one-page PDF with the agency's values, peers, goals
and published practices; never a contact person, never an unpublished value."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.http import parse_http_date

from learning.models import Goal, PublicChange
from network.models import Contact
from practices.models import Effort, Practice, PracticeStatus
from reports.models import ReportFile, ReportKind
from tests.pagecheck import check_page
from tests.reports.conftest import pdf_pages, pdf_text
from tests.reports.test_yearly import text_of

pytestmark = pytest.mark.django_db

CARD_MAX_QUERIES = 30  # history, groups, learning, goals, practices: fixed per card


def card_url(world, agency, suffix="/"):
    return f"/rapport/2024/myndigheter/{agency.org_nr}{suffix}"


@pytest.fixture
def goal_and_practices(world):
    now = timezone.now()
    Goal.objects.create(
        agency=world.smaverket,
        figure="andel-e-faktura",
        value=Decimal("80"),
        year=2026,
        note="Alla leverantörer ska skicka e-faktura.",
        created_at=now,
        updated_at=now,
    )
    contact = Contact.objects.create(
        agency=world.smaverket,
        name="Greta Kontaktsson",
        role="Controller",
        email="greta.kontaktsson@smaverket.example",
        phone="070-123 45 67",
        consent_text="Jag samtycker.",
        consent_given_at=now,
        created_at=now,
        updated_at=now,
    )
    common = {
        "agency": world.smaverket,
        "started_on": date(2024, 3, 1),
        "themes": ["suppliers"],
        "figures": ["andel-e-faktura"],
        "effort": Effort.SMALL,
        "contact": contact,
        "created_at": now,
        "updated_at": now,
    }
    Practice.objects.create(
        title="Leverantörsdag om e-faktura",
        description="Vi bjöd in våra största leverantörer.",
        status=PracticeStatus.PUBLISHED,
        published_at=now,
        **common,
    )
    Practice.objects.create(
        title="Hemligt utkast",
        description="Inte granskat.",
        status=PracticeStatus.DRAFT,
        **common,
    )


def test_card_page_passes_the_page_check(client, world):
    check_page(client, card_url(world, world.smaverket), max_queries=CARD_MAX_QUERIES)
    check_page(client, "/en" + card_url(world, world.storverket), max_queries=CARD_MAX_QUERIES)


def test_card_shows_values_classes_ranks_changes_and_peers(client, world):
    text = text_of(client.get(card_url(world, world.smaverket)))
    # Småverket 2024: 2 000 / 3 000 = 67 %, 300 / 3 000 = 10 %, 60 / 120 × 100 = 50
    assert "Andel e-fakturor 67 % ▼ Röd 3 av 3 +17 p.e." in text
    assert "Andel matchade fakturor 10 % ▼ Röd 3 av 3 +10 p.e." in text
    assert "Andelen e-fakturor ökade från 50 % år 2023 till 67 % år 2024 (+17 procentenheter)." in (
        text
    )
    # the national value beside it; Kulturdepartementet's median of e-orders: (50 + 20) / 2
    assert "67 % 93 %" in text
    assert "50 821 35" in text
    assert "Kulturdepartementet" in text
    assert "upp till 199 ÅA" in text


def test_card_pdf_is_one_page_with_goal_and_practice_and_no_contact(
    client, world, goal_and_practices
):
    html = text_of(client.get(card_url(world, world.smaverket)))
    response = client.get(card_url(world, world.smaverket, ".pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pdf_pages(response.content) == 1
    flat = re.sub(r"\s+", " ", pdf_text(response.content))
    for text in (html, flat):
        assert "Rapportkort 2024: Småverket" in text
        assert "67 %" in text
        assert "Andel e-fakturor: 80 % år 2026." in text
        assert "Senaste helårsvärde (2024): 67 %." in text
        assert "Kvar till målet: +13 p.e." in text  # 80 − 66.7 = 13.3
        assert "Leverantörsdag om e-faktura" in text
        assert "Leverantörsaktivering" in text
        assert "Hemligt utkast" not in text
        for personal in ("Greta", "Kontaktsson", "greta.kontaktsson", "070-123", "Controller"):
            assert personal not in text
        assert "999" not in text


def test_card_of_silent_agency_says_it_did_not_answer(client, world):
    text = text_of(client.get(card_url(world, world.tystverket)))
    assert "Myndigheten har inget besvarat underlag i omgången 2024 (ej besvarad)." in text
    assert "ej besvarad" in text
    response = client.get(card_url(world, world.tystverket, ".pdf"))
    assert response.status_code == 200


def test_card_of_not_computable_agency(client, world):
    text = text_of(client.get(card_url(world, world.nollverket)))
    assert "ej beräkningsbart" in text
    assert "Andelen e-fakturor kunde inte beräknas år 2024." in text


def test_card_is_cached_and_rebuilt_when_a_goal_changes(client, world, goal_and_practices):
    first = client.get(card_url(world, world.smaverket, ".pdf"))
    again = client.get(card_url(world, world.smaverket, ".pdf"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    goal = Goal.objects.get(agency=world.smaverket)
    goal.value = Decimal("90")
    goal.updated_at = timezone.now()
    goal.save()
    changed = client.get(card_url(world, world.smaverket, ".pdf"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "Andel e-fakturor: 90 % år 2026." in pdf_text(changed.content)
    assert ReportFile.objects.filter(kind=ReportKind.CARD, agency=world.smaverket).count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/rapport/2025/myndigheter/{org_nr}/",
        "/rapport/2025/myndigheter/{org_nr}.pdf",
        "/rapport/2024/myndigheter/1234567890/",
        "/rapport/2024/myndigheter/inte-ett-nummer/",
        "/rapport/2024/myndigheter/5560000000.pdf",
    ],
)
def test_unknown_or_unpublished_cards_are_not_found(client, world, url):
    assert client.get(url.format(org_nr=world.smaverket.org_nr)).status_code == 404


def test_agency_not_in_the_round_has_no_card(client, world):
    from register.models import Agency
    from tests.world import org_nr

    newcomer = Agency.objects.create(org_nr=org_nr("202100009"), name="Nyverket")
    assert client.get(card_url(world, newcomer)).status_code == 404
    assert client.get(card_url(world, newcomer, ".pdf")).status_code == 404


def test_card_of_an_earlier_round_shows_that_round_only(client, world):
    text = text_of(client.get(f"/rapport/2023/myndigheter/{world.smaverket.org_nr}/"))
    # Småverket 2023: 1 500 / 3 000 = 50 %; its 2024 value (67 %) is not on this card
    assert "Andel e-fakturor 50 %" in text
    assert "67 %" not in text
    # 2023 is the first published round: nothing to compare with
    assert (
        "Andelen e-fakturor var 50 % år 2023; det finns inget jämförbart värde från en "
        "tidigare omgång." in text
    )


def test_simulated_round_says_so(client, world):
    world.round_2024.is_simulated = True
    world.round_2024.save()
    assert "Demoläge:" in text_of(client.get(card_url(world, world.smaverket)))
    assert "värdena per myndighet är simulerade" in text_of(client.get("/rapport/2024/"))


def test_card_page_is_not_modified_until_a_goal_changes(client, world, goal_and_practices):
    url = card_url(world, world.smaverket)
    first = client.get(url)
    since = first["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    goal = Goal.objects.get(agency=world.smaverket)
    goal.value = Decimal("95")
    goal.save()
    # Saving a goal moves the public clock (learning.signals); HTTP dates have one-second
    # resolution, so step the mark past the second of the first response.
    mark = PublicChange.objects.get()
    assert mark.changed_at >= datetime.fromtimestamp(parse_http_date(since), tz=UTC)
    PublicChange.objects.update(changed_at=mark.changed_at + timedelta(minutes=1))
    changed = client.get(url, HTTP_IF_MODIFIED_SINCE=since)
    assert changed.status_code == 200
    assert "95 % år 2026" in text_of(changed)
