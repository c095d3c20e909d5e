"""Whom to learn from ("Lär av"): pure and deterministic, no Django import.

For one agency and one key figure, a candidate qualifies when, in the direction in
which the key figure is better,

* it is **clearly ahead**: for a share at least ``LEVEL_POINTS`` percentage points
  better; for another unit (e-orders per 100 ÅA) at least ``LEVEL_RELATIVE`` better
  relative to the agency's own value (and strictly better); or
* it **improved clearly** since its previous comparable round: for a share by at least
  ``IMPROVEMENT_POINTS`` points; otherwise by at least ``LEVEL_RELATIVE`` of its own
  previous value.

When the agency has no value of its own, only improvement qualifies. Qualified
candidates are ranked by the score ``(tier, −strength, name)``:

* tier: 0 for one of the agency's similar agencies, 1 for an agency in both its
  department and its size class, 2 for one in either;
* strength: the larger of gap / level threshold and improvement / improvement
  threshold, so a candidate twice the threshold ahead outranks one just over it;
* name, then key, break the remaining ties.

At most ``LIMIT`` are returned.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from fractions import Fraction

LEVEL_POINTS = Fraction(10)
IMPROVEMENT_POINTS = Fraction(5)
LEVEL_RELATIVE = Fraction(1, 4)
LIMIT = 3

TIER_SIMILAR = 0
TIER_DEPARTMENT_AND_SIZE = 1
TIER_DEPARTMENT_OR_SIZE = 2


@dataclass(frozen=True)
class Candidate:
    key: Hashable
    name: str
    tier: int
    value: Fraction | None
    change: Fraction | None  # since the candidate's previous comparable round
    previous: Fraction | None  # the candidate's value in that round


@dataclass(frozen=True)
class Recommendation:
    candidate: Candidate
    gap: Fraction | None  # how far ahead, in the better direction, when clearly ahead
    improvement: Fraction | None  # how much it improved, when clearly improved
    strength: Fraction


def _level_threshold(own: Fraction, *, is_share: bool) -> Fraction:
    return LEVEL_POINTS if is_share else abs(own) * LEVEL_RELATIVE


def _improvement_threshold(previous: Fraction | None, *, is_share: bool) -> Fraction | None:
    if is_share:
        return IMPROVEMENT_POINTS
    if previous is None:
        return None
    return abs(previous) * LEVEL_RELATIVE


def learn_from(
    *,
    own_key: Hashable,
    own_value: Fraction | None,
    candidates: Iterable[Candidate],
    is_share: bool,
    higher_is_better: bool = True,
    limit: int = LIMIT,
) -> list[Recommendation]:
    """Up to ``limit`` candidates to learn from, best first (see the module docstring)."""
    sign = 1 if higher_is_better else -1
    chosen: list[Recommendation] = []
    seen: set[Hashable] = {own_key}
    for candidate in candidates:
        if candidate.key in seen:
            continue
        seen.add(candidate.key)
        strength = Fraction(0)
        gap = None
        if own_value is not None and candidate.value is not None:
            difference = sign * (candidate.value - own_value)
            threshold = _level_threshold(own_value, is_share=is_share)
            if difference > 0 and difference >= threshold:
                gap = difference
                strength = max(strength, difference / threshold if threshold else Fraction(1))
        improvement = None
        if candidate.change is not None:
            rise = sign * candidate.change
            threshold_or_none = _improvement_threshold(candidate.previous, is_share=is_share)
            if threshold_or_none is not None and rise > 0 and rise >= threshold_or_none:
                improvement = rise
                strength = max(
                    strength, rise / threshold_or_none if threshold_or_none else Fraction(1)
                )
        if gap is None and improvement is None:
            continue
        chosen.append(
            Recommendation(candidate=candidate, gap=gap, improvement=improvement, strength=strength)
        )
    chosen.sort(
        key=lambda r: (r.candidate.tier, -r.strength, r.candidate.name, str(r.candidate.key))
    )
    return chosen[:limit]
