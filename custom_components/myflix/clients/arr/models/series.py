"""A Sonarr series, its seasons and its episodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from custom_components.myflix.clients.converters import (
    as_bool,
    as_date,
    as_datetime,
    as_int,
    as_str,
)

from .base import ArrModel, from_json
from .library import LibraryItem


@dataclass(frozen=True, slots=True, kw_only=True)
class Season(ArrModel):
    """A season of a series with its file statistics."""

    season_number: int = field(metadata=from_json("seasonNumber", as_int))
    monitored: bool = field(default=False, metadata=from_json("monitored", as_bool))
    episode_count: int = field(
        default=0, metadata=from_json("statistics.episodeCount", as_int)
    )
    episode_file_count: int = field(
        default=0, metadata=from_json("statistics.episodeFileCount", as_int)
    )
    total_episode_count: int = field(
        default=0, metadata=from_json("statistics.totalEpisodeCount", as_int)
    )
    size_on_disk: int = field(
        default=0, metadata=from_json("statistics.sizeOnDisk", as_int)
    )


def as_seasons(value: Any) -> tuple[Season, ...] | None:
    """Parse the ``seasons`` list, skipping entries that are not objects."""
    if not isinstance(value, list):
        return None
    return tuple(Season.from_dict(v) for v in value if isinstance(v, dict))


@dataclass(frozen=True, slots=True, kw_only=True)
class Series(LibraryItem):
    """A Sonarr series, identified by its TheTVDB id."""

    tvdb_id: int = field(metadata=from_json("tvdbId", as_int))
    status: str = field(default="continuing", metadata=from_json("status", as_str))
    network: str | None = field(default=None, metadata=from_json("network", as_str))
    series_type: str = field(
        default="standard", metadata=from_json("seriesType", as_str)
    )
    season_folder: bool = field(
        default=True, metadata=from_json("seasonFolder", as_bool)
    )
    seasons: tuple[Season, ...] = field(
        default=(), metadata=from_json("seasons", as_seasons)
    )
    episode_count: int = field(
        default=0, metadata=from_json("statistics.episodeCount", as_int)
    )
    episode_file_count: int = field(
        default=0, metadata=from_json("statistics.episodeFileCount", as_int)
    )
    size_on_disk: int = field(
        default=0, metadata=from_json("statistics.sizeOnDisk", as_int)
    )
    next_airing: datetime | None = field(
        default=None, metadata=from_json("nextAiring", as_datetime)
    )
    previous_airing: datetime | None = field(
        default=None, metadata=from_json("previousAiring", as_datetime)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Episode(ArrModel):
    """A Sonarr episode: ``air_date`` is the local date, ``air_date_utc`` exact."""

    id: int = field(metadata=from_json("id", as_int))
    series_id: int = field(default=0, metadata=from_json("seriesId", as_int))
    season_number: int = field(default=0, metadata=from_json("seasonNumber", as_int))
    episode_number: int = field(default=0, metadata=from_json("episodeNumber", as_int))
    title: str = field(default="", metadata=from_json("title", as_str))
    overview: str = field(default="", metadata=from_json("overview", as_str))
    air_date: date | None = field(default=None, metadata=from_json("airDate", as_date))
    air_date_utc: datetime | None = field(
        default=None, metadata=from_json("airDateUtc", as_datetime)
    )
    runtime: int = field(default=0, metadata=from_json("runtime", as_int))
    has_file: bool = field(default=False, metadata=from_json("hasFile", as_bool))
    monitored: bool = field(default=False, metadata=from_json("monitored", as_bool))
    episode_file_id: int = field(default=0, metadata=from_json("episodeFileId", as_int))
    series_title: str | None = field(
        default=None, metadata=from_json("series.title", as_str)
    )
