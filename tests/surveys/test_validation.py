"""The answer rules of ``surveys.validation``, each from its definition, with its boundaries."""

from __future__ import annotations

import dataclasses
import re
import statistics
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from surveys.validation import (
    COUNT_FIELDS,
    NOT_ANSWERED,
    NOT_APPLICABLE,
    RULES,
    AnswerContext,
    AnswerInput,
    Finding,
    Level,
    ValidationSettings,
    answer_errors,
    check_answer,
    large_change,
    outlier_fences,
    quartiles,
)

NBSP = "\u00a0"
# A plain, consistent answer: no rule fires on it without context.
GOOD: dict[str, Any] = {
    "supplier_invoices": 1000,
    "e_invoices": 800,
    "matched_invoices": 300,
    "e_orders": 500,
}
NO_CONTEXT = AnswerContext()


def answer(**changes: Any) -> AnswerInput:
    return AnswerInput(**{**GOOD, **changes})


def found(findings: list[Finding], level: Level | None = None) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in findings if level is None or f.level == level]


def codes(ans: AnswerInput, context: AnswerContext = NO_CONTEXT, **kwargs: Any) -> list[str]:
    return [f.code for f in check_answer(answer=ans, context=context, **kwargs)]


def test_a_consistent_answer_without_context_has_no_findings() -> None:
    assert check_answer(answer=answer(), context=NO_CONTEXT) == []


# The registry -------------------------------------------------------------------------


def test_warning_codes_are_unique_because_explanations_are_kept_by_code() -> None:
    warnings = [rule.code for rule in RULES if rule.level == Level.WARNING]
    assert len(warnings) == len(set(warnings))


def test_every_rule_has_a_level_a_count_field_a_condition_and_a_message() -> None:
    for rule in RULES:
        assert rule.level in (Level.ERROR, Level.WARNING)
        assert rule.field in COUNT_FIELDS
        assert rule.condition
        assert rule.message.endswith(".")
    assert {(rule.code, rule.field) for rule in RULES} == {
        *(
            (code, name)
            for code in ("count_missing", "not_a_whole_number", "negative")
            for name in COUNT_FIELDS
        ),
        ("e_invoices_exceed_supplier_invoices", "e_invoices"),
        ("matched_exceed_supplier_invoices", "matched_invoices"),
        *((f"large_change_{name}", name) for name in COUNT_FIELDS),
        ("matched_exceed_e_invoices", "matched_invoices"),
        ("e_orders_zero_obliged", "e_orders"),
        ("e_orders_per_fte_outlier", "e_orders"),
        ("supplier_invoices_zero", "supplier_invoices"),
    }


def test_the_data_docs_list_every_rule_and_the_default_thresholds() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "data.md").read_text(encoding="utf-8")
    section = docs.split("## Validation rules", 1)[1].split("\n## ", 1)[0]
    for rule in RULES:
        assert f"`{rule.code}`" in section, rule.code
    defaults = ValidationSettings()
    assert f"`change_absolute = {defaults.change_absolute}`" in section
    assert f"`outlier_min_values = {defaults.outlier_min_values}`" in section


def test_errors_come_before_warnings() -> None:
    levels = [rule.level for rule in RULES]
    assert levels == sorted(levels, key=lambda level: level != Level.ERROR)


def test_the_default_thresholds_are_the_documented_ones() -> None:
    defaults = ValidationSettings()
    assert defaults.change_relative == Fraction(1, 2)
    assert defaults.change_absolute == 100
    assert defaults.outlier_iqr_factor == 3
    assert defaults.outlier_min_values == 8


# Errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", COUNT_FIELDS)
def test_each_missing_count_is_an_error_on_its_field(name: str) -> None:
    findings = check_answer(answer=answer(**{name: None}), context=NO_CONTEXT)
    assert found(findings) == [("count_missing", name)]
    assert findings[0].level == Level.ERROR
    assert findings[0].message.endswith("en besvarad enkät ska ha alla fyra antal.")


@pytest.mark.parametrize("name", COUNT_FIELDS)
def test_a_negative_count_is_an_error_on_its_field(name: str) -> None:
    findings = check_answer(answer=answer(**{name: -1}), context=NO_CONTEXT)
    assert ("negative", name) in found(findings, Level.ERROR)
    assert not any(f.code.endswith("exceed_supplier_invoices") for f in findings)


