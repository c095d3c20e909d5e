"""Business value ("Verksamhetsnytta"): what reaching a target would mean in hours and SEK.

Pure: no Django import besides gettext, exact arithmetic (Fraction and Decimal, never
float). The assumptions, their sources and grades are documented in
docs/business-value.md; the figures come from the research note value.md §6.

The three savings form a chain and add up without double counting:

- an invoice moved from paper or PDF to e-invoice saves ``minutes_e_invoice``;
- an invoice matched to an order or subscription, instead of being coded and attested
  by hand, saves ``minutes_matched``;
- an e-order that replaces a manual order saves ``minutes_e_order`` (ordering and goods
  receipt only; its invoice is counted in the two rows above) and, optionally,
  ``sek_per_manual_order`` in forms, postage and phone.

A gap below zero (the agency is already at or above the target) counts as zero, never as
a negative value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from keyfigures.formatting import format_number

MINUTES_PER_HOUR = 60

DIGG_MATCHED_URL = (
    "https://www.digg.se/nationella-digitala-tjanster/e-handel-och-e-faktura/"
    "myndigheternas-e-handel/andel-matchade-fakturor"
)
DIFI_INVOICE_TIME_URL = (
    "https://www.difi.no/nyhet/2016/08/statsbygg-forbedrer-faktureringsrutinene-ehf"
)
DFO_BENEFITS_PLAN_URL = (
    "https://docplayer.me/amp/5521149-Gevinstrealiseringsplan-e-handel-kunde.html"
)
MI_SALARY_URL = "https://www.mi.se/nyheter/2023/rakna-med-medianlon-eller-genomsnittslon/"
INERA_METHOD_URL = (
    "https://inera.atlassian.net/wiki/pages/diffpagesbyversion.action?pageId=2195064148"
    "&selectedPageVersions=42&selectedPageVersions=43"
)

# unit code -> (Swedish, English)
UNIT_LABELS: Mapping[str, tuple[str, str]] = {
    "min_per_invoice": ("min per faktura", "min per invoice"),
    "min_per_order": ("min per order", "min per order"),
    "sek_per_hour": ("kr per timme", "SEK per hour"),
    "hours_per_fte": ("timmar per ÅA", "hours per FTE"),
    "sek_per_order": ("kr per order", "SEK per order"),
}


@dataclass(frozen=True)
class Assumption:
    """One editable assumption with the source it rests on.

    ``grade`` is the grade of that source in value.md (A, B, C; empty when no source
    gives a number). ``is_default_derived``: the default is our own arithmetic or
    judgement on the sources, an adjustable default ("justerbart standardvärde").
    """

    key: str
    label_sv: str
    label_en: str
    value: Decimal
    unit: str
    source_url: str
    grade: str
    is_default_derived: bool
    source_ids: str = ""
    range_low: Decimal | None = None
    range_high: Decimal | None = None
    basis_sv: str = ""
    basis_en: str = ""

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_sv

    def unit_label(self, language: str) -> str:
        sv, en = UNIT_LABELS[self.unit]
        return en if language == "en" else sv

    def basis(self, language: str) -> str:
        return self.basis_en if language == "en" else self.basis_sv


ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption(
        key="minutes_e_invoice",
        label_sv="Sparad tid per faktura som blir e-faktura i stället för papper eller PDF",
        label_en="Time saved per invoice received as an e-invoice instead of paper or PDF",
        value=Decimal(8),
        unit="min_per_invoice",
        source_url=DIFI_INVOICE_TIME_URL,
        grade="B",
        is_default_derived=True,
        source_ids="N1, N2",
        range_low=Decimal(5),
        range_high=Decimal(18),
        basis_sv=(
            "Difi (2016): 5 min sparas per skannad faktura och 18 min per pappersfaktura. "
            "Om ¾ av de fakturor som inte är e-fakturor är PDF eller skannade och ¼ papper: "
            "0,75 × 5 + 0,25 × 18 ≈ 8 min. Välj 18 om de mest är papper, 5 om de mest är PDF."
        ),
        basis_en=(
            "Difi (2016): 5 min saved per scanned invoice and 18 min per paper invoice. "
            "If ¾ of the invoices that are not e-invoices are PDF or scanned and ¼ paper: "
            "0.75 × 5 + 0.25 × 18 ≈ 8 min. Choose 18 if most are paper, 5 if most are PDF."
        ),
    ),
    Assumption(
        key="minutes_matched",
        label_sv="Sparad tid per matchad faktura i stället för manuellt konterad och attesterad",
        label_en="Time saved per matched invoice instead of one coded and attested by hand",
        value=Decimal(5),
        unit="min_per_invoice",
        source_url=DIGG_MATCHED_URL,
        grade="",
        is_default_derived=True,
        source_ids="S3, N1",
        range_low=Decimal(3),
        range_high=Decimal(7),
        basis_sv=(
            "Ingen offentlig källa anger minuter per matchad faktura. DIGG beskriver stora "
            "tidsvinster utan siffra. Övre gräns: Difis 7 min totalt för en e-faktura; "
            "matchning tar bort det mesta av konteringen och attesten, men avvikelser återstår."
        ),
        basis_en=(
            "No public source gives minutes per matched invoice. DIGG describes large time "
            "savings without a number. Upper bound: Difi's 7 min in total for an e-invoice; "
            "matching removes most of the coding and attestation, but exceptions remain."
        ),
    ),
    Assumption(
        key="minutes_e_order",
        label_sv="Sparad tid per e-order i stället för en manuell beställning",
        label_en="Time saved per e-order instead of a manual order",
        value=Decimal(15),
        unit="min_per_order",
        source_url=DFO_BENEFITS_PLAN_URL,
        grade="B",
        is_default_derived=True,
        source_ids="N10",
        range_low=Decimal(5),
        range_high=Decimal(27),
        basis_sv=(
            "DFØ: 27 min per order inklusive varumottagning och faktura, minus e-fakturans "
            "(7 min) och matchningens (5 min) del ≈ 15 min. Fakturans tid räknas i raderna ovan."
        ),
        basis_en=(
            "DFØ: 27 min per order including goods receipt and invoice, minus the e-invoice "
            "(7 min) and matching (5 min) parts ≈ 15 min. The invoice time is counted above."
        ),
    ),
    Assumption(
        key="sek_per_manual_order",
        label_sv="Övrig kostnad per ersatt manuell beställning (blanketter, porto, telefon)",
        label_en="Other cost per replaced manual order (forms, postage, phone)",
        value=Decimal(0),
        unit="sek_per_order",
        source_url=DFO_BENEFITS_PLAN_URL,
        grade="B",
        is_default_derived=True,
        source_ids="N10",
        range_low=Decimal(0),
        range_high=Decimal(25),
        basis_sv="DFØ: 25 NOK per inköp (2008). Litet och gammalt, därför avstängt (0).",
        basis_en="DFØ: 25 NOK per purchase (2008). Small and dated, so switched off (0).",
    ),
    Assumption(
        key="hourly_cost",
        label_sv="Kostnad per arbetstimme inklusive lönekostnadspålägg",
        label_en="Cost per working hour including salary on-costs",
        value=Decimal(458),
        unit="sek_per_hour",
        source_url=MI_SALARY_URL,
        grade="",
        is_default_derived=True,
        source_ids="W1, W2, W3",
        range_low=Decimal(350),
        range_high=Decimal(650),
        basis_sv=(
            "Medellön i staten 41 500 kr i månaden (2022) × 1,5667 (lönekostnadspålägg) "
            "÷ 142 timmar (Ineras metod) = 457,9 kr. Med overhead som hos Jordbruksverket "
            "blir det högre."
        ),
        basis_en=(
            "Average state-sector salary SEK 41,500 a month (2022) × 1.5667 (salary on-costs) "
            "÷ 142 hours (Inera's method) = SEK 457.9. With overhead as at the Swedish Board "
            "of Agriculture it is higher."
        ),
    ),
    Assumption(
        key="hours_per_fte",
        label_sv="Arbetstimmar per årsarbetskraft",
        label_en="Working hours per full-time equivalent",
        value=Decimal(1704),
        unit="hours_per_fte",
        source_url=INERA_METHOD_URL,
        grade="",
        is_default_derived=True,
        source_ids="W3, W4",
        range_low=Decimal(1600),
        range_high=Decimal(1800),
        basis_sv="142 timmar × 12 månader (Ineras metod); Jordbruksverket räknar med 1 680.",
        basis_en="142 hours × 12 months (Inera's method); the Board of Agriculture uses 1,680.",
    ),
)

ASSUMPTIONS_BY_KEY: Mapping[str, Assumption] = {a.key: a for a in ASSUMPTIONS}


def default_values() -> dict[str, Decimal]:
    """The default value of every assumption, by key."""
    return {a.key: a.value for a in ASSUMPTIONS}


def upper_quartile(values: Sequence[Fraction]) -> Fraction | None:
    """The 75th percentile, exactly, by linear interpolation between closest ranks.

    The method of Excel's PERCENTILE.INC and R's default (Hyndman & Fan type 7): sort
    the n values, h = (n − 1) × 3/4, and interpolate between the values at positions
    ⌊h⌋ and ⌊h⌋ + 1 (0-based). None when there are no values.
    """
    if not values:
        return None
    ordered = sorted(values)
    h = Fraction(len(ordered) - 1) * Fraction(3, 4)
    low = int(h)  # floor: h is not negative
    if low + 1 >= len(ordered):
        return ordered[low]
    return ordered[low] + (h - low) * (ordered[low + 1] - ordered[low])


@dataclass(frozen=True)
class FigureEstimate:
    """The gap to the target for one key figure, and what closing it is worth a year."""

    key: str  # "e_invoices", "matched_invoices" or "e_orders"
    computable: bool
    target_count: Fraction | None = None
    gap: Fraction = Fraction(0)
    already_at_target: bool = False
    hours: Fraction = Fraction(0)
    sek: Fraction = Fraction(0)
    steps: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ValueEstimate:
    figures: tuple[FigureEstimate, ...]
    hours: Fraction
    sek: Fraction
    fte_equivalent: Fraction
    steps: list[str]
    warnings: list[str]

    @property
    def any_computable(self) -> bool:
        return any(f.computable for f in self.figures)


def _values(assumptions: Mapping[str, Decimal | Fraction | int]) -> dict[str, Fraction]:
    missing = [a.key for a in ASSUMPTIONS if a.key not in assumptions]
    if missing:
        raise KeyError(f"missing assumptions: {', '.join(missing)}")
    values = {key: Fraction(value) for key, value in assumptions.items()}
    negative = [key for key, value in values.items() if value < 0]
    if negative:
        raise ValueError(f"assumptions cannot be negative: {', '.join(negative)}")
    return values


class _Numbers:
    """Swedish or English number formatting for the step lines."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, value: Fraction | int, decimals: int = 0) -> str:
        return format_number(Fraction(value), decimals=decimals, language=self.language).replace(
            "\u00a0", " "
        )


