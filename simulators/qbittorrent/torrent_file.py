"""Reading and writing .torrent files and magnet links."""

from __future__ import annotations

import base64
from dataclasses import dataclass
import hashlib
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from .bencode import bdecode_with_spans, bencode

if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclass(frozen=True, slots=True)
class TorrentMeta:
    """What the simulator needs from a .torrent file."""

    info_hash: str
    name: str
    files: tuple[tuple[str, int], ...]
    piece_length: int
    private: bool
    trackers: tuple[str, ...]
    comment: str
    created_by: str

    @property
    def size(self) -> int:
        """Total bytes of all files."""
        return sum(length for _, length in self.files)


def parse_torrent(data: bytes) -> TorrentMeta:
    """Parse a v1 .torrent; the info-hash is the SHA-1 of the raw info dict."""
    try:
        return _parse_torrent(data)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as err:
        raise ValueError(f"invalid torrent: {err}") from err


def _parse_torrent(data: bytes) -> TorrentMeta:
    if data[:1] != b"d":
        raise ValueError("not a dictionary")
    root, spans = bdecode_with_spans(data)
    info = root.get(b"info")
    if not isinstance(info, dict) or b"info" not in spans:
        raise ValueError("no info dictionary")
    name = info.get(b"name")
    plen = info.get(b"piece length")
    if not isinstance(name, bytes) or not isinstance(plen, int) or plen <= 0:
        raise ValueError("bad name or piece length")
    start, stop = spans[b"info"]
    return TorrentMeta(
        info_hash=hashlib.sha1(data[start:stop]).hexdigest(),  # noqa: S324
        name=name.decode(errors="replace"),
        files=_files(info, name),
        piece_length=plen,
        private=info.get(b"private") == 1,
        trackers=_trackers(root),
        comment=(root.get(b"comment") or b"").decode(errors="replace"),
        created_by=(root.get(b"created by") or b"").decode(errors="replace"),
    )


def _files(info: dict[bytes, Any], name: bytes) -> tuple[tuple[str, int], ...]:
    """``(path, length)`` of each file: one for a single-file torrent."""
    if isinstance(info.get(b"length"), int):
        return ((name.decode(errors="replace"), info[b"length"]),)
    if isinstance(info.get(b"files"), list) and info[b"files"]:
        return tuple(
            (
                "/".join(p.decode(errors="replace") for p in entry[b"path"]),
                int(entry[b"length"]),
            )
            for entry in info[b"files"]
        )
    raise ValueError("no files")


def _trackers(root: dict[bytes, Any]) -> tuple[str, ...]:
    """``announce`` first, then every other ``announce-list`` URL once."""
    trackers = (
        [root[b"announce"].decode()] if isinstance(root.get(b"announce"), bytes) else []
    )
    for tier in root.get(b"announce-list") or []:
        trackers.extend(url.decode() for url in tier if url.decode() not in trackers)
    return tuple(trackers)


def make_torrent(
    name: str,
    content: bytes | None = None,
    *,
    size: int | None = None,
    piece_length: int = 16384,
    trackers: Iterable[str] = (),
    private: bool = False,
) -> tuple[bytes, str]:
    """Build a single-file v1 .torrent; return ``(torrent bytes, info-hash)``."""
    if content is None:
        length = size if size is not None else piece_length
        pieces = b"\0" * 20 * max(1, -(-length // piece_length))
    else:
        length = len(content)
        pieces = b"".join(
            hashlib.sha1(content[i : i + piece_length]).digest()  # noqa: S324
            for i in range(0, max(length, 1), piece_length)
        )
    info: dict[str, Any] = {
        "name": name,
        "length": length,
        "piece length": piece_length,
        "pieces": pieces,
    }
    if private:
        info["private"] = 1
    root: dict[str, Any] = {"info": info, "created by": "myflix-sim"}
    tracker_list = list(trackers)
    if tracker_list:
        root["announce"] = tracker_list[0]
        root["announce-list"] = [[url] for url in tracker_list]
    return bencode(root), hashlib.sha1(bencode(info)).hexdigest()  # noqa: S324


def parse_magnet(uri: str) -> tuple[str, str, list[str]] | None:
    """Return ``(hash, name, trackers)`` of a magnet link, or None if unusable."""
    parts = urlsplit(uri.strip())
    if parts.scheme != "magnet":
        return None
    query = parse_qs(parts.query)
    for topic in query.get("xt", []):
        if not topic.lower().startswith("urn:btih:"):
            continue
        value = topic[9:]
        if re.fullmatch(r"[0-9a-fA-F]{40}", value):
            torrent_hash = value.lower()
        elif re.fullmatch(r"[A-Za-z2-7]{32}", value):
            torrent_hash = base64.b32decode(value.upper()).hex()
        else:
            return None
        name = (query.get("dn") or [torrent_hash])[0]
        return torrent_hash, name, list(query.get("tr", []))
    return None
