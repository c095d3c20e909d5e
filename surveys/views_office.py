"""The follow-up office's pages under /uppfoljning/ (surveys/urls_office.py).

Rounds and their lifecycle, the dashboard of one round, the review queue, and one
agency's answer with its full change history and the office's correction form.

Thin: every view is office-only (anonymous visitors go to the login page, everyone else
gets 403), parses its input with a form from :mod:`surveys.forms_office`, reads through
:mod:`surveys.selectors_office` and changes state through one service. A service's
refusal is shown in the error summary; a change that went through redirects (POST →
redirect → GET) to a page that says what happened.

The pages show live answers and live key figures of unpublished rounds, so they are
never cached (``never_cache``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.views import office_required
from keyfigures.registry import KEY_FIGURES
from publishing.services import PublishError, round_publish
from surveys import selectors_office as selectors
from surveys.forms_office import (
    NEXT_AGENCY,
    NEXT_REVIEW,
    ConfirmForm,
    PopulationAddForm,
    PopulationRemoveForm,
    ResponseCorrectForm,
    ResponseReturnForm,
    RoundCreateForm,
    RoundOpenForm,
    RoundPublishForm,
)
from surveys.lifecycle import RoundTransitionError, round_close, round_open, round_reopen
from surveys.models import Response, Round, RoundStatus, WorkflowState
from surveys.services import (
    ResponseInvalidError,
    RoundExistsError,
    RoundPeriodError,
    SurveysError,
    round_create,
    round_population_add,
    round_population_remove,
    round_population_set,
)
from surveys.workflow import (
    WorkflowError,
    response_approve,
    response_return,
    response_save,
    round_remind,
)

View = Callable[..., HttpResponse]
# One-off notices for the next page ("Omgången är öppnad."), kept in the session.
NOTICE_KEY = "office_notice"
# The respondents' start page; reminders link to it (in Swedish, the default language).
RESPONDENT_PATH = "/rapportera/"


def office_view(view: View) -> View:
    """Office only (login, else 403), and never cached: the pages show embargoed values."""
    return never_cache(office_required(view))


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _notice_set(request: HttpRequest, *lines: str) -> None:
    request.session[NOTICE_KEY] = [str(line) for line in lines if line]


def _notices(request: HttpRequest) -> list[str]:
    notices: list[str] = request.session.pop(NOTICE_KEY, [])
    return notices


def _dashboard_url(round_: Round) -> str:
    return reverse("office:round-dashboard", args=[round_.slug])


# Rounds --------------------------------------------------------------------------------


def _round_list_page(request: HttpRequest, form: RoundCreateForm) -> HttpResponse:
    return render(
        request,
        "surveys/office/round_list.html",
        {"rows": selectors.round_list_office(), "form": form, "notices": _notices(request)},
    )


@office_view
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    return _round_list_page(request, RoundCreateForm())


@office_view
@require_POST
def round_create_view(request: HttpRequest) -> HttpResponse:
    """Create a draft round and set its population from the register's rule."""
    form = RoundCreateForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                round_ = round_create(
                    year=form.cleaned_data["year"], period_type=form.cleaned_data["period_type"]
                )
                report = round_population_set(round=round_)
        except RoundPeriodError as error:
            form.add_error("period_type", error.message)
        except RoundExistsError as error:
            form.add_error("year", error.message)
        except SurveysError as error:
            form.add_error(None, error.message)
        else:
            _notice_set(
                request,
                _("Omgången %(round)s är skapad som utkast.") % {"round": round_.label},
                *report.summary_lines(),
            )
            return redirect(_dashboard_url(round_))
    return _round_list_page(request, form)


# Round actions: a confirmation page (GET) and the action itself (POST) -----------------


