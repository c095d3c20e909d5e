"""Helpers every browser test shares: open a page and require a 200, and the reflow check
of WCAG 1.4.10 (content fits 320 CSS pixels without scrolling in two directions)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

REFLOW_WIDTH = 320

OVERFLOW_REPORT = """
() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const describe = (el) => el.tagName.toLowerCase()
    + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 1) wide.push(describe(el) + ' (right edge ' + Math.round(right) + ')');
    if (wide.length >= 8) break;
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, wide: wide};
}
"""


def open_page(page: Page, live_server: Any, data: dict[str, Any], path: str) -> str:
    """Go to ``path`` (its ``{placeholders}`` filled from ``data``); fail unless 200."""
    url = live_server.url + path.format(**data)
    response = page.goto(url)
    assert response is not None, f"no response from {url}"
    assert response.status == 200, f"GET {url}: status {response.status}"
    return url


def assert_reflows(page: Page) -> None:
    """The page as it is now fits 320 CSS pixels; the viewport goes back to a desktop's."""
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    report = page.evaluate(OVERFLOW_REPORT)
    page.set_viewport_size({"width": 1280, "height": 800})
    assert report["scrollWidth"] <= report["clientWidth"] + 1, (
        f"{page.url} scrolls sideways at {REFLOW_WIDTH} px: scrollWidth "
        f"{report['scrollWidth']} > clientWidth {report['clientWidth']}. Wider than the "
        "viewport: " + ", ".join(report["wide"])
    )
