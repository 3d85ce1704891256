"""Bencode, the encoding of .torrent files."""

from __future__ import annotations

from typing import Any

type Spans = dict[bytes, tuple[int, int]]
"""Where each value of the top-level dictionary lies in the raw bytes."""


def bencode(value: Any) -> bytes:
    """Encode ints, bytes/str, lists and dicts (keys sorted) as bencode."""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list | tuple):
        return b"l" + b"".join(bencode(item) for item in value) + b"e"
    if isinstance(value, dict):
        items = sorted(
            (k.encode() if isinstance(k, str) else k, v) for k, v in value.items()
        )
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    raise TypeError(f"cannot bencode {type(value).__name__}")


def bdecode(data: bytes) -> Any:
    """Decode bencode (strings stay bytes); ValueError when malformed."""
    try:
        return _decode_whole(data, None)
    except (IndexError, TypeError, ValueError) as err:
        raise ValueError(f"invalid bencode: {err}") from err


def bdecode_with_spans(data: bytes) -> tuple[Any, Spans]:
    """Decode, and tell where each top-level value lies in ``data``.

    The info-hash is the SHA-1 of the info dictionary's raw bytes, which a
    re-encoding would not reproduce for a torrent with unsorted keys. Malformed
    input raises IndexError, TypeError or ValueError, left for the caller to word.
    """
    spans: Spans = {}
    return _decode_whole(data, spans), spans


def _decode_whole(data: bytes, spans: Spans | None) -> Any:
    value, end = _decode(data, 0, spans)
    if end != len(data):
        raise ValueError("trailing data")
    return value


def _decode(data: bytes, pos: int, spans: Spans | None) -> tuple[Any, int]:
    kind = data[pos : pos + 1]
    if kind == b"i":
        end = data.index(b"e", pos)
        return int(data[pos + 1 : end]), end + 1
    if kind == b"l":
        items, pos = [], pos + 1
        while data[pos : pos + 1] != b"e":
            item, pos = _decode(data, pos, None)
            items.append(item)
        return items, pos + 1
    if kind == b"d":
        result: dict[bytes, Any] = {}
        pos += 1
        while data[pos : pos + 1] != b"e":
            key, pos = _decode(data, pos, None)
            if not isinstance(key, bytes):
                raise TypeError("dictionary key is not a string")
            start = pos
            result[key], pos = _decode(data, pos, None)
            if spans is not None:
                spans[key] = (start, pos)
        return result, pos + 1
    if kind.isdigit():
        colon = data.index(b":", pos)
        length = int(data[pos:colon])
        end = colon + 1 + length
        if end > len(data):
            raise ValueError("string runs past the end")
        return data[colon + 1 : end], end
    raise ValueError(f"unexpected byte at {pos}")
