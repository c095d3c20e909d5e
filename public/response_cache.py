"""A server-side cache of anonymous responses to published pages, /api/v1/ and /data/.

Published content changes only when a round is published or corrected or when other
reviewed public content changes, and ``public.caching.public_last_modified()`` gives the
moment of that change (the "stamp"). So a whole response can be kept under a key made of

    a settings generation · language · scheme · host · path + query

together with the stamp it was made under, and served again, as long as the stamp has not
moved, without running the view, the templates or a single query (the stamp itself is
remembered per process for ``PUBLIC_CACHE_STAMP_SECONDS``). A publication moves the stamp,
so every entry is stale at once; nothing has to be deleted: a stale entry is replaced by
the next render, or ages out.

What is stored (all of it must hold):

- the request is a GET or HEAD carrying no ``Cookie`` and no ``Authorization`` header
  (a HEAD is answered from what a GET kept, but its own response is never kept: views
  may leave a HEAD's body out).
  Public pages set no cookies, so an anonymous visitor sends none; anybody logged in
  sends the session cookie and is never served from here (the page header shows who is
  logged in). This is also what ``Vary: Cookie`` asks of a shared cache: a response made
  for a request without cookies is only given to requests without cookies;
- the response is a 200 without ``Set-Cookie``, without ``Cache-Control: private`` or
  ``no-store``, varying on nothing but ``Accept-Language`` (answered by the language in
  the key) and ``Cookie`` (see above);
- the view declared its content public: ``public.caching.public_page`` marks its
  anonymous responses, and everything under the paths in ``PUBLIC_CACHE_PATH_PREFIXES``
  (default ``/api/v1/`` and ``/data/``) is public by definition;
- the body is at most ``PUBLIC_CACHE_MAX_BYTES`` (streamed files are read into memory
  only when their length is known and within that bound).

After a publication every entry is stale at once; so that fifty concurrent requests for
one page do not render it fifty times, a process renders a stale (or /api/v1/, /data/)
key once and lets the other requests for it wait for that render (``_Flights``).

A hit answers a conditional request (If-None-Match / If-Modified-Since) against the stored
ETag and Last-Modified with 304. Hits and misses say so in an ``X-Public-Cache`` header.

The middleware sits right after WhiteNoise, before the session, the language, the user and
the view: a hit costs little more than a static file. The language in the key is the one
LocaleMiddleware will choose, found by the same steps (``request_language``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import caches
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from public.caching import request_stamp, request_stamp_read

logger = logging.getLogger(__name__)

CACHE_ALIAS = "public"
HEADER = "X-Public-Cache"
DEFAULT_PATH_PREFIXES = ("/api/v1/", "/data/")
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
# A day: entries of an old stamp are never asked for again; they only have to go.
DEFAULT_TIMEOUT = 24 * 3600
_LIST_SEPARATOR = re.compile(r"\s*,\s*")
_VARY_ANSWERED = frozenset({"accept-language", "cookie"})
_REFUSED_CACHE_CONTROL = frozenset({"private", "no-store"})
# The request headers that make a GET conditional.
_CONDITIONAL = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# Headers that must never be replayed.
_NOT_STORED = frozenset({"set-cookie", HEADER.lower()})

# (the public stamp it was made under, its headers as Django keeps them: lower-case name
# -> (name, value), its body)
Stored = tuple[str, dict[str, tuple[str, str]], bytes]

# Bumped when a setting changes (tests override settings): a page rendered under other
# settings is not the same page.
_generation = [0]


def _settings_changed(**kwargs: Any) -> None:
    _generation[0] += 1


setting_changed.connect(_settings_changed, dispatch_uid="public-response-cache-generation")


def request_is_anonymous_read(request: HttpRequest) -> bool:
    """A GET or HEAD without cookies or credentials: the one kind of request served here."""
    meta = request.META
    return (
        request.method in ("GET", "HEAD")
        and not meta.get("HTTP_COOKIE")
        and not meta.get("HTTP_AUTHORIZATION")
    )


def path_prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "PUBLIC_CACHE_PATH_PREFIXES", DEFAULT_PATH_PREFIXES))


def request_language(request: HttpRequest) -> str:
    """The language LocaleMiddleware will choose for this request, by its own steps: the
    cache runs before it, so that a hit costs neither its work nor the session's."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    patterns_used, prefixed_default = is_language_prefix_patterns_used(urlconf)
    if patterns_used:
        from_path = translation.get_language_from_path(request.path_info)
        if from_path:
            return from_path
        if not prefixed_default:
            return str(settings.LANGUAGE_CODE)
    return translation.get_language_from_request(request, check_path=patterns_used)


def cache_key(request: HttpRequest) -> str:
    """The key for this request (the stamp is kept in the value)."""
    # The host as sent: a host Django refuses gets a 400, which is never kept, so only
    # allowed hosts ever have entries; validating it again on every hit is not needed.
    meta = request.META
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        host = meta["HTTP_X_FORWARDED_HOST"]
    else:
        host = (
            meta.get("HTTP_HOST") or f"{meta.get('SERVER_NAME', '')}:{meta.get('SERVER_PORT', '')}"
        )
    where = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pubresp:{_generation[0]}:{request_language(request)}:{digest}"


def _stamp_text(stamp: datetime | None) -> str:
    return stamp.isoformat() if stamp is not None else "none"


def response_is_storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """The response rules of the module docstring (the request was checked before)."""
    if response.status_code != 200 or response.cookies or response.has_header("Set-Cookie"):
        return False
    if not (
        getattr(response, "public_storable", False) or request.path_info.startswith(path_prefixes())
    ):
        return False
    cache_control = {
        part.split("=", 1)[0].strip().lower()
        for part in _LIST_SEPARATOR.split(response.get("Cache-Control", ""))
        if part.strip()
    }
    if cache_control & _REFUSED_CACHE_CONTROL:
        return False
    vary = {
        part.strip().lower()
        for part in _LIST_SEPARATOR.split(response.get("Vary", ""))
        if part.strip()
    }
    return vary <= _VARY_ANSWERED


