"""Recompute the stored results from the responses. Idempotent and whole.

Called on commit after any change to responses, populations or rounds, and by the
import and demo commands. Twenty years of rounds are a few thousand rows, so the
whole result set is rebuilt in one transaction: simpler than incremental updates
and never inconsistent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone

from keyfigures.classification import classify, median, rank, ratio_of_sums
from keyfigures.models import (
    VALUE_PLACES,
    AgencyResult,
    GroupKind,
    GroupResult,
    ResultState,
    RoundSummary,
)
from keyfigures.registry import KEY_FIGURES, Computed, KeyFigure
from register.size_classes import size_class_for
from surveys.models import PeriodType, Response, ResponseStatus, Round

_QUANTUM = Decimal(1).scaleb(-VALUE_PLACES)


def fraction_to_decimal(value: Fraction) -> Decimal:
    """The exact fraction to the stored precision (12 decimals, half up)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(_QUANTUM)


def response_inputs(response: Response) -> dict[str, int | None]:
    return {
        "supplier_invoices": response.supplier_invoices,
        "e_invoices": response.e_invoices,
        "matched_invoices": response.matched_invoices,
        "e_orders": response.e_orders,
        "fte": response.fte,
    }


def previous_comparable_round(round_: Round, rounds: Iterable[Round]) -> Round | None:
    """The latest earlier round of the same length: a year after a year, a half after a half.

    Years without a round (2021) are skipped: 2022 compares with 2020.
    """
    same_length = [
        other
        for other in rounds
        if (other.period_type == PeriodType.YEAR) == (round_.period_type == PeriodType.YEAR)
        and (other.year, other.period_type) < (round_.year, round_.period_type)
    ]
    return max(same_length, key=lambda r: (r.year, r.period_type), default=None)


@dataclass
class _FigureRows:
    results: list[AgencyResult]
    values: dict[int, Fraction]  # agency id -> exact value


def _figure_results(
    *,
    round_: Round,
    figure: KeyFigure,
    responses: list[Response],
    previous_round: Round | None,
    previous_values: dict[int, Fraction],
) -> _FigureRows:
    values: dict[int, Fraction] = {}
    computed: dict[int, Computed] = {}
    results: list[AgencyResult] = []
    for response in responses:
        if response.status == ResponseStatus.ANSWERED:
            outcome = figure.compute(response_inputs(response))
            if isinstance(outcome, Computed):
                computed[response.agency_id] = outcome
                values[response.agency_id] = outcome.value
    classes = classify(values, higher_is_better=figure.higher_is_better)
    ranks = rank(values, higher_is_better=figure.higher_is_better)
    for response in responses:
        result = AgencyResult(
            round=round_,
            agency_id=response.agency_id,
            response=response,
            figure=figure.slug,
            n_ranked=len(values),
            previous_round=previous_round,
        )
        if response.status == ResponseStatus.NOT_ANSWERED:
            result.state = ResultState.NOT_ANSWERED
            result.figure_class = "grey"
        elif response.status == ResponseStatus.NOT_APPLICABLE:
            result.state = ResultState.NOT_APPLICABLE
        elif response.agency_id in computed:
            outcome = computed[response.agency_id]
            result.state = ResultState.VALUE
            result.numerator = outcome.numerator
            result.denominator = outcome.denominator
            result.value = fraction_to_decimal(outcome.value)
            result.figure_class = classes[response.agency_id].value
            result.rank = ranks[response.agency_id]
            previous = previous_values.get(response.agency_id)
            if previous is not None:
                result.previous_value = fraction_to_decimal(previous)
                result.change = fraction_to_decimal(outcome.value - previous)
        else:
            not_computable = figure.compute(response_inputs(response))
            result.state = ResultState.NOT_COMPUTABLE
            result.reason = getattr(not_computable, "reason", "")
            result.numerator = response_inputs(response).get(figure.numerator)
            result.denominator = response_inputs(response).get(figure.denominator)
        results.append(result)
    return _FigureRows(results=results, values=values)


