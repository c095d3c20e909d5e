"""The key-figure registry: each key figure is declared once, here.

Pages, the API, the docs and the tests read this registry. Pure Python: no Django
import, so the formulas can be tested and reused anywhere (reports, the document
pipeline).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

DIGG_RESULTS_URL = (
    "https://www.digg.se/kunskap-och-stod/e-handel/uppfoljning-av-myndigheternas-e-handel/"
    "myndigheternas-resultat"
)
ESV_REGISTER_URL = (
    "https://www.statskontoret.se/kunskapsstod-och-regler/rapportering/myndighetsregistret/"
)

# The inputs a response can carry; ``fte`` (ÅA) is joined from the agency register.
INPUT_FIELDS: tuple[str, ...] = (
    "supplier_invoices",
    "e_invoices",
    "matched_invoices",
    "e_orders",
    "fte",
)

INPUT_NAMES: Mapping[str, tuple[str, str]] = {
    "supplier_invoices": ("leverantörsfakturor", "supplier invoices"),
    "e_invoices": ("e-fakturor", "e-invoices"),
    "matched_invoices": ("matchade fakturor", "matched invoices"),
    "e_orders": ("e-order", "e-orders"),
    "fte": ("årsarbetskrafter (ÅA)", "full-time equivalents (ÅA)"),
}


class Reason(StrEnum):
    """Why a value is not computable ("ej beräkningsbart")."""

    MISSING_NUMERATOR = "missing_numerator"
    MISSING_DENOMINATOR = "missing_denominator"
    ZERO_DENOMINATOR = "zero_denominator"


REASON_TEXTS: Mapping[Reason, tuple[str, str]] = {
    Reason.MISSING_NUMERATOR: ("{numerator} saknas", "{numerator} missing"),
    Reason.MISSING_DENOMINATOR: ("{denominator} saknas", "{denominator} missing"),
    Reason.ZERO_DENOMINATOR: ("{denominator} är noll", "{denominator} is zero"),
}


@dataclass(frozen=True)
class Computed:
    """A computable value: ``value = scale × numerator / denominator`` exactly."""

    numerator: int
    denominator: int
    value: Fraction

    computable = True


@dataclass(frozen=True)
class NotComputable:
    """A value that cannot be computed, with the reason; never 0 and never an error."""

    reason: Reason

    computable = False


FigureValue = Computed | NotComputable


@dataclass(frozen=True)
class KeyFigure:
    slug: str
    code: str
    name_sv: str
    name_en: str
    unit: str
    unit_sv: str
    unit_en: str
    numerator: str
    denominator: str
    scale: int
    higher_is_better: bool
    formula_sv: str
    formula_en: str
    definition_sv: str
    definition_en: str
    source_label: str
    source_label_en: str
    source_url: str
    display_decimals: int = 0

    @property
    def inputs(self) -> tuple[str, str]:
        return (self.numerator, self.denominator)

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_sv

    def unit_label(self, language: str) -> str:
        return self.unit_en if language == "en" else self.unit_sv

    def formula(self, language: str) -> str:
        return self.formula_en if language == "en" else self.formula_sv

    def source(self, language: str) -> str:
        return self.source_label_en if language == "en" else self.source_label

    def definition(self, language: str) -> str:
        return self.definition_en if language == "en" else self.definition_sv

    def compute(self, inputs: Mapping[str, int | None]) -> FigureValue:
        """The pure formula: exact integers in, an exact fraction or a reason out."""
        numerator = inputs.get(self.numerator)
        denominator = inputs.get(self.denominator)
        if denominator is None:
            return NotComputable(Reason.MISSING_DENOMINATOR)
        if numerator is None:
            return NotComputable(Reason.MISSING_NUMERATOR)
        if denominator == 0:
            return NotComputable(Reason.ZERO_DENOMINATOR)
        return Computed(
            numerator=numerator,
            denominator=denominator,
            value=Fraction(self.scale * numerator, denominator),
        )

    def reason_text(self, reason: Reason, language: str) -> str:
        sv, en = REASON_TEXTS[reason]
        index = 1 if language == "en" else 0
        return (en if language == "en" else sv).format(
            numerator=INPUT_NAMES[self.numerator][index],
            denominator=INPUT_NAMES[self.denominator][index],
        )


SHARE_E_INVOICES = KeyFigure(
    slug="andel-e-faktura",
    code="share_e_invoices",
    name_sv="Andel e-fakturor",
    name_en="Share of e-invoices",
    unit="percent",
    unit_sv="procent",
    unit_en="percent",
    numerator="e_invoices",
    denominator="supplier_invoices",
    scale=100,
    higher_is_better=True,
    formula_sv="e-fakturor / leverantörsfakturor × 100",
    formula_en="e-invoices / supplier invoices × 100",
    definition_sv=(
        "Andelen av myndighetens mottagna leverantörsfakturor under perioden som var "
        "e-fakturor, det vill säga fakturor som skapas och skickas mellan två parters system "
        "i ett strukturerat format och kan behandlas automatiskt. En pdf-faktura är inte en "
        "e-faktura i uppföljningen eftersom den kräver manuell behandling."
    ),
    definition_en=(
        "The share of the supplier invoices the agency received in the period that were "
        "e-invoices: invoices created and sent between two parties' systems in a structured "
        "format that can be processed automatically. A PDF invoice is not an e-invoice in "
        "the follow-up, because it needs manual handling."
    ),
    source_label="Digg, Myndigheternas resultat; lag (2018:1277) om elektroniska fakturor",
    source_label_en=(
        "Digg, Agencies' results (Myndigheternas resultat); Act (2018:1277) on electronic invoices"
    ),
    source_url=DIGG_RESULTS_URL,
)

SHARE_MATCHED = KeyFigure(
    slug="andel-matchade",
    code="share_matched",
    name_sv="Andel matchade fakturor",
    name_en="Share of matched invoices",
    unit="percent",
    unit_sv="procent",
    unit_en="percent",
    numerator="matched_invoices",
    denominator="supplier_invoices",
    scale=100,
    higher_is_better=True,
    formula_sv="matchade fakturor / leverantörsfakturor × 100",
    formula_en="matched invoices / supplier invoices × 100",
    definition_sv=(
        "Andelen av alla mottagna leverantörsfakturor som matchades automatiskt mot en "
        "beställning eller ett avtal (till exempel ett abonnemang). Nämnaren är alla "
        "leverantörsfakturor, inte bara e-fakturorna."
    ),
    definition_en=(
        "The share of all supplier invoices received that were matched automatically against "
        "an order or a contract (a subscription, for example). The denominator is all "
        "supplier invoices, not only the e-invoices."
    ),
    source_label="Digg, Myndigheternas resultat",
    source_label_en="Digg, Agencies' results (Myndigheternas resultat)",
    source_url=DIGG_RESULTS_URL,
)

E_ORDERS_PER_100_FTE = KeyFigure(
    slug="e-order-per-100-aa",
    code="e_orders_per_100_fte",
    name_sv="E-order per 100 årsarbetskrafter",
    name_en="E-orders per 100 full-time equivalents",
    unit="per_100_fte",
    unit_sv="e-order per 100 ÅA",
    unit_en="e-orders per 100 FTE",
    numerator="e_orders",
    denominator="fte",
    scale=100,
    higher_is_better=True,
    formula_sv="e-order / årsarbetskrafter × 100",
    formula_en="e-orders / full-time equivalents × 100",
    definition_sv=(
        "Antalet elektroniska beställningar (e-order) som myndigheten skapade under perioden, "
        "per 100 årsarbetskrafter så att myndigheter av olika storlek kan jämföras. "
        "Årsarbetskrafterna hämtas ur Ekonomistyrningsverkets myndighetsregister, inte ur "
        "enkätsvaret."
    ),
    definition_en=(
        "The number of electronic orders (e-orders) the agency created in the period, per 100 "
        "full-time equivalents so that agencies of different size can be compared. The "
        "full-time equivalents come from the Swedish National Financial Management "
        "Authority's agency register, not from the survey answer."
    ),
    source_label="Digg, Myndigheternas resultat; ESV:s myndighetsregister (ÅA)",
    source_label_en=(
        "Digg, Agencies' results (Myndigheternas resultat); ESV's agency register (ÅA)"
    ),
    source_url=DIGG_RESULTS_URL,
)

KEY_FIGURES: tuple[KeyFigure, ...] = (SHARE_E_INVOICES, SHARE_MATCHED, E_ORDERS_PER_100_FTE)
KEY_FIGURES_BY_SLUG: Mapping[str, KeyFigure] = {f.slug: f for f in KEY_FIGURES}


def key_figure_get(slug: str) -> KeyFigure | None:
    return KEY_FIGURES_BY_SLUG.get(slug)
