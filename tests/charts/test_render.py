"""SVG rendering: accessible inline markup, scalable, Swedish numbers, cached, offline."""

from __future__ import annotations

import re
from typing import Any

import pytest

from charts import ChartDataError
from charts.render import CACHE_SIZE, canonical_json, convert, render_svg
from charts.specs import trend_spec
from keyfigures.registry import E_ORDERS_PER_100_FTE, SHARE_E_INVOICES
from tests.charts.helpers import NBSP, attribute, national_and_agency, root_tag, series, texts

TITLE = "Andel e-fakturor 2019–2024"
SUMMARY = "Andelen e-fakturor steg."


@pytest.fixture
def spec() -> dict[str, Any]:
    return trend_spec(
        series=national_and_agency(), figure=SHARE_E_INVOICES, language="sv", title=TITLE
    )


def accessible(spec: dict[str, Any], element_id: str = "chart-1", language: str = "sv") -> str:
    return render_svg(
        spec, language=language, element_id=element_id, title=TITLE, description=SUMMARY
    )


def test_the_svg_is_one_image_named_by_its_title_and_desc(spec: dict[str, Any]) -> None:
    svg = accessible(spec, "trend-e-invoices")
    root = root_tag(svg)
    assert attribute(root, "role") == "img"
    assert attribute(root, "aria-labelledby") == "trend-e-invoices-title trend-e-invoices-desc"
    assert f'<title id="trend-e-invoices-title">{TITLE}</title>' in svg
    assert f'<desc id="trend-e-invoices-desc">{SUMMARY}</desc>' in svg
    assert svg.endswith("</svg>")


def test_the_svg_scales_instead_of_having_a_fixed_size(spec: dict[str, Any]) -> None:
    svg = accessible(spec)
    root = root_tag(svg)
    assert attribute(root, "width") == "100%"
    assert attribute(root, "height") is None
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", attribute(root, "viewBox") or "")
    assert not re.search(r'\b(width|height)="[\d.]+(px)?"', root)
    assert not re.search(r'\bwidth="[\d.]+px"', svg)


