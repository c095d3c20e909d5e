"""The rules for one agency's answer: a registry of hard errors and warnings. Pure.

No database access and no Django import except the translation functions (numbers are
formatted by the pure ``keyfigures.formatting``), so the rules can be run by the form,
every import format, the services and the tests alike.

Each :class:`Rule` has a stable ``code``, a ``level``, the ``field`` it concerns, a
Swedish message (a gettext msgid) that says what to fix, and a predicate. A rule that
fires gives a :class:`Finding`:

* ``error`` blocks saving: the numbers cannot be true as given;
* ``warning`` may be true but is unusual: the respondent gives a short written
  explanation before submitting. Warning codes are unique in the registry, because the
  explanation is kept by code.

Only answers with status "answered" are checked; "not applicable" and "not answered"
carry no counts and give no findings here (the status rules are in
``surveys.imports.values``). Arithmetic is exact: integers and fractions, never floats.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from keyfigures.formatting import format_number

ANSWERED = "answered"
NOT_ANSWERED = "not_answered"
NOT_APPLICABLE = "not_applicable"
STATUSES: tuple[str, ...] = (ANSWERED, NOT_ANSWERED, NOT_APPLICABLE)

# The four counts an agency reports, in the order of the survey.
COUNT_FIELDS: tuple[str, ...] = ("supplier_invoices", "e_invoices", "matched_invoices", "e_orders")
# msgids: translate with ``gettext`` where used.
COUNT_LABELS: Mapping[str, str] = {
    "supplier_invoices": gettext_noop("leverantörsfakturor"),
    "e_invoices": gettext_noop("e-fakturor"),
    "matched_invoices": gettext_noop("matchade fakturor"),
    "e_orders": gettext_noop("e-order"),
}


class Level(StrEnum):
    ERROR = "error"  # blocks saving
    WARNING = "warning"  # needs a short written explanation before submitting


@dataclass(frozen=True)
class ValidationSettings:
    """The thresholds of the warnings. The defaults are the office's agreed values.

    * ``change_relative`` and ``change_absolute``: a count warns when it changed against
      the previous comparable round by *more than* 50 % of the old value **and** by
      *more than* 100, up or down. From an old value of 0 any increase counts as more
      than 50 %, so 0 → 101 warns and 0 → 100 does not.
    * ``outlier_iqr_factor`` and ``outlier_min_values``: e-orders per 100 ÅA warn when
      strictly outside [Q1 − 3·IQR, Q3 + 3·IQR] of the other respondents' exact values
      in the round, and only when there are at least 8 such values. Quartiles are
      interpolated linearly between the sorted values (the "inclusive" method of
      spreadsheets' QUARTILE.INC and numpy's default).
    """

    change_relative: Fraction = Fraction(1, 2)
    change_absolute: int = 100
    outlier_iqr_factor: Fraction = Fraction(3)
    outlier_min_values: int = 8


DEFAULT_SETTINGS = ValidationSettings()


@dataclass(frozen=True)
class AnswerInput:
    """The answer to check: a status and the four counts (``None`` = not given)."""

    status: str = ANSWERED
    supplier_invoices: int | None = None
    e_invoices: int | None = None
    matched_invoices: int | None = None
    e_orders: int | None = None

    def count(self, name: str) -> int | None:
        """The count if it is a whole number; ``None`` when missing or not a whole number."""
        value = getattr(self, name)
        return value if _is_whole(value) else None


@dataclass(frozen=True)
class AnswerContext:
    """What the rules compare the answer with.

    ``previous``: the same agency's answer in the previous comparable round, or ``None``
    when there is no such round or it was not answered; ``previous_round`` its label
    ("2023"). ``fte``: the agency's ÅA. ``obliged_to_order``: the agency must handle its
    orders electronically (förordning 2003:770 § 3: in the population and not exempt).
    ``e_orders_per_100_fte``: the other respondents' exact values in the round, sorted.
    """

    previous: AnswerInput | None = None
    previous_round: str = ""
    fte: int | None = None
    obliged_to_order: bool = False
    e_orders_per_100_fte: Sequence[Fraction] = ()


Param = int | Fraction | str
Params = dict[str, Param]


@dataclass(frozen=True)
class Finding:
    """One rule broken by an answer: what, how bad, where, what to fix, and the numbers."""

    code: str
    level: Level
    field: str
    message: str
    params: Mapping[str, Param] = dataclasses.field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.level == Level.ERROR


Check = Callable[[AnswerInput, AnswerContext, ValidationSettings], Params | None]


@dataclass(frozen=True)
class Rule:
    """One rule. ``check`` returns the message parameters when the rule fires, else None.

    ``condition`` says in English when it fires (for the docs and the rule table).
    """

    code: str
    level: Level
    field: str
    condition: str
    message: str  # msgid with %(name)s placeholders
    check: Check

    def finding(self, params: Params) -> Finding:
        return Finding(
            code=self.code,
            level=self.level,
            field=self.field,
            message=_(self.message) % _rendered(self.field, params),
            params=params,
        )


# Helpers -------------------------------------------------------------------------------


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def quartiles(values: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """Q1 and Q3 of sorted ``values`` (at least one), interpolated linearly, exactly."""

    def quantile(p: Fraction) -> Fraction:
        position = (len(values) - 1) * p
        below = int(position)  # floor: position is not negative
        if below + 1 >= len(values):
            return values[below]
        return values[below] + (position - below) * (values[below + 1] - values[below])

    return quantile(Fraction(1, 4)), quantile(Fraction(3, 4))


def outlier_fences(
    values: Sequence[Fraction], settings: ValidationSettings = DEFAULT_SETTINGS
) -> tuple[Fraction, Fraction] | None:
    """[Q1 − k·IQR, Q3 + k·IQR] of sorted ``values``; None when there are too few."""
    if len(values) < settings.outlier_min_values:
        return None
    q1, q3 = quartiles(values)
    spread = settings.outlier_iqr_factor * (q3 - q1)
    return q1 - spread, q3 + spread


def _language() -> str:
    return "en" if (get_language() or "").startswith("en") else "sv"


def _rendered(field_name: str, params: Params) -> dict[str, str]:
    """Message parameters as text: numbers in the active language's style, the field label."""
    language = _language()
    text: dict[str, str] = {"label": _(COUNT_LABELS.get(field_name, field_name))}
    for key, value in params.items():
        if isinstance(value, int | Fraction):
            text[key] = format_number(value, language=language)
        else:
            text[key] = str(value)
    return text


