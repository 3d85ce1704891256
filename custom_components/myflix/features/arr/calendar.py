"""The Radarr and Sonarr calendars: releases on their real dates, episodes at their air times."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from operator import itemgetter
from typing import Any

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import translation
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from custom_components.myflix.clients.arr.models import Episode, Movie
from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.clients.slices import Slicer
from custom_components.myflix.clients.sonarr import SonarrClient
from custom_components.myflix.const import DOMAIN
from custom_components.myflix.coordinator import MyflixCoordinator, backend_error
from custom_components.myflix.entity import MyflixEntity
from custom_components.myflix.entry import MyflixConfigEntry

from . import RADARR, SONARR
from .coordinator import ArrCalendar

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
type Span = tuple[datetime, datetime, Callable[[Kinds], CalendarEvent]]
"""An event's start and end instants, and how to build it (only when shown)."""


def movie_events(movie: Movie, kinds: Kinds) -> list[CalendarEvent]:
    """Build all-day events for a movie's cinema, digital and physical releases."""
    return [movie_event(movie, kind, day, kinds) for kind, day in movie.release_days()]


def movie_event(movie: Movie, kind: str, day: date, kinds: Kinds) -> CalendarEvent:
    """Build the all-day event of one of a movie's releases."""
    return CalendarEvent(
        start=day,
        end=day + ONE_DAY,
        summary=f"{movie.title} ({kinds[kind]})",
        description=movie.overview or None,
        uid=f"radarr-{movie.id}-{kind}",
    )


def _air_end(start: datetime, runtime_minutes: int) -> datetime:
    """When an episode aired at ``start`` (UTC) ends: its runtime, or the default.

    Added in UTC, converted later: wall-clock arithmetic is off across DST.
    """
    runtime = timedelta(minutes=runtime_minutes) if runtime_minutes > 0 else None
    return start + (runtime or DEFAULT_RUNTIME)


def episode_event(episode: Episode) -> CalendarEvent | None:
    """Build a timed event from the air time for the runtime, in local time."""
    if episode.air_date_utc is None:  # not scheduled yet
        return None
    end = _air_end(episode.air_date_utc, episode.runtime)
    code = f"S{episode.season_number:02d}E{episode.episode_number:02d}"
    parts = (episode.series_title, code, episode.title)
    return CalendarEvent(
        start=dt_util.as_local(episode.air_date_utc),
        end=dt_util.as_local(end),
        summary=SEPARATOR.join(part for part in parts if part),
        description=episode.overview or None,
        uid=f"sonarr-{episode.id}",
    )


def _radarr_spans(data: ArrCalendar) -> Iterator[Span]:
    for movie in data.movies:
        for kind, day in movie.release_days():
            if not data.start <= day <= data.end:  # the window's local days
                continue
            yield (
                dt_util.start_of_local_day(day),
                dt_util.start_of_local_day(day + ONE_DAY),
                partial(movie_event, movie, kind, day),
            )


def _sonarr_spans(data: ArrCalendar) -> Iterator[Span]:
    first, after = _window(data)
    for episode in data.episodes:
        if (start := episode.air_date_utc) is not None and start < after:
            end = _air_end(start, episode.runtime)
            if end > first:
                yield start, end, partial(_built_episode_event, episode)


def _built_episode_event(episode: Episode, _kinds: Kinds) -> CalendarEvent:
    event = episode_event(episode)
    assert event is not None  # spans are only made for scheduled episodes
    return event


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
    spans_fn: Callable[[ArrCalendar], Iterator[Span]]
    """The events of ``events_fn`` in the coordinator's window, in the same
    order, not yet built."""
    fetch_fn: Callable[[Any, datetime, datetime, Kinds], Awaitable[list[CalendarEvent]]]


