"""Builders for the healing engine tests: torrents, queue records, fakes."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import count
from typing import Any

from custom_components.myflix.clients.arr.models import QueueItem
from custom_components.myflix.clients.errors import MyflixConnectionError
from custom_components.myflix.clients.qbittorrent import Torrent, Tracker
from custom_components.myflix.engine.healing import (
    Gate,
    HealingConfig,
    SearchRequest,
    Snapshot,
)

T0 = 1_767_225_600.0  # 2026-01-01
HOUR = 3600.0
GIB = 1 << 30
CATEGORIES = {"radarr": "radarr", "tv-sonarr": "sonarr"}
_ids = count(1000)


def torrent(
    torrent_hash: str,
    state: str = "stalledDL",
    *,
    category: str = "radarr",
    completed: int = 0,
    size: int = 4 * GIB,
    added: float = T0 - 10 * HOUR,
    tags: str = "",
    private: bool | None = False,
    tracker: str = "",
    name: str | None = None,
) -> Torrent:
    """A ``torrents/info`` entry as the client parses it."""
    data: dict[str, Any] = {
        "hash": torrent_hash,
        "name": name or f"Release.{torrent_hash}",
        "state": state,
        "size": size,
        "completed": completed,
        "amount_left": max(size - completed, 0),
        "progress": completed / size if size else 0,
        "category": category,
        "tags": tags,
        "added_on": int(added),
        "tracker": tracker,
    }
    if private is not None:
        data["private"] = private
    return Torrent.from_dict(data)


def queue_item(torrent_hash: str, **fields: Any) -> QueueItem:
    """A queue record for a torrent (``downloadId`` upper-case, as the apps send)."""
    data: dict[str, Any] = {
        "id": next(_ids),
        "movieId": 42,
        "title": f"Release.{torrent_hash}",
        "status": "warning",
        "trackedDownloadStatus": "ok",
        "trackedDownloadState": "downloading",
        "downloadId": torrent_hash.upper(),
        "protocol": "torrent",
        **fields,
    }
    return QueueItem.from_dict(data)


def snapshot(
    torrents: list[Torrent],
    queue: list[QueueItem] | None = None,
    *,
    sonarr: list[QueueItem] | None = None,
    now: float = T0,
    gate: Gate = Gate.OPEN,
    dl_speed: int = 0,
    dl_limit: int = 0,
) -> Snapshot:
    """A snapshot with Radarr (and optionally Sonarr) queues."""
    queues: dict[str, list[QueueItem]] = {"radarr": list(queue or [])}
    if sonarr is not None:
        queues["sonarr"] = sonarr
    return Snapshot(
        now=now,
        torrents={t.hash: t for t in torrents},
        queues=queues,
        categories=CATEGORIES,
        gate=gate,
        dl_speed=dl_speed,
        dl_limit=dl_limit,
    )


def config(**changes: Any) -> HealingConfig:
    """The default config with no spacing (every look may strike) unless told."""
    return HealingConfig(**{"strike_spacing": 0.0, **changes})


def unregistered_tracker() -> Tracker:
    """A tracker that no longer knows the torrent."""
    return Tracker.from_dict(
        {"url": "https://t.example/a", "status": 4, "msg": "Unregistered torrent"}
    )


class FakeArr:
    """Records removals and searches; fails once on demand."""

    def __init__(self) -> None:
        self.removed: list[tuple[int, bool]] = []
        self.searches: list[SearchRequest] = []
        self.fail_remove = False
        self.fail_search = False

    async def remove(self, queue_id: int, *, remove_from_client: bool) -> None:
        if self.fail_remove:
            self.fail_remove = False
            raise MyflixConnectionError("down")
        self.removed.append((queue_id, remove_from_client))

    async def search(self, request: SearchRequest) -> None:
        if self.fail_search:
            self.fail_search = False
            raise MyflixConnectionError("down")
        self.searches.append(request)


class FakeDetails:
    """Trackers and privacy per hash; records what was read."""

    def __init__(
        self,
        trackers: Mapping[str, list[Tracker]] | None = None,
        private: Mapping[str, bool] | None = None,
    ) -> None:
        self.trackers_ = dict(trackers or {})
        self.private_ = dict(private or {})
        self.reads: list[tuple[str, str]] = []
        self.fail = False

    async def trackers(self, torrent_hash: str) -> list[Tracker]:
        self.reads.append(("trackers", torrent_hash))
        if self.fail:
            raise MyflixConnectionError("down")
        return self.trackers_.get(torrent_hash, [])

    async def private(self, torrent_hash: str) -> bool | None:
        self.reads.append(("private", torrent_hash))
        if self.fail:
            raise MyflixConnectionError("down")
        return self.private_.get(torrent_hash)
