"""Programme follow-up: difference in differences per key figure. Pure, exact, no Django.

For a custom group with a start year, the rounds (full years, published) split into
*before* (year < start year) and *after* (year >= start year). For each side, members
and non-members, the group value of a period is the **ratio of sums** of the counts over
every agency-round in that period (``keyfigures.classification.ratio_of_sums``): a large
agency weighs as much as its invoices or ÅA, as for the national total. Then

    change(side) = value_after(side) - value_before(side)
    DiD          = change(members) - change(non-members)

with the number of agencies behind each value. The verdict is honest about small
numbers: ``not_computable`` when a value is missing (no rounds before or after, or no
counts), ``too_few`` when fewer than ``MIN_AGENCIES`` agencies stand behind any of the
four values, else ``ok``. Even then a difference does not prove that the programme
caused it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from keyfigures.classification import ratio_of_sums

MIN_AGENCIES = 5


class Verdict(StrEnum):
    OK = "ok"
    TOO_FEW = "too_few"
    NOT_COMPUTABLE = "not_computable"


@dataclass(frozen=True)
class Observation:
    """One agency's counts of one key figure in one full-year published round."""

    agency: Hashable
    year: int
    numerator: int | None
    denominator: int | None


@dataclass(frozen=True)
class Period:
    value: Fraction | None  # ratio of sums, None when not computable
    n_agencies: int  # distinct agencies with both counts
    n_rounds: int  # distinct rounds with at least one such agency


@dataclass(frozen=True)
class Side:
    before: Period
    after: Period

    @property
    def change(self) -> Fraction | None:
        if self.before.value is None or self.after.value is None:
            return None
        return self.after.value - self.before.value


@dataclass(frozen=True)
class DifferenceInDifferences:
    members: Side
    others: Side
    verdict: Verdict

    @property
    def value(self) -> Fraction | None:
        members, others = self.members.change, self.others.change
        if members is None or others is None:
            return None
        return members - others


def _period(observations: list[Observation], *, scale: int) -> Period:
    usable = [o for o in observations if o.numerator is not None and o.denominator is not None]
    total = ratio_of_sums(((o.numerator, o.denominator) for o in usable), scale=scale)
    return Period(
        value=total.value,
        n_agencies=len({o.agency for o in usable}),
        n_rounds=len({o.year for o in usable}),
    )


def _side(observations: list[Observation], *, start_year: int, scale: int) -> Side:
    return Side(
        before=_period([o for o in observations if o.year < start_year], scale=scale),
        after=_period([o for o in observations if o.year >= start_year], scale=scale),
    )


def difference_in_differences(
    observations: Iterable[Observation],
    *,
    members: set[Hashable] | frozenset[Hashable],
    start_year: int,
    scale: int,
    min_agencies: int = MIN_AGENCIES,
) -> DifferenceInDifferences:
    """Members against non-members, before and after ``start_year`` (module docstring)."""
    observations = list(observations)
    member_side = _side(
        [o for o in observations if o.agency in members], start_year=start_year, scale=scale
    )
    other_side = _side(
        [o for o in observations if o.agency not in members], start_year=start_year, scale=scale
    )
    periods = (member_side.before, member_side.after, other_side.before, other_side.after)
    if any(p.value is None for p in periods):
        verdict = Verdict.NOT_COMPUTABLE
    elif any(p.n_agencies < min_agencies for p in periods):
        verdict = Verdict.TOO_FEW
    else:
        verdict = Verdict.OK
    return DifferenceInDifferences(members=member_side, others=other_side, verdict=verdict)


def group_value_per_year(
    observations: Iterable[Observation],
    *,
    agencies: set[Hashable] | frozenset[Hashable] | None,
    exclude: bool = False,
    scale: int,
) -> dict[int, Fraction | None]:
    """year -> ratio of sums of the given agencies (or of all others with ``exclude``)."""
    by_year: dict[int, list[tuple[int | None, int | None]]] = {}
    for o in observations:
        inside = agencies is None or (o.agency in agencies) != exclude
        if inside:
            by_year.setdefault(o.year, []).append((o.numerator, o.denominator))
    return {
        year: ratio_of_sums(pairs, scale=scale).value for year, pairs in sorted(by_year.items())
    }
