"""The three file formats, from rows of plain values. No database access.

Every writer is deterministic: the same rows and metadata give the same bytes, so the
stored sha256 (the ETag) only changes when the data does.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from opendata.columns import COLUMNS, Column

Value = str | int | bool | None
Row = Mapping[str, Value]

LICENCE_NAME = "CC0 1.0 Universal"
LICENCE_URL = "http://creativecommons.org/publicdomain/zero/1.0/"

# Sheet names are part of the files' contract, like the column names.
DATA_SHEET = "Data"
COLUMNS_SHEET = "Kolumner"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class FileMeta:
    """What a file holds, for the JSON metadata and the workbook's properties."""

    title_sv: str
    title_en: str
    scope: str  # "round" or "all"
    rounds: Sequence[Mapping[str, Any]]  # {"round", "publication_version", "published_at"}
    modified: datetime
    publisher: str


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_bytes(rows: Sequence[Row], columns: Sequence[Column] = COLUMNS) -> bytes:
    """UTF-8 (no byte order mark), comma separated, a header row, ``\\r\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(c.name)) for c in columns])
    return buffer.getvalue().encode("utf-8")


def json_bytes(rows: Sequence[Row], meta: FileMeta, columns: Sequence[Column] = COLUMNS) -> bytes:
    """An object with ``metadata`` and ``rows`` (one object per agency and round)."""
    document = {
        "metadata": {
            "title": {"sv": meta.title_sv, "en": meta.title_en},
            "scope": meta.scope,
            "publisher": meta.publisher,
            "license": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "modified": meta.modified.isoformat().replace("+00:00", "Z"),
            "rounds": [dict(r) for r in meta.rounds],
            "row_count": len(rows),
            "columns": [
                {
                    "name": c.name,
                    "type": c.kind,
                    "description": {"sv": c.description_sv, "en": c.description_en},
                    "unit": {"sv": c.unit_sv, "en": c.unit_en},
                }
                for c in columns
            ],
        },
        "rows": [{c.name: row.get(c.name) for c in columns} for row in rows],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _excel_cell(value: Value, column: Column) -> str | int | float | bool | None:
    if value is None:
        return None
    if column.kind == "decimal" and isinstance(value, str):
        return float(Decimal(value))
    return value


def _deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def xlsx_bytes(rows: Sequence[Row], meta: FileMeta, columns: Sequence[Column] = COLUMNS) -> bytes:
    """A workbook: the data on one sheet, the columns described on a second (sv and en)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = DATA_SHEET
    sheet.append([c.name for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_excel_cell(row.get(c.name), c) for c in columns])
    sheet.freeze_panes = "A2"

    described = workbook.create_sheet(COLUMNS_SHEET)
    described.append(
        ["kolumn / column", "beskrivning", "description", "enhet", "unit", "typ / type"]
    )
    for cell in described[1]:
        cell.font = Font(bold=True)
    for c in columns:
        described.append([c.name, c.description_sv, c.description_en, c.unit_sv, c.unit_en, c.kind])
    described.append([])
    described.append(["licens / licence", LICENCE_NAME, LICENCE_URL])
    described.append(["utgivare / publisher", meta.publisher])
    for width, letter in zip((34, 70, 70, 16, 16, 12), "ABCDEF", strict=True):
        described.column_dimensions[letter].width = width

    modified = meta.modified.replace(tzinfo=None, microsecond=0)
    workbook.properties.title = meta.title_sv
    workbook.properties.creator = meta.publisher
    workbook.properties.created = modified
    workbook.properties.modified = modified
    buffer = io.BytesIO()
    # Not workbook.save(): it stamps the current time as the modified property.
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()
    return _deterministic_zip(buffer.getvalue())