@pytest.mark.parametrize("bad", [1.5, "12", True, Fraction(3, 1)])
def test_a_count_that_is_not_a_whole_number_is_an_error_and_nothing_else(bad: Any) -> None:
    findings = check_answer(answer=answer(e_orders=bad), context=NO_CONTEXT)
    assert found(findings) == [("not_a_whole_number", "e_orders")]
    assert findings[0].message == (
        "Antal e-order ska vara ett heltal. Ange antalet med siffror, utan decimaler."
    )


def test_zero_is_a_valid_count() -> None:
    zeros = answer(supplier_invoices=0, e_invoices=0, matched_invoices=0, e_orders=0)
    assert found(check_answer(answer=zeros, context=NO_CONTEXT), Level.ERROR) == []


@pytest.mark.parametrize(("e_invoices", "fires"), [(999, False), (1000, False), (1001, True)])
def test_more_e_invoices_than_supplier_invoices_is_an_error(e_invoices: int, fires: bool) -> None:
    findings = check_answer(
        answer=answer(e_invoices=e_invoices, matched_invoices=0), context=NO_CONTEXT
    )
    assert (("e_invoices_exceed_supplier_invoices", "e_invoices") in found(findings)) is fires
    if fires:
        assert findings[0].level == Level.ERROR
        assert findings[0].message == (
            f"Antalet e-fakturor (1{NBSP}001) är större än antalet leverantörsfakturor "
            f"(1{NBSP}000). E-fakturorna är en del av leverantörsfakturorna: rätta något av "
            "antalen."
        )
        assert findings[0].params == {"e_invoices": 1001, "supplier_invoices": 1000}


@pytest.mark.parametrize(("matched", "fires"), [(1000, False), (1001, True)])
def test_more_matched_than_supplier_invoices_is_an_error(matched: int, fires: bool) -> None:
    findings = check_answer(
        answer=answer(e_invoices=1000, matched_invoices=matched), context=NO_CONTEXT
    )
    errors = found(findings, Level.ERROR)
    assert errors == ([("matched_exceed_supplier_invoices", "matched_invoices")] if fires else [])


def test_answer_errors_ignore_the_context_and_the_warnings() -> None:
    ans = answer(e_invoices=2000, e_orders=0, supplier_invoices=1000)
    context = AnswerContext(obliged_to_order=True, previous=answer(e_orders=5000))
    assert [f.code for f in answer_errors(answer=ans)] == ["e_invoices_exceed_supplier_invoices"]
    assert "e_orders_zero_obliged" in codes(ans, context)


# N/A and not answered ------------------------------------------------------------------


@pytest.mark.parametrize("status", [NOT_APPLICABLE, NOT_ANSWERED, "unknown"])
def test_answers_that_are_not_answered_have_no_count_findings(status: str) -> None:
    context = AnswerContext(
        previous=answer(),
        fte=100,
        obliged_to_order=True,
        e_orders_per_100_fte=[Fraction(n) for n in range(10)],
    )
    for counts in (
        dict.fromkeys(COUNT_FIELDS),
        {"supplier_invoices": -1, "e_invoices": 5, "matched_invoices": 9, "e_orders": 0},
    ):
        assert check_answer(answer=AnswerInput(status=status, **counts), context=context) == []


# Warnings: change against the previous comparable round --------------------------------


@pytest.mark.parametrize(
    ("old", "new", "fires"),
    [
        (1000, 1500, False),  # exactly +50 %: not more than 50 %
        (1000, 1501, True),
        (1000, 500, False),  # exactly −50 %
        (1000, 499, True),
        (100, 200, False),  # +100 %, but exactly 100 more: not more than 100
        (100, 201, True),
        (150, 0, True),  # −100 % and 150 less
        (60, 0, False),  # −100 %, but only 60 less
        (0, 100, False),  # from zero, 100 more
        (0, 101, True),  # from zero any increase is more than 50 %
        (0, 0, False),
        (10_000, 14_999, False),  # +49.99 %
        (10_000, 15_001, True),
        (10_000, 4_999, True),
    ],
)
def test_large_change_needs_both_thresholds(old: int, new: int, fires: bool) -> None:
    assert large_change(old, new) is fires
    context = AnswerContext(previous=answer(e_orders=old), previous_round="2023")
    assert ("large_change_e_orders" in codes(answer(e_orders=new), context)) is fires


