"""The healer's store and the snapshot it decides on, read from the entry's parts."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from custom_components.myflix.clients.arr.models import QueueItem
from custom_components.myflix.engine.healing import (
    IO_ERRORS,
    Gate,
    Snapshot,
)
from custom_components.myflix.engine.killswitch import KillswitchState, Verdict
from custom_components.myflix.features.arr import RADARR, SONARR
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.features.vpn import KILLSWITCH, VPN
from custom_components.myflix.storage import EntryStore, entry_store_key

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.myflix.entry import MyflixRuntimeData

_DISCONNECTED = "disconnected"
# The killswitch states in which the VPN is proven clean (disarmed still checks).
_OPEN_STATES = frozenset({KillswitchState.ARMED, KillswitchState.DISARMED})


def store_key(entry_id: str) -> str:
    """Return the storage key of an entry's healer."""
    return entry_store_key("healing", entry_id)


class HealingHaStore:
    """The engine's store protocol over the entry's store, plus the switch's state."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Store under ``myflix.healing.<entry_id>`` (removed with the entry)."""
        self._store = EntryStore(hass, "healing", entry_id)
        self.enabled = False
        self._book: dict[str, Any] | None = None

    async def load(self) -> Mapping[str, Any] | None:
        """Return the saved book (and remember the switch), or None."""
        data = await self._store.load()
        if isinstance(data, dict):
            self.enabled = data.get("enabled") is True
            book = data.get("book")
            self._book = book if isinstance(book, dict) else None
        return self._book

    async def save(self, data: dict[str, Any]) -> None:
        """Save the book beside the switch's state."""
        self._book = data
        await self._store.save({"enabled": self.enabled, "book": data})

    async def set_enabled(self, enabled: bool) -> None:
        """Remember the switch (with the last saved book)."""
        self.enabled = enabled
        await self._store.save({"enabled": enabled, "book": self._book})


def vpn_gate(runtime: MyflixRuntimeData) -> Gate:
    """Gate.VPN unless the killswitch's last check proved the VPN clean.

    Without gluetun configured there is no VPN to wait for.
    """
    killswitch = runtime.get(KILLSWITCH)
    if killswitch is None:
        return Gate.VPN if runtime.get(VPN) is not None else Gate.OPEN
    snapshot = killswitch.snapshot
    if snapshot.verdict is not Verdict.CLEAN or snapshot.state not in _OPEN_STATES:
        return Gate.VPN
    return Gate.OPEN


async def read_snapshot(runtime: MyflixRuntimeData, now: float) -> Snapshot:
    """Look at the stack: qBittorrent's last sync, fresh *arr queues and categories."""
    qbittorrent = runtime.get(QBITTORRENT)
    main = qbittorrent.sync.data if qbittorrent else None
    if (
        qbittorrent is None
        or main is None
        or not qbittorrent.sync.last_update_success
        or main.server_state.connection_status == _DISCONNECTED
    ):
        return Snapshot(
            now=now, torrents={}, queues={}, categories={}, gate=Gate.QBITTORRENT
        )
    if (gate := vpn_gate(runtime)) is not Gate.OPEN:
        return Snapshot(now=now, torrents={}, queues={}, categories={}, gate=gate)
    arrs = [
        arr for arr in (runtime.get(RADARR), runtime.get(SONARR)) if arr is not None
    ]
    if not arrs:  # nothing manages any torrent: nothing to heal
        return Snapshot(now=now, torrents={}, queues={}, categories={})
    try:
        queue_lists = await asyncio.gather(*(arr.client.queue() for arr in arrs))
        category_sets = await asyncio.gather(
            *(arr.client.torrent_categories() for arr in arrs)
        )
    except IO_ERRORS:
        # Not knowing what an *arr manages means not striking anything.
        return Snapshot(now=now, torrents={}, queues={}, categories={}, gate=Gate.ARR)
    queues: dict[str, list[QueueItem]] = {}
    categories: dict[str, str] = {}
    for arr, items, names in zip(arrs, queue_lists, category_sets, strict=True):
        queues[arr.key] = items
        for category in names:
            categories.setdefault(category, arr.key)
    state = main.server_state
    return Snapshot(
        now=now,
        torrents=main.torrents,
        queues=queues,
        categories=categories,
        dl_speed=state.dl_info_speed,
        dl_limit=state.dl_rate_limit,
    )
