from decimal import Decimal
from fractions import Fraction

import pytest

from keyfigures.formatting import format_change, format_number, round_half_up


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(1, 2), Decimal(1)),  # half up, not banker's rounding
        (Fraction(5, 2), Decimal(3)),
        (Fraction(2499, 100), Decimal(25)),
        (Fraction(7549, 100), Decimal(75)),
        (Decimal("75.5"), Decimal(76)),
        (Fraction(-1, 2), Decimal(-1)),
    ],
)
def test_round_half_up(value, expected):
    assert round_half_up(value) == expected


def test_swedish_number_format():
    assert format_number(5345000) == "5\u00a0345\u00a0000"
    assert format_number(Decimal("12.345"), decimals=1) == "12,3"
    assert format_number(5345000, language="en") == "5,345,000"
    assert format_number(-3) == "\u22123"


def test_change_format():
    assert format_change(Decimal("2.6")) == "+3"
    assert format_change(Decimal("-2.6")) == "\u22123"
    assert format_change(Decimal("0.2")) == "±0"
