"""The one-sentence summaries, word for word, including the edge cases."""

from __future__ import annotations

import pytest

from charts import Bar, Point, Series
from charts.summaries import compare_summary, distribution_summary, trend_summary
from keyfigures.registry import E_ORDERS_PER_100_FTE, SHARE_E_INVOICES, SHARE_MATCHED
from tests.charts.helpers import NBSP, national_and_agency, round_of_157, series


def test_trend_in_swedish() -> None:
    assert trend_summary(series=national_and_agency(), figure=SHARE_E_INVOICES, language="sv") == (
        f"Andelen e-fakturor steg från 76{NBSP}% 2019 till 94{NBSP}% 2024 för alla "
        f"myndigheter; Arbetsförmedlingen låg på 91{NBSP}% 2024."
    )


def test_trend_in_english() -> None:
    national, agency = national_and_agency()
    national = Series("All agencies", national.points, "national")
    assert trend_summary(series=[agency, national], figure=SHARE_E_INVOICES, language="en") == (
        "The share of e-invoices rose from 76% in 2019 to 94% in 2024 for all agencies; "
        "Arbetsförmedlingen was at 91% in 2024."
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "sv",
            "E-order per 100 årsarbetskrafter sjönk från 365 e-order per 100 ÅA 2019 till "
            "300 e-order per 100 ÅA 2024 för alla myndigheter.",
        ),
        (
            "en",
            "E-orders per 100 full-time equivalents fell from 365 e-orders per 100 FTE in 2019 "
            "to 300 e-orders per 100 FTE in 2024 for alla myndigheter.",
        ),
    ],
)
def test_trend_falling_per_100_fte(language: str, expected: str) -> None:
    national = series("Alla myndigheter", [365.0, 350.0, None, 320.0, 310.0, 300.0], "national")
    assert trend_summary(series=[national], figure=E_ORDERS_PER_100_FTE, language=language) == (
        expected
    )


def test_trend_unchanged_is_judged_on_the_displayed_values() -> None:
    national = series("Alla myndigheter", [94.4, 90.0, 91.0, 92.0, 93.0, 94.2], "national")
    assert trend_summary(series=[national], figure=SHARE_MATCHED, language="sv") == (
        f"Andelen matchade fakturor var 94{NBSP}% både 2019 och 2024 för alla myndigheter."
    )


def test_trend_rounds_half_up() -> None:
    national = series("Alla myndigheter", [75.5, None, None, None, None, 94.49], "national")
    assert trend_summary(series=[national], figure=SHARE_E_INVOICES, language="en") == (
        "The share of e-invoices rose from 76% in 2019 to 94% in 2024 for alla myndigheter."
    )


def test_trend_with_a_single_point() -> None:
    agency = Series("Arbetsförmedlingen", [Point("2024", 91.0)])
    assert trend_summary(series=[agency], figure=SHARE_E_INVOICES, language="sv") == (
        f"Andelen e-fakturor var 91{NBSP}% 2024 för Arbetsförmedlingen."
    )


def test_trend_ends_at_the_last_computable_period() -> None:
    national = series("Alla myndigheter", [76.0, 80.0, 85.0, 88.0, 92.0, None], "national")
    assert trend_summary(series=[national], figure=SHARE_E_INVOICES, language="sv") == (
        f"Andelen e-fakturor steg från 76{NBSP}% 2019 till 92{NBSP}% 2023 för alla myndigheter."
    )


def test_trend_when_the_agency_has_no_value() -> None:
    national, _agency = national_and_agency()
    agency = series("Arbetsförmedlingen", [None] * 6)
    assert trend_summary(series=[national, agency], figure=SHARE_E_INVOICES, language="sv") == (
        f"Andelen e-fakturor steg från 76{NBSP}% 2019 till 94{NBSP}% 2024 för alla myndigheter; "
        "för Arbetsförmedlingen finns inget beräkningsbart värde."
    )


def test_trend_falls_back_to_the_first_series_with_values() -> None:
    national = series("Alla myndigheter", [None] * 6, "national")
    median = series("Median för departementet", [50.0, 60.0, 70.0, 80.0, 90.0, 95.0], "size_median")
    assert trend_summary(series=[national, median], figure=SHARE_E_INVOICES, language="en") == (
        "The share of e-invoices rose from 50% in 2019 to 95% in 2024 for median för departementet."
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "Det finns inga beräkningsbara värden för andelen e-fakturor att visa."),
        ("en", "There are no computable values of the share of e-invoices to show."),
    ],
)
def test_trend_without_values(language: str, expected: str) -> None:
    empty = [series("A", [None] * 6), Series("B", [], "national")]
    assert trend_summary(series=empty, figure=SHARE_E_INVOICES, language=language) == expected
    assert trend_summary(series=[], figure=SHARE_E_INVOICES, language=language) == expected


def _three() -> list[Series]:
    return [
        series("Skatteverket", [90.0, 91.0, 92.0, 95.0, 96.0, 97.0]),
        series("Kammarkollegiet", [70.0, 72.0, 75.0, 78.0, 79.0, 80.0]),
        series("Tullverket", [60.0, 65.0, 70.0, 75.0, 90.0, None]),
    ]


