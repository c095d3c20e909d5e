"""Simulated demo answers, calibrated to Digg's published national totals.

Pure Python: no Django import. ``generate_round`` turns a round's population (the
agencies asked, with their register ÅA) and Digg's published totals for the year into
one answer per agency such that, over the respondents,

* Σ supplier invoices and Σ e-orders equal the published totals exactly;
* andel e-faktura and andel matchade (ratio of sums × 100) round half up to the
  published integer percent;
* e-orders per 100 ÅA (Σ e-orders / Σ ÅA × 100) lands close to the published value,
  by choosing *which* agencies do not answer so that the respondents' ÅA sum is close
  to the ÅA base Digg's figures imply;
* the number of respondents equals the published count (bounded by the population).

The per-agency values are invented: each agency gets persistent traits (seeded by its
organisation number, so they are stable across years and runs) from plausible
distributions; the calibration then moves every agency by the same amount (a common
shift on the logit scale for shares, a common scale for counts) and distributes
integers exactly with largest remainders. Same seed and inputs, same answers.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from pathlib import Path

from keyfigures.classification import ratio_of_sums
from keyfigures.formatting import round_half_up

DEMO_SEED = 20_190_401  # e-invoice law 2018:1277 came into force on 1 April 2019
DEMO_YEARS: tuple[int, ...] = (2019, 2020, 2022, 2023, 2024)

# How invoice volume grows with agency size: invoices ∝ ÅA^0.85 (economies of scale).
INVOICE_FTE_EXPONENT = 0.85

# Non-respondents are chosen among agencies up to this ÅA quantile: a very large agency
# that does not answer would be both implausible and too coarse a step for the ÅA sum.
NON_RESPONDENT_MAX_FTE_QUANTILE = 0.85

# Answers a not-applicable agency might give (stored as the agency's own text).
NOT_APPLICABLE_REASONS: tuple[str, ...] = (
    "Myndighetens inköp och fakturahantering sköts av en värdmyndighet; "
    "uppgifterna ingår i värdmyndighetens svar.",
    "Myndigheten bytte ekonomisystem under året och kan inte ta fram uppgifterna "
    "för hela perioden.",
    "Myndigheten ombildades under året och saknar jämförbara uppgifter för perioden.",
)


class DemoCalibrationError(ValueError):
    """The published totals cannot be reached with the given population."""


class AnswerStatus(StrEnum):
    """The same values as ``surveys.models.ResponseStatus``."""

    ANSWERED = "answered"
    NOT_ANSWERED = "not_answered"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class DemoAgency:
    """One member of a round's population, with the ÅA snapshot of its response."""

    org_nr: str
    name: str
    fte: int | None
    fte_year: int | None = None
    fte_is_fallback: bool = False


@dataclass(frozen=True)
class DemoTarget:
    """Digg's latest published national totals for one full year."""

    year: int
    n_respondents: int | None
    n_respondents_is_derived: bool  # computed from surveyed × response rate
    n_agencies_surveyed: int | None
    n_supplier_invoices: int
    share_e_invoice_pct: int
    share_matched_pct: int
    e_orders_per_100_aa: int
    n_e_orders: int

    @property
    def fte_base(self) -> Fraction:
        """The ÅA base Digg's published pair implies: e-orders / (per 100 ÅA) × 100."""
        return Fraction(self.n_e_orders * 100, self.e_orders_per_100_aa)


@dataclass(frozen=True)
class DemoAnswer:
    org_nr: str
    status: AnswerStatus
    supplier_invoices: int | None
    e_invoices: int | None
    matched_invoices: int | None
    e_orders: int | None
    not_applicable_reason: str = ""


@dataclass(frozen=True)
class DemoTotals:
    """National totals over the respondents, computed as Digg does (ratio of sums)."""

    n_population: int
    n_respondents: int
    n_not_applicable: int
    supplier_invoices: int
    e_invoices: int
    matched_invoices: int
    e_orders: int
    fte: int  # Σ ÅA of the respondents that have an ÅA
    share_e_invoice: Fraction | None
    share_matched: Fraction | None
    e_orders_per_100_fte: Fraction | None


