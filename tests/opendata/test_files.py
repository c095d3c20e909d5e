"""The open-data files against the world fixture, read back as a user would: pandas for
CSV, openpyxl/pandas for Excel, json for JSON. Values are worked out by hand from
tests/world.py."""

from __future__ import annotations

import io
import json
from fractions import Fraction

import openpyxl
import pandas as pd  # type: ignore[import-untyped]
import pytest

from opendata.columns import COLUMN_NAMES
from opendata.models import OpenDataFile

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
# Read as text: the organisation number, round names like 2016-h1, exact fractions.
TEXT_COLUMNS = {c: str for c in COLUMN_NAMES if c in ("round", "org_nr") or c.endswith("_exact")}


def read_csv(client, url: str) -> pd.DataFrame:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return pd.read_csv(io.BytesIO(response.content), dtype=TEXT_COLUMNS)


def row_of(frame: pd.DataFrame, name: str, round_slug: str = "2024") -> pd.Series:
    rows = frame[(frame["agency_name"] == name) & (frame["round"] == round_slug)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_round_csv_has_the_documented_columns_and_the_hand_computed_values(client, world):
    frame = read_csv(client, "/data/omgangar/2024/uppfoljning-2024.csv")
    assert tuple(frame.columns) == COLUMN_NAMES
    assert len(frame) == 5
    assert set(frame["round"]) == {"2024"}

    stor = row_of(frame, "Storverket")
    assert stor["org_nr"] == world.storverket.org_nr
    assert stor["department"] == "Finansdepartementet"
    assert stor["fte"] == 5000
    assert not stor["fte_is_fallback"]
    assert stor["supplier_invoices"] == 100000
    assert stor["e_invoices"] == 95000
    assert stor["share_e_invoices_exact"] == "95"
    assert stor["share_e_invoices_display"] == f"95{NBSP}%"
    assert stor["share_e_invoices_rank"] == 1
    # Classes of 95, 90 and 200/3 among three values: best quarter green, worst red.
    assert stor["share_e_invoices_class"] == "green"
    assert stor["share_e_invoices_ranked_of"] == 3
    assert stor["share_matched_exact"] == "60"
    # 45 000 e-orders / 5 000 ÅA × 100
    assert stor["e_orders_per_100_fte_exact"] == "900"
    assert stor["e_orders_per_100_fte_display"] == "900"
    assert stor["response_status"] == "answered"
    assert stor["publication_version"] == 1
    assert not stor["simulated"]
    assert stor["size_class"] == "3000-eller-fler"

    # 2 000 / 3 000 × 100 = 200/3: exact as a fraction, twelve decimals, shown rounded.
    small = row_of(frame, "Småverket")
    assert small["share_e_invoices_exact"] == "200/3"
    assert Fraction(small["share_e_invoices_exact"]) == Fraction(200, 3)
    assert small["share_e_invoices_value"] == pytest.approx(66.666666666667)
    assert small["share_e_invoices_display"] == f"67{NBSP}%"
    assert small["share_e_invoices_rank"] == 3
    assert small["share_e_invoices_class"] == "red"
    assert row_of(frame, "Mellanverket")["share_e_invoices_class"] == "yellow"
    assert small["e_orders_per_100_fte_exact"] == "50"

    # Nollverket has no supplier invoices: the shares cannot be computed, never 0.
    zero = row_of(frame, "Nollverket")
    assert zero["share_e_invoices_state"] == "not_computable"
    assert pd.isna(zero["share_e_invoices_exact"])
    assert pd.isna(zero["share_e_invoices_value"])
    assert zero["share_e_invoices_display"] == "ej beräkningsbart"
    assert zero["e_orders_per_100_fte_exact"] == "20"
    assert pd.isna(zero["share_e_invoices_class"])
    assert pd.isna(zero["share_e_invoices_rank"])

    silent = row_of(frame, "Tystverket")
    assert silent["response_status"] == "not_answered"
    assert pd.isna(silent["supplier_invoices"])
    assert silent["share_e_invoices_display"] == "ej besvarad"
    assert silent["share_e_invoices_class"] == "grey"


def test_simulated_answers_are_marked(client, world):
    from publishing.models import PublishedResponse

    PublishedResponse.objects.filter(
        publication__round=world.round_2024, agency=world.smaverket
    ).update(is_simulated=True)
    frame = read_csv(client, "/data/omgangar/2024/uppfoljning-2024.csv")
    assert row_of(frame, "Småverket")["simulated"]
    assert not row_of(frame, "Storverket")["simulated"]
    world.round_2023.is_simulated = True
    world.round_2023.save()
    everything = read_csv(client, "/data/alla-omgangar.csv")
    assert everything[everything["round"] == "2023"]["simulated"].all()


def test_csv_is_plain_utf8_with_comma_and_header(client, world):
    content = client.get("/data/omgangar/2023/uppfoljning-2023.csv").content
    assert not content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8").split("\r\n")[0]
    assert header.split(",") == list(COLUMN_NAMES)
    assert "Småverket" in content.decode("utf-8")


def test_all_rounds_csv_holds_every_published_round(client, world):
    frame = read_csv(client, "/data/alla-omgangar.csv")
    assert list(dict.fromkeys(frame["round"])) == ["2023", "2024"]
    assert len(frame) == 10
    # 2023: Småverket 1 500 / 3 000 e-invoices = 50 %
    assert row_of(frame, "Småverket", "2023")["share_e_invoices_exact"] == "50"
    assert row_of(frame, "Tystverket", "2023")["e_orders_per_100_fte_exact"] == "500/3"


def test_the_draft_round_never_appears(client, world):
    for url in (
        "/data/alla-omgangar.csv",
        "/data/alla-omgangar.json",
        "/data/alla-omgangar.xlsx",
        "/data/omgangar/2024/uppfoljning-2024.csv",
        "/data/dcat/katalog.ttl",
        "/oppna-data/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content
        if url.endswith(".xlsx"):
            workbook = openpyxl.load_workbook(io.BytesIO(body))
            body = "\n".join(
                str(cell) for row in workbook["Data"].iter_rows(values_only=True) for cell in row
            ).encode()
        assert b"999999" not in body, url
        assert b"2025" not in body, url
    for fmt in ("csv", "xlsx", "json"):
        assert client.get(f"/data/omgangar/2025/uppfoljning-2025.{fmt}").status_code == 404
    assert not OpenDataFile.objects.filter(name__contains="2025").exists()


def test_unknown_files_are_404(client, world):
    assert client.get("/data/alla-omgangar.pdf").status_code == 404
    assert client.get("/data/omgangar/2024/uppfoljning-2023.csv").status_code == 404
    assert client.get("/data/omgangar/1999/uppfoljning-1999.csv").status_code == 404
    assert client.get("/data/dcat/katalog.xml").status_code == 404
    assert client.post("/data/alla-omgangar.csv").status_code == 405


def test_excel_reads_back_with_data_and_column_sheets(client, world):
    response = client.get("/data/omgangar/2024/uppfoljning-2024.xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="uppfoljning-2024.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Data", "Kolumner"]
    frame = pd.read_excel(io.BytesIO(response.content), sheet_name="Data", dtype=TEXT_COLUMNS)
    assert tuple(frame.columns) == COLUMN_NAMES
    mellan = row_of(frame, "Mellanverket")
    assert mellan["e_invoices"] == 18000
    assert mellan["share_e_invoices_value"] == pytest.approx(90)
    assert mellan["share_matched_exact"] == "40"
    described = list(workbook["Kolumner"].iter_rows(values_only=True))
    names = [row[0] for row in described[1 : len(COLUMN_NAMES) + 1]]
    assert tuple(names) == COLUMN_NAMES
    fte = next(row for row in described if row[0] == "fte")
    assert "Årsarbetskrafter" in fte[1]
    assert "Full-time equivalents" in fte[2]


def test_json_has_metadata_and_typed_rows(client, world):
    response = client.get("/data/alla-omgangar.json")
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert set(document) == {"metadata", "rows"}
    meta = document["metadata"]
    assert meta["license"]["url"] == "http://creativecommons.org/publicdomain/zero/1.0/"
    assert meta["title"]["sv"].startswith("Myndigheternas e-handel")
    assert meta["title"]["en"].startswith("Government agencies' e-commerce")
    assert [r["round"] for r in meta["rounds"]] == ["2023", "2024"]
    assert [c["name"] for c in meta["columns"]] == list(COLUMN_NAMES)
    assert meta["row_count"] == len(document["rows"]) == 10
    row = next(
        r for r in document["rows"] if r["agency_name"] == "Mellanverket" and r["round"] == "2024"
    )
    assert list(row) == list(COLUMN_NAMES)
    assert row["e_orders"] == 4000
    assert row["fte_is_fallback"] is False
    assert row["e_orders_per_100_fte_exact"] == "500"
    assert row["e_orders_per_100_fte_value"] == "500.000000000000"
    assert row["share_e_invoices_class"] in {"green", "yellow", "red"}
    assert row["corrected_fields"] is None


def test_no_personal_data_in_any_file(client, world, django_user_model):
    from accounts.models import AgencyAssignment

    user = django_user_model.objects.create_user(
        email="kontakt.person@storverket.se", password="x" * 12
    )
    AgencyAssignment.objects.create(user=user, agency=world.storverket)
    for url in ("/data/alla-omgangar.csv", "/data/alla-omgangar.json", "/data/dcat/katalog.ttl"):
        body = client.get(url).content.decode("utf-8")
        assert "kontakt.person" not in body
        assert "storverket.se" not in body
