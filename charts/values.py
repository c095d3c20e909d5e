"""Language choice and value formatting shared by specs, summaries and tables.

Chart values arrive as floats. They are turned back into the exact decimal they were
written as (``repr`` is the shortest round-trip form) and rounded half up for display by
``keyfigures.formatting``, so a chart, its summary and its table show the same digits
as every other page.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

from keyfigures.formatting import NBSP, format_number, round_half_up
from keyfigures.registry import KeyFigure

Number = float | Decimal | Fraction

NOT_COMPUTABLE: Final = ("ej beräkningsbart", "not computable")


def pick(texts: tuple[str, str], language: str) -> str:
    """The Swedish or the English text of a ``(sv, en)`` pair; Swedish unless "en"."""
    return texts[1] if language == "en" else texts[0]


def exact(value: Number) -> Decimal | Fraction:
    """A float back as the decimal it was written as; exact types pass through."""
    if isinstance(value, Decimal | Fraction):
        return value
    return Decimal(repr(float(value)))


def is_percent(figure: KeyFigure) -> bool:
    return figure.unit == "percent"


def percent_suffix(language: str) -> str:
    """Swedish writes a (no-break) space before the percent sign, English none."""
    return "%" if language == "en" else NBSP + "%"


def display_value(value: Number, figure: KeyFigure) -> Decimal:
    """The value as rounded for display, to compare what readers will compare."""
    return round_half_up(exact(value), figure.display_decimals)


def number_text(value: Number, figure: KeyFigure, language: str) -> str:
    """The number as displayed, without a unit: "94", "1 234", "12,5"."""
    return format_number(exact(value), decimals=figure.display_decimals, language=language)


def value_text(value: Number | None, figure: KeyFigure, language: str) -> str:
    """A table cell: "94 %" for percent figures, the bare number otherwise."""
    if value is None:
        return pick(NOT_COMPUTABLE, language)
    text = number_text(value, figure, language)
    return text + percent_suffix(language) if is_percent(figure) else text


def value_with_unit(value: Number, figure: KeyFigure, language: str) -> str:
    """Running text: "94 %" or "365 e-order per 100 ÅA"."""
    if is_percent(figure):
        return value_text(value, figure, language)
    return f"{number_text(value, figure, language)} {figure.unit_label(language)}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def lowered(text: str) -> str:
    """First letter in lower case, for a label used inside a sentence."""
    return text[:1].lower() + text[1:]
