"""The "Om webbplatsen" page and the accessibility statement, in Swedish and English:
the page basics (no cookies), the required content, and the statement read from data."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from about.models import (
    STATEMENT_PK,
    AccessibilityIssue,
    AccessibilityStatement,
    ComplianceStatus,
)
from tests.pagecheck import check_page

pytestmark = pytest.mark.django_db

ABOUT = "/om-webbplatsen/"
STATEMENT = "/om-webbplatsen/tillganglighet/"
STATUS_SV = (
    "Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till digital "
    "offentlig service."
)
STATUS_EN = (
    "This website is partially compliant with the Act on accessibility to digital public services."
)


def html(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("url", [ABOUT, "/en" + ABOUT])
def test_about_page_passes_the_page_check_and_sets_no_cookie(client: Client, url: str) -> None:
    response = check_page(client, url)
    assert not response.cookies


def test_about_page_says_who_runs_it_how_to_reach_them_and_the_licences(client: Client) -> None:
    page = html(check_page(client, ABOUT))
    assert "<h1>Om webbplatsen</h1>" in page
    assert "Myndigheten för digital förvaltning (Digg)" in page
    assert "Box 14, 851 02 Sundsvall" in page
    assert 'href="tel:+46771114400"' in page
    assert 'href="mailto:registrator@digg.se"' in page
    assert "CC0 1.0" in page
    assert "CC BY 4.0" in page
    assert "inga kakor för besökare som inte är inloggade" in page
    assert "gäller högst 8 timmar" in page
    for href in (
        'href="/om-webbplatsen/tillganglighet/"',
        'href="/om-webbplatsen/synpunkter/"',
        'href="/konto/personuppgifter/"',
        'href="/oppna-data/"',
    ):
        assert href in page, href


def test_contact_details_come_from_the_settings(client: Client, settings) -> None:
    settings.OPERATOR_NAME = "Ekonomistyrningsverket"
    settings.ABOUT_POSTAL_ADDRESS = "Box 45316, 104 30 Stockholm"
    settings.ABOUT_PHONE = "08-690 43 00"
    settings.ABOUT_EMAIL = "registrator@esv.se"
    page = html(check_page(client, ABOUT))
    assert "Ekonomistyrningsverket" in page
    assert "Box 45316, 104 30 Stockholm" in page
    assert 'href="tel:+4686904300"' in page
    assert 'href="mailto:registrator@esv.se"' in page
    assert "registrator@digg.se" not in page


def test_english_about_page_is_in_english(client: Client) -> None:
    page = html(check_page(client, "/en" + ABOUT))
    assert "<h1>About this website</h1>" in page
    assert 'href="/en/om-webbplatsen/tillganglighet/"' in page
    for swedish in ("Vem står bakom", "Kakor", "Webbläsare som stöds", "Hoppa till"):
        assert swedish not in page, swedish


def test_footer_links_the_about_pages(client: Client) -> None:
    page = html(check_page(client, ABOUT))
    footer = page[page.index("<footer") :]
    assert 'href="/om-webbplatsen/"' in footer
    assert 'href="/om-webbplatsen/tillganglighet/"' in footer
    assert 'href="/om-webbplatsen/synpunkter/"' in footer


@pytest.mark.parametrize("url", [STATEMENT, "/en" + STATEMENT])
def test_statement_passes_the_page_check_and_sets_no_cookie(
    client: Client, seeded: None, url: str
) -> None:
    response = check_page(client, url)
    assert not response.cookies


def test_statement_shows_the_required_elements(client: Client, seeded: None) -> None:
    page = html(check_page(client, STATEMENT))
    # 1. the agency and the service
    assert "Myndigheten för digital förvaltning (Digg) står bakom webbplatsen" in page
    assert "Uppföljning av myndigheternas e-handel" in page
    # 2. the status, in exactly one of the three forms
    assert STATUS_SV in page
    assert "helt förenlig" not in page
    assert "inte förenlig" not in page
    # 4. assessment date and method, last update
    assert "Metod för bedömningen: självskattning." in page
    assert "Den senaste bedömningen gjordes den 28 november 2026." in page
    assert "uppdaterades senast den 28 november 2026" in page
    # 5. the message function; 6. DIGG's reporting function
    assert 'href="/om-webbplatsen/synpunkter/?typ=tillganglighet"' in page
    assert 'href="https://www.digg.se/tdosanmalan"' in page
    # 7. the two exemption sections, and the usual structure
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Oskäligt betungande anpassning",
        "Innehåll som inte omfattas av lagkraven",
        "Hur vi testat webbplatsen",
    ):
        assert f"<h2>{heading}</h2>" in page, heading
    assert "axe-core" in page
    assert "320 pixlars bredd" in page


def test_statement_lists_each_seeded_issue_with_its_criterion(client: Client, seeded: None) -> None:
    page = html(check_page(client, STATEMENT))
    assert "[WCAG 2.2.1]" in page
    assert "Utan JavaScript får du ingen varning innan inloggningen upphör efter 8 timmar" in page
    # resolved before launch: kept in the database, not listed
    assert "[WCAG 3.1.2]" not in page
    assert "visas på det språk de sparades på" not in page
    assert "[WCAG 1.3.1]" in page
    assert "experimentella stöd för PDF/UA" in page
    assert "Varje rapport finns också som webbsida (HTML)" in page
    # grouped by DIGG's use situations, in DIGG's order
    sight = page.index("<h3>Användning utan syn, med nedsatt syn eller med nedsatt färgseende</h3>")
    motor = page.index(
        "<h3>Användning med nedsatt finmotorik eller styrka, eller med begränsad rörlighet</h3>"
    )
    cognition = page.index("<h3>Användning med nedsatt kognitiv förmåga</h3>")
    assert sight < motor < cognition
    assert "<h3>Användning utan hörsel eller med nedsatt hörsel</h3>" not in page
    # the PDF issue affects sight only: listed once; the session issue under three groups
    assert page.count("[WCAG 1.3.1]") == 1
    assert page.count("[WCAG 2.2.1]") == 3
    # one "no date yet" per listed occurrence: 1.3.1 once, 2.2.1 three times
    assert page.count("inget datum bestämt ännu") == 4


def test_a_resolved_issue_disappears(client: Client, seeded: None) -> None:
    AccessibilityIssue.objects.filter(wcag_criterion="1.3.1").update(resolved=True)
    page = html(check_page(client, STATEMENT))
    assert "[WCAG 1.3.1]" not in page
    assert "PDF/UA" not in page
    assert "[WCAG 2.2.1]" in page


def test_no_open_issues_says_so(client: Client, seeded: None) -> None:
    AccessibilityIssue.objects.update(resolved=True)
    AccessibilityStatement.objects.filter(pk=STATEMENT_PK).update(status=ComplianceStatus.FULL)
    page = html(check_page(client, STATEMENT))
    assert "Den här webbplatsen är helt förenlig med lagen" in page
    assert "delvis förenlig" not in page
    assert "Vi känner inte till något innehåll som inte är tillgängligt." in page
    assert "[WCAG" not in page


def test_statement_dates_and_planned_fix_come_from_data(client: Client, seeded: None) -> None:
    AccessibilityStatement.objects.filter(pk=STATEMENT_PK).update(
        assessed_on=date(2027, 3, 4), updated_on=date(2027, 3, 5), method="extern"
    )
    AccessibilityIssue.objects.filter(wcag_criterion="1.3.1").update(
        planned_fix_on=date(2027, 6, 30)
    )
    page = html(check_page(client, STATEMENT))
    assert "Metod för bedömningen: granskning av extern part." in page
    assert "Den senaste bedömningen gjordes den 4 mars 2027." in page
    assert "uppdaterades senast den 5 mars 2027" in page
    assert "senast 30 juni 2027" in page


def test_english_statement_uses_english_texts_and_marks_swedish_fallbacks(
    client: Client, seeded: None
) -> None:
    AccessibilityIssue.objects.create(
        description="Diagrammens färger skiljer sig för lite.",
        where="Nyckeltalssidorna",
        reason="Färgerna valdes före granskningen.",
        wcag_criterion="1.4.11",
        situations=["syn"],
        order=40,
    )
    page = html(check_page(client, "/en" + STATEMENT))
    assert "<h1>Accessibility statement</h1>" in page
    assert STATUS_EN in page
    assert "Partially compliant" not in page
    assert "Without JavaScript you get no warning before the login session ends after 8" in page
    assert "ingen varning" not in page
    assert '<span lang="sv">Diagrammens färger skiljer sig för lite.</span>' in page
    assert '<dd lang="sv">Nyckeltalssidorna</dd>' in page
    assert "Assessment method: self-assessment." in page
    assert "28 November 2026" in page


def test_statement_renders_from_the_seed_values_before_any_row_exists(client: Client) -> None:
    AccessibilityStatement.objects.all().delete()
    page = html(check_page(client, STATEMENT))
    assert STATUS_SV in page


def test_every_page_footer_says_how_to_reach_the_operator(client: Client, settings) -> None:
    """Förvaltningslagen 7 §: postal address, phone and e-mail on every page."""
    settings.ABOUT_POSTAL_ADDRESS = "Box 1, 100 00 Stockholm"
    settings.ABOUT_PHONE = "08-123 45 67"
    settings.ABOUT_EMAIL = "registrator@example.se"
    page = client.get("/nyckeltal/").content.decode()
    footer = page[page.index("<footer") :]
    assert "Box 1, 100 00 Stockholm" in footer
    assert 'href="tel:' in footer
    assert "08-123 45 67" in footer
    assert 'href="mailto:registrator@example.se"' in footer