RADARR_CALENDAR = MyflixCalendarEntityDescription(
    key="releases",
    translation_key="releases",
    events_fn=_radarr_events,
    spans_fn=_radarr_spans,
    fetch_fn=_fetch_radarr,
)
SONARR_CALENDAR = MyflixCalendarEntityDescription(
    key="episodes",
    translation_key="episodes",
    events_fn=_sonarr_events,
    spans_fn=_sonarr_spans,
    fetch_fn=_fetch_sonarr,
)


def arr_calendars(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build one calendar per Radarr and per Sonarr."""
    runtime = entry.runtime_data
    calendars = (
        (runtime.get(RADARR), RADARR_CALENDAR),
        (runtime.get(SONARR), SONARR_CALENDAR),
    )
    return [
        MyflixCalendarEntity(arr.calendar, description, arr.client)
        for arr, description in calendars
        if arr is not None
    ]


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
        self._spans_of: ArrCalendar | None = None
        self._spans: list[Span] = []
        self._ended = 0
        """How many of the first spans have ended: time only moves on."""
        self._sorting: asyncio.Task[None] | None = None

    def _kinds(self) -> dict[str, str]:
        """Return the release kinds in the user's language."""
        strings = translation.async_get_cached_translations(
            self.hass, self.hass.config.language, "entity", DOMAIN
        )
        return {
            kind: strings.get(_KIND_KEY.format(kind), default)
            for kind, default in RELEASE_KINDS.items()
        }

    async def async_added_to_hass(self) -> None:
        """Sort the first window before the first state is written."""
        await super().async_added_to_hass()
        if (data := self.coordinator.data) is not None:
            await self._window_spans(data)

    async def async_will_remove_from_hass(self) -> None:
        """Stop sorting a window nobody will show."""
        await super().async_will_remove_from_hass()
        if self._sorting is not None:
            self._sorting.cancel()

    @callback
    def _handle_coordinator_update(self) -> None:
        """Write the state; a new window is sorted in slices first."""
        data = self.coordinator.data
        if data is None or data is self._spans_of:
            super()._handle_coordinator_update()
            return
        if self._sorting is not None:
            self._sorting.cancel()
        self._sorting = self.hass.async_create_task(
            self._sort_then_write(data), "myflix calendar window", eager_start=True
        )

    async def _sort_then_write(self, data: ArrCalendar) -> None:
        await self._window_spans(data)
        self.async_write_ha_state()

    async def _window_events(self, data: ArrCalendar) -> list[CalendarEvent]:
        """Return the events of the coordinator's window, built once per refresh.

        Thousands of episodes are built in slices that leave the loop free.
        """
        if data is not self._events_of:
            kinds, slicer, built = self._kinds(), Slicer(), []
            for _start, _end, make in await self._window_spans(data):
                built.append(make(kinds))
                await slicer.tick()
            if data is self.coordinator.data:
                self._events, self._events_of = built, data
            return built
        return self._events

    async def _window_spans(self, data: ArrCalendar) -> list[Span]:
        """Return the spans of the window by start, sorted once per refresh.

        Thousands of episodes are looked at in slices that leave the loop free.
        """
        if data is self._spans_of:
            return self._spans
        start, end = _window(data)
        slicer, spans = Slicer(), []
        for span in self.entity_description.spans_fn(data):
            if span[0] < end and span[1] > start:
                spans.append(span)
            await slicer.tick()
        spans.sort(key=itemgetter(0))
        if data is self.coordinator.data:
            self._spans, self._spans_of, self._ended = spans, data, 0
        return spans

    @property
    def event(self) -> CalendarEvent | None:
        """Return the event on now, or else the next one (only that one is built).

        Read from the last sorted window: a new one is written once sorted.
        """
        now = dt_util.now()
        spans, ended = self._spans, self._ended
        while ended < len(spans) and spans[ended][1] <= now:
            ended += 1
        self._ended = ended
        for index in range(ended, len(spans)):
            _start, end, make = spans[index]
            if end > now:
                return make(self._kinds())
        return None

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Events in a range: from the coordinator if it covers it, else fetched."""
        data = self.coordinator.data
        if data is not None and _covers(_window(data), start_date, end_date):
            events = await self._window_events(data)
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
