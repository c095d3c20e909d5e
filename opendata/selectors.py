"""Reads for the open-data files: published data only.

Everything comes through ``keyfigures.selectors`` (the published basis: the latest
publication of each round and the results computed from it). Live responses, draft
rounds and contact persons are never read here.
"""

from __future__ import annotations

from dataclasses import dataclass

from keyfigures.models import AgencyResult
from keyfigures.registry import KEY_FIGURES, KeyFigure
from keyfigures.selectors import published_rounds, round_publication, round_result_rows
from opendata.columns import COLUMN_NAMES, display_text, exact_text
from publishing.models import Publication
from surveys.models import Round

Value = str | int | bool | None
Row = dict[str, Value]


@dataclass(frozen=True)
class RoundData:
    round: Round
    publication: Publication
    rows: list[Row]


def _figure_cells(result: AgencyResult | None, figure: KeyFigure) -> Row:
    code = figure.code
    if result is None:
        return {
            f"{code}_state": None,
            f"{code}_exact": None,
            f"{code}_value": None,
            f"{code}_display": None,
            f"{code}_class": None,
            f"{code}_rank": None,
            f"{code}_ranked_of": None,
            f"{code}_corrected": False,
        }
    has_value = (
        result.state == "value"
        and result.numerator is not None
        and result.denominator
        and result.value is not None
    )
    return {
        f"{code}_state": result.state,
        f"{code}_exact": (
            exact_text(figure, result.numerator or 0, result.denominator or 1)
            if has_value
            else None
        ),
        f"{code}_value": f"{result.value:.12f}" if has_value and result.value is not None else None,
        f"{code}_display": display_text(figure, result.state, result.value),
        f"{code}_class": result.figure_class or None,
        f"{code}_rank": result.rank,
        f"{code}_ranked_of": result.n_ranked if result.rank is not None else None,
        f"{code}_corrected": result.is_corrected,
    }


def round_open_data(*, round_: Round) -> RoundData | None:
    """The open-data rows of one published round, or None when it is not published."""
    publication = round_publication(round_=round_)
    if publication is None:
        return None
    published_at = publication.published_at.isoformat().replace("+00:00", "Z")
    rows: list[Row] = []
    for result_row in round_result_rows(round_=round_):
        response = result_row.response
        agency = result_row.agency
        row: Row = {
            "round": round_.slug,
            "round_year": round_.year,
            "round_period": round_.period_type,
            "agency_name": agency.name,
            "org_nr": agency.org_nr,
            "department": agency.department or None,
            "fte": response.fte,
            "fte_year": response.fte_year,
            "fte_is_fallback": response.fte_is_fallback,
            "size_class": result_row.size_class.slug if result_row.size_class else None,
            "response_status": response.status,
            "supplier_invoices": response.supplier_invoices,
            "e_invoices": response.e_invoices,
            "matched_invoices": response.matched_invoices,
            "e_orders": response.e_orders,
        }
        for figure in KEY_FIGURES:
            row.update(_figure_cells(result_row.results.get(figure.slug), figure))
        row.update(
            {
                "corrected_fields": ";".join(response.corrected) or None,
                "publication_version": publication.version,
                "published_at": published_at,
                "simulated": bool(response.is_simulated or round_.is_simulated),
            }
        )
        rows.append({name: row[name] for name in COLUMN_NAMES})
    return RoundData(round=round_, publication=publication, rows=rows)


def all_open_data() -> list[RoundData]:
    """Every published round's open data, oldest round first."""
    data = [round_open_data(round_=r) for r in published_rounds()]
    return [d for d in data if d is not None]


def published_round_get(slug: str) -> Round | None:
    """A published round by its slug; None for an unknown or unpublished one."""
    return next((r for r in published_rounds() if r.slug == slug), None)


def sources_signature(rounds: list[tuple[str, int]]) -> str:
    """What a file was built from: ``slug:version`` of each round, in order."""
    return ",".join(f"{slug}:{version}" for slug, version in rounds)


def current_sources() -> dict[str, int]:
    """Round slug -> latest published version, for every published round."""
    latest: dict[str, int] = {}
    for slug, version in Publication.objects.order_by(
        "round__year", "round__period_type"
    ).values_list("round__slug", "version"):
        latest[slug] = max(version, latest.get(slug, 0))
    return latest
