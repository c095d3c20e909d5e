"""Findings through the services: errors refuse, warnings are stored, explanations stay."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from register.models import Agency
from surveys.imports.rows import ResponseRow
from surveys.models import (
    PeriodType,
    Response,
    ResponseFinding,
    ResponseStatus,
    Round,
    RoundStatus,
)
from surveys.services import (
    FindingNotFoundError,
    ResponseImportError,
    ResponseInvalidError,
    ResponseLockedError,
    response_findings_check,
    response_import,
    response_record,
    response_warning_explain,
)
from tests.factories import create_agency, create_response, create_round

NBSP = "\u00a0"
COUNTS: dict[str, Any] = {
    "supplier_invoices": 1000,
    "e_invoices": 800,
    "matched_invoices": 300,
    "e_orders": 500,
}
NO_COUNTS: dict[str, Any] = dict.fromkeys(COUNTS)
HEADER = "org_nr,status,leverantorsfakturor,e_fakturor,matchade_fakturor,e_order,skal,kommentar"


@pytest.fixture
def round_2024(db: None) -> Round:
    return create_round(year=2024, status=RoundStatus.OPEN)


@pytest.fixture
def response(round_2024: Round) -> Response:
    agency = create_agency("Svarsverket", org_nr="2021004284", fte={2024: 250})
    return create_response(round=round_2024, agency=agency, fte=250, fte_year=2024)


def record(response: Response, **counts: Any) -> Response:
    return response_record(
        response=response, status=ResponseStatus.ANSWERED, **{**COUNTS, **counts}
    )


def stored(response: Response) -> list[tuple[str, str, str, str]]:
    return [
        (f.code, f.level, f.field, f.explanation)
        for f in ResponseFinding.objects.filter(response=response)
    ]


def answered(round_: Round, name: str, *, fte: int, e_orders: int, **kwargs: Any) -> Response:
    return create_response(
        round=round_,
        agency=create_agency(name, fte={round_.year: fte}),
        status=ResponseStatus.ANSWERED,
        fte=fte,
        **{**COUNTS, "e_orders": e_orders, **kwargs},
    )


# Errors refuse -------------------------------------------------------------------------


def test_more_e_invoices_than_supplier_invoices_is_refused_with_the_message(
    response: Response,
) -> None:
    with pytest.raises(ResponseInvalidError) as caught:
        record(response, e_invoices=1200)

    assert caught.value.message_dict == {
        "e_invoices": [
            f"Antalet e-fakturor (1{NBSP}200) är större än antalet leverantörsfakturor "
            f"(1{NBSP}000). E-fakturorna är en del av leverantörsfakturorna: rätta något av "
            "antalen."
        ]
    }
    stored_response = Response.objects.get(pk=response.pk)
    assert stored_response.status == ResponseStatus.NOT_ANSWERED
    assert stored_response.e_invoices is None
    assert stored(response) == []


def test_more_matched_than_supplier_invoices_is_refused(response: Response) -> None:
    with pytest.raises(ResponseInvalidError) as caught:
        record(response, matched_invoices=1001)

    assert list(caught.value.message_dict) == ["matched_invoices"]
    assert "rätta något av antalen" in caught.value.message_dict["matched_invoices"][0]
    assert Response.objects.get(pk=response.pk).matched_invoices is None


def test_a_refused_answer_keeps_the_previous_answer_and_its_findings(response: Response) -> None:
    record(response, matched_invoices=900)  # warning: matched > e-invoices
    before = stored(response)

    with pytest.raises(ResponseInvalidError):
        record(response, e_invoices=5000, matched_invoices=900)

    assert Response.objects.get(pk=response.pk).e_invoices == 800
    assert (
        stored(response)
        == before
        == [("matched_exceed_e_invoices", "warning", "matched_invoices", "")]
    )


# Warnings are stored and replaced ------------------------------------------------------


def test_a_warning_is_stored_and_the_answer_saved(response: Response) -> None:
    record(response, matched_invoices=900)

    assert Response.objects.get(pk=response.pk).matched_invoices == 900
    [finding] = ResponseFinding.objects.filter(response=response)
    assert (finding.code, finding.level, finding.field) == (
        "matched_exceed_e_invoices",
        "warning",
        "matched_invoices",
    )
    assert finding.message.startswith("Antalet matchade fakturor (900) är större än antalet")
    assert finding.explanation == ""
    assert finding.created_at is not None


def test_findings_are_replaced_each_time_the_answer_is_recorded(response: Response) -> None:
    record(response, matched_invoices=900)
    record(response, supplier_invoices=0, e_invoices=0, matched_invoices=0)
    assert [code for code, *_ in stored(response)] == ["supplier_invoices_zero"]

    record(response)
    assert stored(response) == []


@pytest.mark.parametrize(
    ("status", "values"),
    [
        (ResponseStatus.NOT_APPLICABLE, {"not_applicable_reason": "Inköpen sköts av SSC"}),
        (ResponseStatus.NOT_ANSWERED, {}),
    ],
)
def test_not_applicable_and_not_answered_clear_the_findings(
    response: Response, status: str, values: dict[str, Any]
) -> None:
    record(response, matched_invoices=900)

    response_record(response=response, status=status, **NO_COUNTS, **values)

    assert stored(response) == []
    assert response_findings_check(response=Response.objects.get(pk=response.pk)) == []


def test_findings_are_stored_even_when_the_values_did_not_change(
    response: Response, round_2024: Round
) -> None:
    record(response, e_orders=5000)
    assert stored(response) == []
    # Eight other agencies answer: now 5 000 e-orders for 250 ÅA stand out.
    for n in range(8):
        answered(round_2024, f"Verk {n}", fte=1000, e_orders=1000 + 100 * n)

    record(response, e_orders=5000)

    assert [code for code, *_ in stored(response)] == ["e_orders_per_fte_outlier"]


# Explanations -------------------------------------------------------------------------


def test_an_explanation_survives_re_saving_while_the_warning_recurs(response: Response) -> None:
    record(response, matched_invoices=900)

    response_warning_explain(
        response=response,
        code="matched_exceed_e_invoices",
        explanation="  Vi matchar också pappersfakturor mot abonnemang. ",
    )
    record(response, matched_invoices=950, comment="Nytt antal")  # same warning, new values

    assert stored(response) == [
        (
            "matched_exceed_e_invoices",
            "warning",
            "matched_invoices",
            "Vi matchar också pappersfakturor mot abonnemang.",
        )
    ]
    [finding] = ResponseFinding.objects.filter(response=response)
    assert "(950)" in finding.message


def test_an_explanation_goes_when_its_warning_goes(response: Response) -> None:
    record(response, matched_invoices=900)
    response_warning_explain(
        response=response, code="matched_exceed_e_invoices", explanation="Abonnemang"
    )

    record(response)  # no warning
    record(response, matched_invoices=900)  # the warning is back, unexplained

    assert stored(response) == [("matched_exceed_e_invoices", "warning", "matched_invoices", "")]


def test_explaining_a_warning_the_response_does_not_have_is_refused(response: Response) -> None:
    record(response)

    with pytest.raises(FindingNotFoundError) as caught:
        response_warning_explain(response=response, code="e_orders_zero_obliged", explanation="x")

    assert caught.value.code == "finding_not_found"
    assert "ingen varning med koden ”e_orders_zero_obliged”" in caught.value.message


@pytest.mark.parametrize(
    ("explanation", "message"),
    [
        ("   ", "Skriv en kort förklaring till varför uppgiften stämmer."),
        ("x" * 2001, "Förklaringen får vara högst 2000 tecken lång. Korta den."),
    ],
)
def test_an_empty_or_too_long_explanation_is_refused(
    response: Response, explanation: str, message: str
) -> None:
    record(response, matched_invoices=900)

    with pytest.raises(ResponseInvalidError) as caught:
        response_warning_explain(
            response=response, code="matched_exceed_e_invoices", explanation=explanation
        )

    assert caught.value.message_dict == {"explanation": [message]}
    assert stored(response)[0][3] == ""


def test_explanations_are_refused_once_the_round_is_published(
    response: Response, round_2024: Round
) -> None:
    record(response, matched_invoices=900)
    Round.objects.filter(pk=round_2024.pk).update(status=RoundStatus.PUBLISHED)

    with pytest.raises(ResponseLockedError):
        response_warning_explain(
            response=response, code="matched_exceed_e_invoices", explanation="Abonnemang"
        )


# The context from the database ---------------------------------------------------------


def test_the_change_warning_compares_with_the_previous_comparable_round(
    response: Response,
) -> None:
    # 2022 is the previous comparable round of 2024 (no 2023); the half-year is not.
    create_response(
        round=create_round(year=2022, status=RoundStatus.PUBLISHED),
        agency=response.agency,
        status=ResponseStatus.ANSWERED,
        **{**COUNTS, "e_orders": 100},
    )
    create_response(
        round=create_round(year=2018, period_type=PeriodType.SECOND_HALF),
        agency=response.agency,
        status=ResponseStatus.ANSWERED,
        **{**COUNTS, "supplier_invoices": 100_000},
    )

    findings = response_findings_check(response=response)
    assert findings == []  # not answered yet

    record(response, e_orders=500)

    [finding] = ResponseFinding.objects.filter(response=response)
    assert finding.code == "large_change_e_orders"
    assert finding.message == (
        "Antalet e-order har ändrats mycket sedan 2022: från 100 till 500. Kontrollera "
        "antalet. Stämmer det, förklara kort varför det har ändrats."
    )


@pytest.mark.parametrize(
    "status", [ResponseStatus.NOT_APPLICABLE, ResponseStatus.NOT_ANSWERED, None]
)
def test_no_change_warning_without_an_answer_in_the_previous_round(
    response: Response, status: str | None
) -> None:
    previous = create_round(year=2023, status=RoundStatus.PUBLISHED)
    if status is not None:
        create_response(round=previous, agency=response.agency, status=status)
    # Another agency's previous answer is not this agency's.
    create_response(
        round=previous,
        agency=create_agency("Annat verk"),
        status=ResponseStatus.ANSWERED,
        **{**COUNTS, "e_orders": 1},
    )

    record(response, e_orders=5000)

    assert stored(response) == []


def test_zero_e_orders_warns_for_a_population_member_that_is_not_exempt(
    response: Response,
) -> None:
    record(response, e_orders=0)

    [finding] = ResponseFinding.objects.filter(response=response)
    assert finding.code == "e_orders_zero_obliged"
    assert "förordningen (2003:770)" in finding.message


@pytest.mark.parametrize(
    ("name", "former_names", "fte"),
    [
        ("Försvarsmakten", (), 20_000),  # exempt by name (any spacing and case)
        ("Nya verket", ("Försvarets  materielverk",), 1_500),  # exempt by a former name
        ("Litet verk", (), 50),  # added by hand with at most 50 ÅA
    ],
)
def test_zero_e_orders_does_not_warn_for_an_agency_not_obliged(
    round_2024: Round, name: str, former_names: tuple[str, ...], fte: int
) -> None:
    agency = create_agency(name, former_names=former_names)
    response = create_response(round=round_2024, agency=agency, fte=fte)

    record(response, e_orders=0)

    assert stored(response) == []


def test_the_exemption_list_comes_from_the_settings(response: Response, settings: Any) -> None:
    settings.POPULATION_EXEMPT_AGENCIES = ["svarsverket"]
    record(response, e_orders=0)
    assert stored(response) == []


def test_the_outlier_warning_uses_the_other_answered_responses(
    response: Response, round_2024: Round
) -> None:
    for n in range(7):
        answered(round_2024, f"Verk {n}", fte=1000, e_orders=1000 + 100 * n)
    # Neither an answer without ÅA nor one that is not applicable counts.
    answered(round_2024, "Utan ÅA", fte=0, e_orders=100)
    create_response(
        round=round_2024,
        agency=create_agency("Ej tillämpligt"),
        status=ResponseStatus.NOT_APPLICABLE,
        not_applicable_reason="Inga inköp",
        fte=1000,
    )
    record(response, e_orders=5000)  # 2 000 per 100 ÅA, the others 100–160
    assert stored(response) == []  # seven values: too few

    answered(round_2024, "Verk 7", fte=1000, e_orders=1700)
    record(response, e_orders=5000)

    [finding] = ResponseFinding.objects.filter(response=response)
    assert finding.code == "e_orders_per_fte_outlier"
    assert finding.message.startswith(
        f"E-order per 100 ÅA blir 2{NBSP}000, vilket ligger långt från övriga"
    )


def test_checking_findings_writes_nothing(response: Response) -> None:
    Response.objects.filter(pk=response.pk).update(
        status=ResponseStatus.ANSWERED, **{**COUNTS, "e_invoices": 5000}
    )
    response.refresh_from_db()

    findings = response_findings_check(response=response)

    assert [(f.code, f.level) for f in findings] == [
        ("e_invoices_exceed_supplier_invoices", "error")
    ]
    assert stored(response) == []


# Import ---------------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "svar.csv"
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path) -> str:
    out = io.StringIO()
    call_command("import_responses", "--round", "2024", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def two_agencies(response: Response, round_2024: Round) -> tuple[Response, Response]:
    other = create_response(
        round=round_2024,
        agency=create_agency("Skatteverket", org_nr="2021005448"),
        fte=10_500,
    )
    return response, other


def test_an_import_with_more_e_invoices_than_supplier_invoices_is_refused(
    two_agencies: tuple[Response, Response], tmp_path: Path
) -> None:
    text = (
        f"{HEADER}\n"
        "202100-4284,besvarad,12000,9000,3000,4500,,\n"
        "202100-5448,besvarad,1000,1200,0,4500,,\n"
    )

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, text))

    assert str(caught.value).splitlines() == [
        "Svaren lästes inte in: 1 problem hittades. Inget har sparats. "
        "Rätta filen och läs in den igen.",
        f"Rad 3, kolumn e_fakturor: Antalet e-fakturor (1{NBSP}200) är större än antalet "
        f"leverantörsfakturor (1{NBSP}000). E-fakturorna är en del av leverantörsfakturorna: "
        "rätta något av antalen.",
    ]
    assert {r.status for r in Response.objects.all()} == {ResponseStatus.NOT_ANSWERED}


def test_rows_from_any_source_are_checked_by_the_import_service(
    two_agencies: tuple[Response, Response], round_2024: Round
) -> None:
    # As a spreadsheet reader would hand them over: the service applies the rules itself.
    rows = [
        ResponseRow(4, "2021004284", ResponseStatus.ANSWERED, 10, 5, 11, 1, "", ""),
        ResponseRow(5, "2021005448", ResponseStatus.ANSWERED, 10, 5, 5, 1, "", ""),
    ]

    with pytest.raises(ResponseImportError) as caught:
        response_import(round=round_2024, rows=rows)

    assert [(p.line, p.column, p.code) for p in caught.value.problems] == [
        (4, "matchade_fakturor", "matched_exceed_supplier_invoices")
    ]
    assert not ResponseFinding.objects.exists()
    assert {r.status for r in Response.objects.all()} == {ResponseStatus.NOT_ANSWERED}


def test_an_import_stores_and_counts_its_warnings(
    two_agencies: tuple[Response, Response], tmp_path: Path
) -> None:
    svarsverket, skatteverket = two_agencies
    text = (
        f"{HEADER}\n202100-4284,besvarad,12000,9000,9500,4500,,\n202100-5448,besvarad,0,0,0,0,,\n"
    )

    lines = run(write(tmp_path, text)).splitlines()

    assert lines[:3] == [
        "Omgång 2024: 2 svar uppdaterade, 0 oförändrade.",
        "Nyckeltalen räknas om.",
        "3 varningar att kontrollera. Svaren är sparade; förklara varningarna innan svaren "
        "lämnas in.",
    ]
    assert lines[3].startswith(
        f"Rad 2, kolumn matchade_fakturor: Antalet matchade fakturor (9{NBSP}500) är större "
        f"än antalet e-fakturor (9{NBSP}000)."
    )
    assert lines[4].startswith("Rad 3, kolumn leverantorsfakturor: Myndigheten har angett noll")
    assert lines[5].startswith("Rad 3, kolumn e_order: Myndigheten har angett noll e-order")
    assert len(lines) == 6
    assert [code for code, *_ in stored(svarsverket)] == ["matched_exceed_e_invoices"]
    assert [code for code, *_ in stored(skatteverket)] == [
        "e_orders_zero_obliged",
        "supplier_invoices_zero",
    ]


def test_a_re_import_keeps_explanations_of_recurring_warnings(
    two_agencies: tuple[Response, Response], tmp_path: Path
) -> None:
    svarsverket, _skatteverket = two_agencies
    path = write(tmp_path, f"{HEADER}\n202100-4284,besvarad,12000,9000,9500,4500,,\n")
    run(path)
    response_warning_explain(
        response=svarsverket, code="matched_exceed_e_invoices", explanation="Abonnemang"
    )

    output = run(path)

    assert "0 svar uppdaterade, 1 oförändrade." in output
    assert "1 varning att kontrollera." in output
    assert stored(svarsverket) == [
        ("matched_exceed_e_invoices", "warning", "matched_invoices", "Abonnemang")
    ]


def test_the_import_checks_each_row_against_the_round_after_the_import(
    round_2024: Round,
) -> None:
    agencies: list[Agency] = []
    for n in range(9):
        agency = create_agency(f"Verk {n}", fte={2024: 1000})
        create_response(round=round_2024, agency=agency, fte=1000)
        agencies.append(agency)
    # Eight ordinary rows and one that stands out; none was answered before the import.
    rows = [
        ResponseRow(n + 2, agency.org_nr, ResponseStatus.ANSWERED, 1000, 800, 300, 1000 + n, "", "")
        for n, agency in enumerate(agencies[:8])
    ]
    rows.append(
        ResponseRow(10, agencies[8].org_nr, ResponseStatus.ANSWERED, 1000, 800, 300, 90_000, "", "")
    )

    report = response_import(round=round_2024, rows=rows)

    assert report.n_warnings == 1
    [warning] = report.warnings
    assert (warning.line, warning.column, warning.code) == (
        10,
        "e_order",
        "e_orders_per_fte_outlier",
    )
    assert ResponseFinding.objects.get().response.agency == agencies[8]
