"""The office's programme pages in a real Chromium: axe-core finds no WCAG 2.1 A/AA
violation on the list (also with form errors) and on a group's follow-up page, in
Swedish and English, and the pages reflow at 320 CSS pixels."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from learning.services_programmes import programme_group_create, programme_membership_add
from tests.browser.chromium import browser_type_launch_args
from tests.surveys.views.office_world import live_office_world
from tests.surveys.views.test_office_browser import assert_accessible, log_in

__all__ = ["browser_type_launch_args", "live_office_world"]

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_programme_pages_have_no_wcag_violations(
    page: Page, live_server, live_office_world, prefix
):
    world = live_office_world
    group = programme_group_create(
        name="E-handelslyftet",
        description="Utvecklingsprogram för e-handel.",
        start_date=datetime.date(2024, 3, 1),
        user=None,
    )
    programme_membership_add(group=group, agency=world.alfa)
    log_in(page, live_server, world.analyst.email)
    for path in ["/program/", f"/program/{group.pk}/"]:
        response = page.goto(live_server.url + prefix + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)


def test_programme_forms_with_errors_are_accessible(page: Page, live_server, live_office_world):
    # expect() waits for the page the click leads to; a plain is_visible() right after a
    # click can look at the page before it and make the test flaky.
    world = live_office_world
    log_in(page, live_server, world.administrator.email)
    page.goto(live_server.url + "/program/")
    page.get_by_role("button", name="Skapa gruppen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_title(re.compile("^Fel: "))
    assert_accessible(page)
    page.get_by_label("Namn", exact=True).fill("Kohort 2024")
    page.get_by_label("Startdatum", exact=True).fill("2024-03-01")
    page.get_by_role("button", name="Skapa gruppen").click()
    expect(page.get_by_role("status").first).to_contain_text("Gruppen Kohort 2024 är skapad.")
    page.get_by_role("button", name="Lägg till i gruppen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Myndighet", exact=True).select_option(label="Alfaverket")
    page.get_by_role("button", name="Lägg till i gruppen").click()
    expect(page.get_by_role("status").first).to_contain_text("Alfaverket är tillagd i gruppen.")
    assert_accessible(page)
