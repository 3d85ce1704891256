"""How the *arr apps want query strings and instants written."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime

type QueryValue = str | int | bool | Iterable[int] | Iterable[str] | None


def encode_query(params: Mapping[str, QueryValue]) -> list[tuple[str, str]]:
    """Encode query params: booleans as true/false, lists as repeated names."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            pairs.append((key, "true" if value else "false"))
        elif isinstance(value, str | int):
            pairs.append((key, str(value)))
        else:
            pairs.extend((key, str(item)) for item in value)
    return pairs


def format_instant(value: date | datetime) -> str:
    """Format a date (midnight UTC) or datetime as ``yyyy-MM-ddTHH:mm:ssZ``."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def time_window(start: date | datetime, end: date | datetime) -> dict[str, QueryValue]:
    """Calendar query bounds as UTC instants."""
    return {"start": format_instant(start), "end": format_instant(end)}