def _gap_steps(
    *,
    n: _Numbers,
    target: Fraction,
    now: int,
    unit: str,
) -> tuple[Fraction, bool, list[str]]:
    gap = target - now
    if gap <= 0:
        return (
            Fraction(0),
            True,
            [
                _(
                    "Skillnad: {target} − {now} ≤ 0. Myndigheten når redan målet, "
                    "så skillnaden räknas som 0 {unit}."
                ).format(target=n(target), now=n(now), unit=unit)
            ],
        )
    return (
        gap,
        False,
        [
            _("Skillnad: {target} − {now} = {gap} {unit} per år.").format(
                target=n(target), now=n(now), gap=n(gap), unit=unit
            )
        ],
    )


def _time_steps(
    *, n: _Numbers, gap: Fraction, minutes: Fraction, hourly_cost: Fraction, unit: str
) -> tuple[Fraction, Fraction, list[str]]:
    hours = gap * minutes / MINUTES_PER_HOUR
    sek = hours * hourly_cost
    return (
        hours,
        sek,
        [
            _("Tid: {gap} {unit} × {minutes} min ÷ 60 = {hours} timmar per år.").format(
                gap=n(gap), unit=unit, minutes=n(minutes, 1), hours=n(hours, 1)
            ),
            _("Kostnad: {hours} timmar × {cost} kr = {sek} kr per år.").format(
                hours=n(hours, 1), cost=n(hourly_cost), sek=n(sek)
            ),
        ],
    )


