"""The network's pages in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation on
any of them, with and without error messages, and on the public agency page with an
approved comment."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from network import services
from network.consent import consent_text
from tests.browser.axe import assert_no_axe_violations
from tests.browser.chromium import browser_type_launch_args
from tests.network.conftest import People, build_people
from tests.world import build_world

__all__ = ["browser_type_launch_args"]

pytestmark = pytest.mark.browser

PASSWORD = "rätt-häst-batteri-häftklammer"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def live_people(transactional_db) -> People:
    people = build_people(build_world(), password=PASSWORD)
    contact = services.contact_opt_in(
        user=people.other_respondent,
        agency=people.world.smaverket,
        name="Cecilia Cederlund",
        role="Ekonomichef",
        email="cecilia@smaverket.se",
        phone="070-123 45 67",
        consent=True,
        consent_text=consent_text(),
    )
    assert contact.is_active
    return people


def log_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(live_server.url + "/konto/")


def test_respondent_pages(page: Page, live_server, live_people):
    people = live_people
    log_in(page, live_server, people.respondent.email)

    page.goto(live_server.url + "/natverk/")
    expect(page.get_by_text("Cecilia Cederlund")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Sök på myndighet, departement, namn eller roll").fill("finans")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.get_by_text("Ingen kontaktperson matchar")).to_be_visible()
    assert_no_axe_violations(page)

    # opt in: first without consent (an error), then with it
    page.goto(live_server.url + "/natverk/kontakt/")
    assert_no_axe_violations(page)
    page.get_by_label("Roll").fill("E-handelsansvarig")
    page.get_by_role("button", name="Anmäl mig som kontaktperson").click()
    expect(page.get_by_role("heading", name="Det finns ett problem")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Jag samtycker enligt texten ovan").check()
    page.get_by_role("button", name="Anmäl mig som kontaktperson").click()
    expect(page.get_by_text("Tack! Du är nu kontaktperson i nätverket.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Ändra uppgifterna för Storverket").click()
    expect(
        page.get_by_role("heading", name="Ändra kontaktuppgiften för Storverket")
    ).to_be_visible()
    page.get_by_label("E-postadress").fill("")
    page.get_by_role("button", name="Spara ändringarna").click()
    expect(page.get_by_role("heading", name="Det finns ett problem")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/natverk/kontakt/")
    page.get_by_role("link", name="Återkalla samtycket för Storverket").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Återkalla och radera mina uppgifter").click()
    expect(page.get_by_text("Samtycket är återkallat")).to_be_visible()

    page.goto(live_server.url + "/natverk/kommentarer/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Skicka för granskning").click()
    expect(page.get_by_role("heading", name="Det finns ett problem")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Kommentar", exact=True).fill("Vi bytte ekonomisystem 2024.")
    page.get_by_role("button", name="Skicka för granskning").click()
    expect(page.get_by_text("Kommentaren är inskickad.")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/natverk/lar-av/")
    expect(page.get_by_role("heading", name="Storverket", exact=True)).to_be_visible()
    assert_no_axe_violations(page)


def test_office_pages_and_the_public_comment(page: Page, live_server, live_people):
    people = live_people
    world = people.world
    for text in ("Första kommentaren om siffrorna.", "Andra kommentaren om siffrorna."):
        services.comment_submit(
            user=people.respondent, agency=world.storverket, round=world.round_2024, text=text
        )
    log_in(page, live_server, people.office.email)

    page.goto(live_server.url + "/natverk/kontakter/")
    expect(page.get_by_text("cecilia@smaverket.se")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/natverk/kommentarer/granska/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Avslå").first.click()
    expect(page.get_by_role("heading", name="Det finns ett problem")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Godkänn och publicera").first.click()
    expect(page.get_by_text("Kommentaren är godkänd")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + f"/natverk/lar-av/?myndighet={world.mellanverket.org_nr}")
    assert_no_axe_violations(page)

    # the public agency page with the approved comment, logged out, in both languages
    page.context.clear_cookies()
    for prefix in ("", "/en"):
        page.goto(live_server.url + f"{prefix}/myndigheter/{world.storverket.org_nr}/")
        expect(page.get_by_text("Första kommentaren om siffrorna.")).to_be_visible()
        assert_no_axe_violations(page)
