"""The axe-core helper itself: it finds violations, and it loads under a strict CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route

from tests.browser.axe import assert_no_axe_violations, axe_violations

pytestmark = pytest.mark.browser

BROKEN = "<!doctype html><html><head></head><body><img src='chart.png'><main></main></body></html>"
CLEAN = (
    '<!doctype html><html lang="sv"><head><title>Ren sida</title></head>'
    "<body><main><h1>Rubrik</h1><p>Text.</p></main></body></html>"
)


def test_axe_reports_violations(page: Page):
    page.set_content(BROKEN)
    ids = {violation["id"] for violation in axe_violations(page)}
    assert {"html-has-lang", "document-title", "image-alt"} <= ids


def test_assert_helper_names_the_rule_and_the_element(page: Page):
    page.set_content(BROKEN)
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_axe_violations(page)
    message = str(failure.value)
    assert "image-alt" in message
    assert "Images must have alternative text" in message
    assert "at img" in message


def test_a_clean_page_passes(page: Page):
    page.set_content(CLEAN)
    assert axe_violations(page) == []
    assert_no_axe_violations(page)


def test_axe_loads_under_a_strict_content_security_policy(page: Page):
    """The site may forbid inline and injected scripts; the scan must still run."""

    def serve(route: Route) -> None:
        route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": "default-src 'none'; script-src 'none'"},
            body=BROKEN,
        )

    page.route("http://uppfoljning.invalid/", serve)
    page.goto("http://uppfoljning.invalid/")
    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}