# Checks --------------------------------------------------------------------------------


def _missing(name: str) -> Check:
    def check(answer: AnswerInput, context: AnswerContext, s: ValidationSettings) -> Params | None:
        return {} if getattr(answer, name) is None else None

    return check


def _not_whole(name: str) -> Check:
    def check(answer: AnswerInput, context: AnswerContext, s: ValidationSettings) -> Params | None:
        value = getattr(answer, name)
        return {} if value is not None and not _is_whole(value) else None

    return check


def _negative(name: str) -> Check:
    def check(answer: AnswerInput, context: AnswerContext, s: ValidationSettings) -> Params | None:
        value = answer.count(name)
        return {"value": value} if value is not None and value < 0 else None

    return check


def _larger_than(name: str, limit: str) -> Check:
    """Fires when count ``name`` is greater than count ``limit`` (both given, not negative)."""

    def check(answer: AnswerInput, context: AnswerContext, s: ValidationSettings) -> Params | None:
        value, bound = answer.count(name), answer.count(limit)
        if value is None or bound is None or bound < 0 or value <= bound:
            return None
        return {name: value, limit: bound}

    return check


def large_change(old: int, new: int, settings: ValidationSettings = DEFAULT_SETTINGS) -> bool:
    """True when ``old`` → ``new`` moved by more than both thresholds (either direction)."""
    difference = abs(new - old)
    if difference <= settings.change_absolute:
        return False
    if old == 0:
        return True  # any increase from zero is more than any share of zero
    return Fraction(difference, abs(old)) > settings.change_relative


def _change(name: str) -> Check:
    def check(answer: AnswerInput, context: AnswerContext, s: ValidationSettings) -> Params | None:
        new = answer.count(name)
        old = context.previous.count(name) if context.previous is not None else None
        if new is None or old is None or new < 0 or old < 0 or not large_change(old, new, s):
            return None
        return {
            "previous": old,
            "current": new,
            "previous_round": context.previous_round or _("förra omgången"),
        }

    return check


