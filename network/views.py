"""The network's pages under /natverk/: the contact directory, a person's own contact
record (opt in, change, withdraw), the office's list of contacts, the agencies' comments
and their review, and "Lär av" for a logged-in respondent.

Thin: parse the form, resolve the agency through the permission check, call a service,
render. Every page here is private (``no-store``): it shows personal data or a user's
own agencies.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.selectors import access_agency, agencies_for_user, user_is_office
from accounts.views import office_required
from keyfigures.registry import KEY_FIGURES
from keyfigures.selectors import published_rounds
from network import selectors, services
from network.consent import consent_text
from network.exceptions import NetworkError
from network.forms import CommentForm, ContactForm, DescribedForm, OptInForm, RejectForm, SearchForm
from network.models import AgencyComment, CommentStatus, Contact
from register.models import Agency

View = Callable[..., HttpResponse]
NOTICE_KEY = "network_notice"


def _private(response: HttpResponse) -> HttpResponse:
    """Personal data: never stored by a browser or a proxy."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def network_required(view: View) -> View:
    """Anonymous visitors go to the login page; users outside agencies and the office get
    403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.user_sees_network(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _notice(request: HttpRequest, key: str) -> None:
    request.session[NOTICE_KEY] = key


def _pop_notice(request: HttpRequest) -> str | None:
    notice = request.session.pop(NOTICE_KEY, None)
    return str(notice) if notice is not None else None


def _add_error(form: DescribedForm, error: NetworkError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _user_agencies(request: HttpRequest) -> list[Agency]:
    """The agencies the user reports for (none for the office: it does not opt in or
    write an agency's comments)."""
    if user_is_office(request.user):
        return []
    return list(agencies_for_user(user=request.user))


# The directory -------------------------------------------------------------------------


@require_safe
@network_required
def directory(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    rows = selectors.network_directory(query=query)
    return _private(
        render(
            request,
            "network/directory.html",
            {
                "form": form,
                "query": query,
                "rows": rows,
                "n_contacts": sum(len(row.contacts) for row in rows),
                "may_opt_in": selectors.user_may_opt_in(request.user),
                "is_office": user_is_office(request.user),
            },
        )
    )


# A person's own contact record ----------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def contact_mine(request: HttpRequest) -> HttpResponse:
    agencies = _user_agencies(request)
    mine = selectors.contacts_of_user(user=request.user)
    # someone who has left their agency still reaches this page to withdraw their consent
    if not agencies and not mine:
        raise PermissionDenied
    taken = {contact.agency_id for contact in mine}
    open_agencies = [a for a in agencies if a.pk not in taken]
    status = 200
    if request.method == "POST":
        form = OptInForm(request.POST, agencies=open_agencies)
        if form.is_valid():
            data = form.cleaned_data
            agency = access_agency(user=request.user, agency_id=data["agency"])
            try:
                services.contact_opt_in(
                    user=request.user,
                    agency=agency,
                    name=data["name"],
                    role=data["role"],
                    email=data["email"],
                    phone=data["phone"],
                    consent=data["consent"],
                    consent_text=consent_text(),
                )
            except NetworkError as error:
                _add_error(form, error)
            else:
                _notice(request, "opted-in")
                return redirect("network:contact")
        status = 400
    else:
        user = request.user
        form = OptInForm(
            agencies=open_agencies,
            initial={
                "name": getattr(user, "get_full_name", lambda: "")(),
                "email": getattr(user, "email", ""),
            },
        )
    errors = form.error_links()
    form.mark_errors()
    return _private(
        render(
            request,
            "network/contact_mine.html",
            {
                "form": form,
                "errors": errors,
                "contacts": mine,
                "open_agencies": open_agencies,
                "consent_text": consent_text(),
                "notice": _pop_notice(request),
            },
            status=status,
        )
    )


def _own_contact(request: HttpRequest, contact_id: int) -> Contact:
    contact = selectors.contact_get(contact_id=contact_id)
    if contact is None:
        raise Http404
    if contact.user_id != request.user.pk:
        raise PermissionDenied
    return contact


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def contact_edit(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = _own_contact(request, contact_id)
    if not contact.is_active:
        raise Http404
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.contact_update(
                    user=request.user,
                    contact=contact,
                    name=data["name"],
                    role=data["role"],
                    email=data["email"],
                    phone=data["phone"],
                )
            except NetworkError as error:
                _add_error(form, error)
            else:
                _notice(request, "updated")
                return redirect("network:contact")
        status = 400
    else:
        form = ContactForm(
            initial={
                "name": contact.name,
                "role": contact.role,
                "email": contact.email,
                "phone": contact.phone,
            }
        )
    errors = form.error_links()
    form.mark_errors()
    return _private(
        render(
            request,
            "network/contact_edit.html",
            {"form": form, "errors": errors, "contact": contact},
            status=status,
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def contact_withdraw(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Confirm, then erase: the person's own record, or any record for the office."""
    contact = selectors.contact_get(contact_id=contact_id)
    if contact is None:
        raise Http404
    is_office = user_is_office(request.user)
    if contact.user_id != request.user.pk and not is_office:
        raise PermissionDenied
    if request.method == "POST":
        services.contact_withdraw(user=request.user, contact=contact)
        _notice(request, "withdrawn" if contact.user_id == request.user.pk else "removed")
        if is_office:
            return redirect("network:contact-list")
        if not _user_agencies(request) and not selectors.contacts_of_user(user=request.user):
            return redirect("accounts:home")  # left the agency: nothing more to do here
        return redirect("network:contact")
    if not contact.is_active:
        raise Http404
    return _private(
        render(
            request,
            "network/contact_withdraw.html",
            {"contact": contact, "by_office": is_office and contact.user_id != request.user.pk},
        )
    )


@require_safe
@office_required
def contact_list(request: HttpRequest) -> HttpResponse:
    contacts = selectors.contact_list_all()
    return _private(
        render(
            request,
            "network/contact_list.html",
            {
                "active": [c for c in contacts if c.is_active],
                "withdrawn": [c for c in contacts if not c.is_active],
                "notice": _pop_notice(request),
            },
        )
    )


# Comments ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def comment_list(request: HttpRequest) -> HttpResponse:
    agencies = _user_agencies(request)
    if not agencies:
        raise PermissionDenied
    rounds = list(reversed(published_rounds()))
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST, agencies=agencies, rounds=rounds)
        if form.is_valid():
            data = form.cleaned_data
            agency = access_agency(user=request.user, agency_id=data["agency"])
            round_ = next((r for r in rounds if r.pk == data["round"]), None)
            try:
                services.comment_submit(
                    user=request.user, agency=agency, round=round_, text=data["text"]
                )
            except NetworkError as error:
                _add_error(form, error)
            else:
                _notice(request, "submitted")
                return redirect("network:comment-list")
        status = 400
    else:
        form = CommentForm(
            agencies=agencies, rounds=rounds, initial={"round": rounds[0].pk if rounds else None}
        )
    errors = form.error_links()
    form.mark_errors()
    return _private(
        render(
            request,
            "network/comment_list.html",
            {
                "form": form,
                "errors": errors,
                "comments": selectors.comments_for_agencies(agencies=agencies),
                "notice": _pop_notice(request),
                "statuses": CommentStatus,
            },
            status=status,
        )
    )


@require_POST
@login_required
def comment_withdraw(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.comment_get(comment_id=comment_id)
    if comment is None:
        raise Http404
    services.comment_withdraw(user=request.user, comment=comment)
    _notice(request, "withdrawn")
    return redirect("network:comment-list")


def _render_review(
    request: HttpRequest,
    *,
    failed: AgencyComment | None = None,
    failed_form: RejectForm | None = None,
    error: str | None = None,
    status: int = 200,
) -> HttpResponse:
    pending = selectors.comments_for_review()
    items = []
    errors: list[tuple[str, str]] = []
    for comment in pending:
        if failed is not None and failed_form is not None and comment.pk == failed.pk:
            form = failed_form
            errors = form.error_links()
        else:
            form = RejectForm(prefix=f"c{comment.pk}")
        form.mark_errors()
        items.append((comment, form))
    if error:
        errors.append(("pending-heading", error))
    return _private(
        render(
            request,
            "network/comment_review.html",
            {
                "items": items,
                "reviewed": selectors.comments_reviewed(),
                "errors": errors,
                "notice": _pop_notice(request),
            },
            status=status,
        )
    )


@require_safe
@office_required
def comment_review(request: HttpRequest) -> HttpResponse:
    return _render_review(request)


@require_POST
@office_required
def comment_review_action(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.comment_get(comment_id=comment_id)
    if comment is None:
        raise Http404
    action = request.POST.get("action")
    form = RejectForm(request.POST, prefix=f"c{comment.pk}")
    try:
        if action == "approve":
            services.comment_approve(user=request.user, comment=comment)
            _notice(request, "approved")
        elif action == "reject":
            if not form.is_valid():
                return _render_review(request, failed=comment, failed_form=form, status=400)
            services.comment_reject(
                user=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )
            _notice(request, "rejected")
        else:
            return _render_review(
                request, error=_("Välj om kommentaren ska godkännas eller avslås."), status=400
            )
    except NetworkError as error:
        if error.field == "reason":
            form.add_error("reason", error.message)
            return _render_review(request, failed=comment, failed_form=form, status=400)
        return _render_review(request, error=error.message, status=409)
    return redirect("network:comment-review")


# "Lär av" ------------------------------------------------------------------------------


@require_safe
@network_required
def learn_from(request: HttpRequest) -> HttpResponse:
    """For the respondent: each of their agencies. For the office (every agency): the
    one agency chosen in the form."""
    is_office = user_is_office(request.user)
    chosen: Agency | None = None
    choices: list[Agency] = []
    if is_office:
        choices = list(agencies_for_user(user=request.user))
        org_nr = request.GET.get("myndighet", "")
        chosen = next((a for a in choices if a.org_nr == org_nr), None)
        agencies = [chosen] if chosen is not None else []
    else:
        agencies = list(agencies_for_user(user=request.user))
    blocks = selectors.learn_from_blocks(agencies=agencies)
    return _private(
        render(
            request,
            "network/learn_from.html",
            {
                "blocks": blocks,
                "is_office": is_office,
                "choices": choices,
                "chosen": chosen,
                "figures": KEY_FIGURES,
            },
        )
    )
