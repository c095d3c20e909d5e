"""The API documentation page in a real Chromium: axe-core finds no WCAG 2.1 A/AA
violation, in Swedish or English, and the page asks no other host for anything."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.axe import assert_no_axe_violations
from tests.browser.chromium import browser_type_launch_args
from tests.world import build_world

__all__ = ["browser_type_launch_args"]

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db) -> None:
    build_world()


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/docs/en"])
def test_docs_page_has_no_wcag_violations(page: Page, live_server, live_world, path):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)
    foreign = [url for url in requested if not url.startswith((live_server.url, "data:"))]
    assert foreign == []
