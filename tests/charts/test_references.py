"""Reference lines on trend charts: an absolute level (an agency's goal) beside the
relative classes, drawn, named in the summary, and inside the y scale."""

from decimal import Decimal

import pytest

from charts import ChartDataError, Marker, Point, Reference, Series, trend_chart
from charts.specs import trend_spec
from keyfigures.registry import KEY_FIGURES_BY_SLUG
from keyfigures.selectors import agency_history
from learning.services import goal_set
from public.charts_for_pages import agency_charts

E_ORDERS = KEY_FIGURES_BY_SLUG["e-order-per-100-aa"]
SHARE = KEY_FIGURES_BY_SLUG["andel-e-faktura"]
SERIES = [
    Series(
        label="Mellanverket",
        role="agency",
        points=[Point("2023", 125.0), Point("2024", 500.0)],
    )
]
GOAL = Reference(1200.0, "Mål 2026: 1 200", "Myndighetens mål för 2026 är 1 200 e-order.")


def test_reference_is_a_horizontal_rule_with_a_label_inside_the_scale():
    spec = trend_spec(series=SERIES, figure=E_ORDERS, language="sv", title="T", references=[GOAL])
    lines, rule, label = spec["layer"]
    assert lines["layer"][0]["mark"]["type"] == "line"
    assert rule["mark"]["type"] == "rule"
    assert rule["data"]["values"] == [
        {
            "value": 1200.0,
            "label": "Mål 2026: 1 200",
            "description": "Myndighetens mål för 2026 är 1 200 e-order.",
        }
    ]
    assert rule["encoding"]["y"]["field"] == "value"
    assert label["mark"]["type"] == "text"
    assert label["encoding"]["text"] == {"field": "label"}


def test_reference_and_marker_together_keep_one_nested_line_layer():
    spec = trend_spec(
        series=SERIES,
        figure=E_ORDERS,
        language="sv",
        title="T",
        references=[GOAL],
        markers=[Marker("2024", "Start: X", "Exemplet X började 2024.")],
    )
    kinds = [layer.get("mark", {}).get("type") for layer in spec["layer"]]
    assert kinds == [None, "rule", "text", "rule", "text", "text"]
    assert "encoding" not in spec


def test_reference_is_named_in_the_summary_and_drawn():
    chart = trend_chart(
        element_id="t",
        series=SERIES,
        figure=E_ORDERS,
        language="sv",
        title="T",
        references=[GOAL],
    )
    assert chart.summary.endswith("Referenslinje: Myndighetens mål för 2026 är 1 200 e-order.")
    assert "Mål 2026: 1 200" in chart.svg


def test_a_reference_needs_a_finite_value_and_words():
    with pytest.raises(ChartDataError):
        Reference(float("nan"), "x", "y")
    with pytest.raises(ChartDataError):
        Reference(50.0, " ", "y")


@pytest.mark.django_db
def test_agency_charts_draw_the_agency_goals_on_their_figures(world, django_user_model):
    office = django_user_model.objects.create_user("kansliet@example.se", "x", role="analyst")
    goal_set(
        user=office, agency=world.mellanverket, figure=SHARE.slug, value=Decimal(98), year=2026
    )
    charts = {
        item.figure.slug: item.chart
        for item in agency_charts(
            world.mellanverket, agency_history(agency=world.mellanverket), "sv"
        )
    }
    summary = charts[SHARE.slug].summary.replace("\u00a0", " ")
    assert "Referenslinje: Myndighetens mål för 2026 är 98 %." in summary
    assert "Mål 2026: 98" in charts[SHARE.slug].svg
    assert "Referenslinje" not in charts[E_ORDERS.slug].summary
