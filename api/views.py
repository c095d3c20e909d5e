"""Plain Django views of the API: the documentation page and the JSON 404 for any other
address under /api/v1/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation

from api import docs_page
from api.errors import not_found_response
from api.http import MAX_AGE, parse_rate
from api.queries import DEFAULT_LIMIT, MAX_LIMIT
from api.v1 import api


def docs(request: HttpRequest, language: str = "sv") -> HttpResponse:
    from django.conf import settings

    from api.http import DEFAULT_RATE

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    rate = str(getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE))
    limit, period = parse_rate(rate)
    with translation.override(language):
        return render(
            request,
            "api/docs.html",
            {
                "operations": docs_page.operations(schema, language),
                "base_url": request.build_absolute_uri("/api/v1"),
                "rate_count": limit,
                "rate_period": period,
                "max_age": MAX_AGE,
                "default_limit": DEFAULT_LIMIT,
                "max_limit": MAX_LIMIT,
                # The docs are not under i18n_patterns: the language switch goes to the
                # other language's docs page.
                "other_language": "sv" if language == "en" else "en",
                "other_language_url": "/api/v1/docs" if language == "en" else "/api/v1/docs/en",
            },
        )


def index(request: HttpRequest) -> HttpResponse:
    """/api/v1/: where to start."""
    base = request.build_absolute_uri("/api/v1")
    paths = ["agencies", "rounds", "key-figures", "values", "totals", "peer-groups", "practices"]
    return JsonResponse(
        {
            "name": api.title,
            "version": api.version,
            "documentation": f"{base}/docs",
            "openapi": f"{base}/openapi.json",
            "endpoints": {name.replace("-", "_"): f"{base}/{name}" for name in paths},
        },
        json_dumps_params={"ensure_ascii": False},
    )


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return not_found_response()
