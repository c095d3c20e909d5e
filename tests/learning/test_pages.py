"""The learning parts of the public pages, through HTTP, on the fixture world.

The world's five agencies all derive the type "other"; tests that need another type
set the office's override through the service, as the admin does.
"""

import re

import pytest

from learning.models import AgencyTypeChoice, AgencyTypeOverride
from learning.selectors import agency_types
from learning.services import agency_type_override_set
from tests.pagecheck import check_page

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_agency_page_shows_type_and_type_group_values(client, world):
    text = _text(check_page(client, f"/myndigheter/{world.smaverket.org_nr}/"))
    assert "Myndighetstyp Övriga myndigheter" in text
    groups = _section(text, "Jämförelsegrupper", "Liknande myndigheter")
    assert "Departement: Kulturdepartementet 67 % 67 % 1" in groups
    # all four 2024 respondents are "other": ratio of sums 115 000 / 123 000 e-invoices
    # and the median of 95, 90 and 67 (Nollverket has no invoices)
    assert "Myndighetstyp: Övriga myndigheter 93 % 90 % 3" in groups


def test_type_override_moves_the_agency_to_its_own_group(client, world, django_user_model):
    office = django_user_model.objects.create_user("kansliet@example.se", "x")
    override = agency_type_override_set(
        agency=world.smaverket, type=AgencyTypeChoice.UNIVERSITY, user=office
    )
    assert override.set_by == office
    assert override.set_at is not None
    agency_type_override_set(agency=world.smaverket, type=AgencyTypeChoice.COURT, user=None)
    assert AgencyTypeOverride.objects.get().type == AgencyTypeChoice.COURT
    assert agency_types([world.smaverket, world.storverket]) == {
        world.smaverket.pk: "domstol",
        world.storverket.pk: "ovrig",
    }
    text = _text(check_page(client, f"/myndigheter/{world.smaverket.org_nr}/"))
    assert "Myndighetstyp Domstolar" in text
    assert "Myndighetstyp: Domstolar 67 % 67 % 1 10 % 10 % 1 50 50 1" in text


def test_agency_page_lists_similar_agencies_with_reasons(client, world):
    text = _text(check_page(client, f"/myndigheter/{world.mellanverket.org_nr}/"))
    similar = _section(text, "Liknande myndigheter", "Lär av")
    assert similar.index("Storverket") < similar.index("Småverket") < similar.index("Nollverket")
    assert (
        "Storverket : större (5 000 ÅA mot 800), fler leverantörsfakturor (100 000 mot 20 000), "
        "samma departement" in similar
    )
    assert "Tystverket" not in similar  # did not answer 2024
    assert "Mellanverket :" not in similar


def test_agency_page_says_whom_to_learn_from_and_why_with_the_caveat(client, world):
    text = _text(check_page(client, f"/myndigheter/{world.mellanverket.org_nr}/"))
    learn = _section(text, "Lär av", "Klass och rang per omgång")
    assert "liknande myndigheter kan organisera sina inköp på olika sätt" in learn
    assert "Färgerna och nivåerna är relativa" in learn
    matched = _section(learn, "Andel matchade fakturor", "E-order per 100")
    assert (
        "Storverket : En av de mest liknande myndigheterna; ligger 20 procentenheter före "
        "(60 % mot 40 %); förbättrades med 10 procentenheter sedan föregående jämförbara "
        "omgång." in matched
    )
    # Storverket is 5 points ahead in e-invoices and improved by 5: it qualifies by
    # improvement only
    e_invoices = _section(learn, "Andel e-fakturor", "Andel matchade fakturor")
    assert "Storverket : En av de mest liknande myndigheterna; förbättrades med 5" in e_invoices


def test_learning_uses_the_latest_round_the_agency_answered(client, world):
    text = _text(check_page(client, f"/myndigheter/{world.tystverket.org_nr}/"))
    assert "Småverket och dess jämförelsegrupper 2023" not in text
    assert "Tystverket och dess jämförelsegrupper 2023" in text
    assert "De myndigheter som liknar mest i antal årsarbetskrafter (ÅA), antal " in text


