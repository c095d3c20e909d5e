"""The rules for the values of one response, shared by every import format and the services.

Pure: no database access. The status rules live here (which statuses need counts or a
reason); the rules for the counts themselves are the hard errors of the registry in
:mod:`surveys.validation`, which this module applies for answered responses. The
warnings need the context of other rounds and agencies and are applied by the services.

The status codes equal ``surveys.models.ResponseStatus`` values (a test keeps them in
step); they are repeated in :mod:`surveys.validation` so that it imports without Django
being set up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from surveys.validation import (
    ANSWERED,
    COUNT_FIELDS,
    COUNT_LABELS,
    NOT_ANSWERED,
    NOT_APPLICABLE,
    STATUSES,
    AnswerInput,
    answer_errors,
)

__all__ = [
    "ANSWERED",
    "COUNT_FIELDS",
    "COUNT_LABELS",
    "NOT_ANSWERED",
    "NOT_APPLICABLE",
    "REASON_FIELD",
    "STATUSES",
    "ValueProblem",
    "response_values_problems",
]

REASON_FIELD = "not_applicable_reason"


@dataclass(frozen=True)
class ValueProblem:
    """A rule broken by a response's values: the field, a stable code and what to fix."""

    field: str
    code: str
    message: str


def response_values_problems(
    *, status: str, counts: Mapping[str, int | None], not_applicable_reason: str
) -> list[ValueProblem]:
    """Every rule the values break; empty when they may be stored.

    - "answered" needs all four counts and no reason, and the counts must pass the hard
      errors of :data:`surveys.validation.RULES` (whole numbers, zero or more, e-invoices
      and matched invoices at most the supplier invoices);
    - "not applicable" needs a reason and no counts;
    - "not answered" has neither counts nor a reason.
    """
    if status not in STATUSES:
        return [
            ValueProblem(
                "status",
                "unknown_status",
                _("Okänd status ”%(status)s”.") % {"status": status},
            )
        ]
    reason = not_applicable_reason.strip()
    reason_not_allowed = ValueProblem(
        REASON_FIELD,
        "reason_not_allowed",
        _("Skäl anges bara när enkäten är ej tillämplig. Ta bort skälet."),
    )
    if status == ANSWERED:
        answer = AnswerInput(status=status, **{name: counts.get(name) for name in COUNT_FIELDS})
        problems = [
            ValueProblem(finding.field, finding.code, finding.message)
            for finding in answer_errors(answer=answer)
        ]
        if reason:
            problems.append(reason_not_allowed)
        return problems
    problems = [
        ValueProblem(
            name,
            "count_not_allowed",
            _(
                "Antal %(label)s anges bara när enkäten är besvarad. Ta bort värdet eller "
                "ändra status till besvarad."
            )
            % {"label": _(COUNT_LABELS[name])},
        )
        for name in COUNT_FIELDS
        if counts.get(name) is not None
    ]
    if status == NOT_APPLICABLE and not reason:
        problems.append(
            ValueProblem(
                REASON_FIELD,
                "reason_missing",
                _("Ange skälet till att enkäten är ej tillämplig för myndigheten."),
            )
        )
    if status == NOT_ANSWERED and reason:
        problems.append(reason_not_allowed)
    return problems
