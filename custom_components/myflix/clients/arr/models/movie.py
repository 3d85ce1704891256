"""A Radarr movie."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

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

    def release_days(self) -> list[tuple[str, date]]:
        """Return the cinema, digital and physical release dates Radarr knows.

        Radarr keeps a release date as midnight UTC of that date, so the UTC
        date is the real one, in every time zone: converting it to a zone west
        of UTC would put it a day early, as HA core's radarr calendar does
        (core#110107).
        """
        releases = (
            ("cinema", self.in_cinemas),
            ("digital", self.digital_release),
            ("physical", self.physical_release),
        )
        return [
            (kind, when.astimezone(UTC).date())
            for kind, when in releases
            if when is not None
        ]