@dataclass(frozen=True)
class RoundAction:
    """One lifecycle step of a round, behind a confirmation page."""

    name: str  # the URL name
    expected: str  # the round status the step starts from
    title: Any  # a lazy string with %(round)s
    lead: Any
    button: Any
    form_class: type[forms.Form]
    perform: Callable[[HttpRequest, Round, forms.Form], list[str]]
    # RoundTransitionError/PublishError codes that belong to a field of the form.
    error_fields: tuple[tuple[str, str], ...] = ()


def _open(request: HttpRequest, round_: Round, form: forms.Form) -> list[str]:
    opened = round_open(
        round=round_, opens_on=form.cleaned_data["opens_on"], deadline=form.cleaned_data["deadline"]
    )
    return [
        _("Omgången %(round)s är öppen för svar till och med %(deadline)s.")
        % {"round": opened.label, "deadline": opened.deadline}
    ]


def _close(request: HttpRequest, round_: Round, form: forms.Form) -> list[str]:
    round_close(round=round_)
    return [
        _("Omgången %(round)s är stängd. Granska svaren och publicera omgången.")
        % {"round": round_.label}
    ]


def _publish(request: HttpRequest, round_: Round, form: forms.Form) -> list[str]:
    report = round_publish(round=round_, user=_user(request), note=form.cleaned_data["note"])
    lines = [
        _("Omgången %(round)s är publicerad som version %(version)d.")
        % {"round": round_.label, "version": report.publication.version}
    ]
    if report.publication.is_correction:
        lines.append(
            ngettext(
                "%(count)d ändrat värde står i ändringsloggen.",
                "%(count)d ändrade värden står i ändringsloggen.",
                report.n_corrections,
            )
            % {"count": report.n_corrections}
        )
    return lines


def _reopen(request: HttpRequest, round_: Round, form: forms.Form) -> list[str]:
    round_reopen(round=round_)
    return [
        _(
            "Omgången %(round)s är öppen för rättelser. Allmänheten ser den publicerade "
            "versionen tills omgången publiceras på nytt."
        )
        % {"round": round_.label}
    ]


ROUND_ACTIONS: dict[str, RoundAction] = {
    action.name: action
    for action in (
        RoundAction(
            name="round-open",
            expected=RoundStatus.DRAFT,
            title=gettext_lazy("Öppna omgången %(round)s"),
            lead=gettext_lazy(
                "När omgången öppnas kan myndigheterna i populationen lämna svar, och "
                "populationen kan inte längre ändras."
            ),
            button=gettext_lazy("Öppna omgången"),
            form_class=RoundOpenForm,
            perform=_open,
            error_fields=(("deadline_before_start", "deadline"),),
        ),
        RoundAction(
            name="round-close",
            expected=RoundStatus.OPEN,
            title=gettext_lazy("Stäng omgången %(round)s"),
            lead=gettext_lazy(
                "När omgången stängs kan myndigheterna inte längre lämna eller ändra svar. "
                "Uppföljningsenheten kan fortfarande granska och rätta svaren innan "
                "omgången publiceras."
            ),
            button=gettext_lazy("Stäng omgången"),
            form_class=ConfirmForm,
            perform=_close,
        ),
        RoundAction(
            name="round-publish",
            expected=RoundStatus.CLOSED,
            title=gettext_lazy("Publicera omgången %(round)s"),
            lead=gettext_lazy(
                "Svaren som är inlämnade eller godkända publiceras på den öppna webbplatsen. "
                "Utkast och svar som har skickats tillbaka publiceras som ej besvarade."
            ),
            button=gettext_lazy("Publicera omgången"),
            form_class=RoundPublishForm,
            perform=_publish,
            error_fields=(("note_required", "note"),),
        ),
        RoundAction(
            name="round-reopen",
            expected=RoundStatus.PUBLISHED,
            title=gettext_lazy("Öppna omgången %(round)s för rättelser"),
            lead=gettext_lazy(
                "Omgången öppnas igen så att svar kan rättas. Allmänheten ser den "
                "publicerade versionen tills omgången stängs och publiceras på nytt som en "
                "ny version, med rättade värden markerade och en ändringslogg."
            ),
            button=gettext_lazy("Öppna för rättelser"),
            form_class=ConfirmForm,
            perform=_reopen,
        ),
    )
}


