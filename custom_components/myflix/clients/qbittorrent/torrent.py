"""A torrent as listed by ``torrents/info`` and ``sync/maindata``, and its status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .fields import (
    get_bool,
    get_float,
    get_int,
    get_opt_bool,
    get_str,
    get_time,
    split_tags,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

ETA_INFINITE = 8640000
TORRENT_KEYS = frozenset(
    {
        "hash", "name", "state", "progress", "dlspeed", "upspeed", "size",
        "total_size", "amount_left", "completed", "downloaded", "uploaded", "eta",
        "ratio", "category", "tags", "added_on", "completion_on", "last_activity",
        "seeding_time", "time_active", "save_path", "content_path", "download_path",
        "tracker", "num_seeds", "num_leechs", "num_complete", "num_incomplete",
        "availability", "force_start", "private", "has_metadata",
    }
)  # fmt: skip
"""The keys of a torrent object that ``Torrent.from_dict`` reads."""


class TorrentStatus(StrEnum):
    """A torrent state normalised across 4.x and 5.x."""

    DOWNLOADING = "downloading"
    STALLED_DOWNLOADING = "stalled_downloading"
    METADATA = "metadata"
    QUEUED_DOWNLOADING = "queued_downloading"
    CHECKING = "checking"
    SEEDING = "seeding"
    STALLED_SEEDING = "stalled_seeding"
    QUEUED_SEEDING = "queued_seeding"
    STOPPED_DOWNLOADING = "stopped_downloading"
    STOPPED_SEEDING = "stopped_seeding"
    ERROR = "error"
    MISSING_FILES = "missing_files"
    MOVING = "moving"
    UNKNOWN = "unknown"

    @classmethod
    def from_state(cls, state: str) -> TorrentStatus:
        """Map a raw ``state`` string; anything unknown (``allocating``...) is UNKNOWN."""
        return _STATE_MAP.get(state, cls.UNKNOWN)


_STATE_MAP: dict[str, TorrentStatus] = {
    "downloading": TorrentStatus.DOWNLOADING,
    "forcedDL": TorrentStatus.DOWNLOADING,
    "stalledDL": TorrentStatus.STALLED_DOWNLOADING,
    "metaDL": TorrentStatus.METADATA,
    "forcedMetaDL": TorrentStatus.METADATA,
    "queuedDL": TorrentStatus.QUEUED_DOWNLOADING,
    "checkingDL": TorrentStatus.CHECKING,
    "checkingUP": TorrentStatus.CHECKING,
    "checkingResumeData": TorrentStatus.CHECKING,
    "uploading": TorrentStatus.SEEDING,
    "forcedUP": TorrentStatus.SEEDING,
    "stalledUP": TorrentStatus.STALLED_SEEDING,
    "queuedUP": TorrentStatus.QUEUED_SEEDING,
    "pausedDL": TorrentStatus.STOPPED_DOWNLOADING,
    "stoppedDL": TorrentStatus.STOPPED_DOWNLOADING,
    "pausedUP": TorrentStatus.STOPPED_SEEDING,
    "stoppedUP": TorrentStatus.STOPPED_SEEDING,
    "error": TorrentStatus.ERROR,
    "missingFiles": TorrentStatus.MISSING_FILES,
    "moving": TorrentStatus.MOVING,
}
_DOWNLOADING = frozenset(
    {
        TorrentStatus.DOWNLOADING,
        TorrentStatus.STALLED_DOWNLOADING,
        TorrentStatus.METADATA,
        TorrentStatus.QUEUED_DOWNLOADING,
    }
)
_SEEDING = frozenset(
    {TorrentStatus.SEEDING, TorrentStatus.STALLED_SEEDING, TorrentStatus.QUEUED_SEEDING}
)
_STOPPED = frozenset({TorrentStatus.STOPPED_DOWNLOADING, TorrentStatus.STOPPED_SEEDING})
_ERRORED = frozenset({TorrentStatus.ERROR, TorrentStatus.MISSING_FILES})
_STALLED = frozenset({TorrentStatus.STALLED_DOWNLOADING, TorrentStatus.STALLED_SEEDING})


@dataclass(frozen=True, slots=True, kw_only=True)
class Torrent:
    """One torrent, as in ``torrents/info`` or ``sync/maindata``."""

    hash: str
    name: str
    state: str
    status: TorrentStatus
    progress: float
    dlspeed: int
    upspeed: int
    size: int
    total_size: int
    amount_left: int
    completed: int
    downloaded: int
    uploaded: int
    eta: int | None
    ratio: float
    category: str
    tags: list[str]
    added_on: datetime | None
    completion_on: datetime | None
    last_activity: datetime | None
    seeding_time: int
    time_active: int
    save_path: str
    content_path: str
    download_path: str
    tracker: str
    num_seeds: int
    num_leechs: int
    num_complete: int
    num_incomplete: int
    availability: float
    force_start: bool
    private: bool | None
    has_metadata: bool

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], torrent_hash: str | None = None
    ) -> Torrent:
        """Build from a torrent object; ``torrent_hash`` for sync entries without ``hash``."""
        state = get_str(data, "state", "unknown")
        eta = get_int(data, "eta", ETA_INFINITE)
        progress = get_float(data, "progress")
        return cls(
            hash=(torrent_hash or get_str(data, "hash")).lower(),
            name=get_str(data, "name"),
            state=state,
            status=TorrentStatus.from_state(state),
            progress=progress,
            dlspeed=get_int(data, "dlspeed"),
            upspeed=get_int(data, "upspeed"),
            size=get_int(data, "size"),
            total_size=get_int(data, "total_size"),
            amount_left=get_int(data, "amount_left"),
            completed=get_int(data, "completed"),
            downloaded=get_int(data, "downloaded"),
            uploaded=get_int(data, "uploaded"),
            eta=None if eta >= ETA_INFINITE or eta < 0 else eta,
            ratio=get_float(data, "ratio"),
            category=get_str(data, "category"),
            tags=split_tags(data.get("tags")),
            added_on=get_time(data, "added_on"),
            completion_on=get_time(data, "completion_on"),
            last_activity=get_time(data, "last_activity"),
            seeding_time=get_int(data, "seeding_time"),
            time_active=get_int(data, "time_active"),
            save_path=get_str(data, "save_path"),
            content_path=get_str(data, "content_path"),
            download_path=get_str(data, "download_path"),
            tracker=get_str(data, "tracker"),
            num_seeds=get_int(data, "num_seeds"),
            num_leechs=get_int(data, "num_leechs"),
            num_complete=get_int(data, "num_complete", -1),
            num_incomplete=get_int(data, "num_incomplete", -1),
            availability=get_float(data, "availability", -1.0),
            force_start=get_bool(data, "force_start"),
            private=get_opt_bool(data, "private"),
            has_metadata=get_bool(
                data, "has_metadata", state not in ("metaDL", "forcedMetaDL")
            ),
        )

    @property
    def is_stopped(self) -> bool:
        """Paused (4.x) or stopped (5.x) by the user."""
        return self.status in _STOPPED

    @property
    def is_downloading(self) -> bool:
        """Incomplete and started (including stalled, queued and metadata)."""
        return self.status in _DOWNLOADING

    @property
    def is_seeding(self) -> bool:
        """Complete and started (including stalled and queued)."""
        return self.status in _SEEDING

    @property
    def is_errored(self) -> bool:
        """In the ``error`` or ``missingFiles`` state."""
        return self.status in _ERRORED

    @property
    def is_stalled(self) -> bool:
        """Started but no data moving."""
        return self.status in _STALLED

    @property
    def is_complete(self) -> bool:
        """All selected data is present."""
        return self.progress >= 1.0


@dataclass(frozen=True, slots=True)
class TorrentCounts:
    """How many torrents are in each status, and how many move data."""

    by_status: Mapping[TorrentStatus, int]
    active: int
    """Torrents downloading or uploading at a speed above zero."""

    def _sum(self, statuses: frozenset[TorrentStatus]) -> int:
        return sum(self.by_status.get(status, 0) for status in statuses)

    @property
    def downloading(self) -> int:
        """Torrents for which ``is_downloading`` holds."""
        return self._sum(_DOWNLOADING)

    @property
    def seeding(self) -> int:
        """Torrents for which ``is_seeding`` holds."""
        return self._sum(_SEEDING)

    @property
    def stalled(self) -> int:
        """Torrents for which ``is_stalled`` holds."""
        return self._sum(_STALLED)

    @property
    def stopped(self) -> int:
        """Torrents for which ``is_stopped`` holds."""
        return self._sum(_STOPPED)

    @property
    def errored(self) -> int:
        """Torrents for which ``is_errored`` holds."""
        return self._sum(_ERRORED)


class TorrentTally:
    """Counts kept up to date torrent by torrent, so a delta costs its size."""

    def __init__(self) -> None:
        """Start with no torrent."""
        self._by_status: Counter[TorrentStatus] = Counter()
        self._active = 0

    def add(self, torrent: Torrent, sign: int = 1) -> None:
        """Count ``torrent`` in (``sign`` 1) or out (``sign`` -1)."""
        self._by_status[torrent.status] += sign
        if torrent.dlspeed + torrent.upspeed > 0:
            self._active += sign

    def counts(self) -> TorrentCounts:
        """Return the counts as they are now."""
        return TorrentCounts(+self._by_status, self._active)
