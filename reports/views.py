"""The yearly report and the agency report cards, as web pages and as PDF. Thin: look
the round (and agency) up among the published ones, build or fetch, render."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from public.caching import public_page
from register.models import Agency
from register.orgnr import OrgNrError, orgnr_normalise
from reports import content, selectors
from reports.models import ReportFile, ReportKind
from reports.services import ReportError, report_current
from surveys.models import Round

View = Callable[..., HttpResponse]

RETRY_AFTER_SECONDS = 30


def _round_or_404(slug: str) -> Round:
    round_ = selectors.report_round_get(slug=slug)
    if round_ is None:
        raise Http404
    return round_


def _agency_or_404(org_nr: str) -> Agency:
    try:
        digits = orgnr_normalise(org_nr)
    except OrgNrError as error:
        raise Http404 from error
    agency = Agency.objects.filter(org_nr=digits).first()
    if agency is None:
        raise Http404
    return agency


@require_safe
@public_page
def report_list(request: HttpRequest) -> HttpResponse:
    rounds = list(reversed(selectors.report_rounds()))
    return render(request, "reports/report_list.html", {"rounds": rounds})


@require_safe
@public_page
def yearly(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = _round_or_404(round_slug)
    report = content.yearly_report(round_=round_)
    return render(request, "reports/yearly.html", content.yearly_context(report))


@require_safe
@public_page
def card(request: HttpRequest, round_slug: str, org_nr: str) -> HttpResponse:
    round_ = _round_or_404(round_slug)
    agency = _agency_or_404(org_nr)
    agency_card = content.agency_card(round_=round_, agency=agency)
    if agency_card is None:
        raise Http404
    return render(request, "reports/card.html", content.card_context(agency_card))


def _serve(request: HttpRequest, file: ReportFile, filename: str) -> HttpResponse:
    """The stored PDF with its ETag (the sha256) and Last-Modified (built at); 304 when
    the client has it."""
    etag = f'"{file.sha256}"'
    last_modified = int(file.built_at.timestamp()) if file.built_at else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        response = not_modified
    else:
        response = HttpResponse(bytes(file.pdf), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, filename) or "inline"
        response["Content-Length"] = str(len(file.pdf))
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=300)
    return response


def _building(request: HttpRequest, html_url: str, *, failed: bool) -> HttpResponse:
    response = render(
        request,
        "reports/building.html",
        {"retry_after": RETRY_AFTER_SECONDS, "html_url": html_url, "failed": failed},
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


def _pdf(
    request: HttpRequest,
    *,
    round_: Round,
    kind: str,
    agency: Agency | None,
    filename: str,
    html_url: str,
) -> HttpResponse:
    try:
        lookup = report_current(round_=round_, kind=kind, agency=agency)
    except ReportError as error:
        raise Http404 from error
    if lookup.file is None:
        return _building(request, html_url, failed=not lookup.building)
    return _serve(request, lookup.file, filename)


@require_safe
def yearly_pdf(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = _round_or_404(round_slug)
    return _pdf(
        request,
        round_=round_,
        kind=ReportKind.YEARLY,
        agency=None,
        filename=f"arsrapport-{round_.slug}.pdf",
        html_url=reverse("reports:yearly", args=[round_.slug]),
    )


@require_safe
def card_pdf(request: HttpRequest, round_slug: str, org_nr: str) -> HttpResponse:
    round_ = _round_or_404(round_slug)
    agency = _agency_or_404(org_nr)
    if not selectors.agency_in_round(round_=round_, agency=agency):
        raise Http404
    return _pdf(
        request,
        round_=round_,
        kind=ReportKind.CARD,
        agency=agency,
        filename=f"rapportkort-{round_.slug}-{agency.org_nr}.pdf",
        html_url=reverse("reports:card", args=[round_.slug, agency.org_nr]),
    )
