"""A stored warning reads in the language of the page that shows it (WCAG 3.1.2), not in
the language active when the answer was recorded."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.utils import translation

from surveys.models import FindingLevel, ResponseFinding
from surveys.validation import (
    RULES,
    finding_message,
    params_from_json,
    params_to_json,
)
from tests.factories import create_agency, create_response, create_round


def _response():
    return create_response(round=create_round(year=2025), agency=create_agency())


RULE = next(rule for rule in RULES if rule.code == "matched_exceed_e_invoices")
PARAMS = {"matched_invoices": 1200, "e_invoices": 1000}


def test_parameters_survive_json_exactly():
    params = {"n": 12345, "share": Fraction(2, 3), "name": "Storverket"}
    assert params_from_json(params_to_json(params)) == params
    assert params_from_json({"n": ["float", 1.5]}) is None
    assert params_from_json({"n": ["fraction", "1/0"]}) is None
    assert params_from_json({"n": "1"}) is None


def test_message_follows_the_active_language():
    encoded = params_to_json(PARAMS)
    with translation.override("sv"):
        swedish = finding_message(code=RULE.code, field=RULE.field, params=encoded)
    with translation.override("en"):
        english = finding_message(code=RULE.code, field=RULE.field, params=encoded)
    assert swedish is not None
    assert english is not None
    assert "1 200" in swedish.replace("\u00a0", " ")
    assert "1,200" in english
    assert swedish != english
    assert finding_message(code="no_such_rule", field="x", params=encoded) is None


@pytest.mark.django_db
def test_a_finding_saved_in_swedish_reads_in_english_on_an_english_page():
    with translation.override("sv"):
        finding = RULE.finding(PARAMS)
    stored = ResponseFinding.objects.create(
        response=_response(),
        code=finding.code,
        level=FindingLevel.WARNING,
        field=finding.field,
        saved_message=finding.message,
        params=params_to_json(finding.params),
    )
    stored.refresh_from_db()
    with translation.override("en"):
        assert stored.message == RULE.finding(PARAMS).message
        assert stored.message != stored.saved_message
    with translation.override("sv"):
        assert stored.message == stored.saved_message


@pytest.mark.django_db
def test_a_finding_whose_rule_is_gone_keeps_its_saved_text():
    stored = ResponseFinding.objects.create(
        response=_response(),
        code="retired_rule",
        level=FindingLevel.WARNING,
        field="e_orders",
        saved_message="En regel som inte finns längre.",
        params={"n": ["int", 1]},
    )
    with translation.override("en"):
        assert stored.message == "En regel som inte finns längre."
