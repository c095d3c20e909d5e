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
from typing import Protocol

from django.db import transaction
from django.utils import timezone

from keyfigures.classification import FigureClass, classify, median, rank, ratio_of_sums
from keyfigures.models import (
    VALUE_PLACES,
    AgencyResult,
    Basis,
    GroupKind,
    GroupResult,
    ResultState,
    RoundSummary,
)
from keyfigures.registry import INPUT_FIELDS, KEY_FIGURES, Computed, KeyFigure, NotComputable
from register.models import Agency
from register.size_classes import size_class_for
from surveys.models import PeriodType, Response, ResponseStatus, Round

_QUANTUM = Decimal(1).scaleb(-VALUE_PLACES)


def fraction_to_decimal(value: Fraction) -> Decimal:
    """The exact fraction to the stored precision (12 decimals, half up)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(_QUANTUM)


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


class Answer(Protocol):
    """What the results are computed from: a live Response or a PublishedResponse."""

    agency_id: int
    status: str
    supplier_invoices: int | None
    e_invoices: int | None
    matched_invoices: int | None
    e_orders: int | None
    fte: int | None

    @property
    def agency(self) -> Agency: ...


def answer_inputs(answer: Answer) -> dict[str, int | None]:
    return {field: getattr(answer, field) for field in INPUT_FIELDS}


def _corrected_fields(answer: Answer) -> set[str]:
    return set(getattr(answer, "corrected", ()))


@dataclass
class _FigureRows:
    results: list[AgencyResult]
    values: dict[int, Fraction]  # agency id -> exact value


def _figure_results(
    *,
    round_: Round,
    basis: Basis,
    figure: KeyFigure,
    answers: list[Answer],
    previous_round: Round | None,
    previous_values: dict[int, Fraction],
) -> _FigureRows:
    outcomes = {
        a.agency_id: figure.compute(answer_inputs(a))
        for a in answers
        if a.status == ResponseStatus.ANSWERED
    }
    values = {
        agency_id: outcome.value
        for agency_id, outcome in outcomes.items()
        if isinstance(outcome, Computed)
    }
    classes = classify(values, higher_is_better=figure.higher_is_better)
    ranks = rank(values, higher_is_better=figure.higher_is_better)
    figure_fields = {"status", figure.numerator, figure.denominator}
    results: list[AgencyResult] = []
    for answer in answers:
        result = AgencyResult(
            round=round_,
            agency_id=answer.agency_id,
            basis=basis,
            figure=figure.slug,
            n_ranked=len(values),
            previous_round=previous_round,
            is_corrected=bool(figure_fields & _corrected_fields(answer)),
        )
        outcome = outcomes.get(answer.agency_id)
        if answer.status == ResponseStatus.NOT_ANSWERED:
            result.state = ResultState.NOT_ANSWERED
            result.figure_class = FigureClass.GREY.value
        elif answer.status == ResponseStatus.NOT_APPLICABLE:
            result.state = ResultState.NOT_APPLICABLE
        elif isinstance(outcome, Computed):
            result.state = ResultState.VALUE
            result.numerator = outcome.numerator
            result.denominator = outcome.denominator
            result.value = fraction_to_decimal(outcome.value)
            result.figure_class = classes[answer.agency_id].value
            result.rank = ranks[answer.agency_id]
            previous = previous_values.get(answer.agency_id)
            if previous is not None:
                result.previous_value = fraction_to_decimal(previous)
                result.change = fraction_to_decimal(outcome.value - previous)
        else:
            inputs = answer_inputs(answer)
            result.state = ResultState.NOT_COMPUTABLE
            result.reason = outcome.reason.value if isinstance(outcome, NotComputable) else ""
            result.numerator = inputs[figure.numerator]
            result.denominator = inputs[figure.denominator]
        results.append(result)
    return _FigureRows(results=results, values=values)


def _group_key(kind: GroupKind, answer: Answer) -> str | None:
    if kind == GroupKind.NATIONAL:
        return ""
    if kind == GroupKind.DEPARTMENT:
        return answer.agency.department or None
    size_class = size_class_for(answer.fte)
    return size_class.slug if size_class else None


def _group_results(
    *,
    round_: Round,
    basis: Basis,
    figure: KeyFigure,
    answers: list[Answer],
    values: dict[int, Fraction],
) -> list[GroupResult]:
    rows: list[GroupResult] = []
    answered = [a for a in answers if a.status == ResponseStatus.ANSWERED]
    for kind in GroupKind:
        members: dict[str, list[Answer]] = defaultdict(list)
        for answer in answered:
            key = _group_key(kind, answer)
            if key is not None:
                members[key].append(answer)
        for key, group in sorted(members.items()):
            total = ratio_of_sums(
                (
                    (answer_inputs(a)[figure.numerator], answer_inputs(a)[figure.denominator])
                    for a in group
                ),
                scale=figure.scale,
            )
            group_values = [values[a.agency_id] for a in group if a.agency_id in values]
            group_median = median(group_values)
            rows.append(
                GroupResult(
                    round=round_,
                    basis=basis,
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


def _summary(round_: Round, basis: Basis, version: int, answers: list[Answer]) -> RoundSummary:
    answered = [a for a in answers if a.status == ResponseStatus.ANSWERED]

    def total(field: str) -> int:
        return sum(getattr(a, field) or 0 for a in answered)

    return RoundSummary(
        round=round_,
        basis=basis,
        version=version,
        n_population=len(answers),
        n_answered=len(answered),
        n_not_applicable=sum(a.status == ResponseStatus.NOT_APPLICABLE for a in answers),
        supplier_invoices=total("supplier_invoices"),
        e_invoices=total("e_invoices"),
        matched_invoices=total("matched_invoices"),
        e_orders=total("e_orders"),
        fte=sum(a.fte or 0 for a in answered if a.e_orders is not None),
        computed_at=timezone.now(),
    )


@dataclass
class _Rows:
    agency: list[AgencyResult]
    group: list[GroupResult]
    summaries: list[RoundSummary]


def _basis_rows(
    *,
    basis: Basis,
    rounds: list[Round],
    answers_by_round: dict[int, list[Answer]],
    versions: dict[int, int],
) -> _Rows:
    rows = _Rows(agency=[], group=[], summaries=[])
    # values[(round id, figure slug)] = {agency id: exact value}, for the changes.
    values: dict[tuple[int, str], dict[int, Fraction]] = {}
    for round_ in rounds:
        answers = answers_by_round.get(round_.pk, [])
        previous = previous_comparable_round(round_, rounds)
        for figure in KEY_FIGURES:
            previous_values = values.get((previous.pk, figure.slug), {}) if previous else {}
            figure_rows = _figure_results(
                round_=round_,
                basis=basis,
                figure=figure,
                answers=answers,
                previous_round=previous,
                previous_values=previous_values,
            )
            values[(round_.pk, figure.slug)] = figure_rows.values
            rows.agency.extend(figure_rows.results)
            rows.group.extend(
                _group_results(
                    round_=round_,
                    basis=basis,
                    figure=figure,
                    answers=answers,
                    values=figure_rows.values,
                )
            )
        rows.summaries.append(_summary(round_, basis, versions.get(round_.pk, 0), answers))
    return rows


def results_refresh_on_commit() -> None:
    """Schedule one refresh for when the current transaction commits.

    However many writes in one transaction ask for it, the results are rebuilt once.
    Outside a transaction it runs at once (Django's on_commit semantics).
    """
    connection = transaction.get_connection()
    if any(func is results_refresh for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(results_refresh)


@transaction.atomic
def results_refresh() -> None:
    """Rebuild every stored result, for the published versions and for the live answers."""
    from publishing.models import Publication, PublishedResponse

    rounds = list(Round.objects.order_by("year", "period_type"))
    live: dict[int, list[Answer]] = defaultdict(list)
    for response in Response.objects.select_related("agency").order_by("agency__name"):
        live[response.round_id].append(response)

    latest: dict[int, Publication] = {}
    for publication in Publication.objects.order_by("round_id", "version"):
        latest[publication.round_id] = publication
    published: dict[int, list[Answer]] = defaultdict(list)
    for snapshot in (
        PublishedResponse.objects.filter(publication__in=latest.values())
        .select_related("agency", "publication")
        .order_by("agency__name")
    ):
        published[snapshot.publication.round_id].append(snapshot)

    live_rows = _basis_rows(basis=Basis.LIVE, rounds=rounds, answers_by_round=live, versions={})
    published_rows = _basis_rows(
        basis=Basis.PUBLISHED,
        rounds=[r for r in rounds if r.pk in latest],
        answers_by_round=published,
        versions={round_id: p.version for round_id, p in latest.items()},
    )

    AgencyResult.objects.all().delete()
    GroupResult.objects.all().delete()
    RoundSummary.objects.all().delete()
    for rows in (live_rows, published_rows):
        AgencyResult.objects.bulk_create(rows.agency, batch_size=1000)
        GroupResult.objects.bulk_create(rows.group, batch_size=1000)
        RoundSummary.objects.bulk_create(rows.summaries)
