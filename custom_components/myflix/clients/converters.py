"""Converters from JSON values to model fields: None means missing or invalid."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
import re
from typing import Any

_TIMESPAN = re.compile(r"^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$")


def parse_datetime(value: Any) -> datetime | None:
    """Parse an ISO 8601 date-time into an aware UTC datetime (naive = UTC)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_date(value: Any) -> date | None:
    """Parse a ``yyyy-MM-dd`` date (the leading part of a longer string too)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_timespan(value: Any) -> timedelta | None:
    """Parse a .NET TimeSpan string (``hh:mm:ss``, ``d.hh:mm:ss[.fffffff]``)."""
    if not isinstance(value, str):
        return None
    match = _TIMESPAN.match(value.strip())
    if match is None:
        return None
    sign, days, hours, minutes, seconds, fraction = match.groups()
    span = timedelta(
        days=int(days or 0),
        hours=int(hours),
        minutes=int(minutes),
        seconds=int(seconds),
        microseconds=int((fraction or "0").ljust(7, "0")[:6]),
    )
    return -span if sign else span


# Short names keep the field tables of the models on one line each.
as_datetime = parse_datetime
as_date = parse_date
as_timespan = parse_timespan


def as_str(value: Any) -> str | None:
    """Keep a string."""
    return value if isinstance(value, str) else None


def as_upper(value: Any) -> str | None:
    """Keep a non-empty string, upper-cased (torrent hashes)."""
    return value.upper() if isinstance(value, str) and value else None


def as_int(value: Any) -> int | None:
    """Keep an integer (JSON booleans are not integers here)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_float(value: Any) -> float | None:
    """Keep a number as a float (not a boolean)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def as_bool(value: Any) -> bool | None:
    """Keep a boolean."""
    return value if isinstance(value, bool) else None


def as_ints(value: Any) -> tuple[int, ...] | None:
    """Keep the integers of a list."""
    if not isinstance(value, list):
        return None
    return tuple(v for v in value if as_int(v) is not None)


def as_strs(value: Any) -> tuple[str, ...] | None:
    """Keep the strings of a list."""
    if not isinstance(value, list):
        return None
    return tuple(v for v in value if isinstance(v, str))


def as_url(value: Any) -> str | None:
    """``wikiUrl``: a string on the wire; the Sonarr spec models an HttpUri object."""
    if isinstance(value, dict):
        value = value.get("fullUri")
    return as_str(value)


def as_messages(value: Any) -> tuple[str, ...] | None:
    """Flatten ``statusMessages`` [{title, messages[]}] into plain strings."""
    if not isinstance(value, list):
        return None
    out: list[str] = []
    for entry in value:
        if isinstance(entry, dict):
            texts = as_strs(entry.get("messages")) or ()
            title = as_str(entry.get("title"))
            out.extend(texts or ([title] if title else []))
    return tuple(out)
