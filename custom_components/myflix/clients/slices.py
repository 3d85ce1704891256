"""Long CPU work in short slices, so the event loop never waits long for us.

A 10,000-movie library is a 21 MB JSON body: one ``json.loads`` of it, or
building 10,000 models, holds the event loop for hundreds of milliseconds.
A thread does not help: the C decoder keeps the GIL for the whole body.
Instead a big body is decoded item by item (the C decoder per item) as it
arrives, and the loop is given back every ``SLICE`` seconds; the result is
what ``json.loads`` returns. The body is never whole in memory, in bytes or
in text: a 21 MB buffer freed would leave the process 21 MB bigger.
"""

from __future__ import annotations

import asyncio
import codecs
from collections.abc import AsyncIterator, Callable, Generator, Iterable
from dataclasses import dataclass
import json
import re
import time
from typing import Any

SLICE = 0.004
"""Seconds of work between two yields to the event loop."""
LARGE_BODY = 64 * 1024
"""Bodies from this size on are decoded in slices; smaller ones at once."""
PIECE = 256 * 1024
"""A body already in memory is decoded this many bytes at a time."""

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER_PART = frozenset("0123456789.eE+-")


@dataclass(frozen=True, slots=True)
class ValuesOf:
    """Map the values of an object as they are decoded, not its array items.

    ``sync/maindata`` sends 5,000 torrents as an object of objects with some
    fifty fields each: filtering each torrent as it is decoded keeps the
    whole reply, fields the model never reads included, from being alive at
    once (30 MB freed in one go).
    """

    func: Callable[[Any], Any]
    member: str | None = None
    """The body's member whose values are mapped; None: the body's own values."""


type Each = Callable[[Any], Any] | ValuesOf
"""Maps an array body's items, or (``ValuesOf``) an object's values."""


class Slicer:
    """Yields to the event loop once ``SLICE`` seconds have passed since the last."""

    __slots__ = ("_since",)

    def __init__(self) -> None:
        """Start the first slice now."""
        self._since = time.perf_counter()

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


type Steps[R] = Generator[None, None, R]
"""Work that yields between its steps and returns ``R`` at the end."""


