"""A history event: what happened to a release (grabbed, imported, failed…)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from custom_components.myflix.clients.converters import (
    as_datetime,
    as_int,
    as_str,
    as_upper,
)

from .base import ArrModel, from_json

#: the event both apps record when a finished download has been imported
DOWNLOAD_IMPORTED: Final = "downloadFolderImported"


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryRecord(ArrModel):
    """One history event, with the embedded movie or series and episode titles."""

    id: int = field(metadata=from_json("id", as_int))
    event_type: str = field(default="unknown", metadata=from_json("eventType", as_str))
    date: datetime | None = field(default=None, metadata=from_json("date", as_datetime))
    source_title: str = field(default="", metadata=from_json("sourceTitle", as_str))
    download_id: str | None = field(
        default=None, metadata=from_json("downloadId", as_upper)
    )
    quality: str | None = field(
        default=None, metadata=from_json("quality.quality.name", as_str)
    )
    movie_id: int | None = field(default=None, metadata=from_json("movieId", as_int))
    movie_title: str | None = field(
        default=None, metadata=from_json("movie.title", as_str)
    )
    movie_year: int | None = field(
        default=None, metadata=from_json("movie.year", as_int)
    )
    series_id: int | None = field(default=None, metadata=from_json("seriesId", as_int))
    series_title: str | None = field(
        default=None, metadata=from_json("series.title", as_str)
    )
    episode_id: int | None = field(
        default=None, metadata=from_json("episodeId", as_int)
    )
    season_number: int | None = field(
        default=None, metadata=from_json("episode.seasonNumber", as_int)
    )
    episode_number: int | None = field(
        default=None, metadata=from_json("episode.episodeNumber", as_int)
    )
    episode_title: str | None = field(
        default=None, metadata=from_json("episode.title", as_str)
    )
