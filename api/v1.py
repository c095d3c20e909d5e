"""The public JSON API, version 1: read-only, published data only, no personal data.

Thin routes: each parses its query parameters (ninja/pydantic), reads through
``api.selectors`` (published basis only) and shapes the rows with ``api.presenters``.
Errors of every kind share one JSON shape (``api.errors``); rate limiting and
conditional GET wrap every route in ``api.http``.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from api import presenters, selectors
from api.errors import (
    ApiError,
    api_error_response,
    error_response,
    not_found,
    not_found_response,
    server_error_response,
    validation_error_response,
)
from api.queries import (
    AgencyQuery,
    PeerGroupQuery,
    PracticeQuery,
    TotalQuery,
    ValueQuery,
)
from api.schemas import (
    AgencyDetailOut,
    AgencyPage,
    ErrorOut,
    KeyFigureList,
    PeerGroupList,
    PracticePage,
    RoundList,
    TotalList,
    ValuePage,
    d,
)
from api.timeparse import DateTimeError, parse_date_time
from keyfigures.registry import KEY_FIGURES, KEY_FIGURES_BY_SLUG, KeyFigure
from register.models import Agency
from surveys.models import Round

DESCRIPTION = """\
Öppet, läsbart API för uppföljningen av myndigheternas e-handel: myndigheter, publicerade
omgångar, nyckeltalens definitioner, värden per myndighet, totaler och gruppvärden,
jämförelsegrupper och publicerade praktiker. Bara publicerade uppgifter; inga
personuppgifter. Fält kan läggas till inom v1 men byts aldrig namn på eller tas bort.

A read-only open API for the follow-up of the Swedish agencies' e-commerce: agencies,
published rounds, key-figure definitions, values per agency, national and group totals,
peer groups and published practices. Published data only; no personal data. Within v1
fields may be added but are never renamed or removed.
"""


class Utf8JSONRenderer(JSONRenderer):
    """JSON with Swedish letters as they are (UTF-8), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSONRenderer(),
    title="Uppföljning av myndigheternas e-handel – API v1",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
)

# The errors a list can answer, all with the one error shape (405 is outside the document).
LIST_ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut, 429: ErrorOut}

logger = logging.getLogger("api")

# --- errors: one shape for everything ------------------------------------------------


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return api_error_response(exc)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return validation_error_response(list(exc.errors))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return not_found_response()


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 404:
        return not_found_response()
    return error_response(
        status=exc.status_code,
        code="bad_request" if exc.status_code == 400 else "http_error",
        message="Förfrågan kunde inte behandlas. Kontrollera adressen och parametrarna.",
        message_en="The request could not be processed. Check the address and the parameters.",
    )


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error", exc_info=exc)
    return server_error_response()


# --- helpers ---------------------------------------------------------------------------


