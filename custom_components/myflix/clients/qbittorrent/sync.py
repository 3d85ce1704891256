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
from .torrent import Torrent


class MainDataCache:
    """The merged ``sync/maindata`` state and the ``rid`` to ask for next."""

    def __init__(self) -> None:
        """Start empty: the first round is always a full update."""
        self.rid = 0
        self._torrent_fields: dict[str, dict[str, Any]] = {}
        self._torrents: dict[str, Torrent] = {}
        self._categories: dict[str, Category] = {}
        self._tags: list[str] = []
        self._server: dict[str, Any] = {}
        self._merging = asyncio.Lock()

    async def merge(self, data: Mapping[str, Any]) -> MainData:
        """Apply one reply (full or delta) and return the merged view.

        Thousands of torrents are merged in slices that leave the event loop
        free; one reply at a time.
        """
        async with self._merging:
            return await self._merge(data)

    async def _merge(self, data: Mapping[str, Any]) -> MainData:
        full = bool(data.get("full_update"))
        if full:
            self._torrent_fields.clear()
            self._torrents.clear()
            self._categories.clear()
            self._tags = []
            self._server = {}
        changed, removed = await self._merge_torrents(data)
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
        )

    async def _merge_torrents(
        self, data: Mapping[str, Any]
    ) -> tuple[set[str], set[str]]:
        """Merge torrent deltas (sparse field sets); return changed and removed hashes."""
        changed: set[str] = set()
        removed: set[str] = set()
        torrents = data.get("torrents")
        slicer = Slicer()
        if isinstance(torrents, dict):
            for key, fields in torrents.items():
                if not isinstance(fields, dict):
                    continue
                torrent_hash = str(key).lower()
                merged = self._torrent_fields.setdefault(torrent_hash, {})
                merged.update(fields)
                self._torrents[torrent_hash] = Torrent.from_dict(merged, torrent_hash)
                changed.add(torrent_hash)
                await slicer.tick()
        for key in data.get("torrents_removed") or ():
            torrent_hash = str(key).lower()
            self._torrent_fields.pop(torrent_hash, None)
            self._torrents.pop(torrent_hash, None)
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
