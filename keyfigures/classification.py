"""Quartile classes, ranks, totals and medians. Pure, exact arithmetic, no Django.

The class rule, per key figure, among the n respondents with a computable value:

* green if fewer than 25 % of the n have a strictly better value;
* red if fewer than 25 % of the n have a strictly worse value;
* yellow otherwise, and also yellow when both hold (for example when all are equal).

Equal values therefore always share a class. Comparisons are on exact fractions and
"fewer than 25 % of n" is tested as ``4 × count < n`` so that no rounding enters.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


class FigureClass(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"  # did not answer


def _better_and_worse(
    values: Mapping[K, Fraction], higher_is_better: bool
) -> dict[K, tuple[int, int]]:
    """For each key: how many values are strictly better and strictly worse."""
    ordered = sorted(values.values())
    n = len(ordered)
    counts: dict[K, tuple[int, int]] = {}
    for key, value in values.items():
        below = bisect.bisect_left(ordered, value)
        above = n - bisect.bisect_right(ordered, value)
        counts[key] = (above, below) if higher_is_better else (below, above)
    return counts


def classify(
    values: Mapping[K, Fraction], *, higher_is_better: bool = True
) -> dict[K, FigureClass]:
    """The class of every computable value, by the rule in the module docstring."""
    n = len(values)
    classes: dict[K, FigureClass] = {}
    for key, (better, worse) in _better_and_worse(values, higher_is_better).items():
        green = 4 * better < n
        red = 4 * worse < n
        if green and not red:
            classes[key] = FigureClass.GREEN
        elif red and not green:
            classes[key] = FigureClass.RED
        else:
            classes[key] = FigureClass.YELLOW
    return classes


def rank(values: Mapping[K, Fraction], *, higher_is_better: bool = True) -> dict[K, int]:
    """Competition ranking: 1 is best and equal values share a rank (1, 2, 2, 4)."""
    return {
        key: better + 1
        for key, (better, _worse) in _better_and_worse(values, higher_is_better).items()
    }


@dataclass(frozen=True)
class Total:
    """A ratio of sums over the members that have both parts."""

    numerator_sum: int
    denominator_sum: int
    n_included: int
    value: Fraction | None  # None when the denominator sum is zero

    @property
    def computable(self) -> bool:
        return self.value is not None


def ratio_of_sums(pairs: Iterable[tuple[int | None, int | None]], *, scale: int) -> Total:
    """``scale × Σ numerators / Σ denominators`` over the pairs with both parts present.

    Never a mean of ratios: a large agency weighs as much as its invoices or ÅA.
    """
    numerator_sum = 0
    denominator_sum = 0
    n_included = 0
    for numerator, denominator in pairs:
        if numerator is None or denominator is None:
            continue
        numerator_sum += numerator
        denominator_sum += denominator
        n_included += 1
    value = Fraction(scale * numerator_sum, denominator_sum) if denominator_sum else None
    return Total(numerator_sum, denominator_sum, n_included, value)


def median(values: Iterable[Fraction]) -> Fraction | None:
    """The exact median; the mean of the two middle values for an even count."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    if n % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
