"""Recognition ("Årets klättrare"): the biggest improver per group. Pure, no Django.

The climber of a group is the member with the largest positive change in the direction
in which the key figure is better; equal changes go to the first name. A group where no
one improved has no climber.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Change:
    key: Hashable
    name: str
    group: str
    change: Fraction


def climbers(
    changes: Iterable[Change], *, higher_is_better: bool = True
) -> tuple[Change | None, dict[str, Change]]:
    """The climber overall and the climber of each group."""
    sign = 1 if higher_is_better else -1
    improved = sorted(
        (c for c in changes if sign * c.change > 0),
        key=lambda c: (-sign * c.change, c.name, str(c.key)),
    )
    by_group: dict[str, Change] = {}
    for change in improved:
        by_group.setdefault(change.group, change)
    return (improved[0] if improved else None), by_group
