"""The server-side response cache of anonymous public reads (public/response_cache.py)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from simple_history.utils import update_change_reason

from accounts.models import Role, User
from public import caching, response_cache
from public.response_cache import HEADER, PublicResponseCacheMiddleware, request_language
from publishing.services import round_publish
from register.models import Agency
from surveys.lifecycle import round_close, round_reopen
from surveys.models import Response, Round, RoundStatus
from tests.pagecheck import check_page
from tests.world import World, build_world

RESULTS = "/omgangar/2024/"
ROUND_LIST = "/omgangar/"


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    caches["public"].clear()
    caching.forget_public_stamp()
    yield
    caches["public"].clear()
    caching.forget_public_stamp()


def text_of(response: Any) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")


def get_counting(client: Client, url: str, **extra: Any) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def correct_storverket(world: World, e_orders: int) -> None:
    """Reopen 2024, change Storverket's e-orders with a reason, close and publish again."""
    round_reopen(round=world.round_2024)
    response = Response.objects.get(round=world.round_2024, agency=world.storverket)
    response.e_orders = e_orders
    response.save()
    update_change_reason(response, "Felräknat")
    round_close(round=world.round_2024)
    round_publish(round=world.round_2024, note="Rättelse")


# --- through the whole stack -------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_second_anonymous_request_runs_no_query_and_gives_the_same_bytes(settings):
    """Outside a transaction, as in production: the stamp is remembered, the page kept."""
    settings.PUBLIC_CACHE_STAMP_SECONDS = 60
    build_world()
    client = Client()
    first, first_queries = get_counting(client, RESULTS)
    second, second_queries = get_counting(client, RESULTS)
    assert first.status_code == second.status_code == 200
    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    for name in ("ETag", "Last-Modified", "Cache-Control", "Content-Type", "Content-Length"):
        assert second[name] == first[name]
    assert "Cookie" in second["Vary"]
    assert not second.cookies


@pytest.mark.django_db(transaction=True)
def test_a_publication_in_this_process_is_seen_at_once(settings):
    """A save forgets the remembered stamp, so the next request sees the new round."""
    settings.PUBLIC_CACHE_STAMP_SECONDS = 60
    world = build_world()
    client = Client()
    assert client.get(ROUND_LIST)[HEADER] == "miss"
    assert client.get(ROUND_LIST)[HEADER] == "hit"
    assert "2025" not in text_of(client.get(ROUND_LIST))
    Round.objects.filter(pk=world.draft_2025.pk).update(status=RoundStatus.CLOSED)
    world.draft_2025.refresh_from_db()
    round_publish(round=world.draft_2025)
    after = client.get(ROUND_LIST)
    assert after[HEADER] == "miss"
    assert "2025" in text_of(after)


@pytest.mark.django_db(transaction=True)
def test_the_remembered_stamp_is_bounded_by_its_seconds(settings, monkeypatch):
    """A change no signal reports (a bulk update, another process) is seen once the
    remembered stamp runs out: PUBLIC_CACHE_STAMP_SECONDS is the staleness bound."""
    settings.PUBLIC_CACHE_STAMP_SECONDS = 2
    world = build_world()
    clock = [1000.0]
    monkeypatch.setattr(caching.time, "monotonic", lambda: clock[0])
    before = caching.public_stamp()
    assert before is not None
    later = before + timedelta(hours=1)
    Round.objects.filter(pk=world.round_2024.pk).update(updated_at=later)
    clock[0] += 1.9
    assert caching.public_stamp() == before
    clock[0] += 0.2
    assert caching.public_stamp() == later


def test_correcting_a_published_round_replaces_the_cached_page(world):
    client = Client()
    before = client.get(f"/myndigheter/{world.storverket.org_nr}/")
    assert client.get(f"/myndigheter/{world.storverket.org_nr}/")[HEADER] == "hit"
    assert "47 000" not in text_of(before)
    correct_storverket(world, 47000)
    after = client.get(f"/myndigheter/{world.storverket.org_nr}/")
    assert after[HEADER] == "miss"
    assert "47 000" in text_of(after)
    assert after["ETag"] != before["ETag"]


