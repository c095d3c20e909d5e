"""Every endpoint's answer on the world fixture, against numbers worked out by hand from
tests/world.py (2024: Storverket 95 000 e-invoices of 100 000 supplier invoices, …)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.api.helpers import get_json, rows_by

pytestmark = pytest.mark.django_db


def test_agencies_are_the_published_ones_with_type_rounds_and_former_names(client, world):
    body = get_json(client, "/api/v1/agencies")
    assert body["count"] == 5
    assert [a["name"] for a in body["results"]] == [
        "Mellanverket",
        "Nollverket",
        "Småverket",
        "Storverket",
        "Tystverket",
    ]
    small = rows_by(body["results"], "name")[("Småverket",)]
    assert small == {
        "org_nr": world.smaverket.org_nr,
        "name": "Småverket",
        "short_name": "",
        "department": "Kulturdepartementet",
        "agency_type": "ovrig",
        "former_names": ["Lillverket"],
        "rounds": ["2023", "2024"],
    }


def test_agencies_filter_by_department_and_page(client, world):
    body = get_json(client, "/api/v1/agencies?department=Finansdepartementet")
    assert [a["name"] for a in body["results"]] == ["Mellanverket", "Storverket"]
    page = get_json(client, "/api/v1/agencies?limit=2&offset=2")
    assert page["count"] == 5
    assert [a["name"] for a in page["results"]] == ["Småverket", "Storverket"]
    assert page["next"] == "http://testserver/api/v1/agencies?limit=2&offset=4"
    assert page["previous"] == "http://testserver/api/v1/agencies?limit=2&offset=0"


def test_agency_detail_has_participation_per_round(client, world):
    body = get_json(client, f"/api/v1/agencies/{world.tystverket.org_nr}")
    assert body["name"] == "Tystverket"
    assert body["participation"] == [
        {"round": "2023", "status": "answered", "fte": 300, "size_class": "200-499"},
        {"round": "2024", "status": "not_answered", "fte": 300, "size_class": "200-499"},
    ]


def test_agency_only_in_a_draft_round_is_not_found(client, world):
    from register.models import Agency
    from surveys.models import Response, ResponseStatus

    hidden = Agency.objects.create(org_nr="2021009999", name="Utkastverket")
    Response.objects.create(round=world.draft_2025, agency=hidden, status=ResponseStatus.ANSWERED)
    body = get_json(client, "/api/v1/agencies/2021009999", status=404)
    assert body["error"]["code"] == "not_found"
    assert "Utkastverket" not in str(get_json(client, "/api/v1/agencies"))


def test_rounds_lists_published_rounds_only(client, world):
    body = get_json(client, "/api/v1/rounds")
    assert [r["slug"] for r in body["results"]] == ["2023", "2024"]
    r2024 = body["results"][1]
    assert r2024["version"] == 1
    assert (r2024["n_population"], r2024["n_answered"], r2024["n_not_applicable"]) == (5, 4, 0)
    assert r2024["period_type"] == "year"


def test_key_figures_come_from_the_registry(client, world):
    body = get_json(client, "/api/v1/key-figures")
    assert [f["slug"] for f in body["results"]] == [
        "andel-e-faktura",
        "andel-matchade",
        "e-order-per-100-aa",
    ]
    orders = body["results"][2]
    assert orders["numerator"] == "e_orders"
    assert orders["denominator"] == "fte"
    assert orders["denominator_sv"] == "årsarbetskrafter (ÅA)"
    assert orders["scale"] == 100
    assert orders["formula_sv"] == "e-order / årsarbetskrafter × 100"
    assert orders["name_en"] == "E-orders per 100 full-time equivalents"


def test_values_one_row_per_agency_round_and_figure(client, world):
    body = get_json(client, "/api/v1/values")
    assert body["count"] == 2 * 5 * 3
    assert body["next"] is None
    rows = rows_by(body["results"], "round", "agency", "key_figure")

    stor = rows[("2024", "Storverket", "andel-e-faktura")]
    assert stor["value"] == "95"
    assert stor["value_display"] == "95"
    assert (stor["numerator"], stor["denominator"]) == (95000, 100000)
    assert stor["rank"] == 1
    assert stor["n_ranked"] == 3  # Nollverket not computable, Tystverket silent
    assert stor["previous_round"] == "2023"
    assert stor["previous_value"] == "90"
    assert stor["change"] == "5"
    assert stor["publication_version"] == 1
    assert stor["org_nr"] == world.storverket.org_nr

    small = rows[("2024", "Småverket", "andel-e-faktura")]
    assert small["value"] == "66.666666666667"  # 2000 / 3000 × 100 to 12 decimals
    assert small["value_display"] == "67"
    assert small["change"] == "16.666666666667"  # 66.67 − 50
    assert small["change_display"] == "17"
    assert small["rank"] == 3

    zero = rows[("2024", "Nollverket", "andel-e-faktura")]
    assert zero["state"] == "not_computable"
    assert zero["reason"] == "zero_denominator"
    assert zero["value"] is None
    assert zero["value_display"] is None
    assert zero["rank"] is None

    silent = rows[("2024", "Tystverket", "andel-matchade")]
    assert silent["state"] == "not_answered"
    assert silent["response_status"] == "not_answered"
    assert silent["value"] is None

    orders = rows[("2024", "Mellanverket", "e-order-per-100-aa")]
    assert orders["value"] == "500"  # 4000 / 800 × 100
    assert (orders["numerator"], orders["denominator"]) == (4000, 800)
    assert orders["change"] == "375"  # 2023: 1000 / 800 × 100 = 125
    assert rows[("2024", "Nollverket", "e-order-per-100-aa")]["value"] == "20"  # 12 / 60 × 100
    assert rows[("2024", "Nollverket", "e-order-per-100-aa")]["rank"] == 4


def test_values_are_ordered_round_agency_figure(client, world):
    body = get_json(client, "/api/v1/values?limit=4")
    keys = [(r["round"], r["agency"], r["key_figure"]) for r in body["results"]]
    assert keys == [
        ("2023", "Mellanverket", "andel-e-faktura"),
        ("2023", "Mellanverket", "andel-matchade"),
        ("2023", "Mellanverket", "e-order-per-100-aa"),
        ("2023", "Nollverket", "andel-e-faktura"),
    ]


def test_values_filters(client, world):
    one = get_json(
        client,
        f"/api/v1/values?agency={world.mellanverket.org_nr}&round=2023&key_figure=andel-matchade",
    )
    assert one["count"] == 1
    assert one["results"][0]["value"] == "10"  # 2000 / 20000 × 100

    by_round = get_json(client, "/api/v1/values?round=2024")
    assert by_round["count"] == 15
    assert {r["round"] for r in by_round["results"]} == {"2024"}

    by_figure = get_json(client, "/api/v1/values?key_figure=e-order-per-100-aa")
    assert by_figure["count"] == 10


@pytest.mark.parametrize(
    ("group", "agencies"),
    [
        ("department:finansdepartementet", {"Mellanverket", "Storverket"}),
        ("department:kulturdepartementet", {"Nollverket", "Småverket", "Tystverket"}),
        ("size:upp-till-199", {"Nollverket", "Småverket"}),
        ("size:200-499", {"Tystverket"}),
        ("size:3000-eller-fler", {"Storverket"}),
        ("size:1000-2999", set()),
        ("type:ovrig", {"Mellanverket", "Nollverket", "Småverket", "Storverket", "Tystverket"}),
        ("type:larosate", set()),
    ],
)
def test_values_filter_by_peer_group(client, world, group, agencies):
    body = get_json(client, f"/api/v1/values?round=2024&peer_group={group}")
    assert {r["agency"] for r in body["results"]} == agencies
    assert body["count"] == 3 * len(agencies)


def test_values_paging_walks_every_row_once(client, world):
    seen = []
    url = "/api/v1/values?limit=7"
    pages = 0
    while url:
        body = get_json(client, url.replace("http://testserver", ""))
        assert body["count"] == 30
        seen.extend((r["round"], r["org_nr"], r["key_figure"]) for r in body["results"])
        url = body["next"]
        pages += 1
    assert pages == 5  # 7 + 7 + 7 + 7 + 2
    assert len(seen) == len(set(seen)) == 30


def test_values_updated_since_gives_rows_of_later_publications(client, world):
    from datetime import UTC, datetime

    from publishing.models import Publication

    Publication.objects.filter(round=world.round_2023).update(
        published_at=datetime(2024, 3, 1, tzinfo=UTC)
    )
    Publication.objects.filter(round=world.round_2024).update(
        published_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    )
    after = get_json(client, "/api/v1/values?updated_since=2025-01-01T00:00:00Z")
    assert after["count"] == 15
    assert {r["round"] for r in after["results"]} == {"2024"}

    # Naive times are UTC: one minute after the 2024 publication, nothing is new.
    assert get_json(client, "/api/v1/values?updated_since=2025-03-01T12:01:00")["count"] == 0
    assert (
        get_json(client, "/api/v1/values?updated_since=2020-01-01T00:00:00%2B01:00")["count"] == 30
    )


def test_values_updated_since_includes_changes_computed_from_a_republished_round(client, world):
    from datetime import UTC, datetime

    from publishing.models import Publication

    Publication.objects.filter(round=world.round_2023).update(
        published_at=datetime(2025, 6, 1, tzinfo=UTC)
    )
    Publication.objects.filter(round=world.round_2024).update(
        published_at=datetime(2024, 3, 1, tzinfo=UTC)
    )
    body = get_json(client, "/api/v1/values?updated_since=2025-01-01T00:00:00Z")
    rows = rows_by(body["results"], "round", "agency", "key_figure")
    assert sum(1 for r in body["results"] if r["round"] == "2023") == 15
    later = [r for r in body["results"] if r["round"] == "2024"]
    assert later, "2024 rows whose change is computed from 2023 must be included"
    assert all(r["previous_round"] == "2023" for r in later)
    assert ("2024", "Storverket", "andel-e-faktura") in rows


def test_totals_national_and_groups(client, world):
    body = get_json(client, "/api/v1/totals?round=2024&key_figure=andel-e-faktura")
    rows = {(r["group"] or {}).get("id"): r for r in body["results"]}
    national = rows[None]
    # Σ e-invoices / Σ supplier invoices of the four answering agencies
    assert (national["numerator_sum"], national["denominator_sum"]) == (115000, 123000)
    assert national["value"] == "93.49593495935"  # 93.495934959350 to 12 decimals
    assert national["value_display"] == "93"
    assert national["median"] == "90"  # 66.67, 90, 95
    assert (national["n_included"], national["n_values"]) == (4, 3)

    finance = rows["department:finansdepartementet"]
    assert (finance["numerator_sum"], finance["denominator_sum"]) == (113000, 120000)
    assert finance["value_display"] == "94"
    assert finance["median"] == "92.5"

    large = rows["size:3000-eller-fler"]
    assert large["value"] == "95"
    # The agency type is computed per request and agrees with the stored national total.
    other = rows["type:ovrig"]
    assert other["value"] == national["value"]
    assert other["median"] == national["median"]
    assert (other["n_included"], other["n_values"]) == (4, 3)
    assert rows["type:larosate"]["value"] is None
    assert rows["type:larosate"]["n_included"] == 0
    assert rows["size:1000-2999"]["value"] is None


def test_totals_e_orders_and_every_round(client, world):
    body = get_json(client, "/api/v1/totals?key_figure=e-order-per-100-aa")
    national = {r["round"]: r for r in body["results"] if r["group"] is None}
    assert set(national) == {"2023", "2024"}
    expected = Fraction(100 * (45000 + 4000 + 60 + 12), 5000 + 800 + 120 + 60)
    assert Fraction(national["2024"]["value"]) == pytest.approx(expected, abs=1e-12)
    assert national["2024"]["value_display"] == str(round(expected))


def test_totals_filtered_by_peer_group_leaves_out_the_nation(client, world):
    body = get_json(client, "/api/v1/totals?peer_group=size:500-999")
    assert body["count"] == 2 * 3
    assert {r["group"]["id"] for r in body["results"]} == {"size:500-999"}
    row = next(
        r for r in body["results"] if r["round"] == "2023" and r["key_figure"] == "andel-e-faktura"
    )
    assert row["value"] == "75"  # Mellanverket alone: 15000 / 20000


def test_peer_groups_with_members(client, world):
    body = get_json(client, "/api/v1/peer-groups")
    groups = {g["id"]: g for g in body["results"]}
    assert list(groups) == [
        "department:finansdepartementet",
        "department:kulturdepartementet",
        "size:upp-till-199",
        "size:200-499",
        "size:500-999",
        "size:1000-2999",
        "size:3000-eller-fler",
        "type:larosate",
        "type:lansstyrelse",
        "type:domstol",
        "type:ovrig",
    ]
    assert [m["name"] for m in groups["size:upp-till-199"]["members"]] == [
        "Nollverket",
        "Småverket",
    ]
    assert groups["size:200-499"]["name_sv"] == "200–499 ÅA"
    assert groups["size:3000-eller-fler"]["name_en"] == "3,000 FTE or more"
    assert groups["type:larosate"]["name_sv"] == "Universitet och högskolor"
    assert all(g["round"] == "2024" for g in body["results"])
    assert get_json(client, "/api/v1/peer-groups?round=2023")["results"][0]["round"] == "2023"


def test_openapi_document_is_served(client, world):
    body = get_json(client, "/api/v1/openapi.json")
    assert body["info"]["version"] == "1"
    assert set(body["paths"]) == {
        "/api/v1/agencies",
        "/api/v1/agencies/{org_nr}",
        "/api/v1/rounds",
        "/api/v1/key-figures",
        "/api/v1/values",
        "/api/v1/totals",
        "/api/v1/peer-groups",
        "/api/v1/practices",
    }


def test_agency_detail_accepts_the_dashed_organisation_number(client, world):
    dashed = f"{world.storverket.org_nr[:6]}-{world.storverket.org_nr[6:]}"
    assert get_json(client, f"/api/v1/agencies/{dashed}")["name"] == "Storverket"
    assert get_json(client, f"/api/v1/values?agency={dashed}&round=2024")["count"] == 3
