"""The account pages in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation on
the login page, the invitation acceptance page and "Mina sidor", with and without errors,
and the pages reflow at 320 CSS pixels."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.services import invitation_create
from tests.accounts.conftest import PASSWORD
from tests.browser.axe import assert_no_axe_violations
from tests.browser.pages import assert_reflows

pytestmark = pytest.mark.browser


def log_in(page: Page, live_server, email: str, password: str) -> None:
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def test_login_page_and_its_errors(page: Page, live_server, live_people):
    page.goto(live_server.url + "/konto/logga-in/")
    assert_no_axe_violations(page)
    assert_reflows(page)

    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.title().startswith("Fel: Logga in")
    assert_no_axe_violations(page)

    # the summary's links move the focus to the field
    page.get_by_role("link", name="Skriv din e-postadress.").click()
    assert page.evaluate("() => document.activeElement.id") == "id_username"

    log_in(page, live_server, live_people.respondent_a.email, "fel-lösenord")
    assert "Fel e-postadress eller lösenord." in page.get_by_role("alert").inner_text()
    assert_no_axe_violations(page)


def test_mina_sidor_after_logging_in(page: Page, live_server, live_people):
    log_in(page, live_server, live_people.service_centre.email, PASSWORD)
    page.wait_for_url(live_server.url + "/konto/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mina sidor"
    assert "Alfaverket" in page.content()
    assert_no_axe_violations(page)
    assert_reflows(page)

    page.get_by_role("banner").get_by_role("button", name="Logga ut").click()
    page.wait_for_url(live_server.url + "/")
    assert "sessionid" not in {cookie["name"] for cookie in page.context.cookies()}
    expect(page.get_by_role("banner").get_by_role("link", name="Logga in")).to_be_visible()


def test_mina_sidor_for_the_office(page: Page, live_server, live_people):
    log_in(page, live_server, live_people.analyst.email, PASSWORD)
    page.wait_for_url(live_server.url + "/konto/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Bjud in en användare").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Skicka inbjudan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)


def test_invitation_acceptance_page(page: Page, live_server, live_people):
    invitation_create(
        email="ny@servicecenter.se",
        role=Role.RESPONDENT,
        agencies=[live_people.agency_a, live_people.agency_b],
        created_by=live_people.analyst,
        site_url=live_server.url,
    )
    match = re.search(r"(http://\S+/konto/inbjudan/[\w-]+/)", str(mail.outbox[-1].body))
    assert match is not None
    url = match.group(1)

    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == "Skapa ditt konto"
    expect(page.get_by_role("link", name="Så behandlar vi personuppgifter").first).to_be_visible()
    assert_no_axe_violations(page)
    assert_reflows(page)

    page.get_by_role("button", name="Skapa konto").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Förnamn").fill("Ada")
    page.get_by_label("Efternamn").fill("Lind")
    page.get_by_label("Välj lösenord").fill("solros-kanel-fjärd-7")
    page.get_by_label("Upprepa lösenordet").fill("solros-kanel-fjärd-7")
    page.get_by_role("button", name="Skapa konto").click()
    page.wait_for_url(live_server.url + "/konto/")
    assert "Välkommen!" in page.content()
    assert_no_axe_violations(page)

    page.goto(url)
    assert "Inbjudan har redan använts" in page.content()
    assert_no_axe_violations(page)