def _group_key(kind: GroupKind, response: Response) -> str | None:
    if kind == GroupKind.NATIONAL:
        return ""
    if kind == GroupKind.DEPARTMENT:
        return response.agency.department or None
    size_class = size_class_for(response.fte)
    return size_class.slug if size_class else None


def _group_results(
    *, round_: Round, figure: KeyFigure, responses: list[Response], values: dict[int, Fraction]
) -> list[GroupResult]:
    rows: list[GroupResult] = []
    answered = [r for r in responses if r.status == ResponseStatus.ANSWERED]
    for kind in GroupKind:
        members: dict[str, list[Response]] = defaultdict(list)
        for response in answered:
            key = _group_key(kind, response)
            if key is not None:
                members[key].append(response)
        for key, group in sorted(members.items()):
            total = ratio_of_sums(
                (
                    (response_inputs(r)[figure.numerator], response_inputs(r)[figure.denominator])
                    for r in group
                ),
                scale=figure.scale,
            )
            group_values = [values[r.agency_id] for r in group if r.agency_id in values]
            group_median = median(group_values)
            rows.append(
                GroupResult(
                    round=round_,
                    figure=figure.slug,
                    kind=kind.value,
                    key=key,
                    numerator_sum=total.numerator_sum,
                    denominator_sum=total.denominator_sum,
                    n_included=total.n_included,
                    value=fraction_to_decimal(total.value) if total.value is not None else None,
                    median=fraction_to_decimal(group_median) if group_median is not None else None,
                    n_values=len(group_values),
                )
            )
    return rows


def _summary(round_: Round, responses: list[Response]) -> RoundSummary:
    answered = [r for r in responses if r.status == ResponseStatus.ANSWERED]

    def total(field: str) -> int:
        return sum(getattr(r, field) or 0 for r in answered)

    return RoundSummary(
        round=round_,
        n_population=len(responses),
        n_answered=len(answered),
        n_not_applicable=sum(r.status == ResponseStatus.NOT_APPLICABLE for r in responses),
        supplier_invoices=total("supplier_invoices"),
        e_invoices=total("e_invoices"),
        matched_invoices=total("matched_invoices"),
        e_orders=total("e_orders"),
        fte=sum(r.fte or 0 for r in answered if r.e_orders is not None),
        computed_at=timezone.now(),
    )


@transaction.atomic
def results_refresh() -> None:
    """Rebuild every stored result: values, classes, ranks, changes, totals, medians."""
    rounds = list(Round.objects.order_by("year", "period_type"))
    by_round: dict[int, list[Response]] = defaultdict(list)
    for response in Response.objects.select_related("agency").order_by("agency__name"):
        by_round[response.round_id].append(response)

    agency_rows: list[AgencyResult] = []
    group_rows: list[GroupResult] = []
    summaries: list[RoundSummary] = []
    # values[(round id, figure slug)] = {agency id: exact value}, for the changes.
    values: dict[tuple[int, str], dict[int, Fraction]] = {}
    for round_ in rounds:
        responses = by_round.get(round_.pk, [])
        previous = previous_comparable_round(round_, rounds)
        for figure in KEY_FIGURES:
            previous_values = values.get((previous.pk, figure.slug), {}) if previous else {}
            figure_rows = _figure_results(
                round_=round_,
                figure=figure,
                responses=responses,
                previous_round=previous,
                previous_values=previous_values,
            )
            values[(round_.pk, figure.slug)] = figure_rows.values
            agency_rows.extend(figure_rows.results)
            group_rows.extend(
                _group_results(
                    round_=round_, figure=figure, responses=responses, values=figure_rows.values
                )
            )
        summaries.append(_summary(round_, responses))

    AgencyResult.objects.all().delete()
    GroupResult.objects.all().delete()
    RoundSummary.objects.all().delete()
    AgencyResult.objects.bulk_create(agency_rows, batch_size=1000)
    GroupResult.objects.bulk_create(group_rows, batch_size=1000)
    RoundSummary.objects.bulk_create(summaries)
