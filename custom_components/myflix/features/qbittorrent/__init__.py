"""qBittorrent: sync and settings coordinators, its entities and actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey

if TYPE_CHECKING:
    from .coordinator import QbittorrentRuntime

QBITTORRENT: RuntimeKey[QbittorrentRuntime] = RuntimeKey("qbittorrent")
