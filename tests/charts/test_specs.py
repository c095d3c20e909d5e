"""The Vega-Lite specs: they render, gaps stay gaps, and no series differs by colour alone."""

from __future__ import annotations

from typing import Any

import pytest

from charts import Bar, ChartDataError, Point, Series
from charts.render import canonical_json, convert
from charts.specs import (
    compare_spec,
    distribution_spec,
    period_order,
    sort_bars,
    trend_spec,
)
from charts.styles import (
    BACKGROUND,
    CLASS_COLOURS,
    CYCLE_STYLES,
    ROLE_STYLES,
    contrast_ratio,
)
from keyfigures.registry import E_ORDERS_PER_100_FTE, KEY_FIGURES, SHARE_E_INVOICES
from tests.charts.helpers import (
    attribute,
    line_paths,
    mark_titles,
    national_and_agency,
    round_of_157,
    series,
    texts,
)

TREND_CASES = {
    "normal": national_and_agency(),
    "gaps": [series("A", [None, 50.0, None, 60.0, None, None])],
    "single point": [Series("A", [Point("2024", 91.0)])],
    "all none": [series("A", [None] * 6), series("B", [None] * 6, "national")],
    "no series": [],
    "no points": [Series("A", [])],
    "all roles": [series(role, [10.0, 20.0, 30.0, 40.0, 50.0, 60.0], role) for role in ROLE_STYLES],
}


def render(spec: dict[str, Any], language: str = "sv") -> str:
    return convert(canonical_json(spec), language)


def encoding_ranges(spec: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        channel: spec["encoding"][channel]["scale"]["range"]
        for channel in ("color", "strokeDash", "shape")
    }


@pytest.mark.parametrize("figure", KEY_FIGURES, ids=lambda f: f.slug)
@pytest.mark.parametrize("case", TREND_CASES, ids=str)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_trend_spec_renders(case: str, figure: Any, language: str) -> None:
    spec = trend_spec(series=TREND_CASES[case], figure=figure, language=language, title="T")
    svg = render(spec, language)
    assert svg.startswith("<svg")
    assert "T" in texts(svg)


@pytest.mark.parametrize("count", [2, 5, 10])
def test_compare_spec_renders_up_to_ten_agencies(count: int) -> None:
    agencies = [
        series(f"Myndighet {i}", [float(i * 10 + year) for year in range(6)]) for i in range(count)
    ]
    spec = compare_spec(series=agencies, figure=E_ORDERS_PER_100_FTE, language="sv", title="T")
    svg = render(spec)
    for agency in agencies:
        assert agency.label in texts(svg)  # the legend names every line
    assert len(line_paths(svg)) == count


@pytest.mark.parametrize("count", [0, 1, 11])
def test_compare_spec_refuses_other_counts(count: int) -> None:
    agencies = [series(f"M{i}", [1.0] * 6) for i in range(count)]
    with pytest.raises(ChartDataError):
        compare_spec(series=agencies, figure=SHARE_E_INVOICES, language="sv", title="T")


@pytest.mark.parametrize(
    "bars",
    [
        round_of_157(),
        [],
        [Bar("Ensam myndighet", 50.0, "yellow")],
        [Bar(f"M{i}", 80.0, "yellow") for i in range(30)],
    ],
    ids=["157", "none", "one", "all equal"],
)
def test_distribution_spec_renders(bars: list[Bar]) -> None:
    spec = distribution_spec(
        bars=bars,
        figure=SHARE_E_INVOICES,
        language="sv",
        title="T",
        highlight=bars[0].label if bars else None,
        national_total=88.5,
    )
    assert render(spec).startswith("<svg")


def test_a_missing_value_breaks_the_line_and_is_not_drawn_as_zero() -> None:
    spec = trend_spec(
        series=[series("A", [10.0, 20.0, None, 40.0, 50.0, 60.0])],
        figure=SHARE_E_INVOICES,
        language="sv",
        title="T",
    )
    (path,) = line_paths(render(spec))
    # Two sub-paths: 2019–2020 and 2022–2024. Joined or dropped to zero it would be one.
    assert (attribute(path, "d") or "").count("M") == 2
    assert {
        key: value
        for key, value in spec["data"]["values"][2].items()
        if key in ("period", "series", "value")
    } == {"period": "2021", "series": "A", "value": None}


def test_every_role_has_its_own_colour_dash_and_shape() -> None:
    styles = list(ROLE_STYLES.values())
    for attribute_name in ("colour", "dash", "shape"):
        values = [getattr(style, attribute_name) for style in styles]
        assert len(set(values)) == len(values), attribute_name


def test_the_trend_spec_gives_each_series_its_role_style() -> None:
    spec = trend_spec(
        series=TREND_CASES["all roles"], figure=SHARE_E_INVOICES, language="sv", title="T"
    )
    ranges = encoding_ranges(spec)
    assert ranges["strokeDash"] == [list(style.dash) for style in ROLE_STYLES.values()]
    assert ranges["shape"] == [style.shape for style in ROLE_STYLES.values()]
    # …and the SVG really draws five different dash patterns.
    dashes = [attribute(path, "stroke-dasharray") for path in line_paths(render(spec))]
    assert len(set(dashes)) == len(ROLE_STYLES)


