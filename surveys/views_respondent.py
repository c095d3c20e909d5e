"""The respondent's pages under /rapportera/: the overview, the answer form of one agency,
the Excel template and the spreadsheet upload. Thin: parse, look the answer up through
the permission check, call the services, render.

Every page needs a login. After a successful save the form redirects to itself and shows
a notice kept in the session (only logged-in users have one); errors are shown on the
page they occurred on, in an error summary that links to the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from accounts.selectors import agencies_for_user, user_is_office
from keyfigures.formatting import format_number
from surveys.forms import (
    COUNT_FORM_LABELS,
    COUNT_HELP,
    E_ORDER_SOURCES,
    PERSONAL_DATA_HINT,
    BoundedMemoryUploadHandler,
    ResponseForm,
    UploadForm,
    explanation_field_name,
    explanations_from,
)
from surveys.imports.responses_csv import MAX_BYTES, ResponseFileError, file_too_large_error
from surveys.imports.spreadsheet import parse_responses_upload
from surveys.imports.template import spreadsheet_template, template_row_list
from surveys.imports.values import COUNT_FIELDS, response_values_problems
from surveys.models import Response, ResponseStatus, Round, RoundStatus
from surveys.reporting import (
    LOCKED_STATES,
    UploadChange,
    UploadCheck,
    UploadRefusedError,
    UploadRow,
    key_figure_preview,
    previous_answer_get,
    report_overview,
    response_get_for_user,
    response_preview_warnings,
    response_read_only_reason,
    response_warnings,
    round_get_for_reporting,
    upload_apply,
    upload_check,
)
from surveys.selectors_office import response_history
from surveys.services import (
    EXPLANATION_MAX_LENGTH,
    ResponseInvalidError,
    SurveysError,
    response_warning_explain,
)
from surveys.workflow import ResponseConflictError, response_save, response_submit

View = Callable[..., HttpResponse]
# A one-off notice for the next page, kept in the session.
NOTICE_KEY = "surveys_notice"
# The rows of an upload between reading the file and confirming it (never the file).
UPLOAD_KEY = "surveys_upload"
SEARCH_MAX_LENGTH = 100
ACTIONS = ("save", "explain", "preview", "submit")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ErrorLinks = list[tuple[str, str]]


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _private(response: HttpResponse) -> HttpResponse:
    """Logged-in pages hold an agency's unpublished values: never cached."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


# Overview --------------------------------------------------------------------------------


@require_safe
@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    is_office = user_is_office(request.user)
    search = request.GET.get("q", "")[:SEARCH_MAX_LENGTH] if is_office else ""
    overview = report_overview(user=request.user, search=search)
    return _private(
        render(
            request,
            "surveys/respondent/report_list.html",
            {
                "overview": overview,
                "is_office": is_office,
                "search": search,
                "notice": request.session.pop(NOTICE_KEY, None),
                "locked_states": LOCKED_STATES,
            },
        )
    )


# The form --------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_form(request: HttpRequest, round_slug: str, org_nr: str) -> HttpResponse:
    response = response_get_for_user(user=request.user, round_slug=round_slug, org_nr=org_nr)
    read_only = response_read_only_reason(response=response, user=request.user)
    if request.method == "POST":
        if read_only is not None:
            # The services refuse it too; nothing is written.
            return _render_form(request, response, errors=[("answer", read_only)], status=403)
        return _form_post(request, response)
    return _render_form(request, response)


def _form_post(request: HttpRequest, response: Response) -> HttpResponse:
    action = request.POST.get("action", "save")
    if action not in ACTIONS:
        action = "save"
    form = ResponseForm(request.POST)
    typed = explanations_from(request.POST, [w.code for w in response_warnings(response=response)])
    if not form.is_valid():
        return _render_form(request, response, form=form, typed=typed)
    values = form.answer()
    if action == "preview":
        return _render_preview(request, response, form, values, typed)
    saved = _form_save(request, response, form, values, typed)
    if isinstance(saved, HttpResponse):
        return saved
    return _form_after_save(request, saved, action, typed)


