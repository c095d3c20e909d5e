"""Builders of the good, tricky and hostile upload files the spreadsheet tests use.

Every fixture is made here from code, so no binary file is committed. The tests call
the builders; to look at the files in Excel or LibreOffice, write them all to a folder
(from the repository's root):

    DJANGO_SETTINGS_MODULE=config.settings \
        .venv/bin/python -m tests.surveys.spreadsheets.make_fixtures /tmp/fixtures
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from surveys.imports.responses_csv import COLUMNS
from surveys.imports.template import TemplateRow, spreadsheet_template

SVK = "202100-4284"  # Affärsverket svenska kraftnät
SKV = "202100-5448"  # Skatteverket
HEADER = list(COLUMNS)  # the CSV's column order
SHEET_PART = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

TEMPLATE_ROWS = [
    TemplateRow(
        org_nr="2021004284",
        name="Affärsverket svenska kraftnät",
        previous={
            "supplier_invoices": 11000,
            "e_invoices": 8000,
            "matched_invoices": 2500,
            "e_orders": 4000,
        },
    ),
    TemplateRow(org_nr="2021005448", name="Skatteverket", previous={}),
]


# Workbooks made with openpyxl ----------------------------------------------------------


def workbook_bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template(rows: Sequence[TemplateRow] = TEMPLATE_ROWS) -> bytes:
    return spreadsheet_template(round_label="2024", rows=rows, previous_label="2023")


def fill(data: bytes, cells: Mapping[str, Any], *, sheet: str = "Svar") -> bytes:
    """``data`` with ``cells`` ({"C2": "besvarad"}) written on ``sheet``, as Excel would."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    worksheet = workbook[sheet]
    for coordinate, value in cells.items():
        worksheet[coordinate] = value
    return workbook_bytes(workbook)