def _since(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_date_time(text)
    except DateTimeError:
        raise ApiError(
            status=422,
            code="validation_error",
            message=("Ogiltigt värde i: updated_since. Ange en tidpunkt som 2025-01-31T12:00:00Z."),
            message_en="Invalid value in: updated_since. Give a time like 2025-01-31T12:00:00Z.",
            details=[
                {
                    "location": "query",
                    "field": "updated_since",
                    "type": "datetime_parsing",
                    "message_en": "Input should be an RFC 3339 date-time",
                }
            ],
        ) from None


def _round(slug: str | None) -> Round | None:
    if not slug:
        return None
    round_ = selectors.round_get(slug)
    if round_ is None:
        raise not_found(f"Omgången {slug!r}", f"The round {slug!r}")
    return round_


def _agency(org_nr: str | None) -> Agency | None:
    if not org_nr:
        return None
    agency = selectors.agency_get(org_nr.replace("-", ""))
    if agency is None:
        raise not_found(f"Myndigheten {org_nr!r}", f"The agency {org_nr!r}")
    return agency


def _group(group_id: str | None) -> selectors.PeerGroup | None:
    if not group_id:
        return None
    group = selectors.peer_group_get(group_id)
    if group is None:
        raise not_found(
            f"Jämförelsegruppen {group_id!r} (se /api/v1/peer-groups)",
            f"The peer group {group_id!r} (see /api/v1/peer-groups)",
        )
    return group


def _figure(slug: str | None) -> KeyFigure | None:
    return KEY_FIGURES_BY_SLUG[slug] if slug else None


# --- routes ----------------------------------------------------------------------------


@api.get(
    "/agencies",
    response={200: AgencyPage, **LIST_ERRORS},
    operation_id="agencies_list",
    summary="Myndigheter / Agencies",
    description=d(
        "Myndigheterna i minst en publicerad omgång, i namnordning.",
        "The agencies in at least one published round, by name.",
    ),
    tags=["agencies"],
)
def agencies_list(request: HttpRequest, query: Query[AgencyQuery]) -> dict[str, Any]:
    limit, offset = query.limit, query.offset
    qs = selectors.public_agencies()
    if query.department:
        qs = qs.filter(department=query.department)
    count = qs.count()
    agencies = list(qs[offset : offset + limit])
    results = presenters.agencies(agencies)
    return presenters.page(request, count=count, limit=limit, offset=offset, results=results)


@api.get(
    "/agencies/{org_nr}",
    response={200: AgencyDetailOut, 404: ErrorOut, 429: ErrorOut},
    operation_id="agencies_get",
    summary="En myndighet / One agency",
    description=d(
        "En myndighet och dess deltagande i varje publicerad omgång. 404 om den inte finns i "
        "någon.",
        "One agency and its participation in each published round. 404 if it is in none.",
    ),
    tags=["agencies"],
)
def agencies_get(request: HttpRequest, org_nr: str) -> dict[str, Any]:
    agency = _agency(org_nr)
    assert agency is not None
    return presenters.agency_detail(agency)


@api.get(
    "/rounds",
    response={200: RoundList, 429: ErrorOut},
    operation_id="rounds_list",
    summary="Publicerade omgångar / Published rounds",
    description=d(
        "Omgångar med minst en publicerad version, äldst först. Opublicerade omgångar finns inte "
        "här.",
        "Rounds with at least one published version, oldest first. Unpublished rounds are not "
        "here.",
    ),
    tags=["rounds"],
)
def rounds_list(request: HttpRequest) -> dict[str, Any]:
    results = presenters.rounds(selectors.round_list())
    return {"count": len(results), "results": results}


@api.get(
    "/key-figures",
    response={200: KeyFigureList, 429: ErrorOut},
    operation_id="key_figures_list",
    summary="Nyckeltal / Key figures",
    description=d(
        "Nyckeltalens definitioner ur registret: namn, enhet, formel, täljare och nämnare.",
        "The key-figure definitions from the registry: names, unit, formula, numerator and "
        "denominator.",
    ),
    tags=["key-figures"],
)
def key_figures_list(request: HttpRequest) -> dict[str, Any]:
    results = [presenters.key_figure(f) for f in KEY_FIGURES]
    return {"count": len(results), "results": results}


@api.get(
    "/values",
    response={200: ValuePage, **LIST_ERRORS},
    operation_id="values_list",
    summary="Värden / Values",
    description=d(
        "En rad per myndighet × publicerad omgång × nyckeltal, ur den senaste publicerade "
        "versionen av varje omgång. Sorterat på omgång, myndighetens namn och nyckeltal. "
        "Okänd omgång, myndighet eller grupp ger 404.",
        "One row per agency × published round × key figure, from the latest published version "
        "of each round. Sorted by round, agency name and key figure. An unknown round, agency "
        "or group gives 404.",
    ),
    tags=["values"],
)
def values_list(request: HttpRequest, query: Query[ValueQuery]) -> dict[str, Any]:
    limit, offset = query.limit, query.offset
    round_ = _round(query.round)
    rounds = [round_] if round_ is not None else selectors.published_rounds()
    filters = selectors.ValueFilters(
        rounds=rounds,
        agency=_agency(query.agency),
        figure=_figure(query.key_figure),
        group=_group(query.peer_group),
        updated_since=_since(query.updated_since),
    )
    qs = selectors.value_queryset(filters)
    count = qs.count()
    rows = selectors.value_rows(list(qs[offset : offset + limit]), rounds)
    results = [presenters.value(row) for row in rows]
    return presenters.page(request, count=count, limit=limit, offset=offset, results=results)


@api.get(
    "/totals",
    response={200: TotalList, **LIST_ERRORS},
    operation_id="totals_list",
    summary="Totaler och gruppvärden / Totals and group values",
    description=d(
        "Per publicerad omgång och nyckeltal: riket (group = null) och varje jämförelsegrupp. "
        "Värdet är kvoten av summorna, aldrig ett medelvärde av kvoter; medianen är "
        "myndigheternas värden. Med peer_group bara den gruppen.",
        "Per published round and key figure: the nation (group = null) and each peer group. "
        "The value is the ratio of sums, never a mean of ratios; the median is of the "
        "agencies' values. With peer_group only that group.",
    ),
    tags=["values"],
)
def totals_list(request: HttpRequest, query: Query[TotalQuery]) -> dict[str, Any]:
    round_ = _round(query.round)
    rounds = [round_] if round_ is not None else selectors.published_rounds()
    figure = _figure(query.key_figure)
    group = _group(query.peer_group)
    rows = selectors.totals(
        rounds=rounds,
        figures=[figure] if figure is not None else list(KEY_FIGURES),
        groups=[group] if group is not None else None,
    )
    results = [presenters.total(row) for row in rows]
    return {"count": len(results), "results": results}


@api.get(
    "/peer-groups",
    response={200: PeerGroupList, **LIST_ERRORS},
    operation_id="peer_groups_list",
    summary="Jämförelsegrupper / Peer groups",
    description=d(
        "De fördefinierade grupperna (departement, ÅA-storleksklass, myndighetstyp) och deras "
        "medlemmar i en omgång (som standard den senaste publicerade).",
        "The predefined groups (ministry, ÅA size class, agency type) and their members in a "
        "round (by default the latest published one).",
    ),
    tags=["peer-groups"],
)
def peer_groups_list(request: HttpRequest, query: Query[PeerGroupQuery]) -> dict[str, Any]:
    round_ = _round(query.round)
    if round_ is None:
        rounds = selectors.published_rounds()
        if not rounds:
            return {"count": 0, "results": []}
        round_ = rounds[-1]
    groups = selectors.peer_group_members(round_=round_, groups=selectors.peer_groups())
    results = [presenters.peer_group(item, round_) for item in groups]
    return {"count": len(results), "results": results}


@api.get(
    "/practices",
    response={200: PracticePage, **LIST_ERRORS},
    operation_id="practices_list",
    summary="Praktiker / Practices",
    description=d(
        'Publicerade praktiker ("Så gjorde vi"), senaste start först. Utan kontaktperson.',
        'Published practices ("Så gjorde vi"), latest start first. Without the contact person.',
    ),
    tags=["practices"],
)
def practices_list(request: HttpRequest, query: Query[PracticeQuery]) -> dict[str, Any]:
    limit, offset = query.limit, query.offset
    practices = selectors.practice_list(
        agency=_agency(query.agency),
        updated_since=_since(query.updated_since),
        theme=query.theme,
        figure=query.key_figure,
    )
    results = [presenters.practice(p) for p in practices[offset : offset + limit]]
    return presenters.page(
        request, count=len(practices), limit=limit, offset=offset, results=results
    )
