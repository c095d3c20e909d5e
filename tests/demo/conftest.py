"""Fixtures for the demo-data tests: Digg's published totals and a register population,
both read from the data files here, independently of the code under test."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from surveys.demo import DEMO_SEED, DEMO_YEARS, DemoAgency, DemoAnswer, demo_targets, generate_round

ROOT = Path(__file__).resolve().parents[2]
TOTALS_CSV = ROOT / "data" / "digg" / "totals.csv"
REGISTER_CSV = ROOT / "data" / "register" / "agencies_aa.csv"

# Exempt from e-ordering by förordning 2003:770 § 3 and absent from Digg's ÅA base.
EXEMPT = {
    "Regeringskansliet",
    "Försvarsmakten",
    "Försvarets materielverk",
    "Totalförsvarets forskningsinstitut",
}


@dataclass(frozen=True)
class Published:
    year: int
    n_respondents: int
    n_supplier_invoices: int
    share_e_invoice_pct: int
    share_matched_pct: int
    e_orders_per_100_aa: int
    n_e_orders: int


def read_published() -> dict[int, Published]:
    """The latest published full-year totals, straight from the CSV (the numbers of
    respondents are in the first publication of each year; 2019 has none)."""
    rows = list(csv.DictReader(TOTALS_CSV.open(encoding="utf-8")))
    respondents = {int(r["period"]): int(r["n_respondents"]) for r in rows if r["n_respondents"]}
    respondents.setdefault(2019, round(156 * 0.96))
    published = {}
    for row in rows:
        if row["latest_published_value"] != "yes" or not row["n_e_orders"]:
            continue
        year = int(row["period"])
        published[year] = Published(
            year=year,
            n_respondents=respondents[year],
            n_supplier_invoices=int(row["n_supplier_invoices"]),
            share_e_invoice_pct=int(row["share_e_invoice_pct"]),
            share_matched_pct=int(row["share_matched_pct"]),
            e_orders_per_100_aa=int(row["e_orders_per_100_aa"]),
            n_e_orders=int(row["n_e_orders"]),
        )
    return published


def register_population(year: int) -> list[DemoAgency]:
    """Agencies with more than 50 ÅA in the register year, minus the exempt four."""
    fte: dict[str, dict[int, int]] = defaultdict(dict)
    names: dict[str, str] = {}
    for row in csv.DictReader(REGISTER_CSV.open(encoding="utf-8")):
        org_nr = row["org_nr"].replace("-", "")
        names[org_nr] = row["agency"]
        if row["aa_arsarbetskrafter"]:
            fte[org_nr][int(row["register_year"])] = int(row["aa_arsarbetskrafter"])
    return [
        DemoAgency(org_nr=org_nr, name=names[org_nr], fte=years[year], fte_year=year)
        for org_nr, years in sorted(fte.items())
        if years.get(year, 0) > 50 and names[org_nr] not in EXEMPT
    ]


@pytest.fixture(scope="session")
def published() -> dict[int, Published]:
    return read_published()


@pytest.fixture(scope="session")
def demo_rounds() -> dict[int, tuple[list[DemoAgency], list[DemoAnswer]]]:
    """The five demo rounds, generated once for the session."""
    targets = demo_targets(TOTALS_CSV)
    rounds = {}
    for year in DEMO_YEARS:
        population = register_population(year)
        answers = generate_round(
            year=year, population=population, target=targets[year], seed=DEMO_SEED
        )
        rounds[year] = (population, answers)
    return rounds
