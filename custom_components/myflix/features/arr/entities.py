"""Radarr and Sonarr entities: library, queue and disk sensors, health, imports."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from functools import partial
from typing import Any

from homeassistant.components.binary_sensor import BinarySensorDeviceClass
from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import callback
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from custom_components.myflix.clients.arr.client import ArrClient
from custom_components.myflix.clients.arr.models import DOWNLOAD_IMPORTED, HealthCheck
from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.const import LOGGER
from custom_components.myflix.coordinator import MyflixCoordinator
from custom_components.myflix.engine.downloads import ImportWatch, import_data
from custom_components.myflix.entity import MyflixEntity
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.reading_entities import (
    MyflixBinarySensorEntity,
    MyflixBinarySensorEntityDescription,
    MyflixSensorEntity,
    MyflixSensorEntityDescription,
    coordinator_sensors,
    counter_description,
    free_space_description,
    version_sensor,
)

from . import RADARR, SONARR
from .coordinator import ArrLibrary, ArrRuntime, ArrStatus

# Radarr/Sonarr rate each check ok, notice, warning or error.
PROBLEM_TYPES = frozenset({"warning", "error"})
# The attribute only names the problems; the app's System page has the rest.
MAX_PROBLEMS = 10
MAX_MESSAGE = 200

STATUS_SENSORS: tuple[MyflixSensorEntityDescription[ArrStatus], ...] = (
    counter_description(
        "queue", lambda status: len(status.queue or ()), needs=("queue",)
    ),
)

RADARR_LIBRARY_SENSORS: tuple[MyflixSensorEntityDescription[ArrLibrary], ...] = (
    counter_description("movies", lambda library: library.total, needs=("library",)),
    counter_description(
        "monitored_movies",
        lambda library: library.monitored,
        needs=("library",),
        entity_registry_enabled_default=False,
    ),
    counter_description(
        "missing_movies", lambda library: library.missing, needs=("missing",)
    ),
)

SONARR_LIBRARY_SENSORS: tuple[MyflixSensorEntityDescription[ArrLibrary], ...] = (
    counter_description("series", lambda library: library.total, needs=("library",)),
    counter_description(
        "episodes", lambda library: library.episodes, needs=("library",)
    ),
    counter_description(
        "missing_episodes", lambda library: library.missing, needs=("missing",)
    ),
)

ROOT_FOLDER_SENSOR = free_space_description(
    key="root_folder_free_space",
    translation_key="root_folder_free_space",
    value_fn=lambda _: None,
)


def _problems(status: ArrStatus) -> list[HealthCheck]:
    """Every warning or error, whatever its source."""
    health = status.health or ()
    return [check for check in health if check.type.lower() in PROBLEM_TYPES]


def _problem_messages(status: ArrStatus) -> dict[str, Any]:
    """Name the first few problems, each message cut short."""
    return {
        "problems": [
            (check.message or check.source)[:MAX_MESSAGE]
            for check in _problems(status)[:MAX_PROBLEMS]
        ]
    }


HEALTH = MyflixBinarySensorEntityDescription[ArrStatus](
    key="health_problems",
    translation_key="health_problems",
    device_class=BinarySensorDeviceClass.PROBLEM,
    entity_category=EntityCategory.DIAGNOSTIC,
    is_on_fn=lambda status: bool(_problems(status)),
    attributes_fn=_problem_messages,
    needs=("health",),
)

IMPORTS = EventEntityDescription(
    key="imports",
    translation_key="imports",
    event_types=["imported"],
)


def _apps(entry: MyflixConfigEntry) -> list[ArrRuntime[Any]]:
    runtime = entry.runtime_data
    return [arr for arr in (runtime.get(RADARR), runtime.get(SONARR)) if arr]


def _root_folder_description(path: str) -> MyflixSensorEntityDescription[ArrStatus]:
    """Describe the free-space sensor of one root folder."""

    def free_space(status: ArrStatus) -> int | None:
        folders = status.root_folders or ()
        return next((f.free_space for f in folders if f.path == path), None)

    return replace(
        ROOT_FOLDER_SENSOR,
        translation_placeholders={"path": path},
        value_fn=free_space,
        needs=("root_folders",),
        # A folder removed in Radarr/Sonarr leaves its sensor unavailable.
        available_fn=lambda status: any(
            f.path == path for f in status.root_folders or ()
        ),
    )


@callback
def _async_add_root_folders(
    coordinator: MyflixCoordinator[ArrStatus],
    known: set[str],
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a free-space sensor for each root folder not seen before."""
    if coordinator.data is None:
        return
    folders = coordinator.data.root_folders or ()  # None: not read this time
    new = [f.path for f in folders if f.path not in known]
    known.update(new)
    async_add_entities(
        MyflixSensorEntity(
            coordinator, _root_folder_description(path), unique_suffix=path
        )
        for path in new
    )