# --- Published targets ------------------------------------------------------------

_TARGET_FIELDS = (
    "n_agencies_surveyed",
    "n_respondents",
    "response_rate_pct",
    "n_supplier_invoices",
    "share_e_invoice_pct",
    "share_matched_pct",
    "e_orders_per_100_aa",
    "n_e_orders",
)
# Not repeated in later publications that revised the totals: taken from the latest
# publication of the period that has them.
_SURVEY_SIZE_FIELDS = ("n_agencies_surveyed", "n_respondents", "response_rate_pct")


def demo_targets(path: Path) -> dict[int, DemoTarget]:
    """Digg's latest published full-year totals, by year, from ``totals.csv``.

    Several rows of one period can be marked latest (one with the survey size, one with
    the key figures): their non-empty fields are merged. The survey size (surveyed,
    respondents, response rate) is often printed only in the first publication, so when
    the latest rows lack it, it comes from the most recent earlier row that has it. Only
    years with all four totals published are returned. When the number of respondents
    is not published at all it is derived as round(surveyed × response rate).
    """
    latest: dict[int, dict[str, int]] = {}
    earlier: dict[int, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["period_type"] != "full-year":
                continue
            is_latest = row["latest_published_value"] == "yes"
            values = (latest if is_latest else earlier).setdefault(int(row["period"]), {})
            for field in _TARGET_FIELDS:
                text = row[field].strip()
                # Among latest rows the first value stands; among earlier rows (in
                # publication order) the last one wins.
                if text and not (is_latest and field in values):
                    values[field] = int(text)
    merged: dict[int, dict[str, int]] = {}
    for year, values in latest.items():
        merged[year] = dict(values)
        for field in _SURVEY_SIZE_FIELDS:
            if field not in values and field in earlier.get(year, {}):
                merged[year][field] = earlier[year][field]
    targets: dict[int, DemoTarget] = {}
    for year, values in sorted(merged.items()):
        needed = ("n_supplier_invoices", "share_e_invoice_pct", "share_matched_pct")
        if any(field not in values for field in (*needed, "e_orders_per_100_aa", "n_e_orders")):
            continue
        n_respondents = values.get("n_respondents")
        derived = False
        surveyed = values.get("n_agencies_surveyed")
        rate = values.get("response_rate_pct")
        if n_respondents is None and surveyed is not None and rate is not None:
            n_respondents = int(round_half_up(Fraction(surveyed * rate, 100)))
            derived = True
        targets[year] = DemoTarget(
            year=year,
            n_respondents=n_respondents,
            n_respondents_is_derived=derived,
            n_agencies_surveyed=surveyed,
            n_supplier_invoices=values["n_supplier_invoices"],
            share_e_invoice_pct=values["share_e_invoice_pct"],
            share_matched_pct=values["share_matched_pct"],
            e_orders_per_100_aa=values["e_orders_per_100_aa"],
            n_e_orders=values["n_e_orders"],
        )
    return targets


# --- Persistent per-agency traits ---------------------------------------------------


def _rng(seed: int, *parts: object) -> random.Random:
    """A generator of its own for each purpose, seeded by text so that an agency's draws
    depend only on the seed and its org. number (string seeds hash with SHA-512, stable
    across runs and ``PYTHONHASHSEED``)."""
    key = ":".join(str(part) for part in (seed, *parts))
    return random.Random(key)  # noqa: S311 - a reproducible simulation, not security


@dataclass(frozen=True)
class _Traits:
    invoice_intensity: float  # multiplier on ÅA^0.85
    e_invoice_offset: float  # logit offset from the national level
    e_invoice_laggard: bool  # far behind at first, catching up slowly
    match_start_year: int | None  # first year with matching; None = never matches
    match_offset: float  # logit offset of the matched share of e-invoices
    matches_beyond_e: bool  # also matches paper/PDF invoices (against contracts)
    order_rate: float  # e-orders per ÅA, relative
    order_start_year: int | None  # first year with e-orders; None = never orders


def _traits(org_nr: str, seed: int) -> _Traits:
    rng = _rng(seed, "traits", org_nr)
    invoice_intensity = rng.lognormvariate(0.0, 0.45)
    e_invoice_offset = rng.gauss(0.0, 0.9)
    e_invoice_laggard = rng.random() < 0.06
    u = rng.random()
    if u < 0.10:
        match_start_year: int | None = None
    elif u < 0.24:
        match_start_year = rng.randint(2020, 2026)
    else:
        match_start_year = rng.randint(2012, 2019)
    match_offset = rng.gauss(0.0, 1.2)
    matches_beyond_e = rng.random() < 0.04
    order_rate = rng.lognormvariate(0.0, 0.9)
    u = rng.random()
    if u < 0.07:
        order_start_year: int | None = None
    elif u < 0.22:
        order_start_year = rng.randint(2020, 2027)
    else:
        order_start_year = rng.randint(2010, 2019)
    return _Traits(
        invoice_intensity=invoice_intensity,
        e_invoice_offset=e_invoice_offset,
        e_invoice_laggard=e_invoice_laggard,
        match_start_year=match_start_year,
        match_offset=match_offset,
        matches_beyond_e=matches_beyond_e,
        order_rate=order_rate,
        order_start_year=order_start_year,
    )


@dataclass(frozen=True)
class _YearNoise:
    invoices: float
    e_invoice: float
    match: float
    orders: float


def _year_noise(org_nr: str, year: int, seed: int) -> _YearNoise:
    rng = _rng(seed, "year", year, org_nr)
    return _YearNoise(
        invoices=rng.lognormvariate(0.0, 0.12),
        e_invoice=rng.gauss(0.0, 0.25),
        match=rng.gauss(0.0, 0.3),
        orders=rng.lognormvariate(0.0, 0.3),
    )


# --- Exact integer helpers ------------------------------------------------------------


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def apportion(total: int, reals: Sequence[float], caps: Sequence[int]) -> list[int]:
    """Integers in [0, cap] close to ``reals`` that sum to ``total`` exactly.

    Largest-remainder rounding: floor everything, then hand out the rest one by one
    by descending fractional part (ties by position), skipping items at their cap; take
    away by ascending fractional part if the floors overshoot.
    """
    if len(reals) != len(caps):
        raise ValueError("reals and caps differ in length")
    if total < 0 or total > sum(caps):
        raise DemoCalibrationError(f"cannot apportion {total} within caps summing {sum(caps)}")
    values = [min(max(math.floor(x), 0), cap) for x, cap in zip(reals, caps, strict=True)]
    fractions = [x - math.floor(x) for x in reals]
    order = sorted(range(len(values)), key=lambda i: (-fractions[i], i))
    rest = total - sum(values)
    while rest > 0:
        for i in order:
            if rest == 0:
                break
            if values[i] < caps[i]:
                values[i] += 1
                rest -= 1
    while rest < 0:
        for i in reversed(order):
            if rest == 0:
                break
            if values[i] > 0:
                values[i] -= 1
                rest += 1
    return values


def _solve_shift(total: int, share_at: Iterable[tuple[float, float]]) -> float:
    """The common logit shift δ with Σ weight × sigmoid(base + δ) = total (bisection)."""
    pairs = list(share_at)

    def value(delta: float) -> float:
        return sum(weight * _sigmoid(base + delta) for weight, base in pairs)

    low, high = -40.0, 40.0
    for _ in range(200):
        middle = (low + high) / 2
        if value(middle) < total:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _closest_integer_to(percent: int, denominator: int) -> int:
    """The integer count whose share of ``denominator`` is closest to ``percent``."""
    return int(round_half_up(Fraction(percent * denominator, 100)))


# --- Who answers -------------------------------------------------------------------------


def choose_non_respondents(
    population: Sequence[DemoAgency], *, n_respondents: int, fte_target: Fraction, seed: int
) -> set[str]:
    """Org. numbers of the agencies that do not answer, chosen so that the respondents'
    ÅA sum comes as close as possible to ``fte_target``.

    Agencies without an ÅA go first (they cannot carry e-orders per ÅA). The others are
    drawn among agencies up to the ÅA quantile in ``NON_RESPONDENT_MAX_FTE_QUANTILE``:
    a seeded greedy pass aims each pick at the ÅA still to remove (with some jitter, so
    they are not all of one size), then pairwise swaps bring the sum as close as they
    can. Deterministic for a given seed.
    """
    k = max(0, len(population) - n_respondents)
    chosen: list[DemoAgency] = [a for a in population if a.fte is None][:k]
    slots = k - len(chosen)
    if slots == 0:
        return {a.org_nr for a in chosen}
    with_fte = sorted((a for a in population if a.fte is not None), key=lambda a: a.org_nr)
    ftes = sorted(a.fte for a in with_fte if a.fte is not None)
    limit = ftes[min(len(ftes) - 1, int(len(ftes) * NON_RESPONDENT_MAX_FTE_QUANTILE))]
    pool = [a for a in with_fte if _fte(a) <= limit]
    if len(pool) < slots:
        pool = with_fte
    rng = _rng(seed, "non-respondents", n_respondents, len(population))
    rng.shuffle(pool)
    to_remove = Fraction(sum(ftes)) - fte_target

    picked: list[DemoAgency] = []
    for slot in range(slots):
        left = slots - slot
        aim = float(to_remove - sum(_fte(a) for a in picked)) / left
        if left > 2:  # the last two picks aim exactly
            aim *= rng.lognormvariate(0.0, 0.5)
        candidates = [a for a in pool if a not in picked]
        picked.append(min(candidates, key=lambda a: abs(_fte(a) - aim)))

    def error(group: Iterable[DemoAgency]) -> Fraction:
        return abs(to_remove - sum(_fte(a) for a in group))

    improved = True
    while improved:
        improved = False
        best = error(picked)
        for i in range(len(picked)):
            for outside in pool:
                if outside in picked:
                    continue
                trial = [*picked[:i], outside, *picked[i + 1 :]]
                if error(trial) < best:
                    picked, best, improved = trial, error(trial), True
                    break
            if improved:
                break
    return {a.org_nr for a in (*chosen, *picked)}


def _fte(agency: DemoAgency) -> int:
    return agency.fte or 0


# --- The round ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Respondent:
    agency: DemoAgency
    traits: _Traits
    noise: _YearNoise


def generate_round(
    *, year: int, population: Sequence[DemoAgency], target: DemoTarget, seed: int = DEMO_SEED
) -> list[DemoAnswer]:
    """One simulated answer per population member, calibrated to ``target``.

    Returned in org. number order; independent of the order of ``population``.
    Raises :class:`DemoCalibrationError` when the totals cannot be reached.
    """
    agencies = sorted(population, key=lambda a: a.org_nr)
    if len({a.org_nr for a in agencies}) != len(agencies):
        raise DemoCalibrationError("the population lists an agency twice")
    n_respondents = len(agencies)
    if target.n_respondents is not None:
        n_respondents = min(target.n_respondents, len(agencies))
    if n_respondents == 0:
        raise DemoCalibrationError("no respondents")

    absent = choose_non_respondents(
        agencies, n_respondents=n_respondents, fte_target=target.fte_base, seed=seed
    )
    respondents = [
        _Respondent(a, _traits(a.org_nr, seed), _year_noise(a.org_nr, year, seed))
        for a in agencies
        if a.org_nr not in absent
    ]
    invoices = _supplier_invoices(respondents, target=target)
    e_invoices = _e_invoices(respondents, invoices, year=year, target=target)
    matched = _matched(respondents, invoices, e_invoices, year=year, target=target)
    orders = _e_orders(respondents, year=year, target=target)

    answers = {
        r.agency.org_nr: DemoAnswer(
            org_nr=r.agency.org_nr,
            status=AnswerStatus.ANSWERED,
            supplier_invoices=n,
            e_invoices=e,
            matched_invoices=m,
            e_orders=o,
        )
        for r, n, e, m, o in zip(respondents, invoices, e_invoices, matched, orders, strict=True)
    }
    not_applicable = _choose_not_applicable(sorted(absent), year=year, seed=seed)
    for org_nr in sorted(absent):
        reason = not_applicable.get(org_nr, "")
        answers[org_nr] = DemoAnswer(
            org_nr=org_nr,
            status=AnswerStatus.NOT_APPLICABLE if reason else AnswerStatus.NOT_ANSWERED,
            supplier_invoices=None,
            e_invoices=None,
            matched_invoices=None,
            e_orders=None,
            not_applicable_reason=reason,
        )
    result = [answers[a.org_nr] for a in agencies]
    _check_calibration(year, result, agencies, target)
    return result


def _supplier_invoices(respondents: Sequence[_Respondent], *, target: DemoTarget) -> list[int]:
    """∝ ÅA^0.85 × intensity × yearly noise, scaled to the exact published total."""
    known = sorted(r.agency.fte for r in respondents if r.agency.fte is not None)
    typical_fte = known[len(known) // 2] if known else 100
    weights = [
        float(r.agency.fte or typical_fte) ** INVOICE_FTE_EXPONENT
        * r.traits.invoice_intensity
        * r.noise.invoices
        for r in respondents
    ]
    total = target.n_supplier_invoices
    scale = total / sum(weights)
    return apportion(total, [w * scale for w in weights], [total] * len(weights))


def _e_invoices(
    respondents: Sequence[_Respondent], invoices: Sequence[int], *, year: int, target: DemoTarget
) -> list[int]:
    """A share on the logit scale around the national level, per agency.

    The spread between agencies and the laggards' handicap shrink over the years; one
    common shift makes Σ e-invoices the count closest to the published percent.
    """
    years_in = max(0, year - DEMO_YEARS[0])
    spread = max(0.5, 1.0 - 0.09 * years_in)
    laggard_penalty = -2.2 * max(0.25, 1.0 - 0.15 * years_in)
    national = _logit(target.share_e_invoice_pct / 100)
    bases = [
        national
        + r.traits.e_invoice_offset * spread
        + r.noise.e_invoice
        + (laggard_penalty if r.traits.e_invoice_laggard else 0.0)
        for r in respondents
    ]
    total = _closest_integer_to(target.share_e_invoice_pct, target.n_supplier_invoices)
    shift = _solve_shift(total, zip(map(float, invoices), bases, strict=True))
    reals = [n * _sigmoid(b + shift) for n, b in zip(invoices, bases, strict=True)]
    return apportion(total, reals, invoices)


def _matched(
    respondents: Sequence[_Respondent],
    invoices: Sequence[int],
    e_invoices: Sequence[int],
    *,
    year: int,
    target: DemoTarget,
) -> list[int]:
    """Zero until the agency starts matching (some never do); otherwise a widely spread
    share of its e-invoices, or, for the rare agency that also matches paper and PDF
    invoices against contracts, of all its invoices (which can exceed its e-invoices).
    """
    matched_share = target.share_matched_pct / max(target.share_e_invoice_pct, 1)
    national = _logit(min(max(matched_share, 0.01), 0.99))
    weights: list[float] = []
    caps: list[int] = []
    for r, n, e in zip(respondents, invoices, e_invoices, strict=True):
        start = r.traits.match_start_year
        cap = 0 if start is None or start > year else n if r.traits.matches_beyond_e else e
        weights.append(float(cap))
        caps.append(cap)
    bases = [national + r.traits.match_offset + r.noise.match for r in respondents]
    total = _closest_integer_to(target.share_matched_pct, target.n_supplier_invoices)
    if total > sum(caps):
        raise DemoCalibrationError(f"{year}: too few matching agencies for {total} matched")
    shift = _solve_shift(total, zip(weights, bases, strict=True))
    reals = [w * _sigmoid(b + shift) for w, b in zip(weights, bases, strict=True)]
    return apportion(total, reals, caps)


def _e_orders(respondents: Sequence[_Respondent], *, year: int, target: DemoTarget) -> list[int]:
    """∝ ÅA × a lognormal rate, zero before the agency starts (some never do).

    An agency without ÅA gets none: its orders could not enter e-orders per 100 ÅA.
    """
    weights = []
    for r in respondents:
        start = r.traits.order_start_year
        ordering = start is not None and start <= year
        weights.append(_fte(r.agency) * r.traits.order_rate * r.noise.orders if ordering else 0.0)
    if sum(weights) == 0:
        raise DemoCalibrationError(f"{year}: no agency places e-orders")
    total = target.n_e_orders
    scale = total / sum(weights)
    return apportion(total, [w * scale for w in weights], [total] * len(weights))


def _choose_not_applicable(absent: Sequence[str], *, year: int, seed: int) -> dict[str, str]:
    """One non-respondent in each round (when there are three or more) answers N/A."""
    if len(absent) < 3:
        return {}
    rng = _rng(seed, "not-applicable", year)
    org_nr = rng.choice(list(absent))
    return {org_nr: rng.choice(NOT_APPLICABLE_REASONS)}


def _check_calibration(
    year: int, answers: Sequence[DemoAnswer], population: Sequence[DemoAgency], target: DemoTarget
) -> None:
    """Raise if the exact parts of the calibration do not hold (they always should)."""
    totals = national_totals(answers, population)
    problems = []
    if totals.supplier_invoices != target.n_supplier_invoices:
        problems.append("supplier invoices")
    if totals.e_orders != target.n_e_orders:
        problems.append("e-orders")
    for value, percent, name in (
        (totals.share_e_invoice, target.share_e_invoice_pct, "share e-invoices"),
        (totals.share_matched, target.share_matched_pct, "share matched"),
    ):
        if value is None or round_half_up(value) != percent:
            problems.append(name)
    if problems:
        raise DemoCalibrationError(f"{year}: calibration missed {', '.join(problems)}")


def national_totals(answers: Iterable[DemoAnswer], population: Iterable[DemoAgency]) -> DemoTotals:
    """The national figures over the respondents, with the pure ratio-of-sums formula."""
    ftes: Mapping[str, int | None] = {a.org_nr: a.fte for a in population}
    answer_list = list(answers)
    answered = [a for a in answer_list if a.status == AnswerStatus.ANSWERED]
    e_share = ratio_of_sums(((a.e_invoices, a.supplier_invoices) for a in answered), scale=100)
    matched = ratio_of_sums(
        ((a.matched_invoices, a.supplier_invoices) for a in answered), scale=100
    )
    orders = ratio_of_sums(((a.e_orders, ftes.get(a.org_nr)) for a in answered), scale=100)
    return DemoTotals(
        n_population=len(ftes),
        n_respondents=len(answered),
        n_not_applicable=sum(1 for a in answer_list if a.status == AnswerStatus.NOT_APPLICABLE),
        supplier_invoices=sum(a.supplier_invoices or 0 for a in answered),
        e_invoices=e_share.numerator_sum,
        matched_invoices=matched.numerator_sum,
        e_orders=sum(a.e_orders or 0 for a in answered),
        fte=orders.denominator_sum,
        share_e_invoice=e_share.value,
        share_matched=matched.value,
        e_orders_per_100_fte=orders.value,
    )