def _form_save(
    request: HttpRequest,
    response: Response,
    form: ResponseForm,
    values: dict[str, Any],
    typed: dict[str, str],
) -> Response | HttpResponse:
    """The saved answer, or the page that says why it was not saved."""
    try:
        return response_save(
            response=response,
            user=request.user,
            expected_revision=form.cleaned_data["revision"],
            **values,
        )
    except ResponseConflictError as error:
        # Show what is saved now: the other person's values, with the new revision.
        response.refresh_from_db()
        return _render_form(request, response, errors=[("id_status_0", error.message)])
    except ResponseInvalidError as error:
        _add_service_errors(form, error.message_dict)
        return _render_form(request, response, form=form, typed=typed)
    except SurveysError as error:  # the round closed or the answer was submitted meanwhile
        response.refresh_from_db()
        return _render_form(request, response, errors=[("answer", error.message)])


def _form_after_save(
    request: HttpRequest, saved: Response, action: str, typed: dict[str, str]
) -> HttpResponse:
    """Store the explanations, submit if asked to; the page now shows the saved values."""
    errors = _explanations_save(saved, typed)
    if errors:
        return _render_form(request, saved, typed=typed, errors=errors, saved_anyway=True)
    if action == "submit":
        try:
            response_submit(response=saved, user=request.user, expected_revision=saved.revision)
        except SurveysError as error:
            target = next(
                (f"id_{explanation_field_name(w.code)}" for w in _unexplained(saved)),
                "id_status_0",
            )
            return _render_form(
                request, saved, typed=typed, errors=[(target, error.message)], saved_anyway=True
            )
        request.session[NOTICE_KEY] = "submitted"
    else:
        request.session[NOTICE_KEY] = "explained" if action == "explain" else "saved"
    return redirect(request.path)


def _unexplained(response: Response) -> list[Any]:
    return [w for w in response_warnings(response=response) if not w.explanation]


def _add_service_errors(form: ResponseForm, message_dict: dict[str, list[str]]) -> None:
    for name, messages in message_dict.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


def _explanations_save(response: Response, typed: dict[str, str]) -> ErrorLinks:
    """Store the explanations typed for the answer's warnings; the problems as links."""
    current = {w.code: w for w in response_warnings(response=response)}
    errors: ErrorLinks = []
    for code, text in typed.items():
        finding = current.get(code)
        if finding is None or not text or text == finding.explanation:
            continue
        target = f"id_{explanation_field_name(code)}"
        try:
            response_warning_explain(response=response, code=code, explanation=text)
        except ResponseInvalidError as error:
            errors.extend((target, m) for ms in error.message_dict.values() for m in ms)
        except SurveysError as error:
            errors.append((target, error.message))
    return errors


def _render_preview(
    request: HttpRequest,
    response: Response,
    form: ResponseForm,
    values: dict[str, Any],
    typed: dict[str, str],
) -> HttpResponse:
    """The key figures and warnings the values would give. Nothing is saved."""
    counts = {name: values[name] for name in COUNT_FIELDS}
    problems = response_values_problems(
        status=values["status"],
        counts=counts,
        not_applicable_reason=values["not_applicable_reason"],
    )
    for problem in problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)
    preview: dict[str, Any] = {"answered": values["status"] == ResponseStatus.ANSWERED}
    if not problems and preview["answered"]:
        previous = previous_answer_get(response=response)
        preview["figures"] = key_figure_preview(
            counts=counts, fte=response.fte, previous=previous, language=_language()
        )
        preview["warnings"] = response_preview_warnings(
            response=response, status=values["status"], counts=counts
        )
    return _render_form(request, response, form=form, typed=typed, preview=preview)


