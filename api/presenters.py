"""Rows as the API's JSON: exact numbers as strings, stable English keys. No queries
except where a docstring says so; never a contact person or any other personal data."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest

from api import selectors
from keyfigures.formatting import round_half_up
from keyfigures.models import VALUE_PLACES
from keyfigures.registry import INPUT_NAMES, KEY_FIGURES_BY_SLUG, KeyFigure
from learning.selectors import agency_types
from practices.models import Practice
from register.models import Agency
from register.size_classes import size_class_for

QUANTUM = Decimal(1).scaleb(-VALUE_PLACES)


def exact(value: Fraction | Decimal | None) -> str | None:
    """A value to 12 decimals (half up), without trailing zeros: "95", "66.666666666667"."""
    if value is None:
        return None
    rounded = round_half_up(value, VALUE_PLACES) if isinstance(value, Fraction) else value
    text = format(rounded.quantize(QUANTUM).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def display(value: Fraction | Decimal | None, figure: KeyFigure) -> str | None:
    """The value as the site rounds it (half up to the figure's display decimals)."""
    if value is None:
        return None
    text = format(round_half_up(value, figure.display_decimals), "f")
    return "0" if text == "-0" else text


def page(
    request: HttpRequest, *, count: int, limit: int, offset: int, results: list[Any]
) -> dict[str, Any]:
    def link(new_offset: int) -> str:
        query = request.GET.copy()
        query["offset"] = str(new_offset)
        query["limit"] = str(limit)
        return request.build_absolute_uri(request.path + "?" + urlencode(sorted(query.items())))

    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 and count else None,
        "results": results,
    }


def agencies(items: list[Agency]) -> list[dict[str, Any]]:
    """The agencies with their type and rounds (three more queries)."""
    types = agency_types(items)
    participation = selectors.agency_rounds(items)
    return [
        {
            "org_nr": a.org_nr,
            "name": a.name,
            "short_name": a.short_name,
            "department": a.department,
            "agency_type": types[a.pk].value,
            "former_names": [n.name for n in a.former_names.all()],
            "rounds": [r.slug for r, _s in participation.get(a.pk, [])],
        }
        for a in items
    ]


def agency_detail(agency: Agency) -> dict[str, Any]:
    item = agencies([agency])[0]
    item["participation"] = [
        {
            "round": round_.slug,
            "status": snapshot.status,
            "fte": snapshot.fte,
            "size_class": (c.slug if (c := size_class_for(snapshot.fte)) else None),
        }
        for round_, snapshot in selectors.agency_rounds([agency]).get(agency.pk, [])
    ]
    return item


def rounds(items: list[selectors.RoundItem]) -> list[dict[str, Any]]:
    return [
        {
            "slug": item.round.slug,
            "year": item.round.year,
            "period_type": item.round.period_type,
            "label": item.round.label,
            "is_simulated": item.round.is_simulated,
            "first_published_at": item.first.published_at,
            "version": item.latest.version,
            "published_at": item.latest.published_at,
            "n_population": item.summary.n_population if item.summary else 0,
            "n_answered": item.summary.n_answered if item.summary else 0,
            "n_not_applicable": item.summary.n_not_applicable if item.summary else 0,
        }
        for item in items
    ]


def key_figure(figure: KeyFigure) -> dict[str, Any]:
    return {
        "slug": figure.slug,
        "code": figure.code,
        "name_sv": figure.name_sv,
        "name_en": figure.name_en,
        "unit": figure.unit,
        "unit_sv": figure.unit_sv,
        "unit_en": figure.unit_en,
        "numerator": figure.numerator,
        "numerator_sv": INPUT_NAMES[figure.numerator][0],
        "numerator_en": INPUT_NAMES[figure.numerator][1],
        "denominator": figure.denominator,
        "denominator_sv": INPUT_NAMES[figure.denominator][0],
        "denominator_en": INPUT_NAMES[figure.denominator][1],
        "scale": figure.scale,
        "higher_is_better": figure.higher_is_better,
        "formula_sv": figure.formula_sv,
        "formula_en": figure.formula_en,
        "definition_sv": figure.definition_sv,
        "definition_en": figure.definition_en,
        "display_decimals": figure.display_decimals,
        "source_url": figure.source_url,
    }


def value(row: selectors.ValueRow) -> dict[str, Any]:
    result = row.result
    figure = KEY_FIGURES_BY_SLUG[result.figure]
    exact_value: Fraction | Decimal | None = result.value
    if result.numerator is not None and result.denominator and result.value is not None:
        exact_value = Fraction(figure.scale * result.numerator, result.denominator)
    snapshot = row.snapshot
    return {
        "round": result.round.slug,
        "year": result.round.year,
        "period_type": result.round.period_type,
        "publication_version": row.publication.version,
        "published_at": row.publication.published_at,
        "org_nr": result.agency.org_nr,
        "agency": result.agency.name,
        "department": result.agency.department,
        "key_figure": figure.slug,
        "response_status": snapshot.status if snapshot else "not_answered",
        "state": result.state,
        "reason": result.reason or None,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "value": exact(exact_value),
        "value_display": display(exact_value, figure),
        "figure_class": result.figure_class or None,
        "rank": result.rank,
        "n_ranked": result.n_ranked,
        "previous_round": result.previous_round.slug if result.previous_round else None,
        "previous_value": exact(result.previous_value),
        "change": exact(result.change),
        "change_display": display(result.change, figure),
        "is_corrected": result.is_corrected,
        "is_simulated": bool(snapshot and snapshot.is_simulated) or result.round.is_simulated,
    }


def group_ref(group: selectors.PeerGroup) -> dict[str, Any]:
    return {
        "id": group.id,
        "kind": group.kind,
        "key": group.key,
        "name_sv": group.name_sv,
        "name_en": group.name_en,
    }


def total(row: selectors.TotalRow) -> dict[str, Any]:
    return {
        "round": row.round.slug,
        "key_figure": row.figure.slug,
        "group": group_ref(row.group) if row.group is not None else None,
        "value": exact(row.value),
        "value_display": display(row.value, row.figure),
        "median": exact(row.median),
        "median_display": display(row.median, row.figure),
        "numerator_sum": row.numerator_sum,
        "denominator_sum": row.denominator_sum,
        "n_included": row.n_included,
        "n_values": row.n_values,
    }


def peer_group(item: selectors.GroupMembers, round_: Any) -> dict[str, Any]:
    return {
        **group_ref(item.group),
        "round": round_.slug,
        "members": [{"org_nr": a.org_nr, "name": a.name} for a in item.members],
    }


def practice(item: Practice) -> dict[str, Any]:
    """A published practice. Deliberately field by field: never ``contact``, the review
    comment or who wrote or reviewed it."""
    return {
        "id": item.pk,
        "org_nr": item.agency.org_nr,
        "agency": item.agency.name,
        "title": item.title,
        "description": item.description,
        "started_on": item.started_on,
        "themes": list(item.themes or []),
        "key_figures": list(item.figures or []),
        "effort": item.effort,
        "effort_note": item.effort_note,
        "source_url": item.source_url,
        "source_label": item.source_label,
        "is_simulated": item.is_simulated,
        "published_at": item.published_at,
        "updated_at": item.updated_at,
    }
