"""Similar agencies: the nearest respondents by size, invoice volume and department.

Pure and deterministic, no Django import. The distance between two agencies is

    sqrt((ln(1 + ÅA_a) − ln(1 + ÅA_b))² + (ln(1 + invoices_a) − ln(1 + invoices_b))²)
    + DEPARTMENT_PENALTY when the departments differ (or either is unknown)

so that a doubling in size weighs as much as a different department (ln 2). Ties are
broken by name, then by key. An agency without ÅA or without a supplier-invoice count
cannot be placed and has no similar agencies and is no one's similar agency.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum

DEPARTMENT_PENALTY = math.log(2)
DEFAULT_K = 5
# Within this factor of each other, two sizes are "similar".
SIMILAR_FACTOR = 1.5


class Comparison(StrEnum):
    SIMILAR = "similar"
    LARGER = "larger"
    SMALLER = "smaller"


@dataclass(frozen=True)
class Profile:
    key: Hashable
    name: str
    department: str
    fte: int | None
    supplier_invoices: int | None

    @property
    def placeable(self) -> bool:
        return self.fte is not None and self.supplier_invoices is not None


@dataclass(frozen=True)
class Similar:
    profile: Profile
    distance: float
    same_department: bool
    size: Comparison  # the candidate's ÅA against the agency's
    volume: Comparison  # the candidate's supplier invoices against the agency's


def compare(theirs: int, ours: int) -> Comparison:
    """Whether ``theirs`` is similar to, larger or smaller than ``ours``."""
    low, high = sorted((theirs, ours))
    if high <= low * SIMILAR_FACTOR:
        return Comparison.SIMILAR
    return Comparison.LARGER if theirs > ours else Comparison.SMALLER


def distance(a: Profile, b: Profile) -> float:
    assert a.fte is not None
    assert a.supplier_invoices is not None
    assert b.fte is not None
    assert b.supplier_invoices is not None
    size = math.log1p(a.fte) - math.log1p(b.fte)
    volume = math.log1p(a.supplier_invoices) - math.log1p(b.supplier_invoices)
    penalty = 0.0 if _same_department(a, b) else DEPARTMENT_PENALTY
    return math.hypot(size, volume) + penalty


def _same_department(a: Profile, b: Profile) -> bool:
    return bool(a.department) and a.department == b.department


def similar_agencies(
    target: Profile, candidates: Iterable[Profile], *, k: int = DEFAULT_K
) -> list[Similar]:
    """The k nearest placeable candidates (never the target itself), nearest first."""
    if not target.placeable:
        return []
    scored = []
    for candidate in candidates:
        if candidate.key == target.key or not candidate.placeable:
            continue
        assert candidate.fte is not None
        assert candidate.supplier_invoices is not None
        assert target.fte is not None
        assert target.supplier_invoices is not None
        scored.append(
            Similar(
                profile=candidate,
                distance=distance(target, candidate),
                same_department=_same_department(target, candidate),
                size=compare(candidate.fte, target.fte),
                volume=compare(candidate.supplier_invoices, target.supplier_invoices),
            )
        )
    # rounded so that float noise never decides a tie: the name does
    scored.sort(key=lambda s: (round(s.distance, 9), s.profile.name, str(s.profile.key)))
    return scored[:k]
