"""A small published world with memorable agencies, built through the models and the
real refresh service (no mocks): two full-year rounds and one draft round."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from keyfigures.services import results_refresh
from publishing.services import round_publish
from register.models import Agency, AgencyFormerName
from register.orgnr import luhn_check_digit
from surveys.models import Response, ResponseStatus, Round, RoundStatus, WorkflowState


def org_nr(prefix: str) -> str:
    """A valid organisation number from nine digits."""
    return prefix + str(luhn_check_digit(prefix))


@dataclass
class World:
    round_2023: Round
    round_2024: Round
    draft_2025: Round
    storverket: Agency
    mellanverket: Agency
    smaverket: Agency
    tystverket: Agency
    nollverket: Agency


# (name, department, fte, 2023 counts, 2024 counts); counts are
# (supplier invoices, e-invoices, matched, e-orders) or a status string.
AGENCIES = [
    (
        "Storverket",
        "Finansdepartementet",
        5000,
        (100000, 90000, 50000, 40000),
        (100000, 95000, 60000, 45000),
    ),
    (
        "Mellanverket",
        "Finansdepartementet",
        800,
        (20000, 15000, 2000, 1000),
        (20000, 18000, 8000, 4000),
    ),
    ("Småverket", "Kulturdepartementet", 120, (3000, 1500, 0, 0), (3000, 2000, 300, 60)),
    ("Tystverket", "Kulturdepartementet", 300, (5000, 4000, 1000, 500), "not_answered"),
    ("Nollverket", "Kulturdepartementet", 60, (0, 0, 0, 10), (0, 0, 0, 12)),
]


def _response(round_: Round, agency: Agency, fte: int, data) -> Response:
    if isinstance(data, str):
        return Response.objects.create(
            round=round_, agency=agency, fte=fte, fte_year=round_.year, status=data
        )
    supplier, e_inv, matched, orders = data
    return Response.objects.create(
        round=round_,
        agency=agency,
        fte=fte,
        fte_year=round_.year,
        status=ResponseStatus.ANSWERED,
        supplier_invoices=supplier,
        e_invoices=e_inv,
        matched_invoices=matched,
        e_orders=orders,
        workflow=WorkflowState.APPROVED,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    round_2023 = Round.objects.create(slug="2023", year=2023, status=RoundStatus.CLOSED)
    round_2024 = Round.objects.create(slug="2024", year=2024, status=RoundStatus.CLOSED)
    draft = Round.objects.create(slug="2025", year=2025, status=RoundStatus.DRAFT)
    agencies = {}
    for index, (name, department, fte, data_2023, data_2024) in enumerate(AGENCIES):
        agency = Agency.objects.create(
            org_nr=org_nr(f"20210000{index}"), name=name, department=department
        )
        agencies[name] = agency
        _response(round_2023, agency, fte, data_2023)
        _response(round_2024, agency, fte, data_2024)
        # the draft round holds a figure that must never be visible
        _response(draft, agency, fte, (1, 1, 1, 999999))
    AgencyFormerName.objects.create(agency=agencies["Småverket"], name="Lillverket")
    round_publish(round=round_2023)
    round_publish(round=round_2024)
    results_refresh()
    return World(
        round_2023=round_2023,
        round_2024=round_2024,
        draft_2025=draft,
        storverket=agencies["Storverket"],
        mellanverket=agencies["Mellanverket"],
        smaverket=agencies["Småverket"],
        tystverket=agencies["Tystverket"],
        nollverket=agencies["Nollverket"],
    )