def arr_sensors(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the library, queue and version sensors; root folders as they appear."""
    entities: list[Entity] = []
    for arr in _apps(entry):
        library = (
            RADARR_LIBRARY_SENSORS if arr.key == "radarr" else SONARR_LIBRARY_SENSORS
        )
        entities += [
            *coordinator_sensors(arr.library, library),
            *coordinator_sensors(arr.status, STATUS_SENSORS),
            version_sensor(arr.status, entry),
        ]
        # Root folders come and go: follow them without a reload (as wled does).
        add_folders = partial(
            _async_add_root_folders, arr.status, set(), async_add_entities
        )
        entry.async_on_unload(arr.status.async_add_listener(add_folders))
        add_folders()
    return entities


def arr_binary_sensors(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build one health problems sensor per app."""
    return [MyflixBinarySensorEntity(arr.status, HEALTH) for arr in _apps(entry)]


def arr_events(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build one imports event per app."""
    return [
        MyflixImportsEvent(arr.status, IMPORTS, client=arr.client)
        for arr in _apps(entry)
    ]


class MyflixImportsEvent(MyflixEntity[MyflixCoordinator[ArrStatus]], EventEntity):
    """Fires ``imported`` for each import Radarr or Sonarr records in its history.

    The app's own ``downloadFolderImported`` history events are the faithful
    source (a queue item that disappears may as well have been removed). The
    history is read after each status poll, from the last record seen.
    """

    def __init__(
        self,
        coordinator: MyflixCoordinator[ArrStatus],
        description: EventEntityDescription,
        *,
        client: ArrClient,
    ) -> None:
        """Watch ``client``'s history whenever ``coordinator`` polls."""
        super().__init__(coordinator, description)
        self._client = client
        self._watch = ImportWatch()
        self._look: asyncio.Task[None] | None = None

    async def async_added_to_hass(self) -> None:
        """Take the baseline right away if the app answers."""
        await super().async_added_to_hass()
        if self.coordinator.last_update_success:
            self._start_look()

    async def async_will_remove_from_hass(self) -> None:
        """Stop a look in progress."""
        if self._look is not None:
            self._look.cancel()
        await super().async_will_remove_from_hass()

    @callback
    def _handle_coordinator_update(self) -> None:
        """Look at the history after each successful poll."""
        super()._handle_coordinator_update()
        if self.coordinator.last_update_success:
            self._start_look()

    @callback
    def _start_look(self) -> None:
        """Read the history in the background, unless a look is still running."""
        if self._look is not None and not self._look.done():
            return  # the next poll looks again
        self._look = self.coordinator.config_entry.async_create_background_task(
            self.hass, self._async_look(), f"myflix {self.coordinator.backend} imports"
        )

    async def _async_look(self) -> None:
        """Fetch the history since the last record seen and fire the new imports."""
        since = self._watch.since(dt_util.utcnow())
        try:
            records = await self._client.history_since(
                since, event_type=DOWNLOAD_IMPORTED
            )
        except MyflixError as err:
            # The status poll reports outages; the next look catches up.
            LOGGER.debug("Reading the %s history failed: %s", self._client.APP, err)
            return
        for record in self._watch.take(records):
            self._trigger_event("imported", import_data(record))
            self.async_write_ha_state()
