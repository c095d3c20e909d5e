"""Practice markers on the agency's trend charts: in the spec, the SVG, the summary and
the data table; the charts' existing calls are unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from charts import ChartDataError, Marker, Point, Series, trend_chart
from charts.specs import trend_spec
from keyfigures.registry import SHARE_MATCHED
from keyfigures.selectors import agency_history
from public.charts_for_pages import agency_charts
from tests.practices.conftest import published_practice

SERIES = [
    Series("Mellanverket", [Point("2023", 10.0), Point("2024", 40.0)], "agency"),
    Series("Alla myndigheter", [Point("2023", 30.0), Point("2024", 35.0)], "national"),
]
MARKER = Marker("2024", "Start: Matchning", "Exemplet ”Matchning” började 1 mars 2024.")


def test_without_markers_the_chart_is_as_before():
    chart = trend_chart(
        element_id="t", series=SERIES, figure=SHARE_MATCHED, language="sv", title="T"
    )
    assert "Markering" not in chart.summary
    assert chart.table.columns == ["Period", "Mellanverket", "Alla myndigheter"]
    spec = trend_spec(series=SERIES, figure=SHARE_MATCHED, language="sv", title="T")
    assert "encoding" in spec
    assert len(spec["layer"]) == 2


def test_marker_is_a_rule_with_a_label_and_is_named_in_summary_and_table():
    spec = trend_spec(
        series=SERIES, figure=SHARE_MATCHED, language="sv", title="T", markers=[MARKER]
    )
    lines, rule, *labels = spec["layer"]
    assert lines["layer"][0]["mark"]["type"] == "line"
    assert rule["mark"]["type"] == "rule"
    assert rule["data"]["values"][0]["period"] == "2024"
    assert rule["encoding"]["x"]["field"] == "period"
    assert {layer["mark"]["align"] for layer in labels} == {"left", "right"}
    assert rule["data"]["values"][0]["align"] == "right"  # the last period: label goes left

    chart = trend_chart(
        element_id="t",
        series=SERIES,
        figure=SHARE_MATCHED,
        language="sv",
        title="T",
        markers=[MARKER],
    )
    assert chart.summary.endswith("Markering vid 2024: Exemplet ”Matchning” började 1 mars 2024.")
    assert chart.table.columns[-1] == "Markering"
    assert chart.table.rows[0][-1] == "–"
    assert chart.table.rows[1][-1] == "Exemplet ”Matchning” började 1 mars 2024."
    assert "Start: Matchning" in chart.svg


def test_marker_at_an_unknown_period_is_refused():
    with pytest.raises(ChartDataError):
        trend_spec(
            series=SERIES,
            figure=SHARE_MATCHED,
            language="sv",
            title="T",
            markers=[Marker("2019", "x", "y")],
        )
    with pytest.raises(ChartDataError):
        Marker("2024", " ", "y")


def test_agency_charts_mark_practices_on_the_figures_they_aimed_at(pw):
    published_practice(pw, figures=["andel-matchade"], started_on=date(2024, 3, 1))
    published_practice(
        pw, title="För tidigt", figures=["andel-matchade"], started_on=date(2020, 1, 1)
    )
    history = agency_history(agency=pw.mellanverket)
    charts = {
        item.figure.slug: item.chart for item in agency_charts(pw.mellanverket, history, "sv")
    }
    matched = charts["andel-matchade"]
    assert (
        "Markering vid 2024: Exemplet ”Matchning mot avtal” (Så gjorde vi) började 1 mars 2024."
        in matched.summary
    )
    assert "För tidigt" not in matched.summary  # starts before the first charted round
    assert matched.table.rows[-1][-1].startswith("Exemplet ”Matchning mot avtal”")
    assert "Markering" not in charts["andel-e-faktura"].summary
    english = {i.figure.slug: i.chart for i in agency_charts(pw.mellanverket, history, "en")}
    assert (
        "Marker at 2024: The practice “Matchning mot avtal” started on"
        in english["andel-matchade"].summary
    )


def test_markers_at_one_period_stack_their_labels_above_the_plot():
    plain = trend_spec(series=SERIES, figure=SHARE_MATCHED, language="sv", title="T")
    two = trend_spec(
        series=SERIES,
        figure=SHARE_MATCHED,
        language="sv",
        title="T",
        markers=[MARKER, Marker("2024", "Start: B", "B började."), Marker("2023", "A", "A.")],
    )
    rows = two["layer"][1]["data"]["values"]
    assert [(r["period"], r["row"]) for r in rows] == [("2024", 0), ("2024", 1), ("2023", 0)]
    # room for two rows of labels under the title
    assert two["config"]["title"]["offset"] == plain["config"]["title"]["offset"] + 2 * 16