def _not_computable(key: str, reason: str) -> FigureEstimate:
    return FigureEstimate(key=key, computable=False, steps=[reason])


def _invoice_estimate(
    *,
    key: str,
    n: _Numbers,
    supplier_invoices: int | None,
    now: int | None,
    target_share: Fraction | None,
    minutes: Fraction,
    hourly_cost: Fraction,
) -> FigureEstimate:
    if supplier_invoices is None or now is None:
        return _not_computable(key, _("Räknas inte: myndighetens antal saknas."))
    if target_share is None:
        return _not_computable(key, _("Räknas inte: det finns inget mål."))
    unit = _("fakturor")
    # never more than every invoice: a share above 100 % cannot be reached
    share = min(max(target_share, Fraction(0)), Fraction(1))
    target = supplier_invoices * share
    steps = [
        _("Mål: {invoices} leverantörsfakturor × {share} % = {target} {unit}.").format(
            invoices=n(supplier_invoices), share=n(share * 100, 1), target=n(target), unit=unit
        )
    ]
    gap, at_target, gap_lines = _gap_steps(n=n, target=target, now=now, unit=unit)
    steps += gap_lines
    hours, sek, time_lines = _time_steps(
        n=n, gap=gap, minutes=minutes, hourly_cost=hourly_cost, unit=unit
    )
    steps += time_lines
    return FigureEstimate(
        key=key,
        computable=True,
        target_count=target,
        gap=gap,
        already_at_target=at_target,
        hours=hours,
        sek=sek,
        steps=steps,
    )