def _render_form(
    request: HttpRequest,
    response: Response,
    *,
    form: ResponseForm | None = None,
    typed: dict[str, str] | None = None,
    errors: ErrorLinks | None = None,
    preview: dict[str, Any] | None = None,
    saved_anyway: bool = False,
    status: int = 200,
) -> HttpResponse:
    read_only = response_read_only_reason(response=response, user=request.user)
    if form is None:
        form = ResponseForm(initial=ResponseForm.initial_for(response))
    previous = previous_answer_get(response=response)
    warnings = response_warnings(response=response)
    typed = typed or {}

    warnings_by_field: dict[str, list[dict[str, Any]]] = {}
    extra: dict[str, list[str]] = {}
    for warning in warnings:
        field_name = explanation_field_name(warning.code)
        warnings_by_field.setdefault(warning.field, []).append(
            {
                "finding": warning,
                "name": field_name,
                "id": f"id_{field_name}",
                "value": typed.get(warning.code) or warning.explanation,
            }
        )
        extra.setdefault(warning.field, []).append(f"warning-{warning.code}")
    for entries in warnings_by_field.values():
        for number, entry in enumerate(entries, start=1):
            entry["number"] = number
            entry["errors"] = [m for target, m in errors or [] if target == entry["id"]]
    if previous is not None:
        for name in COUNT_FIELDS:
            extra.setdefault(name, []).insert(0, f"id_{name}_previous")
    form.describe(extra)

    all_errors = list(errors or []) + form.error_links()
    if read_only is not None:
        # No form on the page: every message points at the answer shown instead.
        all_errors = [("answer", message) for _target, message in all_errors]
    count_fields = [
        {
            "field": form[name],
            "help": COUNT_HELP[name],
            "value": getattr(response, name),
            "previous": previous.count(name) if previous is not None else None,
            "warnings": warnings_by_field.get(name, []),
            "sources": E_ORDER_SOURCES if name == "e_orders" else (),
        }
        for name in COUNT_FIELDS
    ]
    context = {
        "response": response,
        "round": response.round,
        "agency": response.agency,
        "form": form,
        "read_only": read_only,
        "previous": previous,
        "count_fields": count_fields,
        "warnings": warnings,
        "unexplained": [w for w in warnings if not w.explanation],
        "other_warnings": [
            entry
            for name, entries in warnings_by_field.items()
            if name not in COUNT_FIELDS
            for entry in entries
        ],
        "errors": all_errors,
        "preview": preview,
        "saved_anyway": saved_anyway,
        "notice": request.session.pop(NOTICE_KEY, None) if request.method == "GET" else None,
        "personal_data_hint": PERSONAL_DATA_HINT,
        "explanation_max_length": EXPLANATION_MAX_LENGTH,
        "is_office": user_is_office(request.user),
        # The agency sees every change to its answer too: who, when, old → new and why.
        "history": response_history(response=response),
    }
    page = render(request, "surveys/respondent/form.html", context, status=status)
    return _private(page)


# The Excel template ----------------------------------------------------------------------


@require_safe
@login_required
def report_template(request: HttpRequest, round_slug: str) -> HttpResponse:
    """The Excel template with the user's agencies in the round and last round's values."""
    round_ = round_get_for_reporting(slug=round_slug)
    agency_ids = None
    if not user_is_office(request.user):
        agency_ids = list(agencies_for_user(user=request.user).values_list("pk", flat=True))
    rows, previous = template_row_list(round=round_, agency_ids=agency_ids)
    data = spreadsheet_template(
        round_label=round_.label,
        rows=rows,
        language=_language(),
        previous_label=previous.label if previous is not None else None,
    )
    response = HttpResponse(data, content_type=XLSX_TYPE)
    filename = _("svarsmall-%(round)s.xlsx") % {"round": round_.slug}
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


# The upload ------------------------------------------------------------------------------


