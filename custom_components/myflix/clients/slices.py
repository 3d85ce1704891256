"""Long CPU work in short slices, so the event loop never waits long for us.

A 10,000-movie library is a 21 MB JSON body: one ``json.loads`` of it, or
building 10,000 models, holds the event loop for hundreds of milliseconds.
A thread does not help: the C decoder keeps the GIL for the whole body.
Instead a big body is decoded item by item (the C decoder per item) and the
loop is given back every ``SLICE`` seconds; the result is what
``json.loads`` returns.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
import json
import re
import time
from typing import Any

SLICE = 0.004
"""Seconds of work between two yields to the event loop."""
LARGE_BODY = 64 * 1024
"""Bodies from this size on are decoded in slices; smaller ones at once."""

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


class Slicer:
    """Yields to the event loop once ``SLICE`` seconds have passed since the last."""

    __slots__ = ("_since", "keys")

    def __init__(self) -> None:
        """Start the first slice now."""
        self._since = time.perf_counter()
        self.keys: dict[str, str] = {}
        """Object keys seen so far, so that equal keys are one string."""

    async def tick(self) -> None:
        """Give the loop back if this slice is used up."""
        if time.perf_counter() - self._since >= SLICE:
            await asyncio.sleep(0)
            self._since = time.perf_counter()


async def map_sliced[T, R](
    items: Iterable[T], func: Callable[[T], R], slicer: Slicer | None = None
) -> list[R]:
    """``[func(item) for item in items]``, yielding to the loop between slices."""
    slicer = slicer or Slicer()
    result = []
    for item in items:
        result.append(func(item))
        await slicer.tick()
    return result


async def loads_sliced(body: bytes, item: Callable[[Any], Any] | None = None) -> Any:
    """``json.loads(body)``, in slices when the body is large.

    ``item``: when the body is an array, each of its items goes through it as
    soon as it is decoded, and only what it returns is kept (counting a
    library then never holds every item at once). Raises ``ValueError``
    (``json.JSONDecodeError`` or ``UnicodeDecodeError``) as ``json.loads``
    does, and whatever ``item`` raises.
    """
    if len(body) < LARGE_BODY:
        value = json.loads(body)
        if item is not None and isinstance(value, list):
            return await map_sliced(value, item)
        return value
    text = body.decode(json.detect_encoding(body))
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError(
            "Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0
        )
    try:
        value, end = await _value(text, _skip(text, 0), 2, Slicer(), item)
    except IndexError:
        raise json.JSONDecodeError("Unexpected end of data", text, len(text)) from None
    end = _skip(text, end)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


def _skip(text: str, index: int) -> int:
    match = _SPACE.match(text, index)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _expect(text: str, index: int, chars: str, what: str) -> str:
    char = text[index]
    if char not in chars:
        raise json.JSONDecodeError(f"Expecting {what}", text, index)
    return char


async def _value(
    text: str,
    index: int,
    depth: int,
    slicer: Slicer,
    each: Callable[[Any], Any] | None = None,
) -> tuple[Any, int]:
    """Decode the value at ``index`` (no leading space); return it and its end.

    Arrays have their items decoded whole, one by one; objects have their
    members split ``depth - 1`` levels further (``sync/maindata``'s
    ``torrents`` is an object of torrents). ``each`` maps an array's items.
    """
    char = text[index]
    if depth <= 0 or char not in "[{":
        value, end = _DECODER.raw_decode(text, index)
        if type(value) is dict:
            # One decode per item loses json.loads' key sharing: share again.
            keys = slicer.keys
            value = {keys.setdefault(key, key): item for key, item in value.items()}
        await slicer.tick()
        return value, end
    index = _skip(text, index + 1)
    if char == "[":
        items: list[Any] = []
        if text[index] == "]":
            return items, index + 1
        while True:
            item, index = await _value(text, index, 0, slicer)
            items.append(item if each is None else each(item))
            index = _skip(text, index)
            if _expect(text, index, ",]", "',' delimiter") == "]":
                return items, index + 1
            index = _skip(text, index + 1)
    members: dict[str, Any] = {}
    if text[index] == "}":
        return members, index + 1
    while True:
        _expect(text, index, '"', "property name enclosed in double quotes")
        key, index = _DECODER.raw_decode(text, index)
        index = _skip(text, index)
        _expect(text, index, ":", "':' delimiter")
        members[key], index = await _value(
            text, _skip(text, index + 1), depth - 1, slicer
        )
        index = _skip(text, index)
        if _expect(text, index, ",}", "',' delimiter") == "}":
            return members, index + 1
        index = _skip(text, index + 1)
