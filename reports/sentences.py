"""Sentences generated from the numbers, for the report body (Swedish).

Pure: no Django, no database. Values come in exactly (``Fraction`` or ``Decimal``) in
display units (percent for shares, e-orders per 100 ÅA) and are rounded here, half up,
with ``keyfigures.formatting``. Whether a value "rose" is decided on the rounded numbers
the reader sees, so a sentence never says "ökade från 93 % till 93 %".
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from keyfigures.formatting import NBSP, format_change, format_number, round_half_up

Number = Fraction | Decimal | int

PERCENT = "percent"

# The subject of a sentence per key figure, as it starts a Swedish sentence.
SUBJECTS: Mapping[str, str] = {
    "andel-e-faktura": "Andelen e-fakturor",
    "andel-matchade": "Andelen matchade fakturor",
    "e-order-per-100-aa": "Antalet e-order per 100 årsarbetskrafter",
}


def _exact(value: Number) -> Fraction:
    return Fraction(value)  # exact for int, Decimal and Fraction alike


def value_text(value: Number, *, unit: str, decimals: int = 0) -> str:
    """``93 %`` for a share, ``45`` for a count, Swedish style."""
    text = format_number(_exact(value), decimals=decimals)
    return f"{text}{NBSP}%" if unit == PERCENT else text


def change_text(change: Number, *, unit: str, decimals: int = 0) -> str:
    """``+7 procentenheter`` for a share, ``+4`` for a count."""
    text = format_change(_exact(change), decimals=decimals)
    if unit != PERCENT:
        return text
    rounded = abs(round_half_up(_exact(change), decimals))
    word = "procentenhet" if rounded == 1 else "procentenheter"
    return f"{text}{NBSP}{word}"


def change_sentence(
    *,
    subject: str,
    before: Number | None,
    after: Number | None,
    unit: str,
    before_label: str,
    after_label: str,
    decimals: int = 0,
) -> str:
    """One sentence on how a value moved between two periods.

    ``Andelen e-fakturor ökade från 86 % år 2023 till 93 % år 2024 (+7 procentenheter).``
    Handles a rise, a fall, an unchanged (rounded) value and values that cannot be
    computed in either period.
    """
    if after is None and before is None:
        return f"{subject} kunde inte beräknas varken år {before_label} eller år {after_label}."
    if after is None:
        return f"{subject} kunde inte beräknas år {after_label}."
    now = value_text(after, unit=unit, decimals=decimals)
    if before is None:
        return (
            f"{subject} var {now} år {after_label}; för år {before_label} finns inget "
            "jämförbart värde."
        )
    then = value_text(before, unit=unit, decimals=decimals)
    rounded_before = round_half_up(_exact(before), decimals)
    rounded_after = round_half_up(_exact(after), decimals)
    if rounded_after == rounded_before:
        return f"{subject} var oförändrad på {now} år {after_label} jämfört med år {before_label}."
    verb = "ökade" if rounded_after > rounded_before else "minskade"
    change = change_text(_exact(after) - _exact(before), unit=unit, decimals=decimals)
    return f"{subject} {verb} från {then} år {before_label} till {now} år {after_label} ({change})."


def response_sentence(*, n_answered: int, n_population: int, label: str) -> str:
    """``4 av 5 myndigheter i populationen svarade år 2024 (80 %).``"""
    if n_population == 0:
        return f"Ingen myndighet ingick i populationen år {label}."
    share = value_text(Fraction(100 * n_answered, n_population), unit=PERCENT)
    noun = "myndighet" if n_population == 1 else "myndigheter"
    answered = format_number(n_answered)
    population = format_number(n_population)
    return f"{answered} av {population} {noun} i populationen svarade år {label} ({share})."


def class_sentence(*, subject: str, green: int, yellow: int, red: int, grey: int) -> str:
    """``Andelen e-fakturor: 2 gröna, 1 gul och 1 röd; 1 grå (svarade inte).``"""
    n = green + yellow + red
    if n == 0:
        return f"{subject}: ingen myndighet har ett beräkningsbart värde och därmed ingen klass."
    parts = [
        f"{format_number(green)} {'grön' if green == 1 else 'gröna'}",
        f"{format_number(yellow)} {'gul' if yellow == 1 else 'gula'}",
        f"{format_number(red)} {'röd' if red == 1 else 'röda'}",
    ]
    text = f"{subject}: {parts[0]}, {parts[1]} och {parts[2]}"
    if grey:
        text += f"; {format_number(grey)} grå (svarade inte)"
    return text + "."


def leader_sentence(*, subject: str, name: str | None, value: Number | None, unit: str) -> str:
    """``Högst andel e-fakturor bland departementen hade Finansdepartementet (95 %).``"""
    if name is None or value is None:
        return f"{subject}: inget departement har ett beräkningsbart värde."
    return f"{subject}: högst värde hade {name} ({value_text(value, unit=unit)})."
