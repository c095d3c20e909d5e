"""HTTP caching of public pages: they change only when the stored results change.

ConditionalGetMiddleware adds an ETag from the body; ``public_page`` adds
Last-Modified from the latest results refresh and a short shared-cache lifetime, so a
proxy or browser can revalidate cheaply, and marks anonymous responses as storable by
the server-side response cache (public/response_cache.py, docs/performance.md).

``public_stamp`` is ``public_last_modified`` remembered per process for
``PUBLIC_CACHE_STAMP_SECONDS`` (default 1 s): the bound on how long a worker may go on
answering from the state before a publication made in another process. A write in this
process (any model saved or deleted) forgets the remembered stamp at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db import connection
from django.db.models import Max, Model, Subquery, Value
from django.db.models.signals import post_delete, post_migrate, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from keyfigures.models import RoundSummary
from register.models import Agency
from surveys.models import Round

View = Callable[..., HttpResponse]
Clock = Callable[[], datetime | None]

# Other apps whose reviewed content shows on public pages (practices, approved agency
# comments) register a function giving the time of their latest public change, so a
# page revalidates when that content changes, not only when results do.
_clocks: list[Clock] = []


def register_public_clock(clock: Clock) -> None:
    """Add a source of public change times; call it from an AppConfig.ready()."""
    if clock not in _clocks:
        _clocks.append(clock)


def _latest(model: type[Model], field: str) -> Subquery:
    """``SELECT MAX(field) FROM model`` as a subquery."""
    one_group = model._default_manager.order_by().annotate(one=Value(1)).values("one")
    return Subquery(one_group.annotate(latest=Max(field)).values("latest")[:1])


def _results_clock() -> datetime | None:
    """The latest results refresh, change to a round (publishing) and change to an
    agency in the register (names and departments show on every page): one query."""
    rows = list(
        Agency.objects.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(
            agencies=Max("updated_at"),
            rounds=_latest(Round, "updated_at"),
            summaries=_latest(RoundSummary, "computed_at"),
        )
        .values_list("agencies", "rounds", "summaries")[:1]
    )
    times: list[datetime] = [t for t in (rows[0] if rows else ()) if isinstance(t, datetime)]
    return max(times) if times else None


def public_last_modified() -> datetime | None:
    """The latest change to anything a public page shows."""
    times = [t for t in (clock() for clock in [_results_clock, *_clocks]) if t is not None]
    return max(times) if times else None


class _Memory:
    # (valid until, on time.monotonic(); the stamp). One tuple, replaced whole, so threads
    # never see half of it.
    remembered: tuple[float, datetime | None] | None = None


_memory = _Memory()
STAMP_SECONDS_DEFAULT = 1.0


def stamp_seconds() -> float:
    """How long a process may reuse ``public_last_modified()`` (PUBLIC_CACHE_STAMP_SECONDS)."""
    return float(getattr(settings, "PUBLIC_CACHE_STAMP_SECONDS", STAMP_SECONDS_DEFAULT))


def public_stamp() -> datetime | None:
    """``public_last_modified()``, remembered per process for a short time.

    Not remembered inside a transaction: what it reads may still be rolled back (tests run
    in one), and a later request must not reuse it.
    """
    ttl = stamp_seconds()
    if ttl <= 0 or connection.in_atomic_block:
        return public_last_modified()
    now = time.monotonic()
    remembered = _memory.remembered
    if remembered is not None and remembered[0] > now:
        return remembered[1]
    stamp = public_last_modified()
    _memory.remembered = (now + ttl, stamp)
    return stamp


def forget_public_stamp(**kwargs: Any) -> None:
    """Drop the remembered stamp; connected to every write signal of this process."""
    _memory.remembered = None


for _signal in (post_save, post_delete, post_migrate, setting_changed):
    _signal.connect(forget_public_stamp, dispatch_uid=f"public-stamp-{id(_signal)}", weak=False)


_REQUEST_ATTRIBUTE = "public_stamp"


def request_stamp(request: HttpRequest) -> datetime | None:
    """``public_stamp()`` read once per request: the response cache and the page's
    Last-Modified see the same moment, and a page pays for it once."""
    if hasattr(request, _REQUEST_ATTRIBUTE):
        stamp: datetime | None = getattr(request, _REQUEST_ATTRIBUTE)
        return stamp
    stamp = public_stamp()
    setattr(request, _REQUEST_ATTRIBUTE, stamp)
    return stamp


def request_stamp_read(request: HttpRequest) -> bool:
    return hasattr(request, _REQUEST_ATTRIBUTE)


def results_last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime | None:
    """The later of the last results refresh, the last change to a round (publishing) and
    the last change to other reviewed public content (remembered briefly, see above)."""
    return request_stamp(request)


def mark_storable(response: HttpResponse) -> HttpResponse:
    """Let the server-side response cache keep this anonymous response until the next
    public change: only for content that changes with ``public_last_modified()``."""
    response.public_storable = True  # type: ignore[attr-defined]
    return response


def public_page(view: View) -> View:
    conditional = condition(last_modified_func=results_last_modified)(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # The header shows who is logged in: never from a shared cache, never a 304
            # that would bring back the anonymous header.
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        response = conditional(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=300)
        return mark_storable(response)

    return wrapper