def _round_action(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    action = ROUND_ACTIONS[name]
    round_ = selectors.round_get_office(slug=slug)
    form = action.form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            lines = action.perform(request, round_, form)
        except (RoundTransitionError, PublishError) as error:
            form.add_error(dict(action.error_fields).get(error.code), error.message)
        else:
            _notice_set(request, *lines)
            return redirect(_dashboard_url(round_))
    return render(
        request,
        "surveys/office/round_action.html",
        {
            "round": round_,
            "action": action,
            "title": action.title % {"round": round_.label},
            "form": form,
            "available": round_.status == action.expected,
            "version": selectors.round_version(round=round_),
        },
    )


def _action_view(name: str) -> View:
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        return _round_action(request, slug, name)

    view.__name__ = view.__qualname__ = name.replace("-", "_")
    return office_view(require_http_methods(["GET", "POST"])(view))


round_open_view = _action_view("round-open")
round_close_view = _action_view("round-close")
round_publish_view = _action_view("round-publish")
round_reopen_view = _action_view("round-reopen")


# The round's dashboard and its population ----------------------------------------------


def _dashboard_page(
    request: HttpRequest,
    round_: Round,
    *,
    add_form: PopulationAddForm | None = None,
    error_form: forms.Form | None = None,
) -> HttpResponse:
    dashboard = selectors.round_dashboard(round=round_, state=request.GET.get("status", ""))
    is_draft = round_.status == RoundStatus.DRAFT
    if is_draft and add_form is None:
        add_form = PopulationAddForm(agencies=selectors.population_candidates(round=round_))
    return render(
        request,
        "surveys/office/dashboard.html",
        {
            "round": round_,
            "dashboard": dashboard,
            "is_draft": is_draft,
            "add_form": add_form,
            "error_form": error_form or add_form,
            # Errors of the whole form link to the population editor, or to the table.
            "error_anchor": "population" if is_draft else "agencies-heading",
            "notices": _notices(request),
        },
    )


@office_view
@require_GET
def round_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    return _dashboard_page(request, selectors.round_get_office(slug=slug))


@office_view
@require_POST
def population_add_view(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get_office(slug=slug)
    form = PopulationAddForm(request.POST, agencies=selectors.population_candidates(round=round_))
    if form.is_valid():
        agency = form.cleaned_data["agency"]
        try:
            round_population_add(round=round_, agency=agency)
        except SurveysError as error:
            form.add_error("agency", error.message)
        else:
            _notice_set(
                request,
                _("%(agency)s är tillagd i populationen.") % {"agency": agency.name},
            )
            return redirect(_dashboard_url(round_) + "#population")
    return _dashboard_page(request, round_, add_form=form)


@office_view
@require_POST
def population_remove_view(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = selectors.round_get_office(slug=slug)
    form = PopulationRemoveForm(request.POST)
    if form.is_valid():
        agency = form.cleaned_data["agency"]
        try:
            round_population_remove(round=round_, agency=agency)
        except SurveysError as error:
            form.add_error(None, error.message)
        else:
            _notice_set(
                request,
                _("%(agency)s är borttagen ur populationen.") % {"agency": agency.name},
            )
            return redirect(_dashboard_url(round_) + "#population")
    return _dashboard_page(request, round_, error_form=form)


@office_view
@require_POST
def population_reset_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Set the population from the register's rule again (manual changes are replaced)."""
    round_ = selectors.round_get_office(slug=slug)
    form = ConfirmForm(request.POST)
    try:
        report = round_population_set(round=round_)
    except SurveysError as error:
        form.add_error(None, error.message)
        return _dashboard_page(request, round_, error_form=form)
    _notice_set(request, *report.summary_lines())
    return redirect(_dashboard_url(round_) + "#population")


# Reminders -----------------------------------------------------------------------------


@office_view
@require_http_methods(["GET", "POST"])
def round_remind_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Confirm, then e-mail every agency that has not submitted; the dashboard logs it."""
    round_ = selectors.round_get_office(slug=slug)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            # The reminder is written in Swedish and links to the Swedish pages (a refusal
            # is therefore in Swedish too).
            with translation.override("sv"):
                report = round_remind(
                    round=round_,
                    user=_user(request),
                    base_url=request.build_absolute_uri(RESPONDENT_PATH),
                )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            reminder = report.reminder
            _notice_set(
                request,
                ngettext(
                    "Påminnelsen är skickad till %(recipients)d mottagare för "
                    "%(agencies)d myndighet.",
                    "Påminnelsen är skickad till %(recipients)d mottagare för "
                    "%(agencies)d myndigheter.",
                    reminder.n_agencies,
                )
                % {"recipients": reminder.n_recipients, "agencies": reminder.n_agencies},
            )
            return redirect(_dashboard_url(round_) + "#paminnelser")
    return render(
        request,
        "surveys/office/remind.html",
        {
            "round": round_,
            "form": form,
            "preview": selectors.reminder_preview(round=round_),
            "available": round_.status == RoundStatus.OPEN,
        },
    )


# Review --------------------------------------------------------------------------------


def _next_page(value: str | None) -> str:
    """Where an approve or return form came from: the review queue or the answer's page."""
    return NEXT_AGENCY if value == NEXT_AGENCY else NEXT_REVIEW


def _return_form(response: Response, data: Any = None) -> ResponseReturnForm:
    return ResponseReturnForm(data, prefix=f"svar-{response.pk}")


@dataclass
class ReviewError:
    """A refused approve or return: the form with its errors, and the answer it was for."""

    response: Response
    form: forms.Form


def _review_page(
    request: HttpRequest, round_: Round, *, error: ReviewError | None = None
) -> HttpResponse:
    items = selectors.review_queue(round=round_)
    failed = error.response.pk if error is not None else None
    rows = [
        (item, error.form if error is not None and item.response.pk == failed else None)
        for item in items
    ]
    in_queue = any(item.response.pk == failed for item in items)
    return render(
        request,
        "surveys/office/review.html",
        {
            "round": round_,
            "rows": [(item, form or _return_form(item.response)) for item, form in rows],
            "figures": KEY_FIGURES,
            "error_form": error.form if error is not None else None,
            "error_anchor": f"svar-{failed}" if in_queue else "granskningsko",
            "notices": _notices(request),
        },
    )


@office_view
@require_GET
def review(request: HttpRequest, slug: str) -> HttpResponse:
    return _review_page(request, selectors.round_get_office(slug=slug))


def _after_review_action(
    request: HttpRequest, response: Response, next_page: str, notice: str
) -> HttpResponseRedirect:
    _notice_set(request, notice)
    if next_page == NEXT_AGENCY:
        return redirect("office:response-detail", response.round.slug, response.agency.org_nr)
    return redirect("office:review", response.round.slug)


def _review_error(
    request: HttpRequest, response: Response, next_page: str, form: forms.Form
) -> HttpResponse:
    if next_page == NEXT_AGENCY:
        return _response_page(request, response, review_form=form)
    return _review_page(request, response.round, error=ReviewError(response=response, form=form))


@office_view
@require_POST
def response_approve_view(request: HttpRequest, slug: str, org_nr: str) -> HttpResponse:
    round_ = selectors.round_get_office(slug=slug)
    response = selectors.response_get_office(round=round_, org_nr=org_nr)
    next_page = _next_page(request.POST.get("next"))
    try:
        response_approve(response=response, user=_user(request))
    except WorkflowError as error:
        form = ConfirmForm(request.POST)
        form.add_error(None, error.message)
        return _review_error(request, response, next_page, form)
    return _after_review_action(
        request,
        response,
        next_page,
        _("Svaret från %(agency)s är godkänt.") % {"agency": response.agency.name},
    )


@office_view
@require_POST
def response_return_view(request: HttpRequest, slug: str, org_nr: str) -> HttpResponse:
    round_ = selectors.round_get_office(slug=slug)
    response = selectors.response_get_office(round=round_, org_nr=org_nr)
    form = _return_form(response, request.POST)
    next_page = _next_page(request.POST.get("next"))
    if form.is_valid():
        try:
            response_return(
                response=response, user=_user(request), comment=form.cleaned_data["comment"]
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            return _after_review_action(
                request,
                response,
                next_page,
                _("Svaret från %(agency)s är skickat tillbaka med din kommentar.")
                % {"agency": response.agency.name},
            )
    return _review_error(request, response, next_page, form)


# One agency's answer: values, findings, history and the correction form ----------------


def _correct_initial(response: Response) -> dict[str, Any]:
    return {
        "status": response.status,
        "supplier_invoices": response.supplier_invoices,
        "e_invoices": response.e_invoices,
        "matched_invoices": response.matched_invoices,
        "e_orders": response.e_orders,
        "not_applicable_reason": response.not_applicable_reason,
        "comment": response.comment,
        "revision": response.revision,
    }


def _response_page(
    request: HttpRequest,
    response: Response,
    *,
    correct_form: ResponseCorrectForm | None = None,
    review_form: forms.Form | None = None,
) -> HttpResponse:
    round_ = response.round
    can_correct = selectors.round_status_allows_corrections(round_)
    if can_correct and correct_form is None:
        correct_form = ResponseCorrectForm(initial=_correct_initial(response))
    return_form = review_form if isinstance(review_form, ResponseReturnForm) else None
    error_form = review_form or correct_form
    return render(
        request,
        "surveys/office/response_detail.html",
        {
            "round": round_,
            "response": response,
            "agency": response.agency,
            "review": selectors.answer_review(response=response),
            "history": selectors.response_history(response=response),
            "figures": KEY_FIGURES,
            "can_correct": can_correct,
            "correct_form": correct_form,
            "return_form": return_form or _return_form(response),
            "error_form": error_form,
            "error_anchor": "granska-svaret" if review_form is not None else "ratta-svaret",
            "can_approve": response.workflow == WorkflowState.SUBMITTED,
            "can_return": response.workflow in (WorkflowState.SUBMITTED, WorkflowState.APPROVED),
            "notices": _notices(request),
        },
    )


@office_view
@require_http_methods(["GET", "POST"])
def response_detail(request: HttpRequest, slug: str, org_nr: str) -> HttpResponse:
    """One agency's answer; a POST is the office's correction, with a required reason."""
    round_ = selectors.round_get_office(slug=slug)
    response = selectors.response_get_office(round=round_, org_nr=org_nr)
    if request.method != "POST":
        return _response_page(request, response)
    form = ResponseCorrectForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            response_save(
                response=response,
                user=_user(request),
                expected_revision=data["revision"],
                status=data["status"],
                supplier_invoices=data["supplier_invoices"],
                e_invoices=data["e_invoices"],
                matched_invoices=data["matched_invoices"],
                e_orders=data["e_orders"],
                not_applicable_reason=data["not_applicable_reason"],
                comment=data["comment"],
                reason=data["reason"],
            )
        except ResponseInvalidError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    form.add_error(name if name in form.fields else None, message)
        except SurveysError as error:
            # A conflict (someone saved in between), a locked round, …: nothing was saved.
            form.add_error(None, error.message)
        else:
            _notice_set(
                request,
                _("Ändringen för %(agency)s är sparad.") % {"agency": response.agency.name},
            )
            return redirect("office:response-detail", round_.slug, response.agency.org_nr)
    response.refresh_from_db()
    return _response_page(request, response, correct_form=form)
