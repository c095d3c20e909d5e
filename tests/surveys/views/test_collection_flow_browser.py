"""The whole collection in a real Chromium: a respondent fills in and submits the form,
the office approves, closes and publishes, and the public results show the answer.
axe-core finds no WCAG 2.1 A/AA violation on the form, the upload page, the dashboard and
the review queue along the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from keyfigures.services import results_refresh
from surveys.models import Response, RoundStatus, WorkflowState
from tests.browser.axe import assert_no_axe_violations
from tests.surveys.views.conftest import GOOD, PASSWORD

pytestmark = pytest.mark.browser


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/konto/logga-in/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(base + "/konto/")


def test_respondent_submits_office_approves_and_publishes(
    browser: Browser, live_server, live_setting
):
    base = live_server.url
    setting = live_setting

    respondent = browser.new_context().new_page()
    log_in(respondent, base, setting.respondent.email)
    respondent.goto(base + setting.upload_url)
    assert_no_axe_violations(respondent)
    respondent.goto(base + setting.form_url())
    assert_no_axe_violations(respondent)
    respondent.locator("#id_status_0").check()
    for field, value in GOOD.items():
        respondent.locator(f"#id_{field}").fill(value)
    respondent.get_by_role("button", name="Lämna in").click()
    respondent.wait_for_load_state()
    assert setting.response().workflow == WorkflowState.SUBMITTED

    office = browser.new_context().new_page()
    log_in(office, base, setting.office.email)
    office.goto(f"{base}/uppfoljning/{setting.round.slug}/")
    assert_no_axe_violations(office)
    office.goto(f"{base}/uppfoljning/{setting.round.slug}/granska/")
    assert_no_axe_violations(office)
    office.get_by_role("button", name="Godkänn Alfaverket").click()
    office.wait_for_load_state()
    assert setting.response().workflow == WorkflowState.APPROVED

    for step, button in (("stang", "Stäng omgången"), ("publicera", "Publicera omgången")):
        office.goto(f"{base}/uppfoljning/{setting.round.slug}/{step}/")
        office.get_by_role("button", name=button).click()
        office.wait_for_load_state()
    setting.round.refresh_from_db()
    assert setting.round.status == RoundStatus.PUBLISHED
    results_refresh()  # the service's own refresh ran on commit in the server thread too

    public = browser.new_context().new_page()
    public.goto(f"{base}/omgangar/{setting.round.slug}/")
    row = public.get_by_role("row", name=re.compile("Alfaverket"))
    assert "420" in row.inner_text()
    assert Response.objects.get(pk=setting.response().pk).e_orders == 420
