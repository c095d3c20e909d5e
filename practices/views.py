"""The practice pages: the public list and detail, the agency's own pages (write, edit,
submit, withdraw) and the office's review. Thin: parse, check access, call a service,
render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.selectors import access_agency, agencies_for_user, user_is_office
from accounts.views import office_required
from keyfigures.registry import KEY_FIGURES, KEY_FIGURES_BY_SLUG
from practices import selectors, services
from practices.exceptions import PracticeError
from practices.forms import PracticeForm, ReturnForm
from practices.models import Practice, PracticeStatus, Theme
from public.caching import public_page
from register.models import Agency

NOTICE_KEY = "practices_notice"
EDITABLE = frozenset(
    {
        PracticeStatus.DRAFT,
        PracticeStatus.RETURNED,
        PracticeStatus.SUBMITTED,
        PracticeStatus.PUBLISHED,
        PracticeStatus.WITHDRAWN,
    }
)


def _private(response: HttpResponse) -> HttpResponse:
    """Logged-in pages: never cached."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


def _errors(form: Any) -> list[tuple[str, str]]:
    """The error summary's links: a field's first control, the group's first box."""
    targets: list[tuple[str, str]] = []
    for name, messages in form.errors.items():
        target = f"id_{name}" if name != "__all__" else "practice-form"
        if name in ("themes", "figures"):
            target = f"id_{name}_0"
        targets.extend((target, message) for message in messages)
    return targets


# Public ----------------------------------------------------------------------------------


@require_safe
@public_page
def practice_list(request: HttpRequest) -> HttpResponse:
    theme = request.GET.get("tema", "")
    figure = request.GET.get("nyckeltal", "")
    theme = theme if theme in Theme.values else ""
    figure = figure if figure in KEY_FIGURES_BY_SLUG else ""
    practices = selectors.practices_filter(
        selectors.published_practices(), theme=theme or None, figure=figure or None
    )
    return render(
        request,
        "practices/practice_list.html",
        {
            "practices": practices,
            "themes": Theme.choices,
            "figures": KEY_FIGURES,
            "theme": theme,
            "figure": figure,
            "filtered": bool(theme or figure),
        },
    )


