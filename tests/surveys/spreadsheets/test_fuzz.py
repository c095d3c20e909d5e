"""Property: whatever bytes are uploaded, the reader answers with rows and problems or a
named :class:`ResponseFileError`, never with any other exception (a server error).

The examples are derandomised so the suite gives the same answer every run; to explore
further, run this file with ``--hypothesis-seed=<n>`` and a larger ``FUZZ_EXAMPLES``.
"""

from __future__ import annotations

import functools
import io
import os
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.imports.responses_csv import ResponseFileError
from surveys.imports.rows import ParsedResponses, ResponseRow, RowProblem
from surveys.imports.spreadsheet import parse_responses_upload
from tests.surveys.spreadsheets import make_fixtures as fx

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")),
    deadline=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow],
)


@functools.cache
def good_workbook() -> bytes:
    return fx.filled_template()


@functools.cache
def good_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(good_workbook())) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def assert_named_outcome(filename: str, data: bytes) -> None:
    outcome = read(filename, data)
    if isinstance(outcome, ResponseFileError):
        assert outcome.message
        assert outcome.code
    else:
        assert all(isinstance(row, ResponseRow) for row in outcome.rows)
        assert all(isinstance(p, RowProblem) and p.message for p in outcome.problems)


def read(filename: str, data: bytes) -> ParsedResponses | ResponseFileError:
    try:
        return parse_responses_upload(filename=filename, data=data)
    except ResponseFileError as error:
        return error


NAMES = st.sampled_from(["svar.xlsx", "svar.csv", "svar.xls", "svar", "../../etc/passwd"])


@FUZZ
@given(name=NAMES, data=st.binary(max_size=4096))
def test_random_bytes(name: str, data: bytes) -> None:
    assert_named_outcome(name, data)


@FUZZ
@given(
    prefix=st.sampled_from([b"PK\x03\x04", fx.OLE_SIGNATURE, b"\xef\xbb\xbf", b"\xff\xfe", b""]),
    data=st.binary(max_size=4096),
)
def test_random_bytes_behind_a_known_signature(prefix: bytes, data: bytes) -> None:
    assert_named_outcome("svar.xlsx", prefix + data)


@FUZZ
@given(
    lines=st.lists(
        st.text(st.characters(codec="utf-8"), max_size=80).map(lambda s: s.replace("\n", "")),
        max_size=12,
    )
)
def test_random_csv_text(lines: list[str]) -> None:
    data = "\n".join([",".join(fx.HEADER), *lines]).encode()
    assert_named_outcome("svar.csv", data)


@FUZZ
@given(
    changes=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_a_workbook_with_changed_bytes(changes: list[tuple[int, int]], cut: int | None) -> None:
    data = bytearray(good_workbook())
    for position, value in changes:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    assert_named_outcome("svar.xlsx", bytes(data))


@st.composite
def changed_part(draw: st.DrawFn) -> tuple[str, bytes]:
    """A part of the good workbook with a slice replaced, removed or repeated."""
    name = draw(st.sampled_from(sorted(good_parts())))
    content = good_parts()[name]
    start = draw(st.integers(0, len(content)))
    end = draw(st.integers(start, min(len(content), start + 200)))
    operation = draw(st.sampled_from(["replace", "remove", "repeat", "text"]))
    if operation == "replace":
        middle = draw(st.binary(max_size=40))
    elif operation == "remove":
        middle = b""
    elif operation == "repeat":
        middle = content[start:end] * draw(st.integers(2, 50))
    else:
        middle = draw(st.text(max_size=40)).encode()
    return name, content[:start] + middle + content[end:]


@FUZZ
@given(change=changed_part())
def test_a_workbook_with_a_changed_part(change: tuple[str, bytes]) -> None:
    name, content = change
    assert_named_outcome("svar.xlsx", fx.rezip(good_workbook(), replace={name: content}))


@FUZZ
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C", "D", "G", "H", "XFD", ""]),
            st.integers(0, 1_048_580),
            st.sampled_from(["n", "s", "b", "e", "d", "str", "inlineStr", "x"]),
            st.text(max_size=12),
        ),
        max_size=12,
    )
)
def test_a_hand_written_sheet(cells: list[tuple[str, int, str, str]]) -> None:
    xml = "".join(
        f'<row r="{line}"><c r="{column}{line}" t="{kind}"><v>{escape(value)}</v>'
        f"<is><t>{escape(value)}</t></is></c></row>"
        for column, line, kind, value in cells
    )
    assert_named_outcome("svar.xlsx", fx.raw_sheet(fx.raw_header() + xml))


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
