"""The open-data page in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation in
Swedish or English, and a download link answers with the file."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.axe import assert_no_axe_violations
from tests.browser.chromium import browser_type_launch_args
from tests.world import build_world

__all__ = ["browser_type_launch_args"]

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db):
    return build_world()


@pytest.mark.parametrize("path", ["/oppna-data/", "/en/oppna-data/"])
def test_open_data_page_has_no_wcag_violations(page: Page, live_server, live_world, path):
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)


def test_download_link_gives_the_csv(page: Page, live_server, live_world):
    page.goto(live_server.url + "/oppna-data/")
    link = page.get_by_role("link", name="Alla omgångar som CSV")
    response = page.request.get(live_server.url + str(link.get_attribute("href")))
    assert response.status == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.text().startswith("round,round_year,")
