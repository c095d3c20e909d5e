"""The column list is the one source: the doc's table and the pure helpers follow it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from keyfigures.registry import E_ORDERS_PER_100_FTE, SHARE_E_INVOICES
from opendata.columns import COLUMN_NAMES, COLUMNS, display_text, exact_text, round_label

DOC = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: c.name)
def test_doc_documents_every_column(column):
    text = DOC.read_text(encoding="utf-8")
    assert f"| `{column.name}` | {column.kind} | {column.description_sv} |" in text


def test_column_names_are_unique_snake_case():
    assert len(set(COLUMN_NAMES)) == len(COLUMN_NAMES)
    for name in COLUMN_NAMES:
        assert name == name.lower()
        assert name.replace("_", "").isalnum()
        assert name.isascii()


def test_exact_text_is_a_reduced_fraction():
    assert exact_text(SHARE_E_INVOICES, 2000, 3000) == "200/3"
    assert exact_text(SHARE_E_INVOICES, 95000, 100000) == "95"
    assert exact_text(E_ORDERS_PER_100_FTE, 500, 300) == "500/3"


def test_display_text_rounds_half_up_in_swedish():
    assert display_text(SHARE_E_INVOICES, "value", Decimal("66.5")) == "67\u00a0%"
    assert display_text(SHARE_E_INVOICES, "value", Decimal("66.49")) == "66\u00a0%"
    assert display_text(E_ORDERS_PER_100_FTE, "value", Decimal("1234.5")) == "1\u00a0235"
    assert display_text(SHARE_E_INVOICES, "not_computable", None) == "ej beräkningsbart"
    assert display_text(SHARE_E_INVOICES, "not_applicable", None) == "ej tillämplig"


def test_round_label_in_each_language():
    assert round_label(2016, "h1", "sv") == "2016 första halvåret"
    assert round_label(2016, "h2", "en") == "2016 second half"
    assert round_label(2024, "year", "en") == "2024"
