"""Merging ``sync/maindata`` deltas into one full, typed snapshot.

The server sends everything once (``full_update``), then only what changed
since the ``rid`` we echo back; this cache keeps the merged picture.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from custom_components.myflix.clients.slices import Slicer

from .models import Category, MainData, ServerState
from .torrent import TORRENT_KEYS, Torrent, TorrentTally

_KEY_ORDER = tuple(sorted(TORRENT_KEYS))
_ABSENT = ...
"""A key the server has not sent (JSON has no Ellipsis)."""


def _packed(fields: Mapping[str, Any]) -> tuple[Any, ...]:
    """Pack a torrent's raw fields into a tuple.

    A third of a dict's memory, and a tuple of plain values is one object
    the garbage collector stops looking at.
    """
    return tuple(fields.get(key, _ABSENT) for key in _KEY_ORDER)


def kept_fields(fields: Any) -> Any:
    """Reduce a torrent's raw fields to what the model reads, as they are decoded.

    Magnet links, comments and the like would be most of the memory of
    5,000 torrents. Anything but an object is left for the merge to skip.
    """
    if not isinstance(fields, dict):
        return fields
    return {name: value for name, value in fields.items() if name in TORRENT_KEYS}


def _unpacked(packed: tuple[Any, ...] | None) -> dict[str, Any]:
    if packed is None:
        return {}
    return {
        key: value
        for key, value in zip(_KEY_ORDER, packed, strict=True)
        if value is not _ABSENT
    }


class MainDataCache:
    """The merged ``sync/maindata`` state and the ``rid`` to ask for next."""

    def __init__(self) -> None:
        """Start empty: the first round is always a full update."""
        self.rid = 0
        self._torrent_fields: dict[str, tuple[Any, ...]] = {}
        self._torrents: dict[str, Torrent] = {}
        self._tally = TorrentTally()
        self._categories: dict[str, Category] = {}
        self._tags: list[str] = []
        self._server: dict[str, Any] = {}
        self._merging = asyncio.Lock()

    async def merge(self, data: dict[str, Any]) -> MainData:
        """Apply one reply (full or delta) and return the merged view.

        Thousands of torrents are merged in slices that leave the event loop
        free; one reply at a time. The reply is taken over: its torrents are
        removed from it as they merge.
        """
        async with self._merging:
            return await self._merge(data)

    async def _merge(self, data: dict[str, Any]) -> MainData:
        full = bool(data.get("full_update"))
        before = self._torrent_fields, self._torrents
        if full:
            self._torrent_fields, self._torrents = {}, {}
            self._tally = TorrentTally()
            self._categories.clear()
            self._tags = []
            self._server = {}
        changed, removed = await self._merge_torrents(data, *before, full=full)
        if len(changed) + len(removed) > 1000:
            # The listeners (sensors, events) then start a callback of their
            # own, not the tail of the last slice.
            await asyncio.sleep(0)
        self._merge_categories(data)
        gone = set(data.get("tags_removed") or ())
        tags = [tag for tag in self._tags if tag not in gone]
        tags.extend(tag for tag in data.get("tags") or () if tag not in tags)
        self._tags = tags
        server = data.get("server_state")
        if isinstance(server, dict):
            self._server.update(server)
        self.rid = int(data.get("rid", 0) or 0)
        return MainData(
            rid=self.rid,
            full_update=full,
            torrents=dict(self._torrents),
            categories=dict(self._categories),
            tags=list(self._tags),
            server_state=ServerState.from_dict(self._server),
            changed=frozenset(changed),
            removed=frozenset(removed),
            counts=self._tally.counts(),
        )

    async def _merge_torrents(
        self,
        data: dict[str, Any],
        known_fields: dict[str, tuple[Any, ...]],
        known: Mapping[str, Torrent],
        *,
        full: bool,
    ) -> tuple[set[str], set[str]]:
        """Merge torrent deltas (sparse field sets); return changed and removed hashes.

        A torrent whose kept fields did not change keeps its object (``known``
        before this reply, even across a full update): no model to rebuild,
        and whoever compares snapshots sees it unchanged at once.
        """
        changed: set[str] = set()
        removed: set[str] = set()
        torrents = data.get("torrents")
        # A full update replaces the old state (``known_fields`` is then the
        # old dict): its entries are dropped one by one as they are merged, as
        # is each raw torrent of the reply, so freeing 5,000 of them happens
        # slice by slice, not in one callback.
        slicer = Slicer()
        if isinstance(torrents, dict):
            for key in list(torrents):
                fields = torrents.pop(key)
                if not isinstance(fields, dict):
                    continue
                torrent_hash = str(key).lower()
                merged = _unpacked(self._torrent_fields.get(torrent_hash))
                # The client cut the reply to TORRENT_KEYS as it decoded it
                # (kept_fields); packing keeps only those keys in any case.
                merged.update(fields)
                packed = _packed(merged)
                previous = (
                    known_fields.pop(torrent_hash, None)
                    if full
                    else known_fields.get(torrent_hash)
                )
                if previous == packed:
                    torrent = known[torrent_hash]
                else:
                    torrent = Torrent.from_dict(merged, torrent_hash)
                self._torrent_fields[torrent_hash] = packed
                if (old := self._torrents.get(torrent_hash)) is not None:
                    self._tally.add(old, -1)
                self._tally.add(torrent)
                self._torrents[torrent_hash] = torrent
                changed.add(torrent_hash)
                await slicer.tick()
        for key in data.get("torrents_removed") or ():
            torrent_hash = str(key).lower()
            self._torrent_fields.pop(torrent_hash, None)
            if (old := self._torrents.pop(torrent_hash, None)) is not None:
                self._tally.add(old, -1)
            removed.add(torrent_hash)
        return changed, removed

    def _merge_categories(self, data: Mapping[str, Any]) -> None:
        categories = data.get("categories")
        if isinstance(categories, dict):
            for name, fields in categories.items():
                if isinstance(fields, dict):
                    old = self._categories.get(name)
                    merged = {"name": name, "savePath": old.save_path if old else ""}
                    merged.update(fields)
                    self._categories[name] = Category.from_dict(merged, name)
        for name in data.get("categories_removed") or ():
            self._categories.pop(name, None)
