"""The HTTP side: one error shape (400/404/405/422/429/500), the rate limit with
Retry-After, and conditional GET (ETag, Last-Modified, 304)."""

from __future__ import annotations

import json

import pytest
from django.core.cache import caches

from api.http import parse_rate, rate_limit_check
from tests.api.helpers import get_json

pytestmark = pytest.mark.django_db


def assert_error_shape(body: dict, code: str) -> None:
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "message_en", "details"}
    assert error["code"] == code
    assert error["message"]
    assert error["message_en"]
    assert error["message"] != error["message_en"]
    assert isinstance(error["details"], list)


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("/api/v1/agencies/0000000000", "Myndigheten"),
        ("/api/v1/values?round=2099", "Omgången"),
        ("/api/v1/values?agency=5555555555", "Myndigheten"),
        ("/api/v1/values?peer_group=size:huge", "Jämförelsegruppen"),
        ("/api/v1/totals?round=2025", "Omgången"),  # the draft round does not exist here
        ("/api/v1/peer-groups?round=2025", "Omgången"),
        ("/api/v1/practices?agency=5555555555", "Myndigheten"),
        ("/api/v1/no-such-thing", "Adressen"),
        ("/api/v1/openapi.json/x", "Adressen"),
    ],
)
def test_not_found_has_the_error_shape(client, world, url, what):
    response = client.get(url)
    assert response.status_code == 404
    body = json.loads(response.content)
    assert_error_shape(body, "not_found")
    assert body["error"]["message"].startswith(what)
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/values?limit=0", "limit"),
        ("/api/v1/values?limit=1001", "limit"),
        ("/api/v1/values?offset=-1", "offset"),
        ("/api/v1/values?key_figure=andel-pdf", "key_figure"),
        ("/api/v1/values?updated_since=yesterday", "updated_since"),
        ("/api/v1/values?updated_since=0.5", "updated_since"),  # not a Unix time either
        ("/api/v1/practices?updated_since=", "updated_since"),
        ("/api/v1/agencies?limit=many", "limit"),
    ],
)
def test_invalid_parameters_are_422_with_the_field(client, world, url, field):
    body = get_json(client, url, status=422)
    assert_error_shape(body, "validation_error")
    assert field in body["error"]["message"]
    assert [d["field"] for d in body["error"]["details"]] == [field]
    assert body["error"]["details"][0]["location"] == "query"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_other_methods_are_405_with_allow(client, world, method):
    response = getattr(client, method)("/api/v1/values")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert_error_shape(json.loads(response.content), "method_not_allowed")


def test_index_points_to_the_docs_and_endpoints(client, world):
    body = get_json(client, "/api/v1/")
    assert body["documentation"] == "http://testserver/api/v1/docs"
    assert body["endpoints"]["values"] == "http://testserver/api/v1/values"
    assert body["endpoints"]["peer_groups"] == "http://testserver/api/v1/peer-groups"


def test_head_is_get_without_a_body(client, world):
    response = client.head("/api/v1/rounds")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"]


def test_server_error_has_the_error_shape(client, world, monkeypatch):
    from api import selectors

    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "round_list", broken)
    response = client.get("/api/v1/rounds")
    assert response.status_code == 500
    body = json.loads(response.content)
    assert_error_shape(body, "server_error")
    assert "boom" not in response.content.decode()


def test_rate_limit_answers_429_with_retry_after(client, world, settings):
    settings.API_RATE_LIMIT = "3/m"
    # Different addresses each time: the public response cache must not answer them.
    for offset in range(3):
        assert client.get(f"/api/v1/agencies?offset={offset}").status_code == 200
    response = client.get("/api/v1/agencies?offset=3")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    body = json.loads(response.content)
    assert_error_shape(body, "rate_limited")
    assert body["error"]["details"][0]["limit"] == "3/m"
    assert "3/m" in body["error"]["message"]
    # Another client is not affected.
    other = client.get("/api/v1/agencies?offset=4", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


def test_rate_limit_window_and_retry_after_are_exact(rf):
    request = rf.get("/api/v1/rounds", REMOTE_ADDR="198.51.100.7")
    from django.test import override_settings

    with override_settings(API_RATE_LIMIT="2/m"):
        now = 6000.0 + 15.5  # 15.5 s into a one-minute window
        assert rate_limit_check(request, now=now) is None
        assert rate_limit_check(request, now=now) is None
        limited = rate_limit_check(request, now=now)
        assert limited is not None
        assert limited.status_code == 429
        assert limited["Retry-After"] == "45"  # ceil(60 − 15.5)
        # The next window starts afresh.
        assert rate_limit_check(request, now=6060.0) is None
    caches["default"].clear()


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("120/m", (120, 60)), ("5/s", (5, 1)), ("1000/hour", (1000, 3600)), ("10/d", (10, 86400))],
)
def test_parse_rate(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["", "120", "x/m", "0/m", "5/w"])
def test_parse_rate_refuses_nonsense(rate):
    from api.http import RateError

    with pytest.raises(RateError):
        parse_rate(rate)


def test_conditional_get_with_etag_and_last_modified(client, world):
    first = client.get("/api/v1/values?round=2024")
    assert first.status_code == 200
    etag = first["ETag"]
    last_modified = first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=60"

    # Straight through the API's own check (the shared response cache emptied).
    for cache in caches.all():
        cache.clear()
    again = client.get("/api/v1/values?round=2024", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    for cache in caches.all():
        cache.clear()
    since = client.get("/api/v1/values?round=2024", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert since.status_code == 304

    stale = client.get("/api/v1/values?round=2024", HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200


def test_etag_changes_when_something_is_published(client, world):
    from keyfigures.services import results_refresh

    etag = client.get("/api/v1/rounds")["ETag"]
    assert client.get("/api/v1/rounds?x=1")["ETag"] != etag  # per address
    results_refresh()
    for cache in caches.all():
        cache.clear()
    response = client.get("/api/v1/rounds", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_errors_carry_no_validators(client, world):
    response = client.get("/api/v1/agencies/0000000000")
    assert "ETag" not in response
    assert "Last-Modified" not in response


@pytest.mark.parametrize(("status", "code"), [(400, "bad_request"), (404, "not_found")])
def test_ninja_http_errors_get_the_error_shape(rf, status, code):
    from ninja.errors import HttpError

    from api.v1 import api

    response = api.on_exception(rf.get("/api/v1/values"), HttpError(status, "Bad input"))
    assert response.status_code == status
    assert_error_shape(json.loads(response.content), code)
