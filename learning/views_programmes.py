"""The office's programme follow-up pages (issue 4 point 5): list and create custom
groups, add and remove members, and the difference in differences of a group. Thin:
parse, call one service or selector, render. Office only and never cached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.views import office_required
from learning.forms_programmes import MemberAddForm, ProgrammeGroupForm
from learning.models import ProgrammeGroup
from learning.programmes import MIN_AGENCIES
from learning.selectors_programmes import (
    programme_candidates,
    programme_followup,
    programme_group_get,
    programme_group_list,
    programme_member_get,
)
from learning.services_programmes import (
    programme_group_create,
    programme_membership_add,
    programme_membership_remove,
)
from register.models import Agency

View = Callable[..., HttpResponse]
NOTICE_KEY = "programme_notice"


def programme_view(view: View) -> View:
    """Office only (login, else 403), and never cached: programmes may be internal."""
    return never_cache(office_required(view))


def _notice_set(request: HttpRequest, line: str) -> None:
    request.session[NOTICE_KEY] = [line]


def _notices(request: HttpRequest) -> list[str]:
    notices: list[str] = request.session.pop(NOTICE_KEY, [])
    return notices


def _group(group_id: int) -> ProgrammeGroup:
    group = programme_group_get(group_id=group_id)
    if group is None:
        raise Http404
    return group


def _detail_url(group: ProgrammeGroup) -> str:
    return reverse("programmes:detail", args=[group.pk])


def _list_page(request: HttpRequest, form: ProgrammeGroupForm) -> HttpResponse:
    return render(
        request,
        "learning/programmes/list.html",
        {"groups": programme_group_list(), "form": form, "notices": _notices(request)},
        status=400 if form.errors else 200,
    )


@programme_view
def programme_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, ProgrammeGroupForm())


@programme_view
@require_POST
def programme_create_view(request: HttpRequest) -> HttpResponse:
    form = ProgrammeGroupForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form)
    user = request.user if isinstance(request.user, User) else None
    group = programme_group_create(
        name=form.cleaned_data["name"],
        description=form.cleaned_data["description"],
        start_date=form.cleaned_data["start_date"],
        user=user,
    )
    _notice_set(request, _("Gruppen %(name)s är skapad.") % {"name": group.name})
    return redirect(_detail_url(group))


def _detail_page(
    request: HttpRequest, group: ProgrammeGroup, form: MemberAddForm | None = None
) -> HttpResponse:
    candidates = programme_candidates(group=group)
    context: dict[str, Any] = {
        "group": group,
        "followup": programme_followup(group=group, language=get_language() or "sv"),
        "form": form or MemberAddForm(candidates=candidates),
        "min_agencies": MIN_AGENCIES,
        "notices": _notices(request),
    }
    return render(
        request,
        "learning/programmes/detail.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


@programme_view
def programme_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    return _detail_page(request, _group(group_id))


@programme_view
@require_POST
def programme_member_add_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _group(group_id)
    form = MemberAddForm(request.POST, candidates=programme_candidates(group=group))
    if not form.is_valid():
        return _detail_page(request, group, form)
    agency: Agency = form.cleaned_data["agency"]
    programme_membership_add(group=group, agency=agency)
    _notice_set(request, _("%(agency)s är tillagd i gruppen.") % {"agency": agency.name})
    return redirect(_detail_url(group))


@programme_view
@require_POST
def programme_member_remove_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _group(group_id)
    agency = programme_member_get(group=group, agency_id=request.POST.get("agency", ""))
    if agency is not None:
        programme_membership_remove(group=group, agency=agency)
        _notice_set(request, _("%(agency)s är borttagen ur gruppen.") % {"agency": agency.name})
    return redirect(_detail_url(group))
