"""updated_since is an RFC 3339 date-time, parsed strictly (api.timeparse, pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from api.timeparse import DateTimeError, parse_date_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01-31T12:00:00Z", datetime(2025, 1, 31, 12, tzinfo=UTC)),
        ("2025-01-31t12:00:00z", datetime(2025, 1, 31, 12, tzinfo=UTC)),
        ("2025-01-31T12:00:00", datetime(2025, 1, 31, 12, tzinfo=UTC)),  # no zone: UTC
        (
            "2025-01-31T12:00:00.25+01:00",
            datetime(2025, 1, 31, 12, 0, 0, 250000, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            "2025-01-31T12:00:00.1234567-02:30",
            datetime(
                2025, 1, 31, 12, 0, 0, 123456, tzinfo=timezone(-timedelta(hours=2, minutes=30))
            ),
        ),
        ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)),  # leap second
        ("0000-01-01T00:00:00Z", datetime(1, 1, 1, tzinfo=UTC)),
    ],
)
def test_parses_rfc3339(text, expected):
    assert parse_date_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0.5",
        "1700000000",
        "2025-01-31",
        "2025-01-31 12:00:00",
        "2025-02-30T00:00:00Z",
        "2025-01-31T24:00:00Z",
        "2025-01-31T12:00Z",
        "2025-01-31T12:00:00+1:00",
        "igår",
    ],
)
def test_refuses_anything_else(text):
    with pytest.raises(DateTimeError):
        parse_date_time(text)