def finish[R](steps: Steps[R]) -> R:
    """Run ``steps`` to their end at once."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: R = done.value
            return result


async def finish_sliced[R](steps: Steps[R]) -> R:
    """Run ``steps`` to their end, yielding to the event loop between slices."""
    slicer = Slicer()
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: R = done.value
            return result
        await slicer.tick()


async def loads_sliced(body: bytes, item: Each | None = None) -> Any:
    """``json.loads(body)``, in slices when the body is large.

    ``item``: when the body is an array, each of its items goes through it as
    soon as it is decoded, and only what it returns is kept (counting a
    library then never holds every item at once); a ``ValuesOf`` maps an
    object's values the same way. Raises ``ValueError``
    (``json.JSONDecodeError`` or ``UnicodeDecodeError``) as ``json.loads``
    does, and whatever ``item`` raises.
    """
    if len(body) < LARGE_BODY:
        value = json.loads(body)
        if isinstance(item, ValuesOf):
            if isinstance(value, dict):
                mapped = value if item.member is None else value.get(item.member)
                if isinstance(mapped, dict):
                    for key, member in mapped.items():
                        mapped[key] = item.func(member)
        elif item is not None and isinstance(value, list):
            return await map_sliced(value, item)
        return value
    return await loads_stream(_pieces(body), item)


async def _pieces(body: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(body), PIECE):
        yield body[start : start + PIECE]


async def loads_stream(chunks: AsyncIterator[bytes], item: Each | None = None) -> Any:
    """``loads_sliced`` of a body that arrives in ``chunks``, decoded as they come."""
    source = _Source(chunks)
    slicer = Slicer()
    value = await _value(source, 2, slicer, item)
    await source.skip()
    if not source.at_end():
        raise json.JSONDecodeError("Extra data", source.text, source.at)
    return value


class _Source:
    """The text of a body received so far and not yet decoded, and a cursor in it."""

    __slots__ = ("_chunks", "_decoder", "_ended", "_head", "at", "text")

    def __init__(self, chunks: AsyncIterator[bytes]) -> None:
        self._chunks = chunks
        self._decoder: codecs.IncrementalDecoder | None = None
        self._head = b""
        self._ended = False
        self.text = ""
        self.at = 0

    def at_end(self) -> bool:
        """Whether the whole body was read and decoded."""
        return self._ended and self.at >= len(self.text)

    async def _more(self) -> bool:
        """Append the next chunk's text, dropping what was decoded; False at the end."""
        if self._ended:
            return False
        chunk = await anext(self._chunks, None)
        if chunk is None:
            self._ended = True
            piece = self._decode(b"", final=True)
        else:
            piece = self._decode(chunk, final=False)
        self.text = self.text[self.at :] + piece
        self.at = 0
        return True

    def _decode(self, chunk: bytes, *, final: bool) -> str:
        if self._decoder is None:
            # json.loads' encoding detection looks at the first four bytes.
            self._head += chunk
            if len(self._head) < 4 and not final:
                return ""
            encoding = json.detect_encoding(self._head)
            self._decoder = codecs.getincrementaldecoder(encoding)()
            chunk, self._head = self._head, b""
            text = self._decoder.decode(chunk, final)
            if text.startswith("\ufeff"):
                raise json.JSONDecodeError(
                    "Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0
                )
            return text
        return self._decoder.decode(chunk, final)

    async def _grow(self) -> None:
        """Read until the undecoded text is twice as long (or the body ends).

        Doubling keeps a value that spans many chunks from being re-decoded
        once per chunk.
        """
        wanted = 2 * (len(self.text) - self.at) or 1
        while len(self.text) - self.at < wanted and await self._more():
            pass

    async def skip(self) -> None:
        """Move the cursor past white space."""
        while True:
            match = _SPACE.match(self.text, self.at)
            assert match is not None  # the pattern matches the empty string
            self.at = match.end()
            if self.at < len(self.text) or not await self._more():
                return

    async def peek(self) -> str:
        """Return the next character that is not white space."""
        await self.skip()
        if self.at >= len(self.text):
            raise json.JSONDecodeError("Unexpected end of data", self.text, self.at)
        return self.text[self.at]

    async def expect(self, chars: str, what: str) -> str:
        """Take the next character, which must be one of ``chars``."""
        char = await self.peek()
        if char not in chars:
            raise json.JSONDecodeError(f"Expecting {what}", self.text, self.at)
        self.at += 1
        return char

    async def decode(self) -> Any:
        """Decode the whole value at the cursor, reading on until it is complete."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except json.JSONDecodeError:
                if self._ended:
                    raise
            else:
                # A number may go on in the next chunk ("1.2" of "1.25e10"):
                # in valid JSON no value is followed by one of these.
                if self._ended or (
                    end < len(self.text) and self.text[end] not in _NUMBER_PART
                ):
                    self.at = end
                    return value
            await self._grow()


async def _value(
    source: _Source,
    depth: int,
    slicer: Slicer,
    each: Each | None = None,
) -> Any:
    """Decode the value at the cursor.

    Arrays have their items decoded whole, one by one; objects have their
    members split ``depth - 1`` levels further (``sync/maindata``'s
    ``torrents`` is an object of torrents). ``each`` maps an array's items.
    One decode per item loses ``json.loads``' sharing of equal keys: no
    caller keeps the decoded objects (they become models or tuples).
    ``ValuesOf`` maps an object's values instead.
    """
    char = await source.peek()
    if depth <= 0 or char not in "[{":
        value = await source.decode()
        await slicer.tick()
        return value
    source.at += 1
    if char == "[":
        items: list[Any] = []
        if await source.peek() == "]":
            source.at += 1
            return items
        while True:
            item = await _value(source, 0, slicer)
            items.append(
                item if each is None or isinstance(each, ValuesOf) else each(item)
            )
            if await source.expect(",]", "',' delimiter") == "]":
                return items
    members: dict[str, Any] = {}
    if await source.peek() == "}":
        source.at += 1
        return members
    while True:
        if await source.peek() != '"':
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes",
                source.text,
                source.at,
            )
        key = await source.decode()
        await source.expect(":", "':' delimiter")
        if isinstance(each, ValuesOf) and each.member is not None:
            inner = ValuesOf(each.func) if key == each.member else None
            members[key] = await _value(source, depth - 1, slicer, inner)
        else:
            value = await _value(source, depth - 1, slicer)
            members[key] = each.func(value) if isinstance(each, ValuesOf) else value
        if await source.expect(",}", "',' delimiter") == "}":
            return members