def test_a_repeated_role_still_gets_a_distinct_dash_and_shape() -> None:
    spec = trend_spec(
        series=[series("A", [1.0] * 6, "other"), series("B", [2.0] * 6, "other")],
        figure=SHARE_E_INVOICES,
        language="sv",
        title="T",
    )
    ranges = encoding_ranges(spec)
    assert ranges["strokeDash"][0] != ranges["strokeDash"][1]
    assert ranges["shape"][0] != ranges["shape"][1]


def test_ten_compared_agencies_have_ten_distinct_dashes_shapes_and_colours() -> None:
    agencies = [series(f"M{i}", [float(i)] * 6) for i in range(10)]
    spec = compare_spec(series=agencies, figure=SHARE_E_INVOICES, language="sv", title="T")
    for channel, values in encoding_ranges(spec).items():
        assert len({repr(value) for value in values}) == 10, channel


@pytest.mark.parametrize(
    "colour",
    sorted(
        {style.colour for style in (*ROLE_STYLES.values(), *CYCLE_STYLES)}
        | set(CLASS_COLOURS.values())
    ),
)
def test_mark_colours_have_three_to_one_contrast_against_the_background(colour: str) -> None:
    assert contrast_ratio(colour, BACKGROUND) >= 3


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)


def test_distribution_class_is_written_not_only_coloured() -> None:
    bars = round_of_157()
    svg = render(
        distribution_spec(
            bars=bars, figure=SHARE_E_INVOICES, language="sv", title="T", highlight=None
        )
    )
    shown = texts(svg)
    assert {"Klass", "Grön", "Gul", "Röd"} <= set(shown)  # the legend
    assert {"Grön: 63", "Gul: 16", "Röd: 78"} <= set(shown)  # the runs under the axis
    descriptions = [label for label in mark_titles(svg) if label.startswith("Myndighet ")]
    assert len(descriptions) == len(bars)
    assert "Myndighet 000: 96\u00a0%, grön" in descriptions
    assert "Myndighet 156: 50\u00a0%, röd" in descriptions


def test_few_bars_carry_the_class_in_the_axis_label() -> None:
    bars = [Bar("Skatteverket", 97.0, "green"), Bar("Kammarkollegiet", 60.0, "red")]
    svg = render(distribution_spec(bars=bars, figure=SHARE_E_INVOICES, language="en", title="T"))
    assert {"Skatteverket (green)", "Kammarkollegiet (red)"} <= set(texts(svg))


def test_distribution_explains_the_total_and_the_highlight_in_words() -> None:
    spec = distribution_spec(
        bars=round_of_157(),
        figure=SHARE_E_INVOICES,
        language="sv",
        title="T",
        highlight="Myndighet 070",
        national_total=88.5,
    )
    shown = texts(render(spec))
    assert "Streckad linje: alla myndigheter tillsammans, 89\u00a0%" in shown
    assert "Svart triangel: Myndighet 070, 93\u00a0%" in shown


def test_bars_are_sorted_best_first_with_ties_by_name() -> None:
    bars = [Bar("b", 50.0, "red"), Bar("C", 90.0, "green"), Bar("a", 50.0, "red")]
    assert [bar.label for bar in sort_bars(bars, SHARE_E_INVOICES)] == ["C", "a", "b"]


def test_period_order_interleaves_sparse_series() -> None:
    sparse = [
        Series("A", [Point("2019", 1.0), Point("2021", 1.0)]),
        Series("B", [Point("2020", 1.0), Point("2021", 1.0), Point("2022", 1.0)]),
    ]
    assert period_order(sparse) == ["2019", "2020", "2021", "2022"]


def test_period_order_refuses_contradicting_series() -> None:
    contradicting = [
        Series("A", [Point("2019", 1.0), Point("2020", 1.0)]),
        Series("B", [Point("2020", 1.0), Point("2019", 1.0)]),
    ]
    with pytest.raises(ChartDataError):
        period_order(contradicting)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Series("A", [], role="boss"),
        lambda: Series("A", [Point("2019", 1.0), Point("2019", 2.0)]),
        lambda: Point("2019", float("nan")),
        lambda: Bar("A", 1.0, "grey"),
        lambda: Bar("A", float("inf"), "red"),
        lambda: Bar("A", None, "red"),  # type: ignore[arg-type]
    ],
    ids=["role", "duplicate period", "nan", "grey class", "infinite bar", "bar without value"],
)
def test_inconsistent_input_is_refused(make: Any) -> None:
    with pytest.raises(ChartDataError):
        make()


def test_duplicate_series_labels_are_refused() -> None:
    with pytest.raises(ChartDataError):
        trend_spec(
            series=[series("A", [1.0] * 6), series("A", [2.0] * 6, "national")],
            figure=SHARE_E_INVOICES,
            language="sv",
            title="T",
        )
