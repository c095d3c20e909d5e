"""The charts in a real browser: they fit 320 px (= 200 % zoom of 640 px) and pass axe."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from playwright.sync_api import Page

from charts import Chart, compare_chart, distribution_chart, trend_chart
from keyfigures.registry import E_ORDERS_PER_100_FTE, SHARE_E_INVOICES
from tests.browser.axe import assert_no_axe_violations
from tests.charts.helpers import national_and_agency, round_of_157, series

pytestmark = pytest.mark.browser

# No site stylesheet on purpose: the SVG's own attributes must make it scale.
PAGE = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Diagram</title></head>
<body><main><h1>Diagram</h1>{charts}</main></body></html>"""


def charts() -> list[Chart]:
    return [
        trend_chart(
            element_id="trend",
            series=national_and_agency(),
            figure=SHARE_E_INVOICES,
            language="sv",
            title="Andel e-fakturor 2019–2024",
        ),
        distribution_chart(
            element_id="distribution",
            bars=round_of_157(),
            figure=SHARE_E_INVOICES,
            language="sv",
            title="Andel e-fakturor 2024",
            highlight="Myndighet 070",
            national_total=88.0,
        ),
        compare_chart(
            element_id="compare",
            series=[
                series(f"Myndigheten för område {i}", [float(100 * i + 10 * y) for y in range(6)])
                for i in range(10)
            ],
            figure=E_ORDERS_PER_100_FTE,
            language="sv",
            title="E-order per 100 årsarbetskrafter",
        ),
    ]


def load(page: Page, width: int) -> None:
    with translation.override("sv"):
        html = "".join(render_to_string("charts/chart.html", {"chart": c}) for c in charts())
    page.set_viewport_size({"width": width, "height": 900})
    page.set_content(PAGE.format(charts=html))


@pytest.mark.parametrize("width", [320, 640, 1280])
def test_charts_scale_to_the_viewport_and_keep_their_proportions(page: Page, width: int) -> None:
    load(page, width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for svg in page.locator("figure.chart > svg").all():
        box = svg.bounding_box()
        assert box is not None
        view_box = (svg.get_attribute("viewBox") or "").split()
        aspect = float(view_box[3]) / float(view_box[2])
        assert 0 < box["width"] <= min(width, float(view_box[2]) + 0.5)  # never blown up
        assert box["height"] == pytest.approx(box["width"] * aspect, rel=0.02)
        # Nothing Vega drew sticks out of the image (it would be cut off).
        outside = svg.evaluate(
            """svg => {
                const frame = svg.getBoundingClientRect();
                return [...svg.querySelectorAll('text')].filter(t => {
                    const r = t.getBoundingClientRect();
                    return r.width && (r.left < frame.left - 1 || r.right > frame.right + 1
                        || r.top < frame.top - 1 || r.bottom > frame.bottom + 1);
                }).map(t => t.textContent);
            }"""
        )
        assert outside == []


def test_charts_and_their_tables_pass_axe(page: Page) -> None:
    load(page, 320)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert_no_axe_violations(page)
