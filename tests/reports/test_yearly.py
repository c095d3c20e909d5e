"""The yearly report over HTTP: the page, the PDF read back with pdftotext, caching and
the embargo. The numbers are computed by hand from tests/world.py."""

from __future__ import annotations

import re

import pytest

from reports.models import ReportFile, ReportKind, ReportStatus
from tests.pagecheck import check_page
from tests.reports.conftest import pdf_info, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

NB = "\u00a0"


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"[ \t\r\n\u00a0]+", " ", re.sub(r"<[^>]+>", " ", html))


# The report reads every section with its own query: a fixed count, whatever the number
# of agencies (3 distributions, 3 improver lists, departments, climbers, versions, ...).
YEARLY_MAX_QUERIES = 30


def test_yearly_page_passes_the_page_check(client, world):
    check_page(client, "/rapport/2024/", max_queries=YEARLY_MAX_QUERIES)
    check_page(client, "/en/rapport/2024/", max_queries=YEARLY_MAX_QUERIES)


def test_yearly_page_shows_generated_sentences_and_national_values(client, world):
    text = text_of(client.get("/rapport/2024/"))
    # e-invoices 2024: (95 000 + 18 000 + 2 000 + 0) / (100 000 + 20 000 + 3 000 + 0) = 93.5 %
    # 2023: (90 000 + 15 000 + 1 500 + 4 000 + 0) / 128 000 = 86.3 %
    assert "Andelen e-fakturor ökade från 86 % år 2023 till 93 % år 2024 (+7 procentenheter)." in (
        text
    )
    # matched: 68 300 / 123 000 = 55.5 % and 53 000 / 128 000 = 41.4 %; change 14.1
    assert "Andelen matchade fakturor ökade från 41 % år 2023 till 56 % år 2024" in text
    # e-orders per 100 ÅA: 49 072 / 5 980 = 820.6 and 41 510 / 6 280 = 661.0
    assert "ökade från 661 år 2023 till 821 år 2024 (+160)" in text
    assert "4 av 5 myndigheter i populationen svarade år 2024 (80 %)." in text
    # Finansdepartementet: 113 000 / 120 000 = 94 %
    assert "högst värde hade Finansdepartementet (94 %)" in text
    assert "Mellanverket" in text  # the biggest improver of matched invoices (+30)
    assert "999" not in text.replace("2 999", "")  # the draft 2025 round is invisible


