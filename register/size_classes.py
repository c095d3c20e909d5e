"""ÅA size classes used to group similar agencies. Pure, no Django import."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SizeClass:
    slug: str
    lower: int  # inclusive
    upper: int | None  # inclusive; None = no upper bound

    def contains(self, fte: int) -> bool:
        return fte >= self.lower and (self.upper is None or fte <= self.upper)


SIZE_CLASSES: tuple[SizeClass, ...] = (
    SizeClass("upp-till-199", 0, 199),
    SizeClass("200-499", 200, 499),
    SizeClass("500-999", 500, 999),
    SizeClass("1000-2999", 1000, 2999),
    SizeClass("3000-eller-fler", 3000, None),
)


def size_class_for(fte: int | None) -> SizeClass | None:
    if fte is None:
        return None
    for size_class in SIZE_CLASSES:
        if size_class.contains(fte):
            return size_class
    return None


def size_class_get(slug: str) -> SizeClass | None:
    return next((c for c in SIZE_CLASSES if c.slug == slug), None)
