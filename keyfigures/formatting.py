"""Display rounding. Values are exact until here; rounding is half up, as on paper."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

NBSP = "\u00a0"
MINUS = "\u2212"


def round_half_up(value: Fraction | Decimal, decimals: int = 0) -> Decimal:
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        # Decimal division is correctly rounded to 28 digits, far beyond display precision.
    else:
        exact = value
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(
    value: int | Fraction | Decimal, *, decimals: int = 0, language: str = "sv"
) -> str:
    """Swedish style: space as thousands separator, comma as decimal sign, real minus."""
    rounded = round_half_up(Fraction(value) if isinstance(value, int) else value, decimals)
    sign = MINUS if rounded < 0 else ""
    text = f"{abs(rounded):,.{decimals}f}"
    if language == "en":
        return sign + text
    text = text.replace(",", NBSP).replace(".", ",")
    return sign + text


def format_change(value: Fraction | Decimal, *, decimals: int = 0, language: str = "sv") -> str:
    """A change with its sign: +3, −2, ±0."""
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        return "±" + format_number(abs(rounded), decimals=decimals, language=language)
    prefix = "+" if rounded > 0 else ""
    return prefix + format_number(rounded, decimals=decimals, language=language)
