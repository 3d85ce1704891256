"""Radarr and Sonarr, described for the integration's root files."""

from __future__ import annotations

from collections.abc import Mapping

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, SupportsResponse

from custom_components.myflix.backends import BackendClient
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
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.feature import Action, Feature, Needs, OptionsPart
from custom_components.myflix.options_fields import NumberOption, number_fields

from . import RADARR, SONARR
from .actions import (
    GET_QUEUE_SCHEMA,
    GET_UPCOMING_SCHEMA,
    SEARCH_MEDIA_SCHEMA,
    async_get_queue,
    async_get_upcoming,
    async_search_media,
)
from .add import ADD_MOVIE_SCHEMA, ADD_SERIES_SCHEMA, async_add_movie, async_add_series
from .calendar import arr_calendars
from .coordinator import create_radarr_runtime, create_sonarr_runtime
from .entities import arr_binary_sensors, arr_events, arr_sensors

POLLING = (
    NumberOption(CONF_ARR_INTERVAL, DEFAULT_ARR_INTERVAL, 10, 3600, "s"),
    NumberOption(CONF_LIBRARY_INTERVAL, DEFAULT_LIBRARY_INTERVAL, 10, 1440, "min"),
    NumberOption(CONF_CALENDAR_DAYS, DEFAULT_CALENDAR_DAYS, 1, 90, "d"),
)


async def _async_connect(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    clients: Mapping[str, BackendClient],
) -> None:
    """Put a part per configured app: its status, library and calendar polls."""
    runtime = entry.runtime_data
    if isinstance(radarr := clients.get("radarr"), RadarrClient):
        runtime.set(RADARR, create_radarr_runtime(hass, entry, radarr))
    if isinstance(sonarr := clients.get("sonarr"), SonarrClient):
        runtime.set(SONARR, create_sonarr_runtime(hass, entry, sonarr))


ACTIONS: tuple[Action, ...] = (
    Action("get_queue", async_get_queue, GET_QUEUE_SCHEMA, SupportsResponse.ONLY),
    Action("get_upcoming", async_get_upcoming, GET_UPCOMING_SCHEMA, SupportsResponse.ONLY),
    Action("search_media", async_search_media, SEARCH_MEDIA_SCHEMA, SupportsResponse.ONLY),
    Action("add_movie", async_add_movie, ADD_MOVIE_SCHEMA, SupportsResponse.OPTIONAL),
    Action("add_series", async_add_series, ADD_SERIES_SCHEMA, SupportsResponse.OPTIONAL),
)  # fmt: skip


FEATURE = Feature(
    name="arr",
    needs=Needs(any_of=frozenset({"radarr", "sonarr"})),
    async_connect=_async_connect,
    entities={
        Platform.SENSOR: arr_sensors,
        Platform.BINARY_SENSOR: arr_binary_sensors,
        Platform.EVENT: arr_events,
        Platform.CALENDAR: arr_calendars,
    },
    actions=ACTIONS,
    options=(
        OptionsPart(
            page="polling", fields=lambda options: number_fields(options, POLLING)
        ),
    ),
)
