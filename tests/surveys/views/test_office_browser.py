"""The office's pages in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation on the
rounds list, the dashboard, the review queue and an answer's history page, with and
without errors, and the pages reflow at 320 CSS pixels."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.chromium import browser_type_launch_args
from tests.browser.pages import assert_reflows
from tests.surveys.views.office_world import PASSWORD, live_office_world

__all__ = ["browser_type_launch_args", "live_office_world"]

pytestmark = pytest.mark.browser


def log_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(live_server.url + "/konto/")


def assert_accessible(page: Page) -> None:
    assert_no_axe_violations(page)
    assert_reflows(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_office_pages_have_no_wcag_violations(page: Page, live_server, live_office_world, prefix):
    world = live_office_world
    log_in(page, live_server, world.analyst.email)
    for path in [
        "/uppfoljning/",
        "/uppfoljning/2025/",
        "/uppfoljning/2026/",
        "/uppfoljning/2025/granska/",
        f"/uppfoljning/2025/{world.alfa.org_nr}/",
        "/uppfoljning/2025/paminnelse/",
        "/uppfoljning/2024/publicera/",
    ]:
        response = page.goto(live_server.url + prefix + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)


def test_office_navigation_and_errors(page: Page, live_server, live_office_world):
    world = live_office_world
    log_in(page, live_server, world.administrator.email)
    page.get_by_role("banner").get_by_role("link", name="Uppföljningsenheten").click()
    page.wait_for_url(live_server.url + "/uppfoljning/")

    # The create form's errors: a summary that links to the field.
    page.get_by_role("button", name="Skapa omgången").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.title().startswith("Fel: ")
    assert_accessible(page)
    page.get_by_role("link", name="Skriv vilket år omgången gäller.").click()
    assert page.evaluate("() => document.activeElement.id") == "id_year"

    # Sending an answer back without a comment.
    page.goto(live_server.url + "/uppfoljning/2025/granska/")
    page.get_by_role("button", name="Skicka tillbaka Alfaverket").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)

    # Approving it.
    page.get_by_role("button", name="Godkänn Alfaverket").click()
    assert "Svaret från Alfaverket är godkänt." in page.get_by_role("status").first.inner_text()
    assert_accessible(page)

    # A correction without a reason, on the answer's page with its history.
    page.goto(live_server.url + f"/uppfoljning/2025/{world.beta.org_nr}/")
    page.get_by_role("button", name="Spara rättelsen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Skäl till ändringen").fill("Uppgifter per telefon")
    page.get_by_role("button", name="Spara rättelsen").click()
    assert "Ändringen för Betaverket är sparad." in page.get_by_role("status").first.inner_text()
    assert (
        "Uppgifter per telefon"
        in page.get_by_role("table", name="Ändringar av svaret").inner_text()
    )
