"""The admin, through HTTP: population edits and answers go through the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from register.models import Agency
from surveys.models import Response, ResponseStatus, Round, RoundStatus
from tests.factories import create_agency, create_response, create_round

pytestmark = pytest.mark.django_db

ANSWER = {
    "status": ResponseStatus.ANSWERED,
    "supplier_invoices": "1000",
    "e_invoices": "800",
    "matched_invoices": "300",
    "e_orders": "250",
    "not_applicable_reason": "",
    "comment": "Inrapporterat per telefon",
}


def test_changelists_and_agency_page_load(admin_client: Client) -> None:
    agency = create_agency(
        "Affärsverket svenska kraftnät",
        org_nr="2021004284",
        fte={2023: 880, 2024: 931},
        former_names=["Svenska kraftnät, affärsverk"],
    )
    round_ = create_round(year=2024)
    response = create_response(round=round_, agency=agency, fte=931, fte_year=2024)

    for url in (
        "/admin/register/agency/",
        "/admin/register/agency/add/",
        "/admin/surveys/round/",
        "/admin/surveys/round/add/",
        f"/admin/surveys/round/{round_.pk}/change/",
        "/admin/surveys/response/",
        "/admin/surveys/response/add/",
        f"/admin/surveys/response/{response.pk}/change/",
        f"/admin/surveys/response/{response.pk}/history/",
        "/admin/autocomplete/?app_label=surveys&model_name=response&field_name=agency&term=kraft",
    ):
        assert admin_client.get(url).status_code == 200, url
    page = admin_client.get(f"/admin/register/agency/{agency.pk}/change/").content.decode()
    assert "Svenska kraftnät, affärsverk" in page
    assert 'value="931"' in page


def test_agency_search_accepts_the_hyphenated_org_nr(admin_client: Client) -> None:
    create_agency("Affärsverket svenska kraftnät", org_nr="2021004284")
    create_agency("Skatteverket", org_nr="2021005448")

    page = admin_client.get("/admin/register/agency/", {"q": "202100-4284"}).content.decode()

    assert "Affärsverket svenska kraftnät" in page
    assert "Skatteverket" not in page


def test_agency_org_nr_is_checked_and_stored_as_ten_digits(admin_client: Client) -> None:
    form = {
        "name": "Nya verket",
        "short_name": "NV",
        "department": "Finansdepartementet",
        "years-TOTAL_FORMS": "0",
        "years-INITIAL_FORMS": "0",
        "former_names-TOTAL_FORMS": "0",
        "former_names-INITIAL_FORMS": "0",
    }

    bad = admin_client.post("/admin/register/agency/add/", {**form, "org_nr": "202100-4285"})
    assert bad.status_code == 200
    assert "Organisationsnumret har fel kontrollsiffra." in bad.content.decode()

    good = admin_client.post("/admin/register/agency/add/", {**form, "org_nr": "202100-4284"})
    assert good.status_code == 302
    assert Agency.objects.get(name="Nya verket").org_nr == "2021004284"


def test_adding_a_response_adds_the_agency_through_the_service(admin_client: Client) -> None:
    agency = create_agency("Småverket", fte={2023: 30})
    round_ = create_round(year=2024)

    response = admin_client.post(
        "/admin/surveys/response/add/", {"round": round_.pk, "agency": agency.pk}
    )

    assert response.status_code == 302
    added = Response.objects.get(round=round_, agency=agency)
    # The ÅA snapshot is set by round_population_add, not by the admin form.
    assert (added.fte, added.fte_year, added.fte_is_fallback) == (30, 2023, True)


def test_a_response_cannot_be_added_to_a_round_that_is_not_a_draft(
    admin_client: Client,
) -> None:
    agency = create_agency("Småverket", fte={2024: 30})
    round_ = create_round(year=2024, status=RoundStatus.OPEN)

    response = admin_client.post(
        "/admin/surveys/response/add/", {"round": round_.pk, "agency": agency.pk}
    )

    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Response.objects.exists()


def test_deleting_a_response_removes_it_from_a_draft_population(admin_client: Client) -> None:
    response = create_response(round=create_round(year=2024), agency=create_agency())

    result = admin_client.post(f"/admin/surveys/response/{response.pk}/delete/", {"post": "yes"})

    assert result.status_code == 302
    assert not Response.objects.exists()


@pytest.mark.parametrize("status", [RoundStatus.OPEN, RoundStatus.PUBLISHED])
def test_responses_of_a_round_that_is_not_a_draft_cannot_be_deleted(
    admin_client: Client, status: str
) -> None:
    response = create_response(round=create_round(year=2024, status=status), agency=create_agency())

    result = admin_client.post(f"/admin/surveys/response/{response.pk}/delete/", {"post": "yes"})

    assert result.status_code == 403
    assert Response.objects.filter(pk=response.pk).exists()
    assert "delete_selected" not in admin_client.get("/admin/surveys/response/").content.decode()


def test_editing_a_response_of_an_open_round_records_the_answer(
    admin_client: Client, admin_user: Any
) -> None:
    response = create_response(
        round=create_round(year=2024, status=RoundStatus.OPEN), agency=create_agency(), fte=300
    )

    result = admin_client.post(f"/admin/surveys/response/{response.pk}/change/", ANSWER)

    assert result.status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.ANSWERED
    assert response.e_orders == 250
    assert response.fte == 300
    assert response.history.first().history_user == admin_user


def test_a_broken_rule_shows_on_the_form(admin_client: Client) -> None:
    response = create_response(
        round=create_round(year=2024, status=RoundStatus.OPEN), agency=create_agency()
    )

    result = admin_client.post(
        f"/admin/surveys/response/{response.pk}/change/", {**ANSWER, "e_orders": ""}
    )

    assert result.status_code == 200
    assert "Ange antal e-order: en besvarad enkät ska ha alla fyra antal." in (
        result.content.decode()
    )
    response.refresh_from_db()
    assert response.status == ResponseStatus.NOT_ANSWERED


def test_answers_are_read_only_in_a_draft_round(admin_client: Client) -> None:
    response = create_response(round=create_round(year=2024), agency=create_agency())

    page = admin_client.get(f"/admin/surveys/response/{response.pk}/change/").content.decode()
    result = admin_client.post(f"/admin/surveys/response/{response.pk}/change/", ANSWER)

    assert 'name="e_orders"' not in page
    assert result.status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.NOT_ANSWERED


def test_history_cannot_be_reverted(admin_client: Client) -> None:
    response = create_response(
        round=create_round(year=2024, status=RoundStatus.OPEN), agency=create_agency()
    )
    version = response.history.first()
    assert version is not None
    url = f"/admin/surveys/response/{response.pk}/history/{version.history_id}/"

    assert admin_client.get(f"/admin/surveys/response/{response.pk}/history/").status_code == 200
    assert admin_client.post(url, ANSWER).status_code == 403


def test_adding_a_round_uses_the_service_rules(admin_client: Client) -> None:
    half = admin_client.post(
        "/admin/surveys/round/add/", {"year": "2020", "period_type": "h1", "slug": ""}
    )
    assert half.status_code == 200
    assert "Halvårsomgångar finns bara för 2015–2018" in half.content.decode()

    full = admin_client.post(
        "/admin/surveys/round/add/", {"year": "2024", "period_type": "year", "slug": ""}
    )
    assert full.status_code == 302
    round_ = Round.objects.get()
    assert (round_.slug, round_.status) == ("2024", RoundStatus.DRAFT)


def test_the_population_action_sets_drafts_and_refuses_the_rest(admin_client: Client) -> None:
    create_agency("Storverket", fte={2024: 1000})
    draft = create_round(year=2024)
    published = create_round(year=2023, status=RoundStatus.PUBLISHED)

    result = admin_client.post(
        "/admin/surveys/round/",
        {"action": "population_set", "_selected_action": [draft.pk, published.pk]},
        follow=True,
    )

    page = result.content.decode()
    assert "Population för 2024: 1 myndigheter (1 tillagda" in page
    assert "Populationen för 2023 är låst" in page
    assert draft.responses.count() == 1
    assert published.responses.count() == 0
