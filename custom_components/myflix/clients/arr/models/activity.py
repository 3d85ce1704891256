"""What the app is doing: the download queue, blocklist, commands, backups."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from custom_components.myflix.clients.converters import (
    as_bool,
    as_datetime,
    as_float,
    as_int,
    as_ints,
    as_messages,
    as_str,
    as_timespan,
    as_upper,
)

from .base import ArrModel, from_json


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueItem(ArrModel):
    """One queue record; ``download_id`` is the upper-case torrent hash."""

    id: int = field(metadata=from_json("id", as_int))
    title: str = field(default="", metadata=from_json("title", as_str))
    size: float = field(default=0.0, metadata=from_json("size", as_float))
    sizeleft: float = field(default=0.0, metadata=from_json("sizeleft", as_float))
    timeleft: timedelta | None = field(
        default=None, metadata=from_json("timeleft", as_timespan)
    )
    status: str = field(default="unknown", metadata=from_json("status", as_str))
    tracked_download_status: str = field(
        default="ok", metadata=from_json("trackedDownloadStatus", as_str)
    )
    tracked_download_state: str = field(
        default="downloading", metadata=from_json("trackedDownloadState", as_str)
    )
    status_messages: tuple[str, ...] = field(
        default=(), metadata=from_json("statusMessages", as_messages)
    )
    error_message: str | None = field(
        default=None, metadata=from_json("errorMessage", as_str)
    )
    download_id: str | None = field(
        default=None, metadata=from_json("downloadId", as_upper)
    )
    protocol: str = field(default="unknown", metadata=from_json("protocol", as_str))
    download_client: str | None = field(
        default=None, metadata=from_json("downloadClient", as_str)
    )
    indexer: str | None = field(default=None, metadata=from_json("indexer", as_str))
    output_path: str | None = field(
        default=None, metadata=from_json("outputPath", as_str)
    )
    quality: str | None = field(
        default=None, metadata=from_json("quality.quality.name", as_str)
    )
    added: datetime | None = field(
        default=None, metadata=from_json("added", as_datetime)
    )
    estimated_completion_time: datetime | None = field(
        default=None, metadata=from_json("estimatedCompletionTime", as_datetime)
    )
    movie_id: int | None = field(default=None, metadata=from_json("movieId", as_int))
    series_id: int | None = field(default=None, metadata=from_json("seriesId", as_int))
    episode_id: int | None = field(
        default=None, metadata=from_json("episodeId", as_int)
    )
    season_number: int | None = field(
        default=None, metadata=from_json("seasonNumber", as_int)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueStatus(ArrModel):
    """``GET queue/status``: counters and error/warning flags."""

    total_count: int = field(default=0, metadata=from_json("totalCount", as_int))
    count: int = field(default=0, metadata=from_json("count", as_int))
    unknown_count: int = field(default=0, metadata=from_json("unknownCount", as_int))
    errors: bool = field(default=False, metadata=from_json("errors", as_bool))
    warnings: bool = field(default=False, metadata=from_json("warnings", as_bool))
    unknown_errors: bool = field(
        default=False, metadata=from_json("unknownErrors", as_bool)
    )
    unknown_warnings: bool = field(
        default=False, metadata=from_json("unknownWarnings", as_bool)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Command(ArrModel):
    """A server command and its progress (queued → started → completed)."""

    id: int = field(metadata=from_json("id", as_int))
    name: str = field(default="", metadata=from_json("name", as_str))
    status: str = field(default="queued", metadata=from_json("status", as_str))
    result: str = field(default="unknown", metadata=from_json("result", as_str))
    message: str | None = field(default=None, metadata=from_json("message", as_str))
    queued: datetime | None = field(
        default=None, metadata=from_json("queued", as_datetime)
    )
    started: datetime | None = field(
        default=None, metadata=from_json("started", as_datetime)
    )
    ended: datetime | None = field(
        default=None, metadata=from_json("ended", as_datetime)
    )
    duration: timedelta | None = field(
        default=None, metadata=from_json("duration", as_timespan)
    )

    @property
    def finished(self) -> bool:
        """True once the command will not change any more."""
        return self.status in {
            "completed",
            "failed",
            "aborted",
            "cancelled",
            "orphaned",
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class BlocklistItem(ArrModel):
    """A blocklisted release."""

    id: int = field(metadata=from_json("id", as_int))
    source_title: str = field(default="", metadata=from_json("sourceTitle", as_str))
    date: datetime | None = field(default=None, metadata=from_json("date", as_datetime))
    protocol: str = field(default="unknown", metadata=from_json("protocol", as_str))
    indexer: str | None = field(default=None, metadata=from_json("indexer", as_str))
    message: str | None = field(default=None, metadata=from_json("message", as_str))
    movie_id: int | None = field(default=None, metadata=from_json("movieId", as_int))
    series_id: int | None = field(default=None, metadata=from_json("seriesId", as_int))
    episode_ids: tuple[int, ...] = field(
        default=(), metadata=from_json("episodeIds", as_ints)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Backup(ArrModel):
    """A backup archive; ``path`` is relative to the app's URL base."""

    id: int = field(metadata=from_json("id", as_int))
    name: str = field(default="", metadata=from_json("name", as_str))
    path: str = field(default="", metadata=from_json("path", as_str))
    type: str = field(default="manual", metadata=from_json("type", as_str))
    size: int = field(default=0, metadata=from_json("size", as_int))
    time: datetime | None = field(default=None, metadata=from_json("time", as_datetime))
