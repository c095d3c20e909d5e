"""The chart snippet: figure, inline SVG, summary and a real table behind "Visa som tabell"."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from charts import Bar, Chart, distribution_chart, trend_chart
from keyfigures.registry import SHARE_E_INVOICES
from tests.charts.helpers import national_and_agency, round_of_157


class Elements(HTMLParser):
    """Every start tag with its attributes and the text directly after it."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._open and data.strip():
            self.text.setdefault(self._open[-1], []).append(data.strip())

    def ids(self) -> list[str]:
        return [attrs["id"] or "" for _tag, attrs in self.tags if "id" in attrs]


def render(chart: Chart, language: str = "sv") -> Elements:
    with translation.override(language):
        html = render_to_string("charts/chart.html", {"chart": chart})
    parser = Elements()
    parser.feed(html)
    return parser


def trend(language: str = "sv", element_id: str = "trend") -> Chart:
    return trend_chart(
        element_id=element_id,
        series=national_and_agency(),
        figure=SHARE_E_INVOICES,
        language=language,
        title="Andel e-fakturor",
    )


def test_the_snippet_is_a_figure_with_svg_caption_and_table() -> None:
    page = render(trend())
    tags = [tag for tag, _attrs in page.tags]
    assert tags[:2] == ["figure", "svg"]
    assert tags.index("figcaption") < tags.index("details") < tags.index("table")
    assert page.text["summary"] == ["Visa som tabell"]
    assert page.text["figcaption"] == [trend().summary]
    assert page.text["caption"] == ["Andel e-fakturor"]
    svg_attrs = dict(page.tags[1][1])
    assert svg_attrs["role"] == "img"
    assert svg_attrs["aria-labelledby"] == "trend-title trend-desc"


def test_header_cells_have_a_scope() -> None:
    page = render(trend())
    scopes = Counter(attrs.get("scope") for tag, attrs in page.tags if tag == "th")
    assert scopes == {"col": 3, "row": 6}
    assert not any(tag == "td" and "scope" in attrs for tag, attrs in page.tags)


def test_the_table_footer_holds_the_national_total() -> None:
    chart = distribution_chart(
        element_id="dist",
        bars=[Bar("A", 97.0, "green"), Bar("B", 50.0, "red")],
        figure=SHARE_E_INVOICES,
        language="sv",
        title="Andel e-fakturor 2024",
        national_total=80.0,
    )
    page = render(chart)
    assert "tfoot" in [tag for tag, _attrs in page.tags]
    assert "Alla myndigheter tillsammans" in page.text["th"]


def test_the_toggle_is_translated() -> None:
    page = render(trend("en"), "en")
    assert page.text["summary"] == ["Show as table"], (
        "charts/locale/en is not compiled: run `make messages`"
    )


def test_two_charts_on_one_page_share_no_id() -> None:
    distribution = distribution_chart(
        element_id="distribution",
        bars=round_of_157(),
        figure=SHARE_E_INVOICES,
        language="sv",
        title="Andel e-fakturor 2024",
        highlight="Myndighet 001",
        national_total=90.0,
    )
    ids = render(trend()).ids() + render(distribution).ids()
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert {"trend", "trend-title", "trend-desc", "trend-caption"} <= set(ids)


def test_text_is_escaped_but_the_svg_is_not() -> None:
    chart = trend_chart(
        element_id="x",
        series=national_and_agency(),
        figure=SHARE_E_INVOICES,
        language="sv",
        title="<b>Andel</b>",
    )
    with translation.override("sv"):
        html = render_to_string("charts/chart.html", {"chart": chart})
    assert "<svg " in html
    assert "<b>" not in html
    assert "&lt;b&gt;Andel&lt;/b&gt;" in html


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_svg_title_and_desc_are_the_title_and_summary(language: str) -> None:
    chart = trend(language)
    assert f'<title id="trend-title">{chart.title}</title>' in chart.svg
    assert f'<desc id="trend-desc">{chart.summary}</desc>' in chart.svg
