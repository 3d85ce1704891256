"""Tolerant readers for one field of a JSON object from the WebAPI.

qBittorrent versions and forks disagree on types (``"1"`` vs ``1`` vs
``true``) and on which keys exist, so each reader falls back to a neutral
default instead of failing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping


def get_int(data: Mapping[str, Any], key: str, default: int = 0) -> int:
    """Read an int; bools, floats and numeric strings are converted."""
    value = data.get(key, default)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(float(value))
    except TypeError, ValueError:
        return default


def get_float(data: Mapping[str, Any], key: str, default: float = 0.0) -> float:
    """Read a float; numeric strings are converted."""
    value = data.get(key, default)
    try:
        return float(value)
    except TypeError, ValueError:
        return default


def get_str(data: Mapping[str, Any], key: str, default: str = "") -> str:
    """Read a str; any other type gives the default."""
    value = data.get(key, default)
    return value if isinstance(value, str) else default


def get_bool(data: Mapping[str, Any], key: str, default: bool = False) -> bool:
    """Read a bool; the strings ``"true"`` and ``"1"`` count as True."""
    value = data.get(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value) if value is not None else default


def get_opt_bool(data: Mapping[str, Any], key: str) -> bool | None:
    """Read a JSON bool; None when absent or of another type."""
    value = data.get(key)
    return value if isinstance(value, bool) else None


def get_time(data: Mapping[str, Any], key: str) -> datetime | None:
    """Epoch seconds as an aware UTC datetime; 0, -1 and junk mean "never"."""
    value = get_int(data, key, 0)
    if value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except OverflowError, OSError, ValueError:
        return None


def split_tags(value: Any) -> list[str]:
    """Split ``"a, b"`` (or a list, as some forks send) into ``["a", "b"]``."""
    if isinstance(value, list):
        return [str(tag).strip() for tag in value if str(tag).strip()]
    if not isinstance(value, str):
        return []
    return [tag.strip() for tag in value.split(",") if tag.strip()]
