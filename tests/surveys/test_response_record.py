"""Recording one answer: the value rules, the round's status and the refresh on commit."""

from __future__ import annotations

from typing import Any

import pytest

from keyfigures.models import RoundSummary
from surveys.models import Response, ResponseStatus, RoundStatus
from surveys.services import ResponseInvalidError, ResponseLockedError, response_record
from tests.factories import create_agency, create_response, create_round

COUNTS: dict[str, Any] = {
    "supplier_invoices": 1000,
    "e_invoices": 800,
    "matched_invoices": 300,
    "e_orders": 500,
}
NO_COUNTS: dict[str, Any] = dict.fromkeys(COUNTS)


@pytest.fixture
def response() -> Response:
    agency = create_agency("Svarsverket", fte={2024: 250})
    round_ = create_round(year=2024, status=RoundStatus.OPEN)
    return create_response(round=round_, agency=agency, fte=250, fte_year=2024)


def messages(error: ResponseInvalidError) -> dict[str, list[str]]:
    return error.message_dict


@pytest.mark.django_db
def test_an_answer_is_saved_with_history(response: Response) -> None:
    response_record(response=response, status=ResponseStatus.ANSWERED, comment=" Bra ", **COUNTS)

    stored = Response.objects.get(pk=response.pk)
    assert stored.status == ResponseStatus.ANSWERED
    assert (
        stored.supplier_invoices,
        stored.e_invoices,
        stored.matched_invoices,
        stored.e_orders,
    ) == (1000, 800, 300, 500)
    assert stored.comment == "Bra"
    assert stored.fte == 250  # the snapshot is not touched
    assert stored.history.count() == 2
    assert stored.history.first().status == ResponseStatus.ANSWERED


@pytest.mark.django_db
def test_zero_is_a_valid_count(response: Response) -> None:
    response_record(
        response=response,
        status=ResponseStatus.ANSWERED,
        supplier_invoices=0,
        e_invoices=0,
        matched_invoices=0,
        e_orders=0,
    )
    assert Response.objects.get(pk=response.pk).supplier_invoices == 0


@pytest.mark.django_db
@pytest.mark.parametrize("missing", list(COUNTS))
def test_answered_needs_all_four_counts(response: Response, missing: str) -> None:
    with pytest.raises(ResponseInvalidError) as caught:
        response_record(
            response=response, status=ResponseStatus.ANSWERED, **{**COUNTS, missing: None}
        )

    errors = messages(caught.value)
    assert list(errors) == [missing]
    assert "en besvarad enkät ska ha alla fyra antal" in errors[missing][0]
    assert Response.objects.get(pk=response.pk).status == ResponseStatus.NOT_ANSWERED


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [-1, 1.5, "12", True])
def test_counts_must_be_non_negative_whole_numbers(response: Response, bad: Any) -> None:
    with pytest.raises(ResponseInvalidError) as caught:
        response_record(
            response=response, status=ResponseStatus.ANSWERED, **{**COUNTS, "e_orders": bad}
        )

    assert list(messages(caught.value)) == ["e_orders"]
    assert Response.objects.get(pk=response.pk).e_orders is None


@pytest.mark.django_db
def test_not_applicable_needs_a_reason_and_no_counts(response: Response) -> None:
    with pytest.raises(ResponseInvalidError) as caught:
        response_record(response=response, status=ResponseStatus.NOT_APPLICABLE, **NO_COUNTS)
    assert messages(caught.value) == {
        "not_applicable_reason": ["Ange skälet till att enkäten är ej tillämplig för myndigheten."]
    }

    with pytest.raises(ResponseInvalidError) as caught:
        response_record(
            response=response,
            status=ResponseStatus.NOT_APPLICABLE,
            not_applicable_reason="Ingen upphandling",
            **COUNTS,
        )
    assert set(messages(caught.value)) == set(COUNTS)

    response_record(
        response=response,
        status=ResponseStatus.NOT_APPLICABLE,
        not_applicable_reason="Myndigheten avvecklades under året",
        **NO_COUNTS,
    )
    stored = Response.objects.get(pk=response.pk)
    assert stored.status == ResponseStatus.NOT_APPLICABLE
    assert stored.not_applicable_reason == "Myndigheten avvecklades under året"


@pytest.mark.django_db
def test_not_answered_has_no_counts(response: Response) -> None:
    with pytest.raises(ResponseInvalidError) as caught:
        response_record(
            response=response,
            status=ResponseStatus.NOT_ANSWERED,
            **{**NO_COUNTS, "supplier_invoices": 10},
        )
    assert messages(caught.value)["supplier_invoices"] == [
        "Antal leverantörsfakturor anges bara när enkäten är besvarad. Ta bort värdet eller "
        "ändra status till besvarad."
    ]


@pytest.mark.django_db
def test_an_unknown_status_is_refused(response: Response) -> None:
    with pytest.raises(ResponseInvalidError) as caught:
        response_record(response=response, status="maybe", **NO_COUNTS)
    assert messages(caught.value) == {"status": ["Okänd status ”maybe”."]}


@pytest.mark.django_db
@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.PUBLISHED])
def test_answers_are_refused_unless_the_round_is_open_or_closed(status: str) -> None:
    round_ = create_round(year=2024, status=status)
    response = create_response(round=round_, agency=create_agency())

    with pytest.raises(ResponseLockedError) as caught:
        response_record(response=response, status=ResponseStatus.ANSWERED, **COUNTS)

    assert "Svar kan inte registreras i 2024" in caught.value.message
    assert Response.objects.get(pk=response.pk).status == ResponseStatus.NOT_ANSWERED


@pytest.mark.django_db
def test_a_closed_round_can_still_be_corrected() -> None:
    round_ = create_round(year=2024, status=RoundStatus.CLOSED)
    response = create_response(round=round_, agency=create_agency())

    response_record(response=response, status=ResponseStatus.ANSWERED, **COUNTS)

    assert Response.objects.get(pk=response.pk).status == ResponseStatus.ANSWERED


@pytest.mark.django_db
def test_the_refresh_is_scheduled_on_commit_and_runs(
    response: Response, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response_record(response=response, status=ResponseStatus.ANSWERED, **COUNTS)

    assert len(callbacks) == 1
    summary = RoundSummary.objects.get(round=response.round)
    assert (summary.n_population, summary.n_answered, summary.e_orders) == (1, 1, 500)


@pytest.mark.django_db
def test_recording_the_same_values_again_saves_and_schedules_nothing(
    response: Response, django_capture_on_commit_callbacks: Any
) -> None:
    response_record(response=response, status=ResponseStatus.ANSWERED, **COUNTS)

    with django_capture_on_commit_callbacks() as callbacks:
        response_record(response=response, status=ResponseStatus.ANSWERED, **COUNTS)

    assert callbacks == []
    assert Response.objects.get(pk=response.pk).history.count() == 2
