"""A respondent reports in a real Chromium with the keyboard alone: fills in the form,
meets a hard error and a warning, explains it and submits; then uploads a file with a
bad row. axe-core finds no WCAG 2.1 A/AA violation in any of those states, and the
pages reflow at 320 CSS pixels."""

from __future__ import annotations

import pytest
from playwright.sync_api import FilePayload, Page, expect

from surveys.models import Response, WorkflowState
from tests.browser.axe import assert_no_axe_violations
from tests.browser.pages import assert_reflows
from tests.surveys.views.conftest import PASSWORD

pytestmark = pytest.mark.browser

MAX_TABS = 40


def focused(page: Page) -> str:
    return str(page.evaluate("() => document.activeElement.id || document.activeElement.name"))


def tab_to(page: Page, target: str) -> None:
    """Press Tab until the element with this id (or button name) has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page) == target:
            return
    raise AssertionError(f"Tab never reached {target!r}; last focus on {focused(page)!r}")


def tab_to_button(page: Page, text: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(text) => document.activeElement.tagName === 'BUTTON'"
            " && document.activeElement.textContent.trim() === text",
            text,
        ):
            return
    raise AssertionError(f"Tab never reached the button {text!r}")


def press_and_wait(page: Page, key: str) -> None:
    """Press a key that submits a form, and wait for the next page to load."""
    with page.expect_navigation():
        page.keyboard.press(key)


def type_into(page: Page, target: str, text: str) -> None:
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_a_respondent_reports_with_the_keyboard(page: Page, live_server, live_setting):
    setting = live_setting
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("E-postadress").fill(setting.respondent.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(live_server.url + "/konto/")

    page.goto(live_server.url + "/rapportera/")
    assert_no_axe_violations(page)
    assert_reflows(page)
    link = page.get_by_role("link", name="Fyll i svaret för Alfaverket, 2025")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + setting.form_url())
    assert_no_axe_violations(page)
    assert_reflows(page)

    # a hard error: more e-invoices than supplier invoices; Enter saves the draft
    page.locator("main").focus()
    type_into(page, "id_supplier_invoices", "1 000")
    type_into(page, "id_e_invoices", "1 500")
    type_into(page, "id_matched_invoices", "400")
    type_into(page, "id_e_orders", "1 000")
    press_and_wait(page, "Enter")
    summary = page.get_by_role("alert")
    assert "Det finns ett problem" in summary.inner_text()
    assert page.title().startswith("Fel:")
    assert page.locator("#id_e_orders").input_value() == "1 000"  # kept
    assert_no_axe_violations(page)
    assert_reflows(page)
    summary.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    assert focused(page) == "id_e_invoices"

    # fixed; the e-orders changed a lot since last round: a warning to explain
    page.keyboard.press("Control+A")
    page.keyboard.type("900")
    press_and_wait(page, "Enter")
    assert "Utkastet är sparat." in page.get_by_role("status").inner_text()
    expect(page.get_by_role("heading", name="Svaret har en varning")).to_be_visible()
    assert_no_axe_violations(page)
    assert_reflows(page)

    # submitting before explaining is refused
    page.locator("main").focus()
    tab_to_button(page, "Lämna in")
    press_and_wait(page, "Enter")
    assert "Förklara varningarna" in page.get_by_role("alert").inner_text()
    assert_no_axe_violations(page)

    page.locator("main").focus()
    type_into(
        page, "id_explanation-large_change_e_orders", "Vi började beställa i e-handelssystemet."
    )
    tab_to_button(page, "Spara förklaringar")
    press_and_wait(page, "Enter")
    assert "Förklaringarna är sparade." in page.get_by_role("status").inner_text()

    page.locator("main").focus()
    tab_to_button(page, "Lämna in")
    press_and_wait(page, "Space")
    assert "Svaret är inlämnat." in page.get_by_role("status").inner_text()
    assert_no_axe_violations(page)
    response = Response.objects.get(pk=setting.responses["alfa"].pk)
    assert response.workflow == WorkflowState.SUBMITTED
    assert response.e_orders == 1000

    # the upload page, and its table of problems
    page.goto(live_server.url + setting.upload_url)
    assert_no_axe_violations(page)
    assert_reflows(page)
    csv = (
        "org_nr,status,leverantorsfakturor,e_fakturor,matchade_fakturor,e_order,skal,kommentar\n"
        f"{setting.alfa.org_nr_display},besvarad,1000,1500,400,12.5,,\n"
        f"{setting.beta.org_nr_display},besvarad,1000,900,400,420,,\n"
    ).encode()
    page.locator("#id_file").set_input_files(
        files=FilePayload(name="svar.csv", mimeType="text/csv", buffer=csv)
    )
    page.locator("#id_file").focus()
    tab_to_button(page, "Ladda upp och granska")
    press_and_wait(page, "Enter")
    assert "Inget har sparats" in page.get_by_role("alert").inner_text()
    table = page.get_by_role("table", name="Det här behöver rättas i filen")
    assert "Du får inte lämna uppgifter för Betaverket" in table.inner_text()
    assert_no_axe_violations(page)
    assert_reflows(page)