def _order_estimate(
    *,
    n: _Numbers,
    e_orders: int | None,
    fte: int | None,
    target_per_100_fte: Fraction | None,
    minutes: Fraction,
    hourly_cost: Fraction,
    sek_per_order: Fraction,
) -> FigureEstimate:
    key = "e_orders"
    if e_orders is None or fte is None:
        return _not_computable(key, _("Räknas inte: myndighetens antal saknas."))
    if target_per_100_fte is None:
        return _not_computable(key, _("Räknas inte: det finns inget mål."))
    unit = _("e-order")
    target = max(target_per_100_fte, Fraction(0)) * fte / 100
    steps = [
        _("Mål: {rate} e-order per 100 ÅA × {fte} ÅA ÷ 100 = {target} {unit}.").format(
            rate=n(target_per_100_fte, 1), fte=n(fte), target=n(target), unit=unit
        )
    ]
    gap, at_target, gap_lines = _gap_steps(n=n, target=target, now=e_orders, unit=unit)
    steps += gap_lines
    hours, sek, time_lines = _time_steps(
        n=n, gap=gap, minutes=minutes, hourly_cost=hourly_cost, unit=unit
    )
    steps += time_lines
    if sek_per_order:
        other = gap * sek_per_order
        sek += other
        steps.append(
            _("Övrig kostnad: {gap} {unit} × {cost} kr = {other} kr per år.").format(
                gap=n(gap), unit=unit, cost=n(sek_per_order, 2), other=n(other)
            )
        )
    return FigureEstimate(
        key=key,
        computable=True,
        target_count=target,
        gap=gap,
        already_at_target=at_target,
        hours=hours,
        sek=sek,
        steps=steps,
    )


def value_estimate(
    *,
    supplier_invoices: int | None,
    e_invoices: int | None,
    matched_invoices: int | None,
    e_orders: int | None,
    fte: int | None,
    target_share_e: Fraction | None,
    target_share_matched: Fraction | None,
    target_orders_per_100_fte: Fraction | None,
    assumptions: Mapping[str, Decimal | Fraction | int],
    language: str = "sv",
) -> ValueEstimate:
    """Hours and SEK a year of closing the gap to each target, with the steps written out.

    Shares are fractions of 1 (0.95 for 95 %); ``target_orders_per_100_fte`` is e-orders
    per 100 ÅA. A target or a count that is None leaves its figure out ("not computed").
    ``assumptions``: a value for every key in ASSUMPTIONS (see default_values()).
    ``language`` only chooses the number format of the step lines ("sv" or "en").
    """
    values = _values(assumptions)
    n = _Numbers(language)
    hourly_cost = values["hourly_cost"]
    figures = (
        _invoice_estimate(
            key="e_invoices",
            n=n,
            supplier_invoices=supplier_invoices,
            now=e_invoices,
            target_share=target_share_e,
            minutes=values["minutes_e_invoice"],
            hourly_cost=hourly_cost,
        ),
        _invoice_estimate(
            key="matched_invoices",
            n=n,
            supplier_invoices=supplier_invoices,
            now=matched_invoices,
            target_share=target_share_matched,
            minutes=values["minutes_matched"],
            hourly_cost=hourly_cost,
        ),
        _order_estimate(
            n=n,
            e_orders=e_orders,
            fte=fte,
            target_per_100_fte=target_orders_per_100_fte,
            minutes=values["minutes_e_order"],
            hourly_cost=hourly_cost,
            sek_per_order=values["sek_per_manual_order"],
        ),
    )
    warnings: list[str] = []
    if (
        target_share_e is not None
        and target_share_matched is not None
        and target_share_matched > target_share_e
    ):
        warnings.append(
            _(
                "Målet för matchade fakturor är högre än målet för e-fakturor. Det kan stämma "
                "(även abonnemang kan matchas), men kontrollera antagandena."
            )
        )
    hours = sum((f.hours for f in figures), Fraction(0))
    sek = sum((f.sek for f in figures), Fraction(0))
    hours_per_fte = values["hours_per_fte"]
    fte_equivalent = hours / hours_per_fte if hours_per_fte else Fraction(0)
    steps = [
        _("Total tid: {hours} timmar per år.").format(hours=n(hours, 1)),
        _("Det motsvarar {hours} ÷ {per_fte} timmar = {fte} årsarbetskrafter.").format(
            hours=n(hours, 1), per_fte=n(hours_per_fte), fte=n(fte_equivalent, 2)
        ),
        _("Totalt värde: {sek} kr per år.").format(sek=n(sek)),
    ]
    return ValueEstimate(
        figures=figures,
        hours=hours,
        sek=sek,
        fte_equivalent=fte_equivalent,
        steps=steps,
        warnings=warnings,
    )
