"""The data tables behind the charts: formatted cells, "ej beräkningsbart" for gaps."""

from __future__ import annotations

from charts import Bar, ChartTable, Point, Series
from charts.tables import compare_table, distribution_table, trend_table
from keyfigures.registry import E_ORDERS_PER_100_FTE, SHARE_E_INVOICES
from tests.charts.helpers import NBSP, national_and_agency


def test_trend_table_has_a_row_per_period_and_marks_gaps() -> None:
    table = trend_table(
        series=national_and_agency(), figure=SHARE_E_INVOICES, language="sv", title="Titel"
    )
    assert table.caption == "Titel"
    assert table.columns == ["Period", "Alla myndigheter", "Arbetsförmedlingen"]
    assert table.rows[0] == ["2019", f"76{NBSP}%", f"70{NBSP}%"]
    assert table.rows[1] == ["2020", f"80{NBSP}%", "ej beräkningsbart"]
    assert len(table.rows) == 6
    assert table.footer == []


def test_a_period_missing_from_a_series_is_not_computable_too() -> None:
    sparse = [
        Series("A", [Point("2019", 1.0), Point("2020", 2.0)]),
        Series("B", [Point("2020", 3.0)]),
    ]
    table = trend_table(series=sparse, figure=SHARE_E_INVOICES, language="en", title="T")
    assert table.rows == [["2019", "1%", "not computable"], ["2020", "2%", "3%"]]


def test_compare_table_has_a_row_per_agency_and_the_unit_in_the_caption() -> None:
    agencies = [
        Series("Skatteverket", [Point("2023", 1234.5), Point("2024", None)]),
        Series("Tullverket", [Point("2023", -2.0), Point("2024", 0.0)]),
    ]
    table = compare_table(series=agencies, figure=E_ORDERS_PER_100_FTE, language="sv", title="T")
    assert table == ChartTable(
        caption="T (e-order per 100 ÅA)",
        columns=["Myndighet", "2023", "2024"],
        rows=[
            ["Skatteverket", f"1{NBSP}235", "ej beräkningsbart"],
            ["Tullverket", "\u22122", "0"],
        ],
    )


def test_distribution_table_is_in_chart_order_with_the_class_in_words() -> None:
    bars = [Bar("B", 50.0, "red"), Bar("A", 96.5, "green"), Bar("C", 80.0, "yellow")]
    table = distribution_table(
        bars=bars, figure=SHARE_E_INVOICES, language="en", title="T", national_total=88.49
    )
    assert table.columns == ["Agency", "Share of e-invoices", "Class"]
    assert table.rows == [
        ["A", "97%", "Green"],
        ["C", "80%", "Yellow"],
        ["B", "50%", "Red"],
    ]
    assert table.footer == [["All agencies together", "88%", ""]]
