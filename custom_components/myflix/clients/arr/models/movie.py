"""A Radarr movie."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from custom_components.myflix.clients.converters import (
    as_bool,
    as_datetime,
    as_int,
    as_str,
)

from .base import from_json
from .library import LibraryItem


@dataclass(frozen=True, slots=True, kw_only=True)
class Movie(LibraryItem):
    """A Radarr movie, identified by its TMDb id."""

    tmdb_id: int = field(metadata=from_json("tmdbId", as_int))
    status: str = field(default="tba", metadata=from_json("status", as_str))
    has_file: bool = field(default=False, metadata=from_json("hasFile", as_bool))
    is_available: bool = field(
        default=False, metadata=from_json("isAvailable", as_bool)
    )
    size_on_disk: int = field(default=0, metadata=from_json("sizeOnDisk", as_int))
    minimum_availability: str = field(
        default="released", metadata=from_json("minimumAvailability", as_str)
    )
    runtime: int = field(default=0, metadata=from_json("runtime", as_int))
    in_cinemas: datetime | None = field(
        default=None, metadata=from_json("inCinemas", as_datetime)
    )
    digital_release: datetime | None = field(
        default=None, metadata=from_json("digitalRelease", as_datetime)
    )
    physical_release: datetime | None = field(
        default=None, metadata=from_json("physicalRelease", as_datetime)
    )
