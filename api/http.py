"""What wraps every API route: the per-client rate limit, conditional GET, and the one
error shape for methods other than GET and HEAD (405).

The API's responses change only when published content changes, so the validators are
cheap: ``Last-Modified`` is ``public.caching.public_last_modified()`` and the ETag is a
hash of that time, the request's path and query, and the API's schema revision. A
matching ``If-None-Match`` or ``If-Modified-Since`` is answered 304 without running the
route. (A shared response cache, if any, is the project's middleware, not this.)
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from datetime import datetime
from functools import cache, wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache as default_cache
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from api.errors import method_not_allowed_response, not_found_response, rate_limited_response
from public.caching import public_last_modified

View = Callable[..., HttpResponse]

DEFAULT_RATE = "120/m"
MAX_AGE = 60  # seconds: short, the data changes only when something is published
SAFE_METHODS = ("GET", "HEAD")
ALLOWED = "GET, HEAD"
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class RateError(ValueError):
    pass


def parse_rate(rate: str) -> tuple[int, int]:
    """ "120/m" -> (120, 60). Units: s, m, h, d (also "min", "hour", "day" spelled out)."""
    try:
        count_text, unit = rate.strip().split("/")
        count = int(count_text)
        period = PERIODS[unit.strip().lower()[:1]]
    except (ValueError, KeyError) as exc:
        raise RateError(f"API_RATE_LIMIT must look like '120/m', not {rate!r}") from exc
    if count < 1:
        raise RateError(f"API_RATE_LIMIT must allow at least one request, not {rate!r}")
    return count, period


def client_id(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def rate_limit_check(request: HttpRequest, *, now: float | None = None) -> HttpResponse | None:
    """A 429 response when the client has used up its requests in the current window.

    A fixed window per client in Django's cache: the counter key holds the window's
    number, so it expires by itself.
    """
    rate = str(getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE))
    limit, period = parse_rate(rate)
    moment = time.time() if now is None else now
    window = int(moment // period)
    key = f"api-v1-rate:{client_id(request)}:{period}:{window}"
    default_cache.add(key, 0, timeout=period + 1)
    try:
        used = default_cache.incr(key)
    except ValueError:  # expired between add and incr
        default_cache.set(key, 1, timeout=period + 1)
        used = 1
    if used <= limit:
        return None
    retry_after = max(1, math.ceil((window + 1) * period - moment))
    return rate_limited_response(retry_after=retry_after, limit=rate)


@cache
def api_revision() -> str:
    """A hash of the OpenAPI document: a new release with other fields gets new ETags."""
    import json

    from api.v1 import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return hashlib.sha256(json.dumps(schema, sort_keys=True, default=str).encode()).hexdigest()[:16]


def etag_for(request: HttpRequest, last_modified: datetime | None) -> str:
    stamp = last_modified.isoformat() if last_modified else "-"
    digest = hashlib.sha256(
        f"{api_revision()}|{stamp}|{request.get_full_path()}".encode()
    ).hexdigest()[:32]
    return f'"{digest}"'


def _validators(response: HttpResponse, etag: str, last_modified: datetime | None) -> None:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, public=True, max_age=MAX_AGE)


def api_view(view: View) -> View:
    """Rate limit, then conditional GET, then the route; 405 in the common error shape."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limited = rate_limit_check(request)
        if limited is not None:
            return limited
        if request.method not in SAFE_METHODS:
            # The API is read-only: every other method, on every route, is a 405.
            return method_not_allowed_response(ALLOWED)
        last_modified = public_last_modified()
        etag = etag_for(request, last_modified)
        timestamp = int(last_modified.timestamp()) if last_modified else None
        not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if not_modified is not None and not_modified.status_code == 304:
            _validators(not_modified, etag, last_modified)
            return not_modified
        is_head = request.method == "HEAD"
        if is_head:
            request.method = "GET"  # the routes are declared for GET; HEAD is GET without body
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = not_found_response()
        finally:
            if is_head:
                request.method = "HEAD"
        if response.status_code == 200:
            _validators(response, etag, last_modified)
        if is_head:
            response.content = b""
        return response

    return wrapper
