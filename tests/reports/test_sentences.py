"""The generated sentences: pure functions, cases built by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from reports.sentences import (
    change_sentence,
    change_text,
    class_sentence,
    leader_sentence,
    response_sentence,
    value_text,
)

NB = "\u00a0"
SUBJECT = "Andelen e-fakturor"


def sentence(before, after, unit="percent"):
    return change_sentence(
        subject=SUBJECT,
        before=before,
        after=after,
        unit=unit,
        before_label="2023",
        after_label="2024",
    )


def test_increase_names_both_values_and_the_change_in_points():
    assert sentence(Fraction(92), Fraction(94)) == (
        f"Andelen e-fakturor ökade från 92{NB}% år 2023 till 94{NB}% år 2024 "
        f"(+2{NB}procentenheter)."
    )


def test_decrease():
    assert sentence(Decimal("61.4"), Decimal("55.2")) == (
        f"Andelen e-fakturor minskade från 61{NB}% år 2023 till 55{NB}% år 2024 "
        f"(−6{NB}procentenheter)."
    )


def test_one_point_is_singular():
    assert f"(+1{NB}procentenhet)" in sentence(Fraction(40), Fraction(41))


def test_unchanged_when_the_rounded_values_are_equal():
    # 93.2 and 92.6 both show as 93 %: saying "ökade från 93 % till 93 %" would be wrong
    assert sentence(Fraction(926, 10), Fraction(932, 10)) == (
        f"Andelen e-fakturor var oförändrad på 93{NB}% år 2024 jämfört med år 2023."
    )


def test_change_is_taken_exactly_and_rounded_afterwards():
    # 41.4 -> 55.5: the exact change is 14.1, so +14, not 56 - 41 = 15
    text = sentence(Fraction(414, 10), Fraction(555, 10))
    assert f"från 41{NB}% år 2023 till 56{NB}% år 2024 (+14{NB}procentenheter)" in text


def test_half_rounds_up():
    assert f"till 94{NB}%" in sentence(Fraction(90), Fraction(935, 10))


def test_not_computable_now():
    assert sentence(Fraction(90), None) == "Andelen e-fakturor kunde inte beräknas år 2024."


def test_not_computable_before():
    assert sentence(None, Fraction(90)) == (
        f"Andelen e-fakturor var 90{NB}% år 2024; för år 2023 finns inget jämförbart värde."
    )


def test_not_computable_in_either():
    assert sentence(None, None) == (
        "Andelen e-fakturor kunde inte beräknas varken år 2023 eller år 2024."
    )


def test_counts_have_no_percent_and_thousands_spaces():
    text = change_sentence(
        subject="Antalet e-order per 100 årsarbetskrafter",
        before=Fraction(66099, 100),
        after=Fraction(123456, 100),
        unit="per_100_fte",
        before_label="2023",
        after_label="2024",
    )
    assert text == (
        f"Antalet e-order per 100 årsarbetskrafter ökade från 661 år 2023 till 1{NB}235 år "
        "2024 (+574)."
    )


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Fraction(115000 * 100, 123000), "percent", f"93{NB}%"),
        (Decimal("0.5"), "percent", f"1{NB}%"),
        (0, "percent", f"0{NB}%"),
        (Fraction(12345), "per_100_fte", f"12{NB}345"),
    ],
)
def test_value_text(value, unit, expected):
    assert value_text(value, unit=unit) == expected


def test_change_text_zero_and_negative():
    assert change_text(Fraction(1, 10), unit="percent") == f"±0{NB}procentenheter"
    assert change_text(Fraction(-3), unit="per_100_fte") == "−3"


def test_response_sentence():
    assert response_sentence(n_answered=4, n_population=5, label="2024") == (
        f"4 av 5 myndigheter i populationen svarade år 2024 (80{NB}%)."
    )
    assert response_sentence(n_answered=0, n_population=0, label="2024") == (
        "Ingen myndighet ingick i populationen år 2024."
    )


def test_class_sentence():
    assert class_sentence(subject="Andel e-fakturor", green=1, yellow=2, red=1, grey=1) == (
        "Andel e-fakturor: 1 grön, 2 gula och 1 röd; 1 grå (svarade inte)."
    )
    assert class_sentence(subject="X", green=0, yellow=0, red=0, grey=3) == (
        "X: ingen myndighet har ett beräkningsbart värde och därmed ingen klass."
    )


def test_leader_sentence():
    assert (
        leader_sentence(
            subject="Andel e-fakturor per departement",
            name="Finansdepartementet",
            value=Fraction(113000 * 100, 120000),
            unit="percent",
        )
        == f"Andel e-fakturor per departement: högst värde hade Finansdepartementet (94{NB}%)."
    )
    assert "inget departement" in leader_sentence(
        subject="X", name=None, value=None, unit="percent"
    )
