"""The public pages in a real Chromium: axe-core's WCAG 2.1 AA rules, reflow, skip link.

Add a page by adding its path to PAGES; a ``{placeholder}`` in the path is filled
from the ``public_pages_data`` fixture (tests/browser/conftest.py), which creates
what the pages need.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.axe import assert_no_axe_violations
from tests.browser.pages import assert_reflows, open_page

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param("/", id="start-sv"),
    pytest.param("/en/", id="start-en"),
    pytest.param("/omgangar/", id="rounds"),
    pytest.param("/omgangar/{round_slug}/", id="results-sv"),
    pytest.param("/en/omgangar/{round_slug}/", id="results-en"),
    pytest.param("/omgangar/{round_slug}/andringar/", id="change-log"),
    pytest.param(
        "/omgangar/{round_slug}/?sortera=andel-matchade&ordning=fallande&storlek=upp-till-199",
        id="results-sorted-filtered",
    ),
    pytest.param("/myndigheter/", id="agencies"),
    pytest.param("/myndigheter/{org_nr}/", id="agency-sv"),
    pytest.param("/en/myndigheter/{org_nr}/", id="agency-en"),
    pytest.param("/myndigheter/{org_nr}/verksamhetsnytta/", id="agency-value-sv"),
    pytest.param("/en/myndigheter/{org_nr}/verksamhetsnytta/", id="agency-value-en"),
    pytest.param(
        "/myndigheter/{org_nr}/verksamhetsnytta/?minutes_e_invoice=abc", id="agency-value-error"
    ),
    pytest.param("/nyckeltal/", id="key-figures"),
    pytest.param("/nyckeltal/andel-e-faktura/", id="key-figure-sv"),
    pytest.param("/en/nyckeltal/e-order-per-100-aa/", id="key-figure-en"),
    pytest.param("/jamfor/", id="compare-empty"),
    pytest.param("/jamfor/?m={org_nr}", id="compare-error"),
    pytest.param("/jamfor/?m={org_nr}&m={other_org_nr}", id="compare-sv"),
    pytest.param("/en/jamfor/?m={org_nr}&m={other_org_nr}", id="compare-en"),
]

_FOCUSED = """
() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute('href'),
    text: (el.textContent || '').trim(),
    html: el.outerHTML.slice(0, 200),
    box: {left: box.left, top: box.top, width: box.width, height: box.height},
    viewport: {width: window.innerWidth, height: window.innerHeight},
  };
}
"""


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_violations(page: Page, live_server, public_pages_data, path):
    open_page(page, live_server, public_pages_data, path)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PAGES)
def test_page_reflows_at_320_css_pixels(page: Page, live_server, public_pages_data, path):
    open_page(page, live_server, public_pages_data, path)
    assert_reflows(page)


@pytest.mark.parametrize("path", PAGES)
def test_first_tab_focuses_a_visible_skip_link(page: Page, live_server, public_pages_data, path):
    url = open_page(page, live_server, public_pages_data, path)
    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    assert focused["tag"] == "a", f"{url}: first Tab focused {focused['html']}, not the skip link"
    assert focused["href"] == "#main", f"{url}: first Tab focused {focused['html']}"
    assert focused["text"], f"{url}: the skip link has no text"
    box, viewport = focused["box"], focused["viewport"]
    assert box["width"] >= 1, f"{url}: the focused skip link is not visible: {box}"
    assert box["height"] >= 1, f"{url}: the focused skip link is not visible: {box}"
    assert 0 <= box["left"] < viewport["width"], f"{url}: skip link off screen: {box}"
    assert 0 <= box["top"] < viewport["height"], f"{url}: skip link off screen: {box}"

    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
    assert page.evaluate("() => document.getElementById('main') !== null"), (
        f"{url}: the skip link's target #main does not exist"
    )
