"""Reads of the agency register."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Max

from register.models import AgencyFormerName, AgencyYear


@dataclass(frozen=True)
class FteSnapshot:
    """An agency's ÅA for a year: that year's value, or the nearest earlier year's."""

    fte: int
    fte_year: int
    is_fallback: bool


def agency_fte_for_year(
    *, year: int, agency_ids: Collection[int] | None = None
) -> dict[int, FteSnapshot]:
    """ÅA per agency id for ``year``.

    The register year itself when it has an ÅA value; otherwise the nearest earlier year
    with one (``is_fallback``). Agencies without any ÅA up to ``year`` are left out.
    """
    queryset = AgencyYear.objects.filter(year__lte=year, fte__isnull=False)
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=list(agency_ids))
    latest: dict[int, tuple[int, int]] = {}
    for agency_id, fte_year, fte in queryset.order_by("agency_id", "year").values_list(
        "agency_id", "year", "fte"
    ):
        if fte is not None:
            latest[agency_id] = (fte_year, fte)
    return {
        agency_id: FteSnapshot(fte=fte, fte_year=fte_year, is_fallback=fte_year != year)
        for agency_id, (fte_year, fte) in latest.items()
    }


def agency_ids_in_register(*, year: int) -> set[int]:
    """Agencies that still exist in ``year`` according to the register.

    An agency exists in a year when the register lists it for that year or a later one
    (a gap of a year or two, as for Brottsförebyggande rådet in 2024, is not an end).
    For a year newer than the newest register sheet, the agencies of the newest sheet.
    An agency whose rows stop before ``year`` was closed down or merged.
    """
    newest = AgencyYear.objects.aggregate(newest=Max("year"))["newest"]
    if newest is None:
        return set()
    return set(
        AgencyYear.objects.filter(year__gte=min(year, newest))
        .values_list("agency_id", flat=True)
        .distinct()
    )


def agency_former_names() -> dict[int, list[str]]:
    """Every former name, by agency id."""
    names: dict[int, list[str]] = {}
    for agency_id, name in AgencyFormerName.objects.values_list("agency_id", "name"):
        names.setdefault(agency_id, []).append(name)
    return names