def simple(
    rows: Sequence[Sequence[object]],
    *,
    header: Sequence[str] = HEADER,
    title: str = "Svar",
    change: Callable[[openpyxl.Workbook, Worksheet], None] | None = None,
) -> bytes:
    """A one-sheet workbook: ``header`` on row 1, then ``rows``; ``change`` edits it first."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert isinstance(worksheet, Worksheet)
    worksheet.title = title
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(list(row))
    if change is not None:
        change(workbook, worksheet)
    return workbook_bytes(workbook)


def many_rows(count: int) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet("Svar")
    worksheet.append(HEADER)
    for _ in range(count):
        worksheet.append([SVK, "ej_besvarad"])
    return workbook_bytes(workbook)


# Workbooks edited as a package ---------------------------------------------------------


def rezip(
    data: bytes,
    *,
    replace: Mapping[str, bytes] | None = None,
    add: Mapping[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """The package ``data`` with parts replaced or added."""
    replace = replace or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def edit_part(data: bytes, name: str, edit: Callable[[str], str]) -> bytes:
    return rezip(data, replace={name: edit(part(data, name).decode()).encode()})


def raw_sheet(cells: str, *, extra: str = "") -> bytes:
    """A workbook whose sheet Svar is written by hand: ``cells`` is the inside of
    ``<sheetData>`` (see :func:`row`), ``extra`` what follows it (``<mergeCells>``…)."""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'
        f"<sheetData>{cells}</sheetData>{extra}</worksheet>"
    )
    return rezip(simple([]), replace={SHEET_PART: xml.encode()})


def row(line: int, *cells: str) -> str:
    return f'<row r="{line}">{"".join(cells)}</row>'


def text(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def number(ref: str, raw: str) -> str:
    """A number cell as stored: ``raw`` is the XML text ("12", "12.0", "1.2E4")."""
    return f'<c r="{ref}"><v>{raw}</v></c>'


def raw_header(line: int = 1) -> str:
    cells = (text(f"{letter}{line}", name) for letter, name in zip("ABCDEFGH", HEADER, strict=True))
    return row(line, *cells)


def patch_declared_size(data: bytes, name: str, size: int) -> bytes:
    """``data`` whose central directory claims ``size`` unpacked bytes for ``name``."""
    entry = data.index(b"PK\x01\x02")
    while True:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_length] == name.encode():
            break
        entry = data.index(b"PK\x01\x02", entry + 4)
    return data[: entry + 24] + struct.pack("<I", size) + data[entry + 28 :]


# Other formats -------------------------------------------------------------------------


OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """A small but valid OLE compound file (version 3) with ``streams`` in its root.

    Each stream is padded to 4 096 bytes, the mini-stream cutoff, so that it lives in
    ordinary sectors and the file needs no mini stream.
    """
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    names = list(streams)
    assert len(names) <= 3  # one directory sector: the root and three streams
    bodies = [streams[name].ljust(4096, b"\0")[:4096] for name in names]
    fat = [fat_sector, end]  # sector 0 holds the FAT, sector 1 the directory
    starts = []
    for body in bodies:
        start, count = len(fat), len(body) // 512
        starts.append(start)
        fat.extend([*range(start + 1, start + count), end])
    fat.extend([free] * (128 - len(fat)))

    header = OLE_SIGNATURE + bytes(16) + struct.pack("<5H", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *[free] * 108)

    def entry(name: str, kind: int, *, child: int = free, right: int = free, start: int = end,
              size: int = 0) -> bytes:  # fmt: skip
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<3I", free, right, child)
            + bytes(36)
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, child=1 if names else free)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else free
        directory += entry(name, 2, right=right, start=starts[index], size=4096)
    directory = directory.ljust(512, b"\0")
    return header + struct.pack("<128I", *fat) + directory + b"".join(bodies)


def encrypted_workbook() -> bytes:
    """What Excel writes for a workbook saved with a password to open."""
    return compound_file(
        {
            "EncryptionInfo": struct.pack("<HHI", 4, 4, 0x40) + b"<encryption/>",
            "EncryptedPackage": noise(3000),
        }
    )


def xls_workbook() -> bytes:
    """An Excel 97–2003 workbook: a BIFF8 Workbook stream (BOF and EOF records)."""
    bof = struct.pack("<HHHHII", 0x0809, 16, 0x0600, 0x0005, 0, 0)
    return compound_file({"Workbook": bof + struct.pack("<HH", 0x000A, 0)})


def word_97_document() -> bytes:
    return compound_file({"WordDocument": b"\xec\xa5" + bytes(100)})


def noise(size: int) -> bytes:
    """``size`` bytes that do not compress, the same every time."""
    return hashlib.shake_256(b"uppfoljning").digest(size)


def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def zip_of(parts: Mapping[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def ods() -> bytes:
    return zip_of(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<office:document-content/>",
        }
    )


CP1252_ROW = f"{SVK},ej_tillampligt,,,,,Inköp sköts centralt,"


CP1252_ROW = f"{SVK},ej_tillampligt,,,,,Inköp sköts centralt,"


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join([",".join(HEADER), *lines]) + "\n").encode(encoding)


# Hostile packages ----------------------------------------------------------------------


def zip_bomb_big() -> bytes:
    """A template with 60 MB of zeros added: about 60 KB packed."""
    return rezip(template(), add={"xl/media/zeros.bin": bytes(60 * 1024 * 1024)})


def zip_bomb_ratio() -> bytes:
    """A template with 2 MB of zeros packed about a thousand times."""
    return rezip(template(), add={"xl/media/zeros.bin": bytes(2 * 1024 * 1024)})


def zip_many_parts() -> bytes:
    return rezip(template(), add={f"xl/media/part{n}.bin": b"x" for n in range(1_000)})


def zip_lying_about_size() -> bytes:
    """The sheet's directory entry claims 100 bytes; the part unpacks to far more."""
    return patch_declared_size(filled_template(), SHEET_PART, 100)