def _e_orders_zero(
    answer: AnswerInput, context: AnswerContext, s: ValidationSettings
) -> Params | None:
    return {} if context.obliged_to_order and answer.count("e_orders") == 0 else None


def _e_orders_outlier(
    answer: AnswerInput, context: AnswerContext, s: ValidationSettings
) -> Params | None:
    e_orders = answer.count("e_orders")
    if e_orders is None or e_orders < 0 or context.fte is None or context.fte <= 0:
        return None
    fences = outlier_fences(sorted(context.e_orders_per_100_fte), s)
    if fences is None:
        return None
    low, high = fences
    value = Fraction(100 * e_orders, context.fte)
    if low <= value <= high:
        return None
    return {"value": value, "low": max(low, Fraction(0)), "high": high}


def _supplier_invoices_zero(
    answer: AnswerInput, context: AnswerContext, s: ValidationSettings
) -> Params | None:
    return {} if answer.count("supplier_invoices") == 0 else None


# The registry --------------------------------------------------------------------------


def _per_count_rules() -> list[Rule]:
    rules: list[Rule] = []
    for name in COUNT_FIELDS:
        rules.extend(
            [
                Rule(
                    code="count_missing",
                    level=Level.ERROR,
                    field=name,
                    condition=f"status answered and {name} not given",
                    message=gettext_noop(
                        "Ange antal %(label)s: en besvarad enkät ska ha alla fyra antal."
                    ),
                    check=_missing(name),
                ),
                Rule(
                    code="not_a_whole_number",
                    level=Level.ERROR,
                    field=name,
                    condition=f"{name} is not an integer",
                    message=gettext_noop(
                        "Antal %(label)s ska vara ett heltal. Ange antalet med siffror, utan "
                        "decimaler."
                    ),
                    check=_not_whole(name),
                ),
                Rule(
                    code="negative",
                    level=Level.ERROR,
                    field=name,
                    condition=f"{name} < 0",
                    message=gettext_noop(
                        "Antalet %(label)s kan inte vara negativt. Ange noll eller fler."
                    ),
                    check=_negative(name),
                ),
            ]
        )
    return rules


def _change_rules() -> list[Rule]:
    return [
        Rule(
            code=f"large_change_{name}",
            level=Level.WARNING,
            field=name,
            condition=(
                f"previous round's {name} known and |new − old| > 50 % of old and |new − old| > 100"
            ),
            message=gettext_noop(
                "Antalet %(label)s har ändrats mycket sedan %(previous_round)s: från "
                "%(previous)s till %(current)s. Kontrollera antalet. Stämmer det, förklara "
                "kort varför det har ändrats."
            ),
            check=_change(name),
        )
        for name in COUNT_FIELDS
    ]