def test_logged_in_users_never_get_or_leave_a_cached_page(world):
    anonymous = Client()
    assert anonymous.get(RESULTS)[HEADER] == "miss"
    assert anonymous.get(RESULTS)[HEADER] == "hit"
    user = User.objects.create_user("analytiker@example.se", "x-Secret-123", role=Role.ANALYST)
    office = Client()
    office.force_login(user)
    page = office.get(RESULTS)
    assert page.status_code == 200
    assert HEADER not in page
    assert "Logga ut" in text_of(page)
    assert "private" in page["Cache-Control"]
    again = office.get(RESULTS, HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 200
    assert HEADER not in again
    # and the logged-in page was not kept for the anonymous visitor
    anonymous_page = anonymous.get(RESULTS)
    assert anonymous_page[HEADER] == "hit"
    assert "Logga ut" not in text_of(anonymous_page)


def test_a_request_with_any_cookie_or_credentials_is_not_served_from_the_cache(world):
    client = Client()
    client.get(RESULTS)
    assert client.get(RESULTS)[HEADER] == "hit"
    with_cookie = client.get(RESULTS, HTTP_COOKIE="sessionid=stale")
    assert HEADER not in with_cookie
    assert HEADER not in client.get(RESULTS, HTTP_AUTHORIZATION="Bearer x")


@pytest.mark.django_db
def test_pages_that_set_cookies_are_never_cached():
    """The login form keeps its CSRF token in the session: a cookie, so never kept."""
    client = Client()
    for _ in range(2):
        page = client.get("/konto/logga-in/")
        assert page.status_code == 200
        assert "sessionid" in page.cookies
        assert HEADER not in page
        client.cookies.clear()


def test_conditional_get_against_the_cached_page_answers_304_without_queries(world):
    client = Client()
    page = client.get(RESULTS)
    not_modified, queries = get_counting(client, RESULTS, HTTP_IF_NONE_MATCH=page["ETag"])
    assert not_modified.status_code == 304
    assert not_modified[HEADER] == "hit"
    assert not_modified["ETag"] == page["ETag"]
    assert not not_modified.content
    # inside the test's transaction the stamp is read each time: its queries only
    with CaptureQueriesContext(connection) as stamp_queries:
        caching.public_last_modified()
    assert queries == len(stamp_queries)
    since = client.get(RESULTS, HTTP_IF_MODIFIED_SINCE=page["Last-Modified"])
    assert since.status_code == 304
    stale = client.get(RESULTS, HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200
    assert stale.content == page.content


def test_not_found_is_never_cached(world):
    client = Client()
    for _ in range(2):
        missing, queries = get_counting(client, "/omgangar/1999/")
        assert missing.status_code == 404
        assert HEADER not in missing
        assert queries > 2  # the view ran again


def test_the_unpublished_round_stays_out_even_after_caching(world):
    client = Client()
    for _ in range(2):
        assert client.get("/omgangar/2025/").status_code == 404
        assert "999" not in text_of(client.get(f"/myndigheter/{world.nollverket.org_nr}/"))


def test_head_shares_the_get_entry_and_language_and_query_make_their_own(world):
    client = Client()
    client.get(RESULTS)
    head = client.head(RESULTS)
    assert head.status_code == 200
    assert head[HEADER] == "hit"
    english = client.get("/en" + RESULTS)
    assert english[HEADER] == "miss"
    assert english["Content-Language"] == "en"
    sorted_page = client.get(RESULTS + "?sortera=namn&ordning=fallande")
    assert sorted_page[HEADER] == "miss"
    assert client.get(RESULTS)[HEADER] == "hit"


def test_a_cached_page_still_passes_the_public_page_checks(world):
    client = Client()
    check_page(client, RESULTS)
    check_page(client, RESULTS)


def test_a_settings_change_is_a_new_page(world, settings):
    client = Client()
    client.get(ROUND_LIST)
    assert client.get(ROUND_LIST)[HEADER] == "hit"
    settings.OPERATOR_NAME = "Testverket för uppföljning"
    page = client.get(ROUND_LIST)
    assert page[HEADER] == "miss"


# --- the rules on constructed responses ----------------------------------------------


class Counting:
    """A view behind the middleware that counts how often it ran."""

    def __init__(self, make: Callable[[], HttpResponseBase], *, reads_stamp: bool = False):
        self.make = make
        self.reads_stamp = reads_stamp
        self.calls = 0

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        self.calls += 1
        if self.reads_stamp:
            caching.results_last_modified(request)
        return self.make()


def run_twice(
    make: Callable[[], HttpResponseBase], path: str = "/api/v1/values", *, reads_stamp: bool = False
) -> Counting:
    view = Counting(make, reads_stamp=reads_stamp)
    middleware = PublicResponseCacheMiddleware(view)
    factory = RequestFactory()
    for _ in range(2):
        response = middleware(factory.get(path))
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return view


def json_response(**headers: str) -> HttpResponse:
    response = HttpResponse(b'{"items": []}', content_type="application/json")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@pytest.mark.django_db
def test_an_api_200_is_kept():
    assert run_twice(json_response).calls == 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", [201, 301, 304, 404, 429, 500])
def test_other_statuses_are_not_kept(status):
    def make() -> HttpResponse:
        response = json_response()
        response.status_code = status
        return response

    assert run_twice(make).calls == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"Cache_Control": "private, max-age=60"},
        {"Cache_Control": "no-store"},
        {"Vary": "Origin"},
        {"Vary": "*"},
    ],
    ids=["private", "no-store", "vary-origin", "vary-star"],
)
def test_private_unstorable_or_varying_responses_are_not_kept(headers):
    assert run_twice(lambda: json_response(**headers)).calls == 2


