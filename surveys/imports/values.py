"""The rules for the values of one response, shared by every import format and the services.

Pure: no database access. The status codes equal ``surveys.models.ResponseStatus`` values
(a test keeps them in step); they are repeated here so the module imports without Django
being set up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ANSWERED = "answered"
NOT_ANSWERED = "not_answered"
NOT_APPLICABLE = "not_applicable"
STATUSES: tuple[str, ...] = (ANSWERED, NOT_ANSWERED, NOT_APPLICABLE)

# The four counts an agency reports, in the order of the survey.
COUNT_FIELDS: tuple[str, ...] = ("supplier_invoices", "e_invoices", "matched_invoices", "e_orders")
COUNT_LABELS: Mapping[str, Promise] = {
    "supplier_invoices": gettext_lazy("leverantörsfakturor"),
    "e_invoices": gettext_lazy("e-fakturor"),
    "matched_invoices": gettext_lazy("matchade fakturor"),
    "e_orders": gettext_lazy("e-order"),
}
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

    - "answered" needs all four counts (whole numbers, zero or more) and no reason;
    - "not applicable" needs a reason and no counts;
    - "not answered" has neither counts nor a reason.
    """
    problems: list[ValueProblem] = []
    if status not in STATUSES:
        return [
            ValueProblem(
                "status",
                "unknown_status",
                _("Okänd status ”%(status)s”.") % {"status": status},
            )
        ]
    for name in COUNT_FIELDS:
        value = counts.get(name)
        if value is not None and value < 0:
            problems.append(
                ValueProblem(
                    name,
                    "negative",
                    _("Antalet %(label)s kan inte vara negativt. Ange noll eller fler.")
                    % {"label": COUNT_LABELS[name]},
                )
            )
    given = [name for name in COUNT_FIELDS if counts.get(name) is not None]
    reason = not_applicable_reason.strip()
    if status == ANSWERED:
        problems.extend(
            ValueProblem(
                name,
                "count_missing",
                _("Ange antal %(label)s: en besvarad enkät ska ha alla fyra antal.")
                % {"label": COUNT_LABELS[name]},
            )
            for name in COUNT_FIELDS
            if counts.get(name) is None
        )
        if reason:
            problems.append(
                ValueProblem(
                    REASON_FIELD,
                    "reason_not_allowed",
                    _("Skäl anges bara när enkäten är ej tillämplig. Ta bort skälet."),
                )
            )
        return problems
    problems.extend(
        ValueProblem(
            name,
            "count_not_allowed",
            _(
                "Antal %(label)s anges bara när enkäten är besvarad. Ta bort värdet eller "
                "ändra status till besvarad."
            )
            % {"label": COUNT_LABELS[name]},
        )
        for name in given
    )
    if status == NOT_APPLICABLE and not reason:
        problems.append(
            ValueProblem(
                REASON_FIELD,
                "reason_missing",
                _("Ange skälet till att enkäten är ej tillämplig för myndigheten."),
            )
        )
    if status == NOT_ANSWERED and reason:
        problems.append(
            ValueProblem(
                REASON_FIELD,
                "reason_not_allowed",
                _("Skäl anges bara när enkäten är ej tillämplig. Ta bort skälet."),
            )
        )
    return problems
