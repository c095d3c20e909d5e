"""End to end: a filled-in template through ``response_import``, all or nothing."""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.imports.responses_csv import ResponseFileError
from surveys.imports.spreadsheet import parse_responses_upload
from surveys.imports.template import spreadsheet_template, template_row_list
from surveys.models import Response, ResponseStatus, Round, RoundStatus
from surveys.services import ResponseImportError, response_import, round_population_set
from tests.factories import create_agency, create_round
from tests.surveys.spreadsheets import make_fixtures as fx

VALUE_FIELDS = (
    "status",
    "supplier_invoices",
    "e_invoices",
    "matched_invoices",
    "e_orders",
    "not_applicable_reason",
    "comment",
)


@pytest.fixture
def round_2024(db: None) -> Round:
    create_agency("Affärsverket svenska kraftnät", org_nr="2021004284", fte={2024: 931})
    create_agency("Skatteverket", org_nr="2021005448", fte={2024: 10500})
    round_ = create_round(year=2024)
    round_population_set(round=round_)
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.OPEN)
    round_.refresh_from_db()
    return round_


def round_template(round_: Round) -> bytes:
    rows = template_row_list(round=round_)[0]
    return spreadsheet_template(round_label=round_.label, rows=rows)


def upload(round_: Round, data: bytes) -> Any:
    parsed = parse_responses_upload(filename="svar.xlsx", data=data)
    return response_import(round=round_, rows=parsed.rows, problems=parsed.problems)


def stored(round_: Round) -> dict[str, tuple[object, ...]]:
    return {
        response.agency.org_nr: tuple(getattr(response, name) for name in VALUE_FIELDS)
        for response in Response.objects.filter(round=round_).select_related("agency")
    }


def test_a_filled_in_template_records_every_answer(
    round_2024: Round, django_capture_on_commit_callbacks: Any
) -> None:
    data = fx.fill(
        round_template(round_2024),
        {
            "C2": "besvarad",  # rows by name: Affärsverket svenska kraftnät first
            "D2": 12000,
            "E2": "9 000",
            "F2": 3000.0,
            "G2": 4500,
            "I2": "Siffror ur Raindance",
            "C3": "ej_tillampligt",
            "H3": "Inköpen sköts av Statens servicecenter",
        },
    )

    with django_capture_on_commit_callbacks() as callbacks:
        report = upload(round_2024, data)

    assert (report.updated, report.unchanged) == (2, 0)
    assert len(callbacks) == 1
    assert stored(round_2024) == {
        "2021004284": (
            ResponseStatus.ANSWERED,
            12000,
            9000,
            3000,
            4500,
            "",
            "Siffror ur Raindance",
        ),
        "2021005448": (
            ResponseStatus.NOT_APPLICABLE,
            None,
            None,
            None,
            None,
            "Inköpen sköts av Statens servicecenter",
            "",
        ),
    }


def test_one_bad_row_writes_nothing(round_2024: Round) -> None:
    data = fx.fill(
        round_template(round_2024),
        {
            "C2": "besvarad",
            "D2": 12000.5,
            "E2": 9000,
            "F2": 3000,
            "G2": 4500,
            "C3": "ej_tillampligt",
            "H3": "Inköpen sköts av Statens servicecenter",
        },
    )
    before = stored(round_2024)

    with pytest.raises(ResponseImportError) as caught:
        upload(round_2024, data)

    assert str(caught.value).splitlines() == [
        "Svaren lästes inte in: 1 problem hittades. Inget har sparats. Rätta filen och läs in "
        "den igen.",
        "Rad 2, kolumn leverantorsfakturor: ”12000,5” är inte ett heltal. Ange antalet utan "
        "decimaler.",
    ]
    assert stored(round_2024) == before


CELL_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-10, max_value=10**7),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.sampled_from(["besvarad", "ej_besvarad", "ej_tillampligt", "klar", "12 000", "=1+1"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12),
)


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cells=st.dictionaries(
        st.sampled_from([f"{c}{r}" for c in "CDEFGHI" for r in (2, 3)]), CELL_VALUES
    )
)
def test_any_filled_in_values_are_recorded_whole_or_not_at_all(
    round_2024: Round, cells: dict[str, object]
) -> None:
    data = fx.fill(round_template(round_2024), cells)
    before = stored(round_2024)

    try:
        parsed = parse_responses_upload(filename="svar.xlsx", data=data)
        response_import(round=round_2024, rows=parsed.rows, problems=parsed.problems)
    except (ResponseFileError, ResponseImportError):
        assert stored(round_2024) == before
        return

    after = stored(round_2024)
    for row in parsed.rows:
        assert after[row.org_nr][:5] == (row.status, *row.counts.values())
