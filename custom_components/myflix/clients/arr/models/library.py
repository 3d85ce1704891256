"""What a Radarr movie and a Sonarr series have in common as library entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from custom_components.myflix.clients.converters import (
    as_bool,
    as_datetime,
    as_int,
    as_ints,
    as_str,
    as_strs,
)

from .base import ArrModel, from_json
from .media import MediaCover, as_poster


@dataclass(frozen=True, slots=True, kw_only=True)
class LibraryItem(ArrModel):
    """A movie or series; ``id`` is 0 for lookup results not in the library."""

    id: int = field(default=0, metadata=from_json("id", as_int))
    title: str = field(default="", metadata=from_json("title", as_str))
    year: int = field(default=0, metadata=from_json("year", as_int))
    imdb_id: str | None = field(default=None, metadata=from_json("imdbId", as_str))
    overview: str = field(default="", metadata=from_json("overview", as_str))
    monitored: bool = field(default=False, metadata=from_json("monitored", as_bool))
    path: str | None = field(default=None, metadata=from_json("path", as_str))
    root_folder_path: str | None = field(
        default=None, metadata=from_json("rootFolderPath", as_str)
    )
    quality_profile_id: int = field(
        default=0, metadata=from_json("qualityProfileId", as_int)
    )
    genres: tuple[str, ...] = field(default=(), metadata=from_json("genres", as_strs))
    tags: tuple[int, ...] = field(default=(), metadata=from_json("tags", as_ints))
    remote_poster: str | None = field(
        default=None, metadata=from_json("remotePoster", as_str)
    )
    poster: MediaCover | None = field(
        default=None, metadata=from_json("images", as_poster)
    )
    added: datetime | None = field(
        default=None, metadata=from_json("added", as_datetime)
    )
    # The lookup payload as received: adding sends it back with the choices.
    raw: dict[str, Any] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )
