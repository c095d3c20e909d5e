"""Public pages. Thin: parse the request, call selectors, render.

Every page reads stored results only (see keyfigures.services.results_refresh) and
only of published rounds (see keyfigures.selectors).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from keyfigures import selectors
from keyfigures.models import FigureClassChoice
from keyfigures.registry import KEY_FIGURES, KeyFigure, key_figure_get
from learning import selectors as learning_selectors
from public import charts_for_pages, results_table
from public.caching import public_page
from public.text import normalise_search
from register.models import Agency
from register.orgnr import OrgNrError, orgnr_normalise
from register.size_classes import SIZE_CLASSES
from surveys.models import PeriodType, Round

COMPARE_MIN = 2
COMPARE_MAX = 10


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _headline(
    figure: KeyFigure, latest: selectors.NationalRow, previous: selectors.NationalRow | None
) -> dict[str, Any]:
    """A key figure's national value in the latest round, its change and top improvers."""
    now = latest.totals.get(figure.slug)
    before = previous.totals.get(figure.slug) if previous else None
    change = None
    if now and before and now.value is not None and before.value is not None:
        change = now.value - before.value
    return {
        "figure": figure,
        "now": now,
        "before": before,
        "change": change,
        "improvers": selectors.biggest_improvers(round_=latest.round, figure=figure),
    }


def _round_or_404(slug: str) -> Round:
    round_ = next((r for r in selectors.published_rounds() if r.slug == slug), None)
    if round_ is None:
        raise Http404
    return round_


@public_page
def start(request: HttpRequest) -> HttpResponse:
    rounds = selectors.published_rounds()
    rows = selectors.national_totals(rounds)
    latest_index = max(
        (i for i, row in enumerate(rows) if row.round.period_type == PeriodType.YEAR),
        default=None,
    )
    context: dict[str, Any] = {"rows": rows, "figures": KEY_FIGURES}
    if latest_index is not None:
        latest = rows[latest_index]
        previous = selectors.previous_row(rows, latest_index)
        context["latest"] = latest
        context["previous"] = previous
        context["headlines"] = [_headline(figure, latest, previous) for figure in KEY_FIGURES]
        context["charts"] = charts_for_pages.national_trend_charts(rows, _language())
        context["climbers"] = learning_selectors.round_climbers(round_=latest.round)
    return render(request, "public/start.html", context)


@public_page
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = selectors.published_rounds()
    rows = selectors.national_totals(rounds)
    return render(
        request,
        "public/round_list.html",
        {"rows": list(reversed(rows)), "figures": KEY_FIGURES},
    )


@public_page
def round_results(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round_or_404(slug)
    language = _language()
    cols = results_table.columns(language)
    query = results_table.parse_query(request.GET, cols)
    all_rows = selectors.round_result_rows(round_=round_)
    rows = results_table.apply(all_rows, query, cols)
    headers = results_table.headers(cols, query, request.GET)
    departments = sorted({r.agency.department for r in all_rows if r.agency.department})
    return render(
        request,
        "public/round_results.html",
        {
            "round": round_,
            "rows": rows,
            "n_total": len(all_rows),
            "headers": headers,
            "query": query,
            "departments": departments,
            "size_classes": SIZE_CLASSES,
            "class_choices": [(c.value, c.label) for c in FigureClassChoice],
            "figures": KEY_FIGURES,
            "national": {
                g.figure: g for g in selectors.national_totals([round_])[0].totals.values()
            },
            "publication": selectors.round_publication(round_=round_),
            "filtered": bool(query.department or query.size or query.figure_class or query.search),
            "climbers": learning_selectors.round_climbers(round_=round_),
        },
    )


@public_page
def round_changes(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round_or_404(slug)
    return render(
        request,
        "public/round_changes.html",
        {"round": round_, "versions": selectors.round_corrections(round_=round_)},
    )


@public_page
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agencies_in_published_rounds()
    search = request.GET.get("sok", "")[:100].strip()
    if search:
        needle = normalise_search(search)
        agencies = [
            a
            for a in agencies
            if needle in normalise_search(a.name) or needle in normalise_search(a.short_name)
        ]
    return render(request, "public/agency_list.html", {"agencies": agencies, "search": search})


def _agency_or_404(org_nr: str) -> Agency:
    try:
        digits = orgnr_normalise(org_nr)
    except OrgNrError as error:
        raise Http404 from error
    agency = Agency.objects.filter(org_nr=digits).prefetch_related("former_names").first()
    if agency is None:
        raise Http404
    return agency


@public_page
def agency_detail(request: HttpRequest, org_nr: str) -> HttpResponse:
    agency = _agency_or_404(org_nr)
    history = selectors.agency_history(agency=agency)
    if not history:
        raise Http404
    language = _language()
    return render(
        request,
        "public/agency_detail.html",
        {
            "agency": agency,
            "history": history,
            "latest": history[-1],
            "figures": KEY_FIGURES,
            "charts": charts_for_pages.agency_charts(agency, history, language),
            "learning": learning_selectors.agency_learning(agency=agency, history=history),
        },
    )


@public_page
def figure_list(request: HttpRequest) -> HttpResponse:
    return render(request, "public/figure_list.html", {"figures": KEY_FIGURES})


@public_page
def figure_detail(request: HttpRequest, slug: str) -> HttpResponse:
    figure = key_figure_get(slug)
    if figure is None:
        raise Http404
    rounds = selectors.published_rounds()
    national = selectors.national_totals(rounds)
    chosen_slug = request.GET.get("omgang", "")
    year_rounds = [r for r in rounds if r.period_type == PeriodType.YEAR] or rounds
    round_ = next((r for r in rounds if r.slug == chosen_slug), None) or (
        year_rounds[-1] if year_rounds else None
    )
    distribution = selectors.figure_distribution(round_=round_, figure=figure) if round_ else []
    language = _language()
    national_row = next((row for row in national if row.round == round_), None)
    return render(
        request,
        "public/figure_detail.html",
        {
            "figure": figure,
            "rounds": rounds,
            "round": round_,
            "national": national,
            "national_row": national_row,
            "distribution": distribution,
            "trend_chart": charts_for_pages.figure_trend_chart(figure, national, language),
            "distribution_chart": charts_for_pages.distribution_chart_for(
                figure, round_, distribution, national_row, language
            )
            if round_ and distribution
            else None,
        },
    )


@public_page
def compare(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agencies_in_published_rounds()
    by_org_nr = {a.org_nr: a for a in agencies}
    chosen: list[Agency] = []
    for raw in request.GET.getlist("m"):
        try:
            digits = orgnr_normalise(raw)
        except OrgNrError:
            continue
        agency = by_org_nr.get(digits)
        if agency and agency not in chosen:
            chosen.append(agency)
    error = ""
    if request.GET.getlist("m") and len(chosen) < COMPARE_MIN:
        error = "too_few"
    elif len(chosen) > COMPARE_MAX:
        error = "too_many"
    context: dict[str, Any] = {
        "agencies": agencies,
        "chosen": chosen,
        "chosen_ids": {a.org_nr for a in chosen},
        "error": error,
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
        "figures": KEY_FIGURES,
    }
    if not error and len(chosen) >= COMPARE_MIN:
        rounds = selectors.published_rounds()
        values = selectors.compare_histories(agencies=chosen)
        context["rounds"] = rounds
        context["compare_charts"] = charts_for_pages.compare_charts(
            chosen, rounds, values, _language()
        )
    return render(request, "public/compare.html", context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form was sent without a valid security token: say so in Swedish, keep nothing."""
    return render(request, "public/csrf_failure.html", status=403)


@public_page
def agency_value(request: HttpRequest, org_nr: str) -> HttpResponse:
    """Business value: what reaching the upper quartile of the size class would mean."""
    from learning.value import ASSUMPTIONS, value_estimate
    from learning.value_page import assumptions_form_for, value_peer_targets

    agency = _agency_or_404(org_nr)
    history = selectors.agency_history(agency=agency)
    if not history:
        raise Http404
    latest = history[-1]
    language = _language()
    targets = value_peer_targets(round_=latest.round, size_class=latest.size_class)
    form = assumptions_form_for(request.GET, language=language)
    estimate = None
    if not form.is_bound or form.is_valid():
        chosen = form.cleaned_data if form.is_bound else {a.key: a.value for a in ASSUMPTIONS}
        share_e, share_m, orders = (targets[f.slug].target for f in KEY_FIGURES)
        response = latest.response
        estimate = value_estimate(
            supplier_invoices=response.supplier_invoices,
            e_invoices=response.e_invoices,
            matched_invoices=response.matched_invoices,
            e_orders=response.e_orders,
            fte=response.fte,
            target_share_e=share_e / 100 if share_e is not None else None,
            target_share_matched=share_m / 100 if share_m is not None else None,
            target_orders_per_100_fte=orders,
            assumptions=chosen,
            language=language,
        )
    return render(
        request,
        "public/agency_value.html",
        {
            "agency": agency,
            "latest": latest,
            "targets": [targets[f.slug] for f in KEY_FIGURES],
            "form": form,
            "rows": [
                {
                    "assumption": a,
                    "field": form[a.key],
                    "unit": a.unit_label(language),
                    "basis": a.basis(language),
                }
                for a in ASSUMPTIONS
            ],
            "estimate": estimate,
            "language": language,
        },
    )
