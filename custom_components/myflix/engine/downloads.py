"""Download events: torrents added or finished between two snapshots, new imports.

Pure functions of what the clients return, so the rules are tested without
Home Assistant: a first look is only a baseline (no event storm after a
restart), and the same torrent or history record is never reported twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from custom_components.myflix.clients.arr.models import DOWNLOAD_IMPORTED, HistoryRecord
from custom_components.myflix.clients.qbittorrent import Torrent

# How far back the first look at the history reaches; it only sets the baseline.
IMPORT_LOOKBACK = timedelta(hours=1)


class DownloadEventType(StrEnum):
    """What happened to a torrent."""

    ADDED = "added"
    COMPLETED = "completed"


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadEvent:
    """A torrent that appeared or finished downloading."""

    type: DownloadEventType
    hash: str
    name: str
    category: str
    size: int

    def as_data(self) -> dict[str, Any]:
        """Return the event data: compact, nothing secret."""
        return {
            "name": self.name,
            "category": self.category,
            "size": self.size,
            "hash": self.hash,
        }


def _finished(torrent: Torrent) -> bool:
    """Every selected byte is there (qBittorrent also stamps ``completion_on``)."""
    return torrent.progress >= 1.0 or torrent.completion_on is not None


def _event(kind: DownloadEventType, torrent: Torrent) -> DownloadEvent:
    return DownloadEvent(
        type=kind,
        hash=torrent.hash,
        name=torrent.name,
        category=torrent.category,
        size=torrent.size,
    )


def download_events(
    previous: Mapping[str, Torrent] | None, current: Mapping[str, Torrent]
) -> list[DownloadEvent]:
    """Compare two snapshots by hash: new torrents, and torrents that just finished.

    ``previous`` None is the first look: nothing is reported. A torrent that
    shows up already finished (a re-added or cross-seeded one) is only added.
    """
    if previous is None:
        return []
    events: list[DownloadEvent] = []
    for torrent_hash, torrent in current.items():
        before = previous.get(torrent_hash)
        if before is torrent:  # the sync cache keeps unchanged torrents as is
            continue
        if before is None:
            events.append(_event(DownloadEventType.ADDED, torrent))
        elif _finished(torrent) and not _finished(before):
            events.append(_event(DownloadEventType.COMPLETED, torrent))
    return events


class ImportWatch:
    """Follows an *arr's history: which imports are new since the last look.

    The history is asked from ``since``: the date of the newest record seen,
    in the app's own clock (so clock skew does not lose records), or before
    any record, a fixed hour before the first look. Records come back from
    that date on, so ids seen before are skipped.
    """

    def __init__(self) -> None:
        """Start before the first look."""
        self._since: datetime | None = None
        self._last_id: int | None = None

    def since(self, now: datetime) -> datetime:
        """Return the instant to ask the history from."""
        if self._since is None:
            self._since = now - IMPORT_LOOKBACK
        return self._since

    def take(self, records: Iterable[HistoryRecord]) -> list[HistoryRecord]:
        """Take one answer; return the imports not seen before (none on the first)."""
        baseline = self._last_id is None
        last_id = self._last_id or 0
        fresh: list[HistoryRecord] = []
        for record in records:
            if record.date is not None and (
                self._since is None or record.date > self._since
            ):
                self._since = record.date
            if record.id > last_id and record.event_type == DOWNLOAD_IMPORTED:
                fresh.append(record)
            self._last_id = max(self._last_id or 0, record.id)
        if baseline:
            self._last_id = self._last_id or 0
            return []
        return sorted(fresh, key=lambda record: record.id)


def import_data(record: HistoryRecord) -> dict[str, Any]:
    """Return the event data of an import: the movie, or series and episode."""
    if record.series_id is not None:
        data: dict[str, Any] = {
            "series": record.series_title,
            "season": record.season_number,
            "episode": record.episode_number,
            "title": record.episode_title,
        }
    else:
        data = {"title": record.movie_title, "year": record.movie_year}
    data["quality"] = record.quality
    data["release"] = record.source_title or None
    return {key: value for key, value in data.items() if value is not None}