def _upload_context(request: HttpRequest, round_: Round) -> dict[str, Any]:
    """What the upload pages say about who may upload what, and why not."""
    user = request.user
    refusal = None
    if user_is_office(user):
        refusal = _(
            "Uppladdningen är till för myndigheternas uppgiftslämnare. Uppföljningsenheten "
            "ser svaren i granskningen."
        )
    elif round_.status != RoundStatus.OPEN:
        refusal = _("Omgången %(round)s är inte öppen för svar.") % {"round": round_.label}
    return {"round": round_, "refusal": refusal, "max_mb": MAX_BYTES // 1024 // 1024}


@csrf_exempt  # the upload handler must be set before the CSRF check reads the body
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_upload(request: HttpRequest, round_slug: str) -> HttpResponse:
    # Keep the file in memory, bounded: nothing of it is written to disk.
    request.upload_handlers = [BoundedMemoryUploadHandler(request)]
    return _report_upload(request, round_slug)


@csrf_protect
def _report_upload(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = round_get_for_reporting(slug=round_slug)
    context = _upload_context(request, round_)
    form = UploadForm()
    check: UploadCheck | None = None
    if request.method == "POST":
        if context["refusal"] is not None:
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            check = _upload_read(request, form, round_)
            if check is not None and not check.problems and check.changes:
                rows = [row.as_json() for row in check.upload_rows()]
                request.session[UPLOAD_KEY] = {
                    "round": round_.slug,
                    "filename": form.cleaned_data["file"].name[:200],
                    "rows": rows,
                }
                return redirect("surveys:report-upload-confirm", round_slug=round_.slug)
    context.update(
        {
            "form": form,
            "check": check,
            "errors": form.error_links() if form.is_bound else [],
        }
    )
    return _private(render(request, "surveys/respondent/upload.html", context))


def _upload_read(request: HttpRequest, form: UploadForm, round_: Round) -> UploadCheck | None:
    """Parse the uploaded file and check its rows; None (and a form error) if refused."""
    upload = form.cleaned_data["file"]
    if upload.size is not None and upload.size > MAX_BYTES:
        form.add_error("file", file_too_large_error().message)
        return None
    data = upload.read(MAX_BYTES + 1)
    try:
        parsed = parse_responses_upload(filename=upload.name or "", data=data)
    except ResponseFileError as error:
        form.add_error("file", error.message)
        return None
    return upload_check(round=round_, user=request.user, rows=parsed.rows, problems=parsed.problems)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_upload_confirm(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = round_get_for_reporting(slug=round_slug)
    context = _upload_context(request, round_)
    if context["refusal"] is not None:
        raise PermissionDenied
    stored = request.session.get(UPLOAD_KEY)
    if not isinstance(stored, dict) or stored.get("round") != round_.slug:
        return redirect("surveys:report-upload", round_slug=round_.slug)
    rows = [UploadRow.from_json(row) for row in stored["rows"]]
    filename = str(stored.get("filename", ""))
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            del request.session[UPLOAD_KEY]
            return redirect("surveys:report-upload", round_slug=round_.slug)
        try:
            count = upload_apply(round=round_, user=request.user, rows=rows, filename=filename)
        except UploadRefusedError as error:
            del request.session[UPLOAD_KEY]
            check = UploadCheck(round=round_, problems=error.problems)
            context.update({"check": check, "filename": filename})
            return _private(render(request, "surveys/respondent/upload_confirm.html", context))
        del request.session[UPLOAD_KEY]
        request.session[NOTICE_KEY] = {"uploaded": count, "round": round_.label}
        return redirect(reverse("surveys:report-list"))
    check = upload_check(round=round_, user=request.user, rows=[row.row for row in rows])
    context.update(
        {
            "check": check,
            "filename": filename,
            "changes": [_change_rows(change) for change in check.changes],
            "unchanged": [agency.name for agency in check.unchanged],
        }
    )
    return _private(render(request, "surveys/respondent/upload_confirm.html", context))


def _change_rows(change: UploadChange) -> dict[str, Any]:
    """One agency's changes as the confirmation page shows them: label, old, new."""
    labels = {
        "status": _("Svar"),
        **{name: str(COUNT_FORM_LABELS[name]) for name in COUNT_FIELDS},
        "not_applicable_reason": _("Skäl till ej tillämplig"),
        "comment": _("Kommentar"),
    }
    return {
        "agency": change.agency.name,
        "org_nr": change.agency.org_nr,
        "line": change.line,
        "warnings": change.warnings,
        "rows": [
            {
                "label": labels[item.field],
                "old": _value_text(item.field, item.old),
                "new": _value_text(item.field, item.new),
            }
            for item in change.changes
        ],
    }


def _value_text(field_name: str, value: object) -> str:
    if value is None or value == "":
        return "–"
    if field_name == "status":
        return str(ResponseStatus(str(value)).label)
    if isinstance(value, int):
        return format_number(value, language=_language())
    return str(value)
