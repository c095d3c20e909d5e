"""The columns of the open-data files, declared once.

The CSV header, the Excel sheet that describes the columns, the JSON metadata, the
open-data page and docs/open-data.md all read this list, so a column cannot be added
to one of them and forgotten in another (tests/opendata/test_columns.py checks the doc).

Names are stable snake_case English: within the files' life a column may be added, never
renamed or removed. Pure Python: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from keyfigures.formatting import NBSP, format_number
from keyfigures.registry import KEY_FIGURES, KeyFigure

Kind = Literal["text", "integer", "boolean", "decimal"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description_sv: str
    description_en: str
    unit_sv: str = ""
    unit_en: str = ""

    def description(self, language: str) -> str:
        return self.description_en if language == "en" else self.description_sv

    def unit(self, language: str) -> str:
        return self.unit_en if language == "en" else self.unit_sv


BASE_COLUMNS: tuple[Column, ...] = (
    Column(
        "round",
        "text",
        "Omgångens kortnamn, till exempel 2024 eller 2016-h1.",
        "The round's short name, for example 2024 or 2016-h1.",
    ),
    Column("round_year", "integer", "Omgångens år.", "The round's year.", "år", "year"),
    Column(
        "round_period",
        "text",
        "Period: year (helår), h1 (första halvåret) eller h2 (andra halvåret).",
        "Period: year (full year), h1 (first half) or h2 (second half).",
    ),
    Column("agency_name", "text", "Myndighetens namn.", "The agency's name."),
    Column(
        "org_nr",
        "text",
        "Organisationsnummer, tio siffror utan bindestreck.",
        "Organisation number, ten digits without a hyphen.",
    ),
    Column(
        "department",
        "text",
        "Departementet som myndigheten hör till.",
        "The ministry the agency belongs to.",
    ),
    Column(
        "fte",
        "integer",
        "Årsarbetskrafter (ÅA) enligt ESV:s myndighetsregister.",
        "Full-time equivalents (ÅA) from ESV's agency register.",
        "ÅA",
        "FTE",
    ),
    Column(
        "fte_year",
        "integer",
        "Registeråret som ÅA hämtades från.",
        "The register year the full-time equivalents come from.",
        "år",
        "year",
    ),
    Column(
        "fte_is_fallback",
        "boolean",
        "true när ÅA kommer från ett tidigare registerår än omgångens år (reservår).",
        "true when the full-time equivalents come from an earlier register year than the "
        "round's year (fallback year).",
    ),
    Column(
        "size_class",
        "text",
        "Storleksklass efter ÅA: upp-till-199, 200-499, 500-999, 1000-2999 eller 3000-eller-fler.",
        "Size class by full-time equivalents: upp-till-199, 200-499, 500-999, 1000-2999 or "
        "3000-eller-fler.",
    ),
    Column(
        "response_status",
        "text",
        "Svarets status: answered (besvarad), not_answered (ej besvarad) eller "
        "not_applicable (ej tillämplig).",
        "The response's status: answered, not_answered or not_applicable.",
    ),
    Column(
        "supplier_invoices",
        "integer",
        "Antal mottagna leverantörsfakturor under perioden.",
        "Number of supplier invoices received in the period.",
        "antal",
        "count",
    ),
    Column(
        "e_invoices",
        "integer",
        "Antal av leverantörsfakturorna som var e-fakturor.",
        "Number of the supplier invoices that were e-invoices.",
        "antal",
        "count",
    ),
    Column(
        "matched_invoices",
        "integer",
        "Antal leverantörsfakturor som matchades automatiskt mot beställning eller avtal.",
        "Number of supplier invoices matched automatically against an order or a contract.",
        "antal",
        "count",
    ),
    Column(
        "e_orders",
        "integer",
        "Antal elektroniska beställningar (e-order) under perioden.",
        "Number of electronic orders (e-orders) in the period.",
        "antal",
        "count",
    ),
)


def figure_columns(figure: KeyFigure) -> tuple[Column, ...]:
    code = figure.code
    name_sv = figure.name_sv.lower()
    name_en = figure.name_en.lower()
    return (
        Column(
            f"{code}_state",
            "text",
            f"Läge för {name_sv}: value (värde), not_computable (ej beräkningsbart), "
            "not_answered (ej besvarad) eller not_applicable (ej tillämplig).",
            f"State of {name_en}: value, not_computable, not_answered or not_applicable.",
        ),
        Column(
            f"{code}_exact",
            "text",
            f"{figure.name_sv} exakt, som ett förkortat bråk p/q ({figure.formula_sv}); "
            "ett heltal när nämnaren är 1.",
            f"{figure.name_en} exactly, as a reduced fraction p/q ({figure.formula_en}); an "
            "integer when the denominator is 1.",
            figure.unit_sv,
            figure.unit_en,
        ),
        Column(
            f"{code}_value",
            "decimal",
            f"{figure.name_sv} med tolv decimaler (avrundat halvt uppåt), punkt som decimaltecken.",
            f"{figure.name_en} to twelve decimals (rounded half up), with a decimal point.",
            figure.unit_sv,
            figure.unit_en,
        ),
        Column(
            f"{code}_display",
            "text",
            f"{figure.name_sv} som den visas på webbplatsen (svensk text, avrundat).",
            f"{figure.name_en} as the site shows it (Swedish text, rounded).",
        ),
        Column(
            f"{code}_class",
            "text",
            f"Färgklass för {name_sv}: green (grön), yellow (gul), red (röd) eller grey "
            "(grå: svarade inte). Tom när värdet saknas av annat skäl.",
            f"Colour class of {name_en}: green, yellow, red or grey (did not answer). Empty "
            "when there is no value for another reason.",
        ),
        Column(
            f"{code}_rank",
            "integer",
            f"Placering för {name_sv} bland myndigheterna med värde (1 = bäst).",
            f"Rank of {name_en} among the agencies with a value (1 = best).",
            "placering",
            "rank",
        ),
        Column(
            f"{code}_ranked_of",
            "integer",
            f"Antal myndigheter som rangordnades för {name_sv}.",
            f"Number of agencies ranked for {name_en}.",
            "antal",
            "count",
        ),
        Column(
            f"{code}_corrected",
            "boolean",
            f"true när ett underlag till {name_sv} rättades i den senaste publicerade versionen.",
            f"true when an input of {name_en} was corrected in the latest published version.",
        ),
    )


TRAILING_COLUMNS: tuple[Column, ...] = (
    Column(
        "corrected_fields",
        "text",
        "Uppgifter som ändrades i den senaste publicerade versionen jämfört med den "
        "föregående, åtskilda med semikolon (till exempel e_invoices;fte). Tom i version 1.",
        "Fields changed in the latest published version compared with the previous one, "
        "separated by semicolons (for example e_invoices;fte). Empty in version 1.",
    ),
    Column(
        "publication_version",
        "integer",
        "Omgångens publicerade version (1 = första publiceringen, 2 och uppåt = rättelser).",
        "The round's published version (1 = first publication, 2 and up = corrections).",
    ),
    Column(
        "published_at",
        "text",
        "När versionen publicerades (ISO 8601, UTC).",
        "When the version was published (ISO 8601, UTC).",
    ),
    Column(
        "simulated",
        "boolean",
        "true när värdena är simulerade demodata och inte verkliga svar.",
        "true when the values are simulated demo data, not real answers.",
    ),
)

COLUMNS: tuple[Column, ...] = (
    *BASE_COLUMNS,
    *(column for figure in KEY_FIGURES for column in figure_columns(figure)),
    *TRAILING_COLUMNS,
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)

STATE_TEXTS_SV = {
    "not_computable": "ej beräkningsbart",
    "not_answered": "ej besvarad",
    "not_applicable": "ej tillämplig",
}


PERIOD_WORDS = {
    "h1": ("första halvåret", "first half"),
    "h2": ("andra halvåret", "second half"),
}


def round_label(year: int, period_type: str, language: str) -> str:
    """A round's name in a given language, whatever language is active."""
    words = PERIOD_WORDS.get(period_type)
    if words is None:
        return str(year)
    return f"{year} {words[1] if language == 'en' else words[0]}"


def exact_text(figure: KeyFigure, numerator: int, denominator: int) -> str:
    """The exact value ``scale × numerator / denominator`` as a reduced fraction."""
    return str(Fraction(figure.scale * numerator, denominator))


def display_text(figure: KeyFigure, state: str, value: Decimal | None) -> str:
    """What the Swedish site shows for the value (the files are language independent)."""
    if state != "value" or value is None:
        return STATE_TEXTS_SV.get(state, "")
    text = format_number(value, decimals=figure.display_decimals, language="sv")
    return f"{text}{NBSP}%" if figure.unit == "percent" else text
