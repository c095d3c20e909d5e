"""HTTP caching of public pages: they change only when the stored results change.

ConditionalGetMiddleware adds an ETag from the body; ``public_page`` adds
Last-Modified from the latest results refresh and a short shared-cache lifetime, so a
proxy or browser can revalidate cheaply.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from keyfigures.models import RoundSummary
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


def _results_clock() -> datetime | None:
    computed = RoundSummary.objects.aggregate(latest=Max("computed_at"))["latest"]
    changed = Round.objects.aggregate(latest=Max("updated_at"))["latest"]
    times = [t for t in (computed, changed) if t is not None]
    return max(times) if times else None


def public_last_modified() -> datetime | None:
    """The latest change to anything a public page shows."""
    times = [t for t in (clock() for clock in [_results_clock, *_clocks]) if t is not None]
    return max(times) if times else None


def results_last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime | None:
    """The later of the last results refresh, the last change to a round (publishing) and
    the last change to other reviewed public content."""
    return public_last_modified()


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
        return response

    return wrapper