def test_agency_without_own_value_learns_only_from_improvers(client, world):
    text = _text(check_page(client, f"/myndigheter/{world.nollverket.org_nr}/"))
    similar = _section(text, "Liknande myndigheter", "Lär av")
    # zero invoices is a size, so Nollverket does have similar agencies
    assert "Småverket" in similar
    learn = _section(text, "Lär av", "Klass och rang per omgång")
    # its shares are not computable (no invoices): no level gap, only improvement
    e_invoices = _section(learn, "Andel e-fakturor", "Andel matchade fakturor")
    assert "förbättrades med" in e_invoices
    assert "före (" not in e_invoices


def test_start_page_names_the_climbers_overall_and_per_type(client, world):
    agency_type_override_set(agency=world.storverket, type=AgencyTypeChoice.UNIVERSITY, user=None)
    text = _text(check_page(client, "/"))
    climbers = _section(text, "Årets klättrare 2024", "Utvecklingen för alla myndigheter")
    assert "Alla myndigheter Småverket +17 p.e. Mellanverket +30 p.e. Mellanverket +375" in climbers
    assert "Universitet och högskolor Storverket +5 p.e. Storverket +10 p.e. Storverket +100" in (
        climbers
    )
    assert "Länsstyrelser – – –" in climbers


def test_results_page_shows_climbers_of_that_round(client, world):
    text = _text(check_page(client, "/omgangar/2024/"))
    assert "Årets klättrare 2024" in text
    assert "Övriga myndigheter Småverket +17 p.e. Mellanverket +30 p.e. Mellanverket +375" in text
    text_2023 = _text(check_page(client, "/omgangar/2023/"))
    climbers = text_2023[text_2023.index("Årets klättrare 2023") :]
    assert "Alla myndigheter – – –" in climbers  # no earlier round to climb from


@pytest.mark.parametrize(
    "path",
    ["/", "/omgangar/2024/", "/myndigheter/{smaverket}/", "/myndigheter/{mellanverket}/"],
)
def test_nothing_from_the_unpublished_round(client, world, path):
    url = path.format(smaverket=world.smaverket.org_nr, mellanverket=world.mellanverket.org_nr)
    text = _text(client.get(url))
    assert "999 999" not in text
    assert "999999" not in text
    assert "2025" not in text


def test_english_agency_page_translates_the_learning_sections(client, world):
    text = _text(check_page(client, f"/en/myndigheter/{world.mellanverket.org_nr}/"))
    for word in ["Lär av", "Liknande myndigheter", "liknande storlek", "procentenheter", "Övriga"]:
        assert word not in text
    assert "Learn from" in text
    assert "Similar agencies" in text


def test_learn_from_items_carry_the_practices_aimed_at_that_figure(client, world):
    from django.utils import timezone

    from practices.models import Practice, PracticeStatus

    now = timezone.now()
    common = {
        "agency": world.storverket,
        "description": "Beskrivning.",
        "themes": ["matching"],
        "effort": "small",
        "created_at": now,
        "updated_at": now,
    }
    Practice.objects.create(
        title="Avtal som abonnemang",
        started_on="2024-02-01",
        figures=["andel-matchade"],
        status=PracticeStatus.PUBLISHED,
        published_at=now,
        **common,
    )
    Practice.objects.create(
        title="Hemligt utkast", started_on="2024-02-01", figures=["andel-matchade"], **common
    )
    text = _text(check_page(client, f"/myndigheter/{world.mellanverket.org_nr}/", max_queries=40))
    learn = _section(text, "Lär av", "Klass och rang per omgång")
    matched = _section(learn, "Andel matchade fakturor", "E-order per 100")
    assert "Så gjorde de: Avtal som abonnemang" in matched
    # Storverket is also recommended for e-invoices, but the practice did not aim at that
    e_invoices = _section(learn, "Andel e-fakturor", "Andel matchade fakturor")
    assert "Storverket" in e_invoices
    assert "Avtal som abonnemang" not in e_invoices
    assert "Hemligt utkast" not in text
