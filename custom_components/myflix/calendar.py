"""Calendars: Radarr releases on their real dates, Sonarr episodes at their air times."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import translation
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .arr_coordinator import ArrCalendar
from .clients.arr.models import Episode, Movie
from .clients.errors import MyflixError
from .clients.radarr import RadarrClient
from .clients.sonarr import SonarrClient
from .const import DOMAIN
from .coordinator import MyflixConfigEntry, MyflixCoordinator, backend_error
from .entity import MyflixEntity

PARALLEL_UPDATES = 0

# Sonarr sends no runtime for some episodes (often before they air).
DEFAULT_RUNTIME = timedelta(minutes=30)
ONE_DAY = timedelta(days=1)
# Between the parts of an episode summary: series, S01E02, title.
SEPARATOR = " \N{EN DASH} "
# The release kinds are translated like the states of an attribute, so the
# summaries follow the user's language; English is the fallback.
RELEASE_KINDS = {
    "cinema": "cinema release",
    "digital": "digital release",
    "physical": "physical release",
}
_KIND_KEY = f"component.{DOMAIN}.entity.calendar.releases.state_attributes.release_type.state.{{}}"

type Kinds = Mapping[str, str]


def movie_events(movie: Movie, kinds: Kinds) -> list[CalendarEvent]:
    """Build all-day events for a movie's cinema, digital and physical releases.

    Radarr keeps a release date as midnight UTC of that date, so the UTC date
    is the real one. Converting it to a time zone west of UTC first would put
    it a day early, as HA core's radarr calendar does (core#110107).
    """
    releases = (
        ("cinema", movie.in_cinemas),
        ("digital", movie.digital_release),
        ("physical", movie.physical_release),
    )
    events = []
    for kind, when in releases:
        if when is None:
            continue
        day = when.astimezone(UTC).date()
        events.append(
            CalendarEvent(
                start=day,
                end=day + ONE_DAY,
                summary=f"{movie.title} ({kinds[kind]})",
                description=movie.overview or None,
                uid=f"radarr-{movie.id}-{kind}",
            )
        )
    return events


def episode_event(episode: Episode) -> CalendarEvent | None:
    """Build a timed event from the air time for the runtime, in local time."""
    if episode.air_date_utc is None:  # not scheduled yet
        return None
    runtime = timedelta(minutes=episode.runtime) if episode.runtime > 0 else None
    # Add in UTC, then convert: wall-clock arithmetic is off across DST.
    end = episode.air_date_utc + (runtime or DEFAULT_RUNTIME)
    code = f"S{episode.season_number:02d}E{episode.episode_number:02d}"
    parts = (episode.series_title, code, episode.title)
    return CalendarEvent(
        start=dt_util.as_local(episode.air_date_utc),
        end=dt_util.as_local(end),
        summary=SEPARATOR.join(part for part in parts if part),
        description=episode.overview or None,
        uid=f"sonarr-{episode.id}",
    )


def _radarr_events(data: ArrCalendar, kinds: Kinds) -> list[CalendarEvent]:
    return [event for movie in data.movies for event in movie_events(movie, kinds)]


def _sonarr_events(data: ArrCalendar, kinds: Kinds) -> list[CalendarEvent]:
    return [event for ep in data.episodes if (event := episode_event(ep)) is not None]


async def _fetch_radarr(
    client: RadarrClient, start: datetime, end: datetime, kinds: Kinds
) -> list[CalendarEvent]:
    # Release dates are midnight UTC: the local dates of the range cover them.
    movies = await client.calendar(start.date(), end.date())
    return [event for movie in movies for event in movie_events(movie, kinds)]


async def _fetch_sonarr(
    client: SonarrClient, start: datetime, end: datetime, kinds: Kinds
) -> list[CalendarEvent]:
    # A day earlier: an episode that started before ``start`` may still be on.
    episodes = await client.calendar(start - ONE_DAY, end)
    return [event for ep in episodes if (event := episode_event(ep)) is not None]


@dataclass(frozen=True, kw_only=True)
class MyflixCalendarEntityDescription(CalendarEntityDescription):
    """Describes a calendar: its events from the coordinator, or for any range."""

    events_fn: Callable[[ArrCalendar, Kinds], list[CalendarEvent]]
    fetch_fn: Callable[[Any, datetime, datetime, Kinds], Awaitable[list[CalendarEvent]]]


RADARR_CALENDAR = MyflixCalendarEntityDescription(
    key="releases",
    translation_key="releases",
    events_fn=_radarr_events,
    fetch_fn=_fetch_radarr,
)
SONARR_CALENDAR = MyflixCalendarEntityDescription(
    key="episodes",
    translation_key="episodes",
    events_fn=_sonarr_events,
    fetch_fn=_fetch_sonarr,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up one calendar per Radarr and per Sonarr."""
    runtime = entry.runtime_data
    calendars = ((runtime.radarr, RADARR_CALENDAR), (runtime.sonarr, SONARR_CALENDAR))
    entities = [
        MyflixCalendarEntity(arr.calendar, description, arr.client)
        for arr, description in calendars
        if arr is not None
    ]
    async_add_entities(entities)