@pytest.mark.django_db
def test_a_response_setting_a_cookie_is_not_kept():
    def make() -> HttpResponse:
        response = json_response()
        response.set_cookie("tracking", "1")
        return response

    assert run_twice(make).calls == 2


@pytest.mark.django_db
def test_paths_outside_the_public_prefixes_need_the_public_page_mark():
    def marked() -> HttpResponse:
        return caching.mark_storable(json_response())

    assert run_twice(json_response, path="/konto/", reads_stamp=True).calls == 2
    # marked, but the view never read the stamp first: its age is unknown, not kept
    assert run_twice(marked, path="/konto/").calls == 2
    assert run_twice(marked, path="/konto/", reads_stamp=True).calls == 1


@pytest.mark.django_db
def test_a_streamed_file_is_kept_when_its_length_is_known_and_small(tmp_path, settings):
    small = tmp_path / "values.csv"
    small.write_bytes(b"round,agency\n2024,Storverket\n")
    view = run_twice(lambda: FileResponse(small.open("rb")), path="/data/values.csv")
    assert view.calls == 1
    settings.PUBLIC_CACHE_MAX_BYTES = 10
    caches["public"].clear()
    view = run_twice(lambda: FileResponse(small.open("rb")), path="/data/values.csv")
    assert view.calls == 2


@pytest.mark.django_db
def test_a_hit_serves_the_stored_bytes_and_headers():
    middleware = PublicResponseCacheMiddleware(
        Counting(lambda: json_response(ETag='"abc"', Last_Modified="Mon, 01 Jan 2024 00:00:00 GMT"))
    )
    factory = RequestFactory()
    first = middleware(factory.get("/api/v1/values?round=2024"))
    hit = middleware(factory.get("/api/v1/values?round=2024"))
    assert isinstance(hit, HttpResponse)
    assert isinstance(first, HttpResponse)
    assert hit.content == first.content == b'{"items": []}'
    assert hit["ETag"] == '"abc"'
    assert hit["Content-Type"] == "application/json"
    assert hit[HEADER] == "hit"
    not_modified = middleware(
        factory.get("/api/v1/values?round=2024", HTTP_IF_MODIFIED_SINCE=hit["Last-Modified"])
    )
    assert not_modified.status_code == 304
    other_query = middleware(factory.get("/api/v1/values?round=2023"))
    assert other_query[HEADER] == "miss"


def test_public_last_modified_and_the_stamp_agree(world):
    assert caching.public_stamp() == caching.public_last_modified()
    assert caching.results_last_modified(RequestFactory().get("/")) == (
        caching.public_last_modified()
    )
    assert caching.public_last_modified() <= timezone.now()


def test_concurrent_misses_for_one_key_render_once(monkeypatch):
    """After a publication fifty requests for one page must not render it fifty times."""
    stamp = timezone.now()

    def fixed_stamp(request: HttpRequest) -> Any:
        request.public_stamp = stamp  # type: ignore[attr-defined]
        return stamp

    monkeypatch.setattr(response_cache, "request_stamp", fixed_stamp)
    started = threading.Event()

    def slow() -> HttpResponse:
        started.set()
        time.sleep(0.3)
        return json_response()

    view = Counting(slow)
    middleware = PublicResponseCacheMiddleware(view)
    factory = RequestFactory()
    answers: list[HttpResponseBase] = []
    threads = [
        threading.Thread(target=lambda: answers.append(middleware(factory.get("/api/v1/v"))))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert view.calls == 1
    assert len(answers) == 6
    assert sorted(a[HEADER] for a in answers) == ["hit"] * 5 + ["miss"]
    assert {a.content for a in answers if isinstance(a, HttpResponse)} == {b'{"items": []}'}
    assert response_cache._flights.waiting() == 0


@pytest.mark.parametrize(
    ("path", "accept_language"),
    [
        ("/omgangar/2024/", ""),
        ("/omgangar/2024/", "en-GB,en;q=0.9"),
        ("/en/omgangar/2024/", "sv"),
        ("/api/v1/values", "en"),
        ("/data/values.csv", "de, en;q=0.5"),
    ],
)
def test_the_key_language_is_the_one_locale_middleware_chooses(path, accept_language):
    request = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE=accept_language)
    expected = request_language(request)
    LocaleMiddleware(lambda r: HttpResponse()).process_request(request)
    assert expected == request.LANGUAGE_CODE


