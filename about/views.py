"""The "Om webbplatsen" page, the accessibility statement and the feedback form.

The first two set no cookies (no form, no session). The feedback form keeps its CSRF
token in the session (``CSRF_USE_SESSIONS``), so that page sets the session cookie.
"""

from __future__ import annotations

from contextlib import suppress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from about import selectors
from about.exceptions import FeedbackRateLimitedError
from about.forms import HONEYPOT_FIELD, FeedbackForm, page_url_clean
from about.models import FeedbackKind
from about.services import feedback_submit
from accounts.services import client_ip

SESSION_REFERENCE = "about_feedback_reference"
PAGE_PARAMETER = "sida"
KIND_PARAMETER = "typ"


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "about/about.html",
        {
            "contact": selectors.contact_get(),
            "service_name": selectors.service_name(),
            "session_hours": int(getattr(settings, "SESSION_COOKIE_AGE", 8 * 3600)) // 3600,
        },
    )


@require_GET
def statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "about/statement.html",
        {
            "statement": selectors.statement_get(),
            "contact": selectors.contact_get(),
            "service_name": selectors.service_name(),
            "digg_report_url": selectors.DIGG_REPORT_URL,
        },
    )


def _initial(request: HttpRequest) -> dict[str, str]:
    initial: dict[str, str] = {}
    page = request.GET.get(PAGE_PARAMETER, "")[:500]
    # A bad prefill is dropped: never an error on arrival.
    with suppress(ValidationError):
        initial["page_url"] = page_url_clean(page)
    kind = request.GET.get(KIND_PARAMETER, "")
    if kind in FeedbackKind.values:
        initial["kind"] = kind
    return initial


def _form_page(request: HttpRequest, form: FeedbackForm, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "about/feedback.html",
        {
            "form": form,
            "honeypot": form[HONEYPOT_FIELD],
            "session_hours": int(getattr(settings, "SESSION_COOKIE_AGE", 8 * 3600)) // 3600,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, FeedbackForm(initial=_initial(request)))
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form)
    data = form.cleaned_data
    try:
        saved = feedback_submit(
            kind=data["kind"],
            message=data["message"],
            page_url=data["page_url"],
            email=data["email"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
            client=client_ip(request) or "unknown",
        )
    except FeedbackRateLimitedError as error:
        minutes = max(1, error.window_seconds // 60)
        form.add_error(
            None,
            _(
                "Du har skickat många meddelanden på kort tid. Vänta %(minutes)d minuter och "
                "skicka sedan igen. Det du har skrivit finns kvar i formuläret."
            )
            % {"minutes": minutes},
        )
        return _form_page(request, form, status=429)
    request.session[SESSION_REFERENCE] = saved.reference
    return redirect("about:feedback-received")


@require_GET
def feedback_received(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SESSION_REFERENCE)
    if not reference:
        return HttpResponseRedirect(reverse("about:feedback"))
    return render(
        request,
        "about/feedback_received.html",
        {"reference": reference, "contact": selectors.contact_get()},
    )