@require_safe
@public_page
def practice_detail(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = selectors.practice_get_published(practice_id=practice_id)
    if practice is None:
        raise Http404
    return render(
        request,
        "practices/practice_detail.html",
        {"item": selectors.practice_item(practice=practice), "practice": practice},
    )


# The agency's pages ------------------------------------------------------------------------


@require_safe
@login_required
def practice_mine(request: HttpRequest) -> HttpResponse:
    return _private(
        render(
            request,
            "practices/practice_mine.html",
            {
                "practices": selectors.practice_list_for_user(user=request.user),
                # The office may write for any agency through the agency's URL; a list
                # of every agency would bury the page.
                "agencies": []
                if user_is_office(request.user)
                else list(agencies_for_user(user=request.user)),
                "is_office": user_is_office(request.user),
                "notice": request.session.pop(NOTICE_KEY, None),
            },
        )
    )


def _agency_for_org_nr(user: Any, org_nr: str) -> Agency:
    agency = agencies_for_user(user=user).filter(org_nr=org_nr).first()
    if agency is None:
        if user_is_office(user):
            raise Http404
        raise PermissionDenied
    return access_agency(user=user, agency_id=agency.pk)


def _practice_for_user(user: Any, practice_id: int) -> Practice:
    practice = selectors.practice_get(practice_id=practice_id)
    if practice is None:
        raise Http404
    access_agency(user=user, agency_id=practice.agency_id)
    return practice


def _form_page(
    request: HttpRequest,
    *,
    agency: Agency,
    practice: Practice | None,
) -> HttpResponse:
    contacts = list(selectors.contact_choices(agency=agency))
    status = 200
    if request.method == "POST":
        form = PracticeForm(request.POST, contacts=contacts)
        if form.is_valid():
            data = form.data_for_service()
            try:
                if practice is None:
                    practice = services.practice_create(user=request.user, agency=agency, data=data)
                    request.session[NOTICE_KEY] = "created"
                else:
                    practice = services.practice_update(
                        user=request.user, practice=practice, data=data
                    )
                    request.session[NOTICE_KEY] = "saved"
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        form.add_error(name if name in form.fields else None, message)
            else:
                return redirect("practices:mine")
        status = 400
    else:
        form = PracticeForm(
            initial=PracticeForm.initial_from(practice) if practice else {}, contacts=contacts
        )
    errors = _errors(form)
    form.mark_errors()
    return _private(
        render(
            request,
            "practices/practice_form.html",
            {
                "form": form,
                "errors": errors,
                "agency": agency,
                "practice": practice,
                "has_contacts": bool(contacts),
            },
            status=status,
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def practice_create(request: HttpRequest, org_nr: str) -> HttpResponse:
    agency = _agency_for_org_nr(request.user, org_nr)
    return _form_page(request, agency=agency, practice=None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def practice_edit(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = _practice_for_user(request.user, practice_id)
    return _form_page(request, agency=practice.agency, practice=practice)


@require_POST
@login_required
def practice_submit(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = _practice_for_user(request.user, practice_id)
    try:
        services.practice_submit(user=request.user, practice=practice)
    except PracticeError as error:
        request.session[NOTICE_KEY] = error.message
    else:
        request.session[NOTICE_KEY] = "submitted"
    return redirect("practices:mine")


@require_POST
@login_required
def practice_withdraw(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = _practice_for_user(request.user, practice_id)
    try:
        services.practice_withdraw(user=request.user, practice=practice)
    except PracticeError as error:
        request.session[NOTICE_KEY] = error.message
    else:
        request.session[NOTICE_KEY] = "withdrawn"
    return redirect("practices:mine")


# The office's review -----------------------------------------------------------------------


@require_safe
@office_required
def review_list(request: HttpRequest) -> HttpResponse:
    return _private(
        render(
            request,
            "practices/review_list.html",
            {
                "queue": selectors.practice_review_queue(),
                "recent": selectors.practice_recently_reviewed(),
                "notice": request.session.pop(NOTICE_KEY, None),
            },
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
@office_required
def review(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = selectors.practice_get(practice_id=practice_id)
    if practice is None:
        raise Http404
    form = ReturnForm()
    problem = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "publish":
                services.practice_publish(user=request.user, practice=practice)
                request.session[NOTICE_KEY] = "published"
                return redirect("practices:review-list")
            if action == "return":
                form = ReturnForm(request.POST)
                form.is_valid()
                services.practice_return(
                    user=request.user,
                    practice=practice,
                    comment=form.cleaned_data.get("comment", ""),
                )
                request.session[NOTICE_KEY] = "returned"
                return redirect("practices:review-list")
            problem = _("Välj att publicera eller att återsända exemplet.")
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    form.add_error(name if name in form.fields else None, message)
        except PracticeError as error:
            problem = error.message
        status = 400
    errors = [(f"id_{name}", m) for name, ms in form.errors.items() for m in ms]
    if problem:
        errors.append(("review-actions", problem))
    if form.errors:
        form.fields["comment"].widget.attrs.update(
            {"aria-invalid": "true", "aria-describedby": "id_comment_helptext id_comment_error"}
        )
    else:
        form.fields["comment"].widget.attrs["aria-describedby"] = "id_comment_helptext"
    return _private(
        render(
            request,
            "practices/review.html",
            {
                "practice": practice,
                "item": selectors.practice_item(practice=practice),
                "form": form,
                "errors": errors,
                "can_publish": practice.status == PracticeStatus.SUBMITTED,
                "can_return": practice.status
                in (PracticeStatus.SUBMITTED, PracticeStatus.PUBLISHED),
            },
            status=status,
        )
    )