def _overlaps(event: CalendarEvent, start: datetime, end: datetime) -> bool:
    return event.start_datetime_local < end and event.end_datetime_local > start


def _window(data: ArrCalendar) -> tuple[datetime, datetime]:
    """Return the local instants the coordinator's data covers completely."""
    return (
        dt_util.start_of_local_day(data.start),
        dt_util.start_of_local_day(data.end + ONE_DAY),
    )


def _covers(window: tuple[datetime, datetime], start: datetime, end: datetime) -> bool:
    return window[0] <= start and end <= window[1]


class MyflixCalendarEntity(
    MyflixEntity[MyflixCoordinator[ArrCalendar]], CalendarEntity
):
    """A Radarr or Sonarr calendar."""

    entity_description: MyflixCalendarEntityDescription

    def __init__(
        self,
        coordinator: MyflixCoordinator[ArrCalendar],
        description: MyflixCalendarEntityDescription,
        client: RadarrClient | SonarrClient,
    ) -> None:
        """Read events from ``coordinator``; ask ``client`` outside its window."""
        super().__init__(coordinator, description)
        self._client = client
        self._events_of: ArrCalendar | None = None
        self._events: list[CalendarEvent] = []

    def _kinds(self) -> dict[str, str]:
        """Return the release kinds in the user's language."""
        strings = translation.async_get_cached_translations(
            self.hass, self.hass.config.language, "entity", DOMAIN
        )
        return {
            kind: strings.get(_KIND_KEY.format(kind), default)
            for kind, default in RELEASE_KINDS.items()
        }

    def _window_events(self, data: ArrCalendar) -> list[CalendarEvent]:
        """Return the events of the coordinator's window, built once per refresh."""
        if data is not self._events_of:
            window = _window(data)
            self._events = sorted(
                (
                    event
                    for event in self.entity_description.events_fn(data, self._kinds())
                    if _overlaps(event, *window)
                ),
                key=lambda event: event.start_datetime_local,
            )
            self._events_of = data
        return self._events

    @property
    def event(self) -> CalendarEvent | None:
        """Return the event on now, or else the next one."""
        if (data := self.coordinator.data) is None:
            return None
        now = dt_util.now()
        return next(
            (e for e in self._window_events(data) if e.end_datetime_local > now),
            None,
        )

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Events in a range: from the coordinator if it covers it, else fetched."""
        data = self.coordinator.data
        if data is not None and _covers(_window(data), start_date, end_date):
            events = self._window_events(data)
        else:
            try:
                events = await self.entity_description.fetch_fn(
                    self._client, start_date, end_date, self._kinds()
                )
            except MyflixError as err:
                raise backend_error(
                    HomeAssistantError, err, self.coordinator.backend
                ) from err
        return sorted(
            (event for event in events if _overlaps(event, start_date, end_date)),
            key=lambda event: event.start_datetime_local,
        )
