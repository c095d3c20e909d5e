"""Helpers that make objects for tests. Plain functions with keyword arguments and defaults.

They write through the models, not the services, so a test can build any state (a
response with answers in a draft round, say) and then check what a service does with it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

from register.models import Agency, AgencyFormerName, AgencyYear
from register.orgnr import luhn_check_digit
from surveys.models import PeriodType, Response, ResponseStatus, Round, RoundStatus

_serial = itertools.count(1)


def org_nr_make(nine_digits: str) -> str:
    """A valid organisation number (ten digits) from its first nine."""
    return nine_digits + str(luhn_check_digit(nine_digits))


def org_nr_next() -> str:
    """A fresh valid organisation number, 202199NNN + check digit."""
    return org_nr_make(f"202199{next(_serial) % 1000:03d}")


def create_agency(
    name: str = "Testverket",
    *,
    org_nr: str | None = None,
    short_name: str = "",
    department: str = "Finansdepartementet",
    fte: Mapping[int, int | None] | None = None,
    employees: Mapping[int, int | None] | None = None,
    former_names: Iterable[str] = (),
) -> Agency:
    """An agency with ÅA per register year (``fte={2023: 120, 2024: 130}``)."""
    agency = Agency.objects.create(
        org_nr=org_nr or org_nr_next(),
        name=name,
        short_name=short_name,
        department=department,
    )
    fte = fte or {}
    employees = employees or {}
    for year in sorted(set(fte) | set(employees)):
        AgencyYear.objects.create(
            agency=agency, year=year, fte=fte.get(year), employees=employees.get(year)
        )
    for former in former_names:
        AgencyFormerName.objects.create(agency=agency, name=former)
    return agency


def create_round(
    *,
    year: int = 2024,
    period_type: str = PeriodType.YEAR,
    status: str = RoundStatus.DRAFT,
    slug: str | None = None,
    is_simulated: bool = False,
) -> Round:
    """A round in any status (``round_create`` makes drafts only)."""
    if slug is None:
        slug = str(year) if period_type == PeriodType.YEAR else f"{year}{period_type}"
    return Round.objects.create(
        year=year, period_type=period_type, status=status, slug=slug, is_simulated=is_simulated
    )


def create_response(
    *,
    round: Round,
    agency: Agency,
    status: str = ResponseStatus.NOT_ANSWERED,
    supplier_invoices: int | None = None,
    e_invoices: int | None = None,
    matched_invoices: int | None = None,
    e_orders: int | None = None,
    not_applicable_reason: str = "",
    comment: str = "",
    fte: int | None = None,
    fte_year: int | None = None,
    fte_is_fallback: bool = False,
    is_simulated: bool = False,
) -> Response:
    return Response.objects.create(
        round=round,
        agency=agency,
        status=status,
        supplier_invoices=supplier_invoices,
        e_invoices=e_invoices,
        matched_invoices=matched_invoices,
        e_orders=e_orders,
        not_applicable_reason=not_applicable_reason,
        comment=comment,
        fte=fte,
        fte_year=fte_year,
        fte_is_fallback=fte_is_fallback,
        is_simulated=is_simulated,
    )