PREVIOUS = AnswerInput(
    supplier_invoices=100_000, e_invoices=10_000, matched_invoices=10_000, e_orders=10_000
)


@pytest.mark.parametrize(
    ("name", "new", "text"),
    [
        ("supplier_invoices", 250_000, f"från 100{NBSP}000 till 250{NBSP}000."),
        ("e_invoices", 25_000, f"från 10{NBSP}000 till 25{NBSP}000."),
        ("matched_invoices", 4_000, f"från 10{NBSP}000 till 4{NBSP}000."),
        ("e_orders", 25_000, f"från 10{NBSP}000 till 25{NBSP}000."),
    ],
)
def test_each_count_has_its_own_change_warning_with_old_and_new_value(
    name: str, new: int, text: str
) -> None:
    change: dict[str, Any] = {name: new}
    now = dataclasses.replace(PREVIOUS, **change)
    context = AnswerContext(previous=PREVIOUS, previous_round="2023")

    findings = check_answer(answer=now, context=context)

    assert found(findings) == [(f"large_change_{name}", name)]
    finding = findings[0]
    assert finding.level == Level.WARNING
    assert f"har ändrats mycket sedan 2023: {text}" in finding.message
    assert finding.message.endswith("Stämmer det, förklara kort varför det har ändrats.")
    assert finding.params == {
        "previous": PREVIOUS.count(name),
        "current": new,
        "previous_round": "2023",
    }


def test_no_previous_round_or_no_previous_value_means_no_change_warning() -> None:
    huge = answer(supplier_invoices=10**9, e_invoices=10**8)
    assert codes(huge, AnswerContext(previous=None)) == []
    previous_without_counts = AnswerInput()  # answered, but no counts
    assert codes(huge, AnswerContext(previous=previous_without_counts)) == []


def test_the_change_thresholds_come_from_the_settings() -> None:
    context = AnswerContext(previous=answer(e_orders=500))
    strict = ValidationSettings(change_relative=Fraction(1, 10), change_absolute=10)
    assert codes(answer(e_orders=600), context) == []
    assert codes(answer(e_orders=600), context, settings=strict) == ["large_change_e_orders"]


# Warnings: matched, zero e-orders, zero supplier invoices ------------------------------


@pytest.mark.parametrize(("matched", "fires"), [(800, False), (801, True)])
def test_more_matched_than_e_invoices_is_a_warning_not_an_error(matched: int, fires: bool) -> None:
    findings = check_answer(answer=answer(matched_invoices=matched), context=NO_CONTEXT)
    expected = [("matched_exceed_e_invoices", "matched_invoices")] if fires else []
    assert found(findings, Level.WARNING) == expected
    assert found(findings, Level.ERROR) == []


@pytest.mark.parametrize(
    ("obliged", "e_orders", "fires"), [(True, 0, True), (True, 1, False), (False, 0, False)]
)
def test_zero_e_orders_warns_only_for_an_agency_obliged_to_order(
    obliged: bool, e_orders: int, fires: bool
) -> None:
    context = AnswerContext(obliged_to_order=obliged)
    assert ("e_orders_zero_obliged" in codes(answer(e_orders=e_orders), context)) is fires


def test_zero_supplier_invoices_warns_that_the_shares_cannot_be_computed() -> None:
    zeros = answer(supplier_invoices=0, e_invoices=0, matched_invoices=0)
    findings = check_answer(answer=zeros, context=NO_CONTEXT)
    assert found(findings) == [("supplier_invoices_zero", "supplier_invoices")]
    assert "inte att beräkna" in findings[0].message
    assert codes(answer(supplier_invoices=1, e_invoices=0, matched_invoices=0)) == []


# Warnings: e-orders per 100 ÅA outside the distribution ---------------------------------

EIGHT = [Fraction(n) for n in range(1, 9)]  # Q1 = 2.75, Q3 = 6.25, IQR 3.5


