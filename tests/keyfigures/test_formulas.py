"""The three formulas, written from their definitions (design.md, domain.md §1.3)."""

from fractions import Fraction

import pytest

from keyfigures.registry import (
    E_ORDERS_PER_100_FTE,
    INPUT_FIELDS,
    KEY_FIGURES,
    SHARE_E_INVOICES,
    SHARE_MATCHED,
    Computed,
    NotComputable,
    Reason,
)


def counts(**values):
    base = dict.fromkeys(INPUT_FIELDS)
    base.update(values)
    return base


@pytest.mark.parametrize(
    ("figure", "inputs", "expected"),
    [
        (SHARE_E_INVOICES, counts(e_invoices=3, supplier_invoices=4), Fraction(75)),
        (SHARE_E_INVOICES, counts(e_invoices=1, supplier_invoices=3), Fraction(100, 3)),
        (SHARE_E_INVOICES, counts(e_invoices=0, supplier_invoices=9), Fraction(0)),
        # matched share is over ALL supplier invoices, not over the e-invoices
        (
            SHARE_MATCHED,
            counts(matched_invoices=30, e_invoices=60, supplier_invoices=120),
            Fraction(25),
        ),
        # matched may exceed e-invoices (matching against subscriptions)
        (
            SHARE_MATCHED,
            counts(matched_invoices=80, e_invoices=50, supplier_invoices=100),
            Fraction(80),
        ),
        (E_ORDERS_PER_100_FTE, counts(e_orders=713, fte=200), Fraction(713 * 100, 200)),
        (E_ORDERS_PER_100_FTE, counts(e_orders=0, fte=51), Fraction(0)),
        (E_ORDERS_PER_100_FTE, counts(e_orders=1, fte=3), Fraction(100, 3)),
    ],
)
def test_formula_is_exact(figure, inputs, expected):
    outcome = figure.compute(inputs)
    assert isinstance(outcome, Computed)
    assert outcome.value == expected
    assert isinstance(outcome.value, Fraction)


@pytest.mark.parametrize(
    ("figure", "inputs", "reason"),
    [
        (SHARE_E_INVOICES, counts(e_invoices=0, supplier_invoices=0), Reason.ZERO_DENOMINATOR),
        (SHARE_E_INVOICES, counts(e_invoices=5), Reason.MISSING_DENOMINATOR),
        (SHARE_E_INVOICES, counts(supplier_invoices=5), Reason.MISSING_NUMERATOR),
        (SHARE_MATCHED, counts(matched_invoices=0, supplier_invoices=0), Reason.ZERO_DENOMINATOR),
        (E_ORDERS_PER_100_FTE, counts(e_orders=10), Reason.MISSING_DENOMINATOR),
        (E_ORDERS_PER_100_FTE, counts(e_orders=10, fte=0), Reason.ZERO_DENOMINATOR),
    ],
)
def test_zero_or_missing_denominator_is_not_computable(figure, inputs, reason):
    outcome = figure.compute(inputs)
    assert outcome == NotComputable(reason)
    assert not outcome.computable


def test_reason_text_names_the_input_in_both_languages():
    assert SHARE_E_INVOICES.reason_text(Reason.ZERO_DENOMINATOR, "sv") == (
        "leverantörsfakturor är noll"
    )
    assert E_ORDERS_PER_100_FTE.reason_text(Reason.MISSING_DENOMINATOR, "en") == (
        "full-time equivalents (ÅA) missing"
    )


@pytest.mark.parametrize("figure", KEY_FIGURES, ids=lambda f: f.slug)
def test_every_registry_entry_is_fully_declared(figure):
    for attribute in (
        "slug",
        "name_sv",
        "name_en",
        "unit_sv",
        "unit_en",
        "formula_sv",
        "formula_en",
        "definition_sv",
        "definition_en",
        "source_label",
        "source_url",
    ):
        assert getattr(figure, attribute).strip(), f"{figure.slug} lacks {attribute}"
    assert figure.numerator in INPUT_FIELDS
    assert figure.denominator in INPUT_FIELDS
    assert figure.source_url.startswith("https://")
    assert len(figure.definition_sv) > 80


def test_registry_slugs_are_unique():
    assert len({f.slug for f in KEY_FIGURES}) == len(KEY_FIGURES)
