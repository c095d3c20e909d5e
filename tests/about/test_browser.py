"""The about pages in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation on the
about page, the statement and the feedback form (empty, with errors, the receipt), in
both languages; they reflow at 320 px; the form works with the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from about.models import Feedback
from tests.browser.axe import assert_no_axe_violations
from tests.browser.chromium import browser_type_launch_args
from tests.browser.pages import assert_reflows, open_page

__all__ = ["browser_type_launch_args"]

pytestmark = pytest.mark.browser

PAGES = [
    "/om-webbplatsen/",
    "/en/om-webbplatsen/",
    "/om-webbplatsen/tillganglighet/",
    "/en/om-webbplatsen/tillganglighet/",
    "/om-webbplatsen/synpunkter/",
    "/en/om-webbplatsen/synpunkter/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_violations(page: Page, live_server, seeded_live: None, path: str):
    response = page.goto(live_server.url + path)
    assert response is not None
    assert response.status == 200
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PAGES)
def test_page_reflows_at_320_css_pixels(page: Page, live_server, seeded_live: None, path: str):
    open_page(page, live_server, {}, path)
    assert_reflows(page)


def test_form_with_errors_and_the_receipt_have_no_violations(
    page: Page, live_server, transactional_db: None
):
    page.goto(live_server.url + "/om-webbplatsen/synpunkter/")
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_role("heading", name="Det finns ett problem")).to_be_visible()
    expect(page.get_by_text("Skriv ditt meddelande.").first).to_be_visible()
    assert_no_axe_violations(page)
    assert Feedback.objects.count() == 0

    # the error summary's links lead to the fields
    page.get_by_role("link", name="Skriv ditt meddelande.").click()
    expect(page.get_by_label("Meddelande", exact=True)).to_be_focused()

    page.get_by_label("Fel i uppgifterna").check()
    page.get_by_label("Meddelande", exact=True).fill("Tabellen för 2024 saknar Småverket.")
    page.get_by_label("Din e-postadress (frivilligt)").fill("inte-en-adress")
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_text("Skriv e-postadressen i formatet").first).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Din e-postadress (frivilligt)").fill("")
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_role("heading", name="Tack för ditt meddelande")).to_be_visible()
    feedback = Feedback.objects.get()
    expect(page.get_by_text(feedback.reference)).to_be_visible()
    assert feedback.email == ""
    assert_no_axe_violations(page)


def test_english_form_with_errors_has_no_violations(
    page: Page, live_server, transactional_db: None
):
    page.goto(live_server.url + "/en/om-webbplatsen/synpunkter/")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)


def test_honeypot_is_hidden_and_not_reached_by_the_keyboard(
    page: Page, live_server, transactional_db: None
):
    page.goto(live_server.url + "/om-webbplatsen/synpunkter/")
    expect(page.locator("#id_webbplats")).to_be_hidden()
    # Tab through the whole form: the honeypot never receives focus.
    focused_ids = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused_ids.append(page.evaluate("() => document.activeElement.id"))
    assert "id_webbplats" not in focused_ids
    assert "id_message" in focused_ids
    assert "id_email" in focused_ids


def test_form_can_be_sent_with_the_keyboard_alone(page: Page, live_server, transactional_db: None):
    page.goto(live_server.url + "/om-webbplatsen/synpunkter/?sida=/omgangar/2024/")
    page.locator("#id_kind_0").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Diagrammet går inte att läsa med skärmläsare.")
    page.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Tack för ditt meddelande")).to_be_visible()
    feedback = Feedback.objects.get()
    assert feedback.kind == "tillganglighet"
    assert feedback.page_url == "/omgangar/2024/"
