"""Sorting and filtering of a round's result table, driven by query parameters.

Works on the rows the selector returns (one round is ~170 rows), so the page needs no
JavaScript and the database does no per-request aggregation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from keyfigures.registry import KEY_FIGURES
from keyfigures.selectors import ResultRow
from public.text import normalise_search, swedish_sort_key
from register.size_classes import SIZE_CLASSES

SortValue = str | int | Decimal | None


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    value: Callable[[ResultRow], SortValue]
    numeric: bool = True
    default_descending: bool = True


def _count(field: str) -> Callable[[ResultRow], SortValue]:
    def get(row: ResultRow) -> SortValue:
        value: int | None = getattr(row.response, field)
        return value

    return get


def _figure(slug: str, attribute: str) -> Callable[[ResultRow], SortValue]:
    def get(row: ResultRow) -> SortValue:
        result = row.results.get(slug)
        value: SortValue = getattr(result, attribute) if result else None
        return value

    return get


def columns(language: str) -> list[Column]:
    cols = [
        Column("namn", _("Myndighet"), lambda r: swedish_sort_key(r.agency.name), False, False),
        Column("aa", _("ÅA"), _count("fte")),
        Column("leverantorsfakturor", _("Leverantörsfakturor"), _count("supplier_invoices")),
        Column("e-fakturor", _("E-fakturor"), _count("e_invoices")),
        Column("matchade", _("Matchade fakturor"), _count("matched_invoices")),
        Column("e-order", _("E-order"), _count("e_orders")),
    ]
    for figure in KEY_FIGURES:
        cols.append(Column(figure.slug, figure.name(language), _figure(figure.slug, "value")))
        cols.append(
            Column(
                f"{figure.slug}-rang",
                _("Rang"),
                _figure(figure.slug, "rank"),
                default_descending=False,
            )
        )
        cols.append(
            Column(f"{figure.slug}-forandring", _("Förändring"), _figure(figure.slug, "change"))
        )
    return cols


@dataclass(frozen=True)
class TableQuery:
    sort: str
    descending: bool
    department: str
    size: str
    figure_class: str  # "<figure slug>:<class>" or ""
    search: str


def parse_query(params: Mapping[str, str], cols: list[Column]) -> TableQuery:
    keys = {c.key: c for c in cols}
    sort = params.get("sortera", "namn")
    if sort not in keys:
        sort = "namn"
    order = params.get("ordning", "")
    descending = (
        order == "fallande" if order in {"stigande", "fallande"} else keys[sort].default_descending
    )
    size = params.get("storlek", "")
    if size not in {c.slug for c in SIZE_CLASSES}:
        size = ""
    figure_class = params.get("klass", "")
    figure_slug, _sep, class_name = figure_class.partition(":")
    if figure_slug not in {f.slug for f in KEY_FIGURES} or class_name not in {
        "green",
        "yellow",
        "red",
        "grey",
    }:
        figure_class = ""
    return TableQuery(
        sort=sort,
        descending=descending,
        department=params.get("departement", "")[:120],
        size=size,
        figure_class=figure_class,
        search=params.get("sok", "")[:100].strip(),
    )


def apply(rows: list[ResultRow], query: TableQuery, cols: list[Column]) -> list[ResultRow]:
    """Filter, then sort; values that are missing always come last."""
    selected = rows
    if query.department:
        selected = [r for r in selected if r.agency.department == query.department]
    if query.size:
        selected = [r for r in selected if r.size_class and r.size_class.slug == query.size]
    if query.figure_class:
        slug, _sep, class_name = query.figure_class.partition(":")
        selected = [
            r for r in selected if slug in r.results and r.results[slug].figure_class == class_name
        ]
    if query.search:
        needle = normalise_search(query.search)
        selected = [
            r
            for r in selected
            if needle in normalise_search(r.agency.name)
            or needle in normalise_search(r.agency.short_name)
        ]
    column = next(c for c in cols if c.key == query.sort)
    present = [r for r in selected if column.value(r) is not None]
    missing = [r for r in selected if column.value(r) is None]
    present.sort(key=lambda r: swedish_sort_key(r.agency.name))
    present.sort(key=column.value, reverse=query.descending)  # type: ignore[arg-type]
    return present + missing


@dataclass(frozen=True)
class Header:
    column: Column
    url: str
    aria_sort: str  # "ascending", "descending" or "" when not sorted by this column
    next_order_label: str | Promise


def headers(cols: list[Column], query: TableQuery, params: Mapping[str, str]) -> list[Header]:
    """Each column header links to the table sorted by it; the active one flips order."""
    result = []
    for column in cols:
        active = column.key == query.sort
        descending = not query.descending if active else column.default_descending
        link = {k: v for k, v in params.items() if k not in {"sortera", "ordning"}}
        link["sortera"] = column.key
        link["ordning"] = "fallande" if descending else "stigande"
        result.append(
            Header(
                column=column,
                url="?" + urlencode(link),
                aria_sort=("descending" if query.descending else "ascending") if active else "",
                next_order_label=_("sortera fallande") if descending else _("sortera stigande"),
            )
        )
    return result
