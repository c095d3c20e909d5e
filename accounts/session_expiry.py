"""The login session's end, known to the page, so it can warn before it (WCAG 2.2.1).

Django renews a session's lifetime (``SESSION_COOKIE_AGE``) whenever the session is
saved, and does not keep the moment it will end where a page can read it. The
middleware records that moment in the session each time it is about to be saved; the
context processor hands it to ``public/base.html``, whose script
(``accounts/session.js``) warns ``SESSION_WARNING_SECONDS`` before it and offers to
extend the login (``accounts.views.session_extend``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

EXPIRES_KEY = "_uppfoljning_expires_at"


def expires_at_now() -> float:
    """When a session saved now will end, as a Unix time."""
    return timezone.now().timestamp() + settings.SESSION_COOKIE_AGE


class SessionExpiryMiddleware:
    """Record the session's end whenever a logged-in user's session is about to be saved.

    Sits below SessionMiddleware, so its response phase runs before the session is saved.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and session.modified and user is not None and user.is_authenticated:
            session[EXPIRES_KEY] = expires_at_now()
        return response


def session_expiry(request: HttpRequest) -> dict[str, Any]:
    """Context: the logged-in user's session end (Unix time) and the warning's lead time."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    session = request.session
    expires = session.get(EXPIRES_KEY)
    if expires is None:
        # A session from before this was recorded: saved at the latest now.
        expires = expires_at_now()
    return {
        "session_expires_at": int(expires),
        "session_warning_seconds": min(
            settings.SESSION_WARNING_SECONDS, settings.SESSION_COOKIE_AGE
        ),
    }