def test_accept_language_does_not_split_the_swedish_page(world):
    client = Client()
    client.get(RESULTS)
    english_browser = client.get(RESULTS, HTTP_ACCEPT_LANGUAGE="en")
    assert english_browser[HEADER] == "hit"
    assert english_browser["Content-Language"] == "sv"


def test_a_host_django_refuses_is_never_kept(world):
    client = Client()
    for _ in range(2):
        refused = client.get(RESULTS, HTTP_HOST="evil.example")
        assert refused.status_code == 400
        assert HEADER not in refused
    assert client.get(RESULTS)[HEADER] == "miss"


def test_a_hit_carries_every_header_of_the_miss(world):
    client = Client()
    miss = client.get(RESULTS)
    hit = client.get(RESULTS)
    assert {k: v for k, v in miss.items() if k != HEADER} == {
        k: v for k, v in hit.items() if k != HEADER
    }


@pytest.mark.django_db
def test_a_head_is_served_from_a_get_but_never_kept_itself():
    """The API answers HEAD without a body: that must never be given to a GET."""
    answers = {"GET": b'{"items": []}', "HEAD": b""}
    calls: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        calls.append(request.method or "")
        return HttpResponse(answers[request.method or "GET"], content_type="application/json")

    middleware = PublicResponseCacheMiddleware(view)
    factory = RequestFactory()
    middleware(factory.head("/api/v1/values"))
    got = middleware(factory.get("/api/v1/values"))
    assert isinstance(got, HttpResponse)
    assert got.content == b'{"items": []}'
    head = middleware(factory.head("/api/v1/values"))
    assert head[HEADER] == "hit"
    assert calls == ["HEAD", "GET"]


@pytest.mark.django_db
def test_a_failure_to_make_the_key_leaves_the_request_to_the_stack(monkeypatch):
    def broken(request: HttpRequest) -> str:
        raise ImportError("the URLconf is broken")

    monkeypatch.setattr(response_cache, "request_language", broken)
    view = run_twice(json_response)
    assert view.calls == 2


WRK_REPORT = """Running 10s test @ http://127.0.0.1:8000/omgangar/2024/
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     9.21ms    5.01ms  70.98ms   87.81%
    Req/Sec     2.95k   663.78     4.55k    84.48%
  Latency Distribution
     50%  812.00us
     75%   23.57ms
     90%   48.63ms
     99%    1.20s
  59000 requests in 10.07s, 674.37MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   5858.88
Transfer/sec:     66.99MB
"""


def test_the_benchmark_reads_wrk_and_judges_the_targets():
    from benchmarks.serve_published import Measurement, Row, Target, parse_wrk

    measured = parse_wrk(WRK_REPORT)
    assert measured == Measurement(
        rps=5858.88, p50_ms=0.812, p99_ms=1200.0, requests=59000, errors=7
    )
    target = Target("results", "/omgangar/2024/", "results.html")
    fast = Measurement(rps=3000.0, p50_ms=5.0, p99_ms=49.9, requests=30000, errors=0)
    static = Measurement(rps=6000.0, p50_ms=4.0, p99_ms=20.0, requests=60000, errors=0)
    assert Row(target, 10, fast, static).ratio == 0.5
    assert Row(target, 10, fast, static).holds
    slow_tail = Measurement(rps=3000.0, p50_ms=5.0, p99_ms=50.0, requests=30000, errors=0)
    assert not Row(target, 10, slow_tail, static).holds
    too_few = Measurement(rps=2999.0, p50_ms=5.0, p99_ms=10.0, requests=29990, errors=0)
    assert not Row(target, 10, too_few, static).holds
    assert not Row(target, 10, fast, measured).holds  # errors in a run fail it


@pytest.mark.django_db
def test_the_results_clock_is_one_query_and_none_without_data():
    with CaptureQueriesContext(connection) as queries:
        assert caching._results_clock() is None
    assert len(queries) == 1


def test_the_results_clock_is_the_latest_of_rounds_results_and_register(world):
    later = timezone.now() + timedelta(days=1)
    Round.objects.filter(pk=world.round_2023.pk).update(updated_at=later)
    assert caching._results_clock() == later
    latest = later + timedelta(hours=1)
    Agency.objects.filter(pk=world.smaverket.pk).update(updated_at=latest)
    assert caching._results_clock() == latest


def test_renaming_an_agency_in_the_register_replaces_cached_pages(world):
    client = Client()
    page = f"/myndigheter/{world.smaverket.org_nr}/"
    assert "Småverket" in text_of(client.get(page))
    assert client.get(page)[HEADER] == "hit"
    world.smaverket.name = "Småverket för uppföljning"
    world.smaverket.save()
    renamed = client.get(page)
    assert renamed[HEADER] == "miss"
    assert "Småverket för uppföljning" in text_of(renamed)
