"""The ``updated_since`` parameter: an RFC 3339 date-time, parsed strictly. Pure.

pydantic would also take a bare number ("0.5") as a Unix time; the API promises a
date-time, so anything else is refused with 422. A time without a zone is read as UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))?$"
)


class DateTimeError(ValueError):
    pass


def parse_date_time(text: str) -> datetime:
    """ "2025-01-01T00:00:00Z" -> an aware datetime; DateTimeError for anything else."""
    match = _DATE_TIME.match(text)
    if match is None:
        raise DateTimeError(text)
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction, zulu, sign, offset_hours, offset_minutes = match.groups()[6:]
    if hour > 23 or minute > 59 or second > 60:
        raise DateTimeError(text)
    zone: timezone = UTC
    if sign is not None and not zulu:
        if int(offset_hours) > 23 or int(offset_minutes) > 59:
            raise DateTimeError(text)
        offset = timedelta(hours=int(offset_hours), minutes=int(offset_minutes))
        zone = timezone(offset if sign == "+" else -offset)
    try:
        return datetime(
            max(year, 1),  # year 0000 is valid RFC 3339; nothing was published before year 1
            month,
            day,
            hour,
            minute,
            min(second, 59),  # a leap second counts as the second before it
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=zone,
        )
    except ValueError as exc:  # 31 February and the like
        raise DateTimeError(text) from exc