def test_title_and_description_are_escaped(spec: dict[str, Any]) -> None:
    svg = render_svg(
        spec,
        language="sv",
        element_id="x",
        title="<script>alert(1)</script>",
        description='"A & B"',
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "&quot;A &amp; B&quot;" in svg


def test_labels_from_the_data_are_escaped_by_vega() -> None:
    spec = trend_spec(
        series=[series("<img src=x onerror=alert(1)> & Co", [1.0] * 6)],
        figure=SHARE_E_INVOICES,
        language="sv",
        title="T",
    )
    svg = accessible(spec)
    assert "<img" not in svg
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; Co" in svg


@pytest.mark.parametrize("element_id", ["", "1chart", "two words", 'x"onload="'])
def test_element_id_must_be_a_plain_html_id(spec: dict[str, Any], element_id: str) -> None:
    with pytest.raises(ChartDataError):
        accessible(spec, element_id)


def test_ids_inside_the_svg_are_scoped_to_the_chart() -> None:
    clipped = {
        "data": {"values": [{"x": 1, "y": 1}, {"x": 2, "y": 3}]},
        "mark": {"type": "line", "clip": True},
        "encoding": {
            "x": {"field": "x", "type": "quantitative"},
            "y": {"field": "y", "type": "quantitative"},
        },
    }
    first, second = accessible(clipped, "first"), accessible(clipped, "second")
    first_ids = set(re.findall(r'\bid="([^"]+)"', first))
    second_ids = set(re.findall(r'\bid="([^"]+)"', second))
    assert len(first_ids) > 2  # a clip path besides <title> and <desc>
    assert all(i.startswith("first-") for i in first_ids)
    assert not first_ids & second_ids
    for reference in re.findall(r"url\(#([^)]+)\)", first):
        assert reference in first_ids


def test_text_stays_text_in_a_generic_font_list(spec: dict[str, Any]) -> None:
    svg = accessible(spec)
    assert "Arbetsförmedlingen" in texts(svg)
    families = set(re.findall(r'font-family="([^"]*)"', svg))
    assert families == {"DejaVu Sans, sans-serif"}
    assert "@font-face" not in svg
    assert "<image" not in svg


def test_swedish_axis_labels_have_a_space_before_the_percent_sign() -> None:
    chart = trend_spec(
        series=national_and_agency(), figure=SHARE_E_INVOICES, language="sv", title="T"
    )
    shown = texts(accessible(chart, language="sv"))
    assert f"20{NBSP}%" in shown
    assert f"100{NBSP}%" in shown
    assert "20%" not in shown


def test_english_axis_labels_have_no_space_before_the_percent_sign() -> None:
    chart = trend_spec(
        series=national_and_agency(), figure=SHARE_E_INVOICES, language="en", title="T"
    )
    shown = texts(accessible(chart, language="en"))
    assert "20%" in shown
    assert f"20{NBSP}%" not in shown


@pytest.mark.parametrize(
    ("language", "thousand", "half"),
    [("sv", f"1{NBSP}000", "0,5"), ("en", "1,000", "0.5")],
)
def test_axis_numbers_follow_the_language(language: str, thousand: str, half: str) -> None:
    big = trend_spec(
        series=[series("A", [200.0, 400.0, 800.0, 1200.0, 1400.0, 1500.0])],
        figure=E_ORDERS_PER_100_FTE,
        language=language,
        title="T",
    )
    assert thousand in texts(accessible(big, language=language))
    small = trend_spec(
        series=[series("A", [0.5, 1.0, 1.5, 2.0, 2.5, 2.5])],
        figure=E_ORDERS_PER_100_FTE,
        language=language,
        title="T",
    )
    assert half in texts(accessible(small, language=language))


def test_the_conversion_is_cached_on_spec_and_language(spec: dict[str, Any]) -> None:
    convert.cache_clear()
    first = accessible(spec)
    second = accessible(dict(reversed(spec.items())))  # same spec, other key order
    assert first == second
    info = convert.cache_info()
    assert (info.hits, info.misses, info.maxsize) == (1, 1, CACHE_SIZE)
    accessible(spec, language="en")  # another locale is another entry
    assert convert.cache_info().misses == 2


def test_the_cache_key_is_canonical_json(spec: dict[str, Any]) -> None:
    assert canonical_json(spec) == canonical_json(dict(reversed(spec.items())))
    with pytest.raises(ValueError, match="JSON compliant"):
        canonical_json({"value": float("nan")})


def test_nothing_is_fetched_at_run_time() -> None:
    remote = {
        "data": {"url": "https://example.org/data.json"},
        "mark": "point",
        "encoding": {"x": {"field": "x", "type": "quantitative"}},
    }
    with pytest.raises(ValueError, match="not allowed"):
        convert(canonical_json(remote), "sv")


def test_only_the_root_has_a_role_and_marks_describe_themselves_in_tooltips() -> None:
    spec = trend_spec(
        series=national_and_agency(), figure=SHARE_E_INVOICES, language="sv", title="T"
    )
    svg = accessible(spec)
    assert re.findall(r'\brole="([^"]*)"', svg) == ["img"]
    assert "aria-roledescription" not in svg
    assert "aria-label=" not in svg
    assert f"<title>Arbetsförmedlingen, 2024: 91{NBSP}%</title>" in svg
    assert "<title>Arbetsförmedlingen, 2020: ej beräkningsbart</title>" not in svg  # a gap


def test_the_svg_does_not_grow_past_its_drawn_size(spec: dict[str, Any]) -> None:
    root = root_tag(accessible(spec))
    drawn_width = float((attribute(root, "viewBox") or "").split()[2])
    assert attribute(root, "style") == f"max-width: {drawn_width / 16:.2f}rem"


def test_coordinates_are_rounded_but_text_is_not() -> None:
    spec = trend_spec(
        series=[series("Fond 0.123456", [1 / 3, 2 / 3, 1.0, 4 / 3, 5 / 3, 2.0])],
        figure=E_ORDERS_PER_100_FTE,
        language="en",
        title="0.654321",
    )
    svg = accessible(spec)
    tags = re.findall(r"<[^>]+>", svg)
    assert not [tag for tag in tags if re.search(r"\d\.\d{3}", tag)]
    assert {"0.654321", "Fond 0.123456"} <= set(texts(svg))
    assert "<title>Fond 0.123456, 2019: 0</title>" in svg
