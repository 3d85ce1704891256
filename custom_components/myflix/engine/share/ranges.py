"""HTTP byte ranges (RFC 9110 §14): one range served; anything else is the whole file."""

from __future__ import annotations

from dataclasses import dataclass
import re

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class RangeNotSatisfiableError(Exception):
    """The single range asked for lies outside the file (answer 416)."""


@dataclass(frozen=True)
class ByteRange:
    """Bytes ``start`` to ``end`` inclusive of a file of ``size`` bytes."""

    start: int
    end: int
    size: int

    @property
    def length(self) -> int:
        """How many bytes the range holds."""
        return self.end - self.start + 1

    @property
    def whole(self) -> bool:
        """Whether the range is the whole file."""
        return self.start == 0 and self.end == self.size - 1

    def content_range(self) -> str:
        """Return the ``Content-Range`` header value."""
        return f"bytes {self.start}-{self.end}/{self.size}"


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """Return the one range ``header`` asks for, or None to serve the whole file.

    Several ranges or a malformed header are ignored (the whole file is a
    valid answer); a well-formed range outside the file raises.
    """
    if header is None:
        return None
    match = _RANGE.fullmatch(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # suffix: the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiableError
        return ByteRange(max(size - suffix, 0), size - 1, size)
    start = int(first)
    if last and int(last) < start:
        return None  # invalid: ignored
    if start >= size:
        raise RangeNotSatisfiableError
    end = int(last) if last else size - 1
    return ByteRange(start, min(end, size - 1), size)