def test_compare_in_swedish() -> None:
    assert compare_summary(series=_three(), figure=SHARE_E_INVOICES, language="sv") == (
        f"Andelen e-fakturor 2024 var högst för Skatteverket (97{NBSP}%) och lägst för "
        f"Kammarkollegiet (80{NBSP}%); 1 av 3 saknade beräkningsbart värde."
    )


def test_compare_in_english() -> None:
    assert compare_summary(series=_three(), figure=SHARE_E_INVOICES, language="en") == (
        "In 2024, the share of e-invoices was highest for Skatteverket (97%) and lowest for "
        "Kammarkollegiet (80%); 1 of 3 had no computable value."
    )


def test_compare_names_every_agency_in_a_tie() -> None:
    tied = [
        Series("A", [Point("2024", 97.2)]),
        Series("B", [Point("2024", 96.6)]),
        Series("C", [Point("2024", 50.0)]),
    ]
    assert compare_summary(series=tied, figure=SHARE_E_INVOICES, language="sv") == (
        f"Andelen e-fakturor 2024 var högst för A och B (97{NBSP}%) och lägst för C (50{NBSP}%)."
    )


def test_compare_when_all_are_equal() -> None:
    equal = [Series(label, [Point("2024", 80.0)]) for label in "AB"]
    assert compare_summary(series=equal, figure=SHARE_E_INVOICES, language="en") == (
        "In 2024, the share of e-invoices was 80% for all 2 agencies."
    )


def test_compare_with_one_computable_value() -> None:
    one = [Series("A", [Point("2024", 80.0)]), Series("B", [Point("2024", None)])]
    assert compare_summary(series=one, figure=SHARE_E_INVOICES, language="sv") == (
        f"Andelen e-fakturor 2024 var 80{NBSP}% för A; övriga saknade beräkningsbart värde."
    )


def test_compare_without_values() -> None:
    none = [series("A", [None] * 6), series("B", [None] * 6)]
    assert compare_summary(series=none, figure=SHARE_E_INVOICES, language="sv") == (
        "Det finns inga beräkningsbara värden för andelen e-fakturor att visa."
    )


def test_distribution_with_a_threshold_in_swedish() -> None:
    assert distribution_summary(
        bars=round_of_157(), figure=SHARE_E_INVOICES, language="sv", threshold=95
    ) == (
        f"Av 157 myndigheter med ett beräkningsbart värde hade 63 minst 95{NBSP}%; "
        f"medianen var 92{NBSP}%."
    )


def test_distribution_with_a_threshold_in_english() -> None:
    assert (
        distribution_summary(
            bars=round_of_157(), figure=SHARE_E_INVOICES, language="en", threshold=95
        )
        == "Of 157 agencies with a computable value, 63 had at least 95%; the median was 92%."
    )


def test_distribution_threshold_compares_exact_values() -> None:
    bars = [Bar("A", 94.6, "green"), Bar("B", 95.0, "green")]
    summary = distribution_summary(bars=bars, figure=SHARE_E_INVOICES, language="en", threshold=95)
    assert summary.startswith("Of 2 agencies with a computable value, 1 had at least 95%;")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "sv",
            "Av 157 myndigheter med ett beräkningsbart värde var 63 gröna, 16 gula och 78 röda; "
            f"medianen var 92{NBSP}%; Myndighet 070 låg på 93{NBSP}% (gul).",
        ),
        (
            "en",
            "Of 157 agencies with a computable value, 63 were green, 16 yellow and 78 red; "
            "the median was 92%; Myndighet 070 was at 93% (yellow).",
        ),
    ],
)
def test_distribution_by_class_with_a_highlight(language: str, expected: str) -> None:
    assert (
        distribution_summary(
            bars=round_of_157(),
            figure=SHARE_E_INVOICES,
            language=language,
            highlight="Myndighet 070",
        )
        == expected
    )


def test_distribution_with_one_agency_and_an_even_median() -> None:
    one = [Bar("A", 50.0, "yellow")]
    assert distribution_summary(bars=one, figure=SHARE_E_INVOICES, language="sv") == (
        f"Av 1 myndighet med ett beräkningsbart värde var 0 gröna, 1 gul och 0 röda; "
        f"medianen var 50{NBSP}%."
    )
    two = [Bar("A", 10.0, "green"), Bar("B", 5.0, "red")]
    assert distribution_summary(bars=two, figure=E_ORDERS_PER_100_FTE, language="en") == (
        "Of 2 agencies with a computable value, 1 was green, 0 yellow and 1 red; "
        "the median was 8 e-orders per 100 FTE."
    )


def test_distribution_highlight_without_a_value() -> None:
    assert distribution_summary(
        bars=round_of_157(), figure=SHARE_E_INVOICES, language="sv", highlight="Arbetsförmedlingen"
    ).endswith("; Arbetsförmedlingen hade inget beräkningsbart värde.")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "Ingen myndighet hade ett beräkningsbart värde för andelen e-fakturor."),
        ("en", "No agency had a computable value of the share of e-invoices."),
    ],
)
def test_distribution_without_agencies(language: str, expected: str) -> None:
    assert distribution_summary(bars=[], figure=SHARE_E_INVOICES, language=language) == expected