RULES: tuple[Rule, ...] = (
    *_per_count_rules(),
    Rule(
        code="e_invoices_exceed_supplier_invoices",
        level=Level.ERROR,
        field="e_invoices",
        condition="e_invoices > supplier_invoices",
        message=gettext_noop(
            "Antalet e-fakturor (%(e_invoices)s) är större än antalet leverantörsfakturor "
            "(%(supplier_invoices)s). E-fakturorna är en del av leverantörsfakturorna: rätta "
            "något av antalen."
        ),
        check=_larger_than("e_invoices", "supplier_invoices"),
    ),
    Rule(
        code="matched_exceed_supplier_invoices",
        level=Level.ERROR,
        field="matched_invoices",
        condition="matched_invoices > supplier_invoices",
        message=gettext_noop(
            "Antalet matchade fakturor (%(matched_invoices)s) är större än antalet "
            "leverantörsfakturor (%(supplier_invoices)s). De matchade fakturorna är en del av "
            "leverantörsfakturorna: rätta något av antalen."
        ),
        check=_larger_than("matched_invoices", "supplier_invoices"),
    ),
    *_change_rules(),
    Rule(
        code="matched_exceed_e_invoices",
        level=Level.WARNING,
        field="matched_invoices",
        condition="matched_invoices > e_invoices",
        message=gettext_noop(
            "Antalet matchade fakturor (%(matched_invoices)s) är större än antalet e-fakturor "
            "(%(e_invoices)s). Det kan stämma om ni också matchar pappersfakturor, till "
            "exempel mot abonnemang. Kontrollera antalen. Stämmer de, förklara kort."
        ),
        check=_larger_than("matched_invoices", "e_invoices"),
    ),
    Rule(
        code="e_orders_zero_obliged",
        level=Level.WARNING,
        field="e_orders",
        condition="e_orders == 0 and the agency is obliged to order electronically",
        message=gettext_noop(
            "Myndigheten har angett noll e-order men ska enligt förordningen (2003:770) om "
            "statliga myndigheters elektroniska informationsutbyte hantera sina beställningar "
            "elektroniskt. Kontrollera antalet. Stämmer det, förklara kort varför."
        ),
        check=_e_orders_zero,
    ),
    Rule(
        code="e_orders_per_fte_outlier",
        level=Level.WARNING,
        field="e_orders",
        condition=(
            "e_orders × 100 / ÅA outside [Q1 − 3·IQR, Q3 + 3·IQR] of the other "
            "respondents' values, when there are at least 8"
        ),
        message=gettext_noop(
            "E-order per 100 ÅA blir %(value)s, vilket ligger långt från övriga myndigheters "
            "värden i omgången (väntat: %(low)s–%(high)s). Kontrollera antalet e-order. "
            "Stämmer det, förklara kort varför."
        ),
        check=_e_orders_outlier,
    ),
    Rule(
        code="supplier_invoices_zero",
        level=Level.WARNING,
        field="supplier_invoices",
        condition="supplier_invoices == 0",
        message=gettext_noop(
            "Myndigheten har angett noll leverantörsfakturor. Då går andelen e-fakturor och "
            "andelen matchade fakturor inte att beräkna. Kontrollera antalet. Stämmer det, "
            "förklara kort varför."
        ),
        check=_supplier_invoices_zero,
    ),
)


def check_answer(
    *,
    answer: AnswerInput,
    context: AnswerContext,
    settings: ValidationSettings = DEFAULT_SETTINGS,
) -> list[Finding]:
    """Every rule the answer breaks, in registry order (errors first). Empty when none.

    Only answered responses are checked. A count that is missing or not a whole number
    gives its own error and is left out of every other rule.
    """
    if answer.status != ANSWERED:
        return []
    findings: list[Finding] = []
    for rule in RULES:
        params = rule.check(answer, context, settings)
        if params is not None:
            findings.append(rule.finding(params))
    return findings


def answer_errors(*, answer: AnswerInput) -> list[Finding]:
    """The hard errors alone: they never depend on the context."""
    return [f for f in check_answer(answer=answer, context=AnswerContext()) if f.is_error]


# Stored findings ----------------------------------------------------------------------

_RULES_BY_KEY: dict[tuple[str, str], Rule] = {(rule.code, rule.field): rule for rule in RULES}


def params_to_json(params: Mapping[str, Param]) -> dict[str, list[str | int]]:
    """A finding's parameters as JSON: each value tagged with its type (a Fraction is
    not a JSON number and must come back exact)."""
    encoded: dict[str, list[str | int]] = {}
    for key, value in params.items():
        if isinstance(value, Fraction):
            encoded[key] = ["fraction", f"{value.numerator}/{value.denominator}"]
        elif isinstance(value, int):
            encoded[key] = ["int", value]
        else:
            encoded[key] = ["str", str(value)]
    return encoded


def params_from_json(data: Mapping[str, Any]) -> Params | None:
    """The parameters back, or None when the stored data is not what params_to_json wrote."""
    params: Params = {}
    try:
        for key, (kind, value) in data.items():
            if kind == "fraction":
                params[key] = Fraction(str(value))
            elif kind == "int":
                params[key] = int(value)
            elif kind == "str":
                params[key] = str(value)
            else:
                return None
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return params


def finding_message(*, code: str, field: str, params: Mapping[str, Any]) -> str | None:
    """A stored finding's message in the active language, from its rule and parameters;
    None when the rule is gone or the parameters no longer fit its message."""
    rule = _RULES_BY_KEY.get((code, field))
    decoded = params_from_json(params)
    if rule is None or decoded is None:
        return None
    try:
        return _(rule.message) % _rendered(rule.field, decoded)
    except (KeyError, TypeError, ValueError):
        return None
