"""Radarr and Sonarr coordinators: status (fast), library counts and calendar (slow).

HA core downloads the whole library every 30 s to count it. We poll only the
small endpoints (queue, health, disk space) often; the library is counted on a
slow timer and right after Myflix itself adds or removes something.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.util import dt as dt_util

from custom_components.myflix.clients.arr.client import ArrClient
from custom_components.myflix.clients.arr.counts import LibraryCounts
from custom_components.myflix.clients.arr.models import (
    DiskSpace,
    Episode,
    HealthCheck,
    Movie,
    QueueItem,
    RootFolder,
)
from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.clients.sonarr import SonarrClient
from custom_components.myflix.const import (
    CONF_ARR_INTERVAL,
    CONF_CALENDAR_DAYS,
    CONF_LIBRARY_INTERVAL,
    DEFAULT_ARR_INTERVAL,
    DEFAULT_CALENDAR_DAYS,
    DEFAULT_LIBRARY_INTERVAL,
)
from custom_components.myflix.coordinator import MyflixCoordinator, Parts, gather_parts

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.myflix.entry import MyflixConfigEntry

CALENDAR_INTERVAL = timedelta(minutes=15)


@dataclass(frozen=True, kw_only=True)
class ArrStatus(Parts):
    """What the fast poll returns: queue, health, disks (None: that endpoint failed)."""

    queue: list[QueueItem] | None
    health: list[HealthCheck] | None
    disk_space: list[DiskSpace] | None
    root_folders: list[RootFolder] | None


@dataclass(frozen=True, kw_only=True)
class ArrLibrary(Parts):
    """Library counts (movies for Radarr, series and episodes for Sonarr).

    Two endpoints: the library itself (``total``, ``monitored``, ``episodes``)
    and the missing count; None where its endpoint failed.
    """

    total: int | None
    monitored: int | None
    missing: int | None
    episodes: int | None = None


@dataclass(frozen=True, kw_only=True)
class ArrCalendar:
    """Upcoming releases in a window of local dates."""

    start: date
    end: date
    movies: list[Movie]
    episodes: list[Episode]


async def _fetch_status(client: ArrClient) -> ArrStatus:
    values, failed = await gather_parts(
        {
            "queue": client.queue(),
            "health": client.health(),
            "disk_space": client.disk_space(),
            "root_folders": client.root_folders(),
        }
    )
    return ArrStatus(**values, failed=failed)


async def _library(client: RadarrClient | SonarrClient) -> ArrLibrary:
    # Counted as the body streams in: no model of 10,000 movies is kept.
    values, failed = await gather_parts(
        {"library": client.library_counts(), "missing": client.wanted_missing_count()}
    )
    counts: LibraryCounts | None = values["library"]
    return ArrLibrary(
        total=counts.total if counts else None,
        monitored=counts.monitored if counts else None,
        missing=values["missing"],
        episodes=counts.episodes if counts else None,
        failed=failed,
    )


def _calendar_window(days: int) -> tuple[date, date]:
    """Yesterday to ``days`` ahead, in the user's time zone."""
    today = dt_util.now().date()
    return today - timedelta(days=1), today + timedelta(days=days)


async def _radarr_calendar(client: RadarrClient, days: int) -> ArrCalendar:
    start, end = _calendar_window(days)
    movies = await client.calendar(start, end + timedelta(days=1))
    return ArrCalendar(start=start, end=end, movies=movies, episodes=[])


async def _sonarr_calendar(client: SonarrClient, days: int) -> ArrCalendar:
    start, end = _calendar_window(days)
    # Air times are instants; ask a day wider on both sides for time zones.
    episodes = await client.calendar(start - timedelta(days=1), end + timedelta(days=2))
    return ArrCalendar(start=start, end=end, movies=[], episodes=episodes)


@dataclass(kw_only=True)
class ArrRuntime[ClientT: ArrClient]:
    """A Radarr or Sonarr backend of an entry: its client and coordinators."""

    key: str
    client: ClientT
    status: MyflixCoordinator[ArrStatus]
    library: MyflixCoordinator[ArrLibrary]
    calendar: MyflixCoordinator[ArrCalendar]

    def coordinators(self) -> list[MyflixCoordinator[Any]]:
        """Every coordinator of this backend."""
        return [self.status, self.library, self.calendar]


def create_arr_runtime[ClientT: ArrClient](
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    key: str,
    client: ClientT,
    *,
    library_fn: Callable[[ClientT], Awaitable[ArrLibrary]],
    calendar_fn: Callable[[ClientT, int], Awaitable[ArrCalendar]],
) -> ArrRuntime[ClientT]:
    """Build the coordinators of one Radarr or Sonarr, at the entry's intervals."""
    options = entry.options
    status_every = timedelta(
        seconds=options.get(CONF_ARR_INTERVAL, DEFAULT_ARR_INTERVAL)
    )
    library_every = timedelta(
        minutes=options.get(CONF_LIBRARY_INTERVAL, DEFAULT_LIBRARY_INTERVAL)
    )
    calendar_days = int(options.get(CONF_CALENDAR_DAYS, DEFAULT_CALENDAR_DAYS))

    def coordinator[DataT](
        name: str, interval: timedelta, fetch: Callable[[], Awaitable[DataT]]
    ) -> MyflixCoordinator[DataT]:
        return MyflixCoordinator(
            hass, entry, backend=key, name=name, interval=interval, fetch=fetch
        )

    return ArrRuntime(
        key=key,
        client=client,
        status=coordinator("status", status_every, lambda: _fetch_status(client)),
        library=coordinator("library", library_every, lambda: library_fn(client)),
        calendar=coordinator(
            "calendar", CALENDAR_INTERVAL, lambda: calendar_fn(client, calendar_days)
        ),
    )


def create_radarr_runtime(
    hass: HomeAssistant, entry: MyflixConfigEntry, client: RadarrClient
) -> ArrRuntime[RadarrClient]:
    """Coordinators of a Radarr."""
    return create_arr_runtime(
        hass, entry, "radarr", client,
        library_fn=_library, calendar_fn=_radarr_calendar,
    )  # fmt: skip


def create_sonarr_runtime(
    hass: HomeAssistant, entry: MyflixConfigEntry, client: SonarrClient
) -> ArrRuntime[SonarrClient]:
    """Coordinators of a Sonarr."""
    return create_arr_runtime(
        hass, entry, "sonarr", client,
        library_fn=_library, calendar_fn=_sonarr_calendar,
    )  # fmt: skip