def test_quartiles_are_the_inclusive_interpolated_ones_and_exact() -> None:
    assert quartiles(EIGHT) == (Fraction(11, 4), Fraction(25, 4))
    thirds = [Fraction(n, 3) for n in (1, 2, 2, 5, 7, 11, 13, 17, 19)]
    q1, _median, q3 = statistics.quantiles(thirds, n=4, method="inclusive")
    assert quartiles(thirds) == (q1, q3)
    assert quartiles([Fraction(5)]) == (Fraction(5), Fraction(5))


def test_fences_need_eight_values() -> None:
    assert outlier_fences(EIGHT) == (Fraction(11, 4) - Fraction(21, 2), Fraction(67, 4))
    assert outlier_fences(EIGHT[:7]) is None


def outlier(e_orders: int, fte: int | None, values: list[Fraction]) -> bool:
    context = AnswerContext(fte=fte, e_orders_per_100_fte=values)
    ans = answer(e_orders=e_orders, supplier_invoices=10**6, e_invoices=0, matched_invoices=0)
    return "e_orders_per_fte_outlier" in codes(ans, context)


@pytest.mark.parametrize(
    ("e_orders", "fires"),
    [
        (67, False),  # 67 per 400 ÅA = 16.75 per 100 ÅA: exactly the upper fence
        (68, True),  # 17
        (0, False),  # the lower fence is negative
    ],
)
def test_outlier_is_strictly_outside_the_fences(e_orders: int, fires: bool) -> None:
    assert outlier(e_orders, 400, EIGHT) is fires


def test_seven_values_are_too_few_for_an_outlier() -> None:
    assert outlier(10**6, 400, EIGHT) is True
    assert outlier(10**6, 400, EIGHT[:7]) is False
    assert outlier(10**6, 400, []) is False


def test_a_low_outlier_warns_too_and_the_message_gives_the_expected_range() -> None:
    tight = [Fraction(n) for n in (100, 100, 101, 101, 102, 102, 103, 103)]
    # Q1 = 100.75, Q3 = 102.25, IQR 1.5: fences 96.25 and 106.75
    assert outlier(97, 100, tight) is False
    assert outlier(96, 100, tight) is True
    ans = answer(e_orders=96, supplier_invoices=10**6, e_invoices=0, matched_invoices=0)
    [finding] = check_answer(answer=ans, context=AnswerContext(fte=100, e_orders_per_100_fte=tight))
    assert finding.message == (
        "E-order per 100 ÅA blir 96, vilket ligger långt från övriga myndigheters värden i "
        "omgången (väntat: 96–107). Kontrollera antalet e-order. Stämmer det, förklara kort "
        "varför."
    )
    assert finding.params == {
        "value": Fraction(96),
        "low": Fraction(385, 4),
        "high": Fraction(427, 4),
    }


def test_outlier_arithmetic_is_exact_on_fractions() -> None:
    thirds = [Fraction(n, 3) for n in range(1, 9)]  # upper fence 67/12
    # 67 e-orders per 1 200 ÅA is 67/12 per 100 ÅA: on the fence, so no warning.
    assert outlier(67, 1200, thirds) is False
    assert outlier(68, 1200, thirds) is True


def test_the_distribution_need_not_be_passed_sorted() -> None:
    assert outlier(68, 400, list(reversed(EIGHT))) is True


@pytest.mark.parametrize("fte", [None, 0])
def test_no_outlier_warning_without_fte(fte: int | None) -> None:
    assert outlier(10**6, fte, EIGHT) is False


def test_outlier_settings_can_change_the_factor_and_the_minimum() -> None:
    context = AnswerContext(fte=400, e_orders_per_100_fte=EIGHT[:4])
    ans = answer(e_orders=68, supplier_invoices=10**6, e_invoices=0, matched_invoices=0)
    loose = ValidationSettings(outlier_min_values=4, outlier_iqr_factor=Fraction(1))
    assert codes(ans, context) == []
    assert codes(ans, context, settings=loose) == ["e_orders_per_fte_outlier"]


# Messages -------------------------------------------------------------------------------


def test_messages_use_the_active_language() -> None:
    ans = answer(e_invoices=1001, matched_invoices=0)
    with translation.override("en"):
        [finding] = check_answer(answer=ans, context=NO_CONTEXT)
    assert "1,001" in finding.message
    assert "1,000" in finding.message
    assert not re.search("[åäö]", finding.message), finding.message
