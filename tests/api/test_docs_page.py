"""The documentation page: rendered on the server from the OpenAPI document, in Swedish
and English, with nothing loaded from another host."""

from __future__ import annotations

import re

import pytest

from tests.pagecheck import check_page

pytestmark = pytest.mark.django_db

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
EXTERNAL = re.compile(r"(?:https?:)?//", re.IGNORECASE)


def test_docs_page_passes_the_page_check(client, world):
    response = check_page(client, "/api/v1/docs")
    html = response.content.decode()
    assert "<h1>Öppet API, version 1</h1>" in html
    # Every operation of the document is there, with its parameters.
    for path in ["/api/v1/values", "/api/v1/totals", "/api/v1/peer-groups", "/api/v1/practices"]:
        assert f"GET {path}</code>" in html
    assert "<code>updated_since</code>" in html
    assert "<code>value_display</code>" in html
    assert "Stabilitet" in html
    assert "/api/v2/" in html


def test_docs_page_in_english(client, world):
    response = check_page(client, "/api/v1/docs/en", lang="en")
    html = response.content.decode()
    assert "<h1>Open API, version 1</h1>" in html
    assert "Only this ministry (exact name)" in html  # the English half of the description
    assert "Bara detta departement" not in html
    assert 'href="/api/v1/docs"' in html  # the language switch


def test_docs_page_loads_nothing_from_another_host(client, world):
    html = client.get("/api/v1/docs").content.decode()
    assets = ASSET.findall(html)
    assert assets, "the page links its stylesheet"
    external = [url for url in assets if EXTERNAL.match(url)]
    assert external == [], f"the docs page must load nothing from the internet: {external}"
    assert "<script" not in html
    assert "swagger" not in html.lower()
    assert "cdn" not in html.lower()


def test_docs_page_states_the_configured_rate_limit(client, world, settings):
    settings.API_RATE_LIMIT = "30/m"
    html = client.get("/api/v1/docs").content.decode()
    assert "30 anrop per 60 sekunder" in html


def _descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [
            v for k, v in node.items() if k in {"description", "summary"} and isinstance(v, str)
        ]
        # ninja's own response descriptions ("OK", "Not Found") are not ours
        return found + [d for k, v in node.items() if k != "responses" for d in _descriptions(v)]
    if isinstance(node, list):
        return [d for v in node for d in _descriptions(v)]
    return []


def test_every_description_is_swedish_then_english_exactly_once():
    """The docs page splits descriptions at " / "; a second one would cut the text wrongly."""
    from api.v1 import api

    document = api.get_openapi_schema(path_prefix="/api/v1")
    document.pop("info")  # the API's own description is two paragraphs, not split
    texts = _descriptions(document)
    assert len(texts) > 100
    wrong = [t for t in texts if t.count(" / ") != 1]
    assert wrong == []
