"""Every public page through HTTP: content, sorting, filtering, embargo, page quality."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Round
from tests.pagecheck import check_page

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = response.content.decode()
    # collapse ASCII white space only: the no-break spaces of Swedish numbers stay
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def agency_order(response) -> list[str]:
    """Agency names in table order (row headers of the results table)."""
    html = response.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', body)


PAGES = [
    "/",
    "/omgangar/",
    "/omgangar/2024/",
    "/omgangar/2024/andringar/",
    "/myndigheter/",
    "/nyckeltal/",
    "/nyckeltal/andel-e-faktura/",
    "/nyckeltal/andel-matchade/",
    "/nyckeltal/e-order-per-100-aa/",
    "/jamfor/",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_page_passes_the_page_check(client, world, path, prefix):
    check_page(client, prefix + path)


def test_agency_and_compare_pages_pass_the_page_check(client, world):
    check_page(client, f"/myndigheter/{world.storverket.org_nr}/")
    check_page(client, f"/en/myndigheter/{world.smaverket.org_nr}/")
    check_page(client, f"/jamfor/?m={world.storverket.org_nr}&m={world.mellanverket.org_nr}")


def test_start_shows_national_totals_as_ratio_of_sums(client, world):
    response = client.get("/")
    text = text_of(response)
    # 2024 respondents: Storverket, Mellanverket, Småverket, Nollverket.
    # e-invoices (95000+18000+2000+0) / invoices (100000+20000+3000+0) = 93.50 % -> 93 %
    assert "93\u00a0%" in text
    # matched (60000+8000+300+0)/123000 = 55.5 % -> 56 %
    assert "56\u00a0%" in text
    # e-orders (45000+4000+60+12)/(5000+800+120+60) = 820.6 -> 821
    assert "821" in text
    assert "4 av 5 tillfrågade myndigheter svarade" in text


def test_start_names_biggest_improvers(client, world):
    text = text_of(client.get("/"))
    assert "Ökade mest" in text
    # Mellanverket's matched share rose from 10 % to 40 %: +30 p.e.
    assert "Mellanverket : +30\u00a0p.e." in text
    # the national change is taken on exact values: 53000/128000 = 41.41 % (2023) to
    # 68300/123000 = 55.53 % (2024) is +14.12 p.e., shown +14 (not 56 − 41 = 15)
    assert "+14\u00a0p.e. jämfört med 41\u00a0% 2023." in text


def test_results_table_shows_whole_population_with_classes_and_reasons(client, world):
    response = client.get("/omgangar/2024/")
    text = text_of(response)
    assert agency_order(response) == [
        "Mellanverket",
        "Nollverket",
        "Småverket",
        "Storverket",
        "Tystverket",
    ]
    assert "ej besvarad" in text  # Tystverket
    assert "Grå" in text
    # Nollverket has zero supplier invoices: not computable, with the reason, never 0 %
    assert "ej beräkningsbart (leverantörsfakturor är noll)" in text
    assert "Så sätts färgklasserna" in text
    assert "inte om resultatet är bra eller dåligt" in text


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("sortera=andel-e-faktura&ordning=fallande", "Storverket"),
        ("sortera=andel-e-faktura&ordning=stigande", "Småverket"),
        ("sortera=aa&ordning=fallande", "Storverket"),
        ("sortera=aa&ordning=stigande", "Nollverket"),
        ("sortera=namn&ordning=fallande", "Tystverket"),
        ("sortera=leverantorsfakturor&ordning=stigande", "Nollverket"),
        ("sortera=e-fakturor&ordning=fallande", "Storverket"),
        ("sortera=matchade&ordning=stigande", "Nollverket"),
        ("sortera=e-order&ordning=stigande", "Nollverket"),
        ("sortera=andel-matchade&ordning=fallande", "Storverket"),
        ("sortera=andel-matchade-rang&ordning=stigande", "Storverket"),
        ("sortera=andel-matchade-forandring&ordning=fallande", "Mellanverket"),
        ("sortera=e-order-per-100-aa&ordning=fallande", "Storverket"),
        ("sortera=e-order-per-100-aa&ordning=stigande", "Nollverket"),
        ("sortera=e-order-per-100-aa-rang&ordning=fallande", "Nollverket"),
        ("sortera=e-order-per-100-aa-forandring&ordning=fallande", "Mellanverket"),
        ("sortera=andel-e-faktura-rang&ordning=stigande", "Storverket"),
        ("sortera=andel-e-faktura-forandring&ordning=fallande", "Småverket"),
    ],
)
def test_results_sort_by_every_column(client, world, query, expected_first):
    response = client.get(f"/omgangar/2024/?{query}")
    assert response.status_code == 200
    assert agency_order(response)[0] == expected_first


def test_missing_values_sort_last_both_ways(client, world):
    for order in ("stigande", "fallande"):
        rows = agency_order(client.get(f"/omgangar/2024/?sortera=andel-e-faktura&ordning={order}"))
        # Nollverket (not computable) and Tystverket (not answered) come last
        assert set(rows[-2:]) == {"Nollverket", "Tystverket"}


def test_sorted_header_carries_aria_sort(client, world):
    html = client.get("/omgangar/2024/?sortera=aa&ordning=fallande").content.decode()
    assert 'aria-sort="descending"' in html
    assert html.count("aria-sort=") == 1


def test_unknown_sort_falls_back_to_name(client, world):
    response = client.get("/omgangar/2024/?sortera=nonsense&ordning=x")
    assert agency_order(response)[0] == "Mellanverket"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("departement=Kulturdepartementet", {"Småverket", "Tystverket", "Nollverket"}),
        ("storlek=3000-eller-fler", {"Storverket"}),
        ("storlek=upp-till-199", {"Småverket", "Nollverket"}),
        ("klass=andel-e-faktura:green", {"Storverket"}),
        ("klass=andel-e-faktura:red", {"Småverket"}),
        ("klass=andel-e-faktura:grey", {"Tystverket"}),
        ("sok=mella", {"Mellanverket"}),
        ("sok=SMAVERK", {"Småverket"}),  # accent- and case-insensitive
        ("departement=Finansdepartementet&storlek=500-999", {"Mellanverket"}),
    ],
)
def test_results_filters(client, world, query, expected):
    response = client.get(f"/omgangar/2024/?{query}")
    assert set(agency_order(response)) == expected


def test_filter_with_no_match_says_so(client, world):
    text = text_of(client.get("/omgangar/2024/?sok=finnsinte"))
    assert "Inga myndigheter matchar filtret." in text


def test_unpublished_round_is_invisible_everywhere(client, world):
    assert client.get("/omgangar/2025/").status_code == 404
    assert client.get("/en/omgangar/2025/").status_code == 404
    for path in [
        "/",
        "/omgangar/",
        f"/myndigheter/{world.storverket.org_nr}/",
        "/nyckeltal/e-order-per-100-aa/?omgang=2025",
        f"/jamfor/?m={world.storverket.org_nr}&m={world.mellanverket.org_nr}",
    ]:
        html = client.get(path).content.decode()
        assert "999\u00a0999" not in html, path
        assert "999999" not in html, path
        assert ">2025<" not in html, path


def test_agency_page_shows_history_names_and_counts(client, world):
    response = client.get(f"/myndigheter/{world.smaverket.org_nr}/")
    text = text_of(response)
    assert "Småverket" in text
    assert "Lillverket" in text  # earlier name
    assert "Kulturdepartementet" in text
    assert "3 000" in text.replace("\u00a0", " ")  # raw supplier invoices
    assert "<svg" in response.content.decode()
    assert "Visa som tabell" in text


def test_agency_page_accepts_hyphenated_org_nr_and_rejects_bad_ones(client, world):
    nr = world.storverket.org_nr
    assert client.get(f"/myndigheter/{nr[:6]}-{nr[6:]}/").status_code == 200
    assert client.get("/myndigheter/1234567890/").status_code == 404
    assert client.get("/myndigheter/abc/").status_code == 404


def test_key_figure_page_shows_definition_formula_and_distribution(client, world):
    response = client.get("/nyckeltal/andel-matchade/")
    text = text_of(response)
    assert "matchade fakturor / leverantörsfakturor × 100" in text
    assert "Digg, Myndigheternas resultat" in text
    assert "<svg" in response.content.decode()
    # the national total with its exact parts
    assert "68 300 / 123 000 × 100" in text.replace("\u00a0", " ")
    assert client.get("/nyckeltal/okand/").status_code == 404


def test_key_figure_page_round_choice(client, world):
    text = text_of(client.get("/nyckeltal/andel-e-faktura/?omgang=2023"))
    assert "Fördelningen 2023" in text


def test_compare_needs_two_to_ten(client, world):
    text = text_of(client.get(f"/jamfor/?m={world.storverket.org_nr}"))
    assert "Det finns ett problem" in text
    assert "Välj minst 2 myndigheter." in text
    response = client.get(f"/jamfor/?m={world.storverket.org_nr}&m={world.smaverket.org_nr}&m=bad")
    html = response.content.decode()
    assert "Det finns ett problem" not in html
    assert html.count("<svg") == 3


def test_english_pages_are_english(client, world):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Share of e-invoices" in html
    html = client.get("/").content.decode()
    assert '<html lang="sv">' in html
    assert 'href="/en/"' in html


def test_demo_notice_only_when_simulated(client, world):
    assert "Demoläge" not in text_of(client.get("/"))
    world.round_2024.is_simulated = True
    world.round_2024.save()
    for path in ["/", "/omgangar/2024/", "/nyckeltal/"]:
        assert "värdena per myndighet är simulerade" in text_of(client.get(path))


def test_public_pages_revalidate_with_last_modified(client, world):
    response = client.get("/omgangar/2024/")
    assert "Last-Modified" in response
    assert "ETag" in response
    again = client.get("/omgangar/2024/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304
    # publishing a round changes what the pages show: the old date no longer matches
    Round.objects.filter(pk=world.draft_2025.pk).update(
        status="published", updated_at=timezone.now() + timedelta(minutes=1)
    )
    later = client.get("/omgangar/2024/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert later.status_code == 200


def test_not_found_page_is_swedish_and_has_no_cookie(client, world, settings):
    settings.DEBUG = False
    response = client.get("/omgangar/1999/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
    assert "Set-Cookie" not in response.headers


def test_a_form_without_its_security_token_gets_a_swedish_page(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/konto/logga-in/", {"username": "x@example.se", "password": "y"})
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.content.decode()


def test_logged_in_visitors_get_private_uncached_pages(client, world):
    from accounts.models import Role
    from accounts.services import user_create

    user = user_create(email="a@digg.se", role=Role.ANALYST, password="x-Lösen-123")
    client.force_login(user)
    response = client.get("/omgangar/2024/")
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
