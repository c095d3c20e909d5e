"""Charts: Vega-Lite specs rendered to accessible SVG on the server.

Pages and reports call the builders with already computed values::

    from charts import Point, Series, trend_chart

    chart = trend_chart(
        element_id="trend-andel-e-faktura",
        series=[Series("Alla myndigheter", [Point("2023", 92.0), Point("2024", 94.0)], "national")],
        figure=SHARE_E_INVOICES,
        language="sv",
        title="Andel e-fakturor 2023–2024",
    )

and render it with ``{% include "charts/chart.html" with chart=chart %}``.

``trend_chart`` takes optional ``markers=[Marker("2024", "Start: …", "Sentence.")]``: a
dotted vertical rule at the period with its short label above the plot, named in the
summary sentence and in a last column of the data table (docs/practices.md), and
optional ``references=[Reference(98.0, "Mål 2026: 98 %", "Sentence.")]``: a dash-dotted
horizontal rule at that level (an agency's goal), named in the summary sentence.
"""

from charts.builders import Chart, compare_chart, distribution_chart, trend_chart
from charts.data import Bar, Marker, Point, Reference, Series
from charts.exceptions import ChartDataError
from charts.tables import ChartTable

__all__ = [
    "Bar",
    "Chart",
    "ChartDataError",
    "ChartTable",
    "Marker",
    "Point",
    "Reference",
    "Series",
    "compare_chart",
    "distribution_chart",
    "trend_chart",
]
