"""Radarr and Sonarr read actions: the queue, what comes up, and lookups."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
import homeassistant.helpers.config_validation as cv
from homeassistant.util import dt as dt_util

from custom_components.myflix.clients.arr.models import (
    Episode,
    Movie,
    QueueItem,
    Series,
)
from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.clients.sonarr import SonarrClient
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ATTR_LIMIT,
    ATTR_QUERY,
    ENTRY_FIELDS,
    backend_errors,
    current_parts,
    limit_field,
    limited,
    percent,
    require_backend,
    resolve_entry,
    trim,
    validation_error,
)

from . import ARR
from .coordinator import ArrRuntime

ATTR_BACKEND = "backend"
ATTR_DAYS = "days"
ATTR_MEDIA_TYPE = "media_type"

ARR_BACKENDS = ("radarr", "sonarr")
MEDIA_BACKENDS = {"movie": "radarr", "series": "sonarr"}

GET_QUEUE_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_BACKEND): vol.In(ARR_BACKENDS),
        **limit_field(50, 500),
    }
)
GET_UPCOMING_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_DAYS, default=7): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=90)
        ),
        vol.Optional(ATTR_BACKEND): vol.In(ARR_BACKENDS),
        **limit_field(50, 500),
    }
)
SEARCH_MEDIA_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Required(ATTR_QUERY): vol.All(cv.string, vol.Strip, vol.Length(min=1)),
        vol.Optional(ATTR_MEDIA_TYPE): vol.In(tuple(MEDIA_BACKENDS)),
        **limit_field(5, 25),
    }
)


def arr_runtimes(
    entry: MyflixConfigEntry, backend: str | None
) -> list[ArrRuntime[Any]]:
    """Return the entry's Radarr and/or Sonarr, or only the ``backend`` asked for."""
    data = entry.runtime_data
    if backend is not None:
        return [require_backend(entry, backend, data.get(ARR[backend]))]
    found = [arr for key in ARR.values() if (arr := data.get(key)) is not None]
    if not found:
        raise validation_error("no_arr_backend", entry=entry.title)
    return found


def _queue_item(source: str, item: QueueItem) -> dict[str, Any]:
    messages = [m for m in item.status_messages if m != item.error_message]
    return {
        "source": source,
        "title": item.title,
        "status": item.status,
        "tracked_status": item.tracked_download_status,
        "progress": percent(item.size - item.sizeleft, item.size),
        "size": int(item.size),
        "time_left": int(item.timeleft.total_seconds()) if item.timeleft else None,
        "download_id": item.download_id,
        "error": trim(item.error_message),
        "messages": [trim(m) for m in messages[:3]],
    }


async def async_get_queue(call: ServiceCall) -> ServiceResponse:
    """Radarr and Sonarr downloads, from the latest status poll."""
    entry = resolve_entry(call)
    items = [
        _queue_item(runtime.key, item)
        for runtime in arr_runtimes(entry, call.data.get(ATTR_BACKEND))
        for item in current_parts(runtime.status, "queue").queue or ()
    ]
    return limited(items, call.data[ATTR_LIMIT])


def _movie_releases(movie: Movie, start: date, end: date) -> list[dict[str, Any]]:
    return [
        {
            "source": "radarr",
            "title": movie.title,
            "year": movie.year,
            "release": kind,
            "date": day.isoformat(),
            "time": None,
            "has_file": movie.has_file,
        }
        for kind, day in movie.release_days()
        if start <= day < end
    ]


def _episode(episode: Episode, aired: datetime) -> dict[str, Any]:
    local = dt_util.as_local(aired)
    return {
        "source": "sonarr",
        "series": episode.series_title,
        "title": episode.title,
        "episode": f"S{episode.season_number:02d}E{episode.episode_number:02d}",
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "has_file": episode.has_file,
    }


async def _upcoming_movies(
    client: RadarrClient, start: date, end: date
) -> list[dict[str, Any]]:
    movies = await client.calendar(start - timedelta(days=1), end + timedelta(days=1))
    return [item for movie in movies for item in _movie_releases(movie, start, end)]


async def _upcoming_episodes(
    client: SonarrClient, start: date, end: date
) -> list[dict[str, Any]]:
    first, after = dt_util.start_of_local_day(start), dt_util.start_of_local_day(end)
    episodes = await client.calendar(first, after)
    return [
        _episode(episode, aired)
        for episode in episodes
        if (aired := episode.air_date_utc) is not None and first <= aired < after
    ]


# Per backend: what comes up in a window of local dates.
_UPCOMING: dict[str, Callable[[Any, date, date], Awaitable[list[dict[str, Any]]]]] = {
    "radarr": _upcoming_movies,
    "sonarr": _upcoming_episodes,
}


async def async_get_upcoming(call: ServiceCall) -> ServiceResponse:
    """Movies and episodes of the next days, in local date and time order."""
    hass, entry = call.hass, resolve_entry(call)
    start = dt_util.now().date()
    end = start + timedelta(days=call.data[ATTR_DAYS])

    async def fetch(runtime: ArrRuntime[Any]) -> list[dict[str, Any]]:
        with backend_errors(hass, entry, runtime.key):
            return await _UPCOMING[runtime.key](runtime.client, start, end)

    runtimes = arr_runtimes(entry, call.data.get(ATTR_BACKEND))
    found = await asyncio.gather(*(fetch(runtime) for runtime in runtimes))
    # All-day movie releases come before the timed episodes of the same day.
    items = sorted(
        (item for items in found for item in items),
        key=lambda item: (item["date"], item["time"] or ""),
    )
    return {
        "start": start.isoformat(),
        "end": (end - timedelta(days=1)).isoformat(),
        **limited(items, call.data[ATTR_LIMIT]),
    }


def _movie_result(movie: Movie) -> dict[str, Any]:
    return {
        "title": movie.title,
        "year": movie.year,
        "tmdb_id": movie.tmdb_id,
        "overview": trim(movie.overview),
        "in_library": movie.id > 0,
    }


def _series_result(series: Series) -> dict[str, Any]:
    return {
        "title": series.title,
        "year": series.year,
        "tvdb_id": series.tvdb_id,
        "network": series.network,
        "overview": trim(series.overview),
        "in_library": series.id > 0,
    }


# Per backend: the response key, how to look a title up, how to show a result.
_LOOKUPS: dict[
    str,
    tuple[
        str,
        Callable[[Any, str], Awaitable[list[Any]]],
        Callable[[Any], dict[str, Any]],
    ],
] = {
    "radarr": ("movies", RadarrClient.lookup_movie, _movie_result),
    "sonarr": ("series", SonarrClient.lookup_series, _series_result),
}


async def async_search_media(call: ServiceCall) -> ServiceResponse:
    """Look a title up through Radarr (movies) and/or Sonarr (series)."""
    hass, entry = call.hass, resolve_entry(call)
    query, limit = call.data[ATTR_QUERY], call.data[ATTR_LIMIT]
    media_type = call.data.get(ATTR_MEDIA_TYPE)
    runtimes = arr_runtimes(
        entry, MEDIA_BACKENDS[media_type] if media_type is not None else None
    )

    async def search(runtime: ArrRuntime[Any]) -> tuple[str, dict[str, Any]]:
        key, lookup_fn, result_fn = _LOOKUPS[runtime.key]
        with backend_errors(hass, entry, runtime.key):
            found = await lookup_fn(runtime.client, query)
        return key, limited([result_fn(item) for item in found], limit)

    return dict(await asyncio.gather(*(search(runtime) for runtime in runtimes)))
