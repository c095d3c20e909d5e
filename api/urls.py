"""/api/v1/: the ninja routes and the OpenAPI document, the documentation page, and a
JSON 404 for every other address; /api/v1/ itself lists where to start. Every view is
wrapped by ``api.http.api_view`` (rate limit, conditional GET, the common 405)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, re_path

from api import views
from api.http import api_view
from api.v1 import api


def _wrapped(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = api_view(pattern.callback)
    return patterns


_ninja_patterns, _app_name, _namespace = api.urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("", api_view(views.index), name="api-index"),
    path("docs", api_view(views.docs), name="api-docs"),
    path("docs/en", api_view(views.docs), {"language": "en"}, name="api-docs-en"),
    path("", (_wrapped(_ninja_patterns), _app_name, _namespace)),
    re_path(r"^(?P<rest>.*)$", api_view(views.not_found), name="api-not-found"),
]
