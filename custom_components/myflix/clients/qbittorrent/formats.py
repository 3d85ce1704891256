"""How the WebAPI writes the values we send and read: versions, hashes, numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from custom_components.myflix.clients.errors import MyflixResponseError

_MAX_ERROR_TEXT = 200

type Hashes = Sequence[str] | str
"""Info-hashes (any case), one hash as a str, or the literal ``"all"``."""


def parse_version(text: str) -> tuple[int, ...]:
    """``"v4.5.2"`` / ``"2.11.4"`` / ``"5.1.0beta1"`` as a tuple of ints."""
    parts: list[int] = []
    for piece in text.strip().lstrip("vV").split("."):
        digits = ""
        for char in piece:
            if not char.isdigit():
                break
            digits += char
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def join_hashes(hashes: Hashes) -> str:
    """Lower-cased hashes joined with ``|``; ``"all"`` stays ``all``."""
    if isinstance(hashes, str):
        return hashes.lower()
    return "|".join(item.lower() for item in hashes)


def shorten(text: str) -> str:
    """Trim a server reply for an error message (it may be a whole HTML page)."""
    text = text.strip()
    return text if len(text) <= _MAX_ERROR_TEXT else text[:_MAX_ERROR_TEXT] + "..."


def parse_int_text(text: str) -> int:
    """Read a number sent as plain text (``transfer/downloadLimit``...)."""
    try:
        return int(text)
    except ValueError as err:
        raise MyflixResponseError(f"Expected a number, got {shorten(text)!r}") from err


def expect_type(value: Any, kind: type, what: str) -> Any:
    """Return ``value`` if it is a ``kind``; a wrong JSON shape is a response error."""
    if not isinstance(value, kind):
        raise MyflixResponseError(f"{what}: expected {kind.__name__}")
    return value