def too_large_workbook() -> bytes:
    """A real workbook over 5 MB: an incompressible picture stored in it."""
    picture = noise(5 * 1024 * 1024 + 10)
    return rezip(template(), add={"xl/media/image1.png": picture}, compression=zipfile.ZIP_STORED)


def with_vba_project() -> bytes:
    return rezip(template(), add={"xl/vbaProject.bin": OLE_SIGNATURE + bytes(504)})


def macro_enabled_content_type() -> bytes:
    return edit_part(
        template(),
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "spreadsheetml.sheet.main+xml", "ms-excel.sheet.macroEnabled.main+xml"
        ),
    )


def excel4_macro_sheet() -> bytes:
    return rezip(template(), add={"xl/macrosheets/sheet1.xml": b"<xm:macrosheet/>"})


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def billion_laughs_in_workbook() -> bytes:
    """Entity expansion in xl/workbook.xml, which openpyxl reads when it loads."""
    return edit_part(
        template(),
        "xl/workbook.xml",
        lambda xml: (
            LAUGHS + re.sub(r"^<\?xml[^>]*\?>", "", xml).replace("<sheets>", "<sheets>&lol3;", 1)
        ),
    )


def external_entity_in_sheet() -> bytes:
    """An external entity (XXE) in the data sheet, which is read while streaming."""
    doctype = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return edit_part(
        filled_template(),
        SHEET_PART,
        lambda xml: (
            doctype
            + re.sub(r"^<\?xml[^>]*\?>", "", xml).replace("<sheetData>", "<sheetData>&xxe;", 1)
        ),
    )


def filled_template() -> bytes:
    """The golden good file: the template with both agencies' answers filled in."""
    return fill(
        template(),
        {
            "C2": "besvarad",
            "D2": 12000,
            "E2": 9000,
            "F2": 3000,
            "G2": 4500,
            "I2": "Siffror ur Raindance",
            "C3": "ej_tillampligt",
            "H3": "Inköpen sköts av Statens servicecenter",
        },
    )


def with_hidden_sheet(state: Literal["hidden", "veryHidden"]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(filled_template()))
    workbook.create_sheet("Gammal data").sheet_state = state
    return workbook_bytes(workbook)


# Every fixture by file name, for make_fixtures.py ---------------------------------------

FIXTURES: dict[str, Callable[[], bytes]] = {
    "template.xlsx": template,
    "filled-template.xlsx": filled_template,
    "formula.xlsx": lambda: fill(filled_template(), {"D2": "=1+1"}),
    "merged-cells.xlsx": lambda: simple(
        [[SVK, "besvarad", 1, 1, 1, 1]], change=lambda _wb, ws: ws.merge_cells("G2:H2")
    ),
    "hidden-sheet.xlsx": lambda: with_hidden_sheet("hidden"),
    "very-hidden-sheet.xlsx": lambda: with_hidden_sheet("veryHidden"),
    "too-many-rows.xlsx": lambda: many_rows(2_001),
    "zip-bomb.xlsx": zip_bomb_big,
    "zip-ratio.xlsx": zip_bomb_ratio,
    "zip-lying-size.xlsx": zip_lying_about_size,
    "vba-project.xlsx": with_vba_project,
    "macro-enabled.xlsm": macro_enabled_content_type,
    "excel4-macros.xlsx": excel4_macro_sheet,
    "billion-laughs.xlsx": billion_laughs_in_workbook,
    "external-entity.xlsx": external_entity_in_sheet,
    "encrypted.xlsx": encrypted_workbook,
    "old-excel.xls": xls_workbook,
    "renamed-pdf.xlsx": pdf,
    "renamed-png.xlsx": png,
    "libreoffice.ods": ods,
    "cp1252.csv": lambda: csv_bytes(CP1252_ROW, encoding="cp1252"),
}


def main(folder: str) -> None:
    import django

    django.setup()
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for name, build in FIXTURES.items():
        (target / name).write_bytes(build())
        print(name)  # noqa: T201


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fixtures")