def _body(response: HttpResponseBase, max_bytes: int) -> bytes | None:
    """The whole body, or None when it is too big or its length cannot be known first."""
    if isinstance(response, HttpResponse):
        return response.content if len(response.content) <= max_bytes else None
    if getattr(response, "streaming", False):
        length = response.get("Content-Length")
        if length is None or not length.isdigit() or int(length) > max_bytes:
            return None
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        # Answer this request with the bytes just read; the file still closes with it.
        response.streaming_content = [body]  # type: ignore[attr-defined]
        return body
    return None


def _response_from(stored: Stored) -> HttpResponse:
    _stamp, headers, body = stored
    response = HttpResponse(body)
    # The headers were checked and encoded when the response was first made; taking
    # them over whole saves doing it again on every hit (a third of a hit's time).
    response.headers._store = dict(headers)
    return response


class _Flights:
    """One render per key at a time in this process; the others wait for it and then
    take what it kept. A waiter gives up waiting after ``PUBLIC_CACHE_WAIT_SECONDS``
    (default 30) and renders itself."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        # key: (its lock, how many requests hold or wait for it)
        self._locks: dict[str, tuple[threading.Lock, int]] = {}

    @contextmanager
    def one_at_a_time(self, key: str) -> Iterator[None]:
        with self._guard:
            lock, users = self._locks.get(key, (threading.Lock(), 0))
            self._locks[key] = (lock, users + 1)
        wait = float(getattr(settings, "PUBLIC_CACHE_WAIT_SECONDS", 30))
        acquired = lock.acquire(timeout=wait)
        try:
            yield
        finally:
            if acquired:
                lock.release()
            with self._guard:
                lock, users = self._locks[key]
                if users <= 1:
                    del self._locks[key]
                else:
                    self._locks[key] = (lock, users - 1)

    def waiting(self) -> int:
        with self._guard:
            return len(self._locks)


_flights = _Flights()


class PublicResponseCacheMiddleware:
    """Serve anonymous reads of public content from the ``public`` cache (see above)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request_is_anonymous_read(request):
            return self.get_response(request)
        try:
            key, stored = self._look_up(request)
        except Exception:
            # The URLconf cannot be imported, the database or the cache is down: let the
            # stack below answer (and fail the usual way, with the session in place for
            # the error page) instead of failing here.
            logger.exception("The public response cache could not look %s up", request.path)
            return self.get_response(request)
        if stored is not None and self._fresh(request, stored):
            return self._hit(request, stored)
        if stored is None and not request.path_info.startswith(path_prefixes()):
            # Never kept before: most likely not public at all, so no waiting in line.
            return self._render(request, key)
        # Kept before (now stale) or public by its path: after a publication, fifty
        # requests for one page must not render it fifty times in this process.
        with _flights.one_at_a_time(key):
            stored = self._cache_get(key)
            if stored is not None and self._fresh(request, stored):
                return self._hit(request, stored)
            return self._render(request, key)

    def _look_up(self, request: HttpRequest) -> tuple[str, Stored | None]:
        """The key and what is kept under it. The stamp is read here, before the view
        reads the content, never after: content may then be newer than its stamp
        (harmless), never older."""
        key = cache_key(request)
        stored: Stored | None = caches[CACHE_ALIAS].get(key)
        if stored is not None or request.path_info.startswith(path_prefixes()):
            request_stamp(request)
        return key, stored

    @staticmethod
    def _fresh(request: HttpRequest, stored: Stored) -> bool:
        return stored[0] == _stamp_text(request_stamp(request))

    @staticmethod
    def _cache_get(key: str) -> Stored | None:
        try:
            stored: Stored | None = caches[CACHE_ALIAS].get(key)
        except Exception:
            logger.exception("The public response cache could not be read")
            return None
        return stored

    def _render(self, request: HttpRequest, key: str) -> HttpResponseBase:
        """Run the view; keep its response when the rules allow."""
        response = self.get_response(request)
        # A page marked by public_page has read the stamp (its Last-Modified) first. Only
        # a GET is kept: a view may answer HEAD without a body, and a HEAD is served from
        # what a GET kept.
        if (
            request.method != "GET"
            or not request_stamp_read(request)
            or not response_is_storable(request, response)
        ):
            return response
        max_bytes = int(getattr(settings, "PUBLIC_CACHE_MAX_BYTES", DEFAULT_MAX_BYTES))
        body = _body(response, max_bytes)
        if body is None:
            return response
        # Made for requests without cookies: a proxy must not give it to one with them.
        patch_vary_headers(response, ("Cookie",))
        headers = {k.lower(): (k, v) for k, v in response.items() if k.lower() not in _NOT_STORED}
        timeout = int(getattr(settings, "PUBLIC_CACHE_TIMEOUT", DEFAULT_TIMEOUT))
        try:
            caches[CACHE_ALIAS].set(
                key, (_stamp_text(request_stamp(request)), headers, body), timeout
            )
        except Exception:
            logger.exception("The public response cache could not keep %s", request.path)
            return response
        response.headers[HEADER] = "miss"
        return response

    def _hit(self, request: HttpRequest, stored: Stored) -> HttpResponseBase:
        response = _response_from(stored)
        response.headers[HEADER] = "hit"
        if not any(name in request.META for name in _CONDITIONAL):
            return response
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        conditional = get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )
        if conditional is None or conditional is response:
            return response
        conditional.headers[HEADER] = "hit"
        return conditional
