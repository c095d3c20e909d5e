"""The writers on their own: awkward text survives a round trip, output is deterministic."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import openpyxl
import pandas as pd  # type: ignore[import-untyped]

from opendata.columns import COLUMN_NAMES
from opendata.writers import FileMeta, csv_bytes, json_bytes, xlsx_bytes

META = FileMeta(
    title_sv="Test",
    title_en="Test",
    scope="round",
    rounds=[{"round": "2016-h1", "publication_version": 2, "published_at": "2017-03-01T00:00:00Z"}],
    modified=datetime(2017, 3, 1, tzinfo=UTC),
    publisher="Utgivaren",
)


def _row(**values: object) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(COLUMN_NAMES)
    row.update(values)
    return row


ROWS = [
    _row(
        round="2016-h1",
        agency_name='Verket för "citat", komma och\nradbrytning',
        org_nr="0123456789",
        fte=12,
        fte_is_fallback=True,
        share_e_invoices_exact="200/3",
        share_e_invoices_value="66.666666666667",
        simulated=False,
    ),
    _row(round="2016-h1", agency_name="Åäö-verket", org_nr="2021000019"),
]


def test_csv_round_trip_keeps_awkward_text():
    frame = pd.read_csv(
        io.BytesIO(csv_bytes(ROWS)),
        dtype={"round": str, "org_nr": str, "share_e_invoices_exact": str},
    )
    assert frame.loc[0, "agency_name"] == 'Verket för "citat", komma och\nradbrytning'
    assert frame.loc[0, "org_nr"] == "0123456789"
    assert bool(frame.loc[0, "fte_is_fallback"]) is True
    assert frame.loc[0, "share_e_invoices_exact"] == "200/3"
    assert frame.loc[1, "agency_name"] == "Åäö-verket"
    assert pd.isna(frame.loc[1, "fte"])


def test_json_keeps_types_and_text():
    document = json.loads(json_bytes(ROWS, META))
    first = document["rows"][0]
    assert first["fte"] == 12
    assert first["fte_is_fallback"] is True
    assert first["share_e_invoices_value"] == "66.666666666667"
    assert document["rows"][1]["fte"] is None
    assert document["metadata"]["rounds"][0]["publication_version"] == 2
    assert "Åäö-verket".encode() in json_bytes(ROWS, META)


def test_excel_has_numbers_for_value_columns_and_fixed_properties():
    content = xlsx_bytes(ROWS, META)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook["Data"]
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert first["share_e_invoices_value"] == 66.666666666667
    assert first["share_e_invoices_exact"] == "200/3"
    assert first["org_nr"] == "0123456789"
    assert workbook.properties.modified == datetime(2017, 3, 1, tzinfo=UTC).replace(tzinfo=None)
    assert xlsx_bytes(ROWS, META) == content