def test_yearly_pdf_reads_back_with_the_same_numbers(client, world):
    response = client.get("/rapport/2024/rapport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    flat = re.sub(r"\s+", " ", text)
    assert "Uppföljning av myndigheternas e-handel 2024" in flat
    assert "Andelen e-fakturor ökade från 86 % år 2023 till 93 % år 2024 (+7 procentenheter)." in (
        flat
    )
    assert "ökade från 41 % år 2023 till 56 % år 2024 (+14 procentenheter)" in flat
    assert "ökade från 661 år 2023 till 821 år 2024 (+160)" in flat
    # the national table: 2024 row with its three values
    assert re.search(r"2024 4 av 5 93 % 56 % 821", flat)
    assert re.search(r"2023 5 av 5 86 % 41 % 661", flat)
    # the chart summaries are in the PDF too
    assert "Andelen e-fakturor steg från 86 % 2023 till 93 % 2024" in flat
    assert "Metod" in flat
    assert "fler än 50 årsarbetskrafter" in flat
    assert "e-fakturor / leverantörsfakturor × 100" in flat
    assert "Sida 1 av" not in flat  # the title page has no page number
    info = pdf_info(response.content)
    assert info["Tagged"] == "yes"  # PDF/UA: structure and language for screen readers
    assert info["Title"] == "Årsrapport 2024: Uppföljning av myndigheternas e-handel"
    n = pdf_pages(response.content)
    assert n >= 4
    assert f"Sida {n} av {n}" in flat
    assert "999" not in flat.replace("2 999", "")


def test_pdf_is_stored_and_served_with_etag_and_304(client, world):
    first = client.get("/rapport/2024/rapport.pdf")
    stored = ReportFile.objects.get(round=world.round_2024, kind=ReportKind.YEARLY)
    assert stored.status == ReportStatus.READY
    assert first["ETag"] == f'"{stored.sha256}"'
    assert first["Last-Modified"]
    again = client.get("/rapport/2024/rapport.pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get("/rapport/2024/rapport.pdf", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # served from the store, not rebuilt
    assert ReportFile.objects.get(pk=stored.pk).built_at == stored.built_at


def test_html_page_answers_304(client, world):
    first = client.get("/rapport/2024/")
    assert first.status_code == 200
    again = client.get("/rapport/2024/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        "/rapport/2025/",
        "/rapport/2025/rapport.pdf",
        "/rapport/2019/",
        "/rapport/finns-inte/rapport.pdf",
        "/en/rapport/2025/",
    ],
)
def test_unpublished_or_unknown_rounds_are_not_found(client, world, url):
    assert client.get(url).status_code == 404
    assert not ReportFile.objects.filter(round=world.draft_2025).exists()


def test_post_is_refused(client, world):
    assert client.post("/rapport/2024/rapport.pdf").status_code == 405


def test_no_cookie_is_set_by_the_pdf(client, world):
    response = client.get("/rapport/2024/rapport.pdf")
    assert not response.cookies


def test_report_links_partial(world):
    from django.template.loader import render_to_string

    html = render_to_string("reports/_round_report_links.html", {"round": world.round_2024})
    assert 'href="/rapport/2024/"' in html
    assert 'href="/rapport/2024/rapport.pdf"' in html
    card = render_to_string(
        "reports/_agency_report_links.html",
        {"round": world.round_2024, "agency": world.smaverket},
    )
    assert f'href="/rapport/2024/myndigheter/{world.smaverket.org_nr}/"' in card
    assert f'href="/rapport/2024/myndigheter/{world.smaverket.org_nr}.pdf"' in card


def test_english_page_translates_the_chrome_and_keeps_the_swedish_body(client, world):
    html = client.get("/en/rapport/2024/").content.decode()
    assert "Yearly report 2024: the agencies' e-commerce" in html
    assert 'href="/rapport/2024/rapport.pdf"' not in html  # English URLs under /en/
    assert 'href="/en/rapport/2024/rapport.pdf"' in html
    assert '<div lang="sv" class="report-body">' in html
    assert "Andelen e-fakturor ökade från 86" in html


def test_half_year_rounds_are_in_the_table_but_have_no_report(client, world):
    from django.template.loader import render_to_string

    from keyfigures.services import results_refresh
    from publishing.services import round_publish
    from surveys.models import PeriodType, Response, ResponseStatus, Round, RoundStatus

    half = Round.objects.create(
        slug="2018-h2", year=2018, period_type=PeriodType.SECOND_HALF, status=RoundStatus.CLOSED
    )
    Response.objects.create(
        round=half,
        agency=world.storverket,
        fte=5000,
        fte_year=2018,
        status=ResponseStatus.ANSWERED,
        supplier_invoices=40000,
        e_invoices=30000,
        matched_invoices=10000,
        e_orders=9000,
        workflow="approved",
    )
    round_publish(round=half)
    results_refresh()
    assert client.get("/rapport/2018-h2/").status_code == 404
    assert client.get("/rapport/2018-h2/rapport.pdf").status_code == 404
    text = text_of(client.get("/rapport/2024/"))
    assert "2018 andra halvåret" in text
    assert "Halvårsomgångarna visas i tabellen men inte i diagrammen" in text
    # 30 000 / 40 000 = 75 % in the table; the sentence still compares 2024 with 2023
    assert "75 %" in text
    assert "Andelen e-fakturor ökade från 86 % år 2023 till 93 % år 2024" in text
    assert render_to_string("reports/_round_report_links.html", {"round": half}).strip() == ""


def test_report_list_links_the_published_full_year_rounds(client, world):
    check_page(client, "/rapport/")
    check_page(client, "/en/rapport/")
    html = client.get("/rapport/").content.decode()
    assert 'href="/rapport/2024/"' in html
    assert 'href="/rapport/2023/rapport.pdf"' in html
    assert "/rapport/2025/" not in html
    assert html.index("/rapport/2024/") < html.index("/rapport/2023/")  # newest first


def test_report_list_without_published_rounds(client, db):
    assert "Ingen omgång är publicerad än." in client.get("/rapport/").content.decode()


def test_pdf_build_fetches_nothing_from_outside(caplog):
    from reports.services import pdf_render

    html = (
        '<!doctype html><html lang="sv"><head><title>T</title>'
        '<link rel="stylesheet" href="http://example.org/s.css"></head>'
        '<body><p>Text</p><img src="http://example.org/x.png" alt="x"></body></html>'
    )
    pdf = pdf_render(html)
    assert pdf.startswith(b"%PDF")
    assert "Reports load nothing from outside: http://example.org/x.png" in caplog.text
    assert "Reports load nothing from outside: http://example.org/s.css" in caplog.text
