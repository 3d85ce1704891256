"""Event entities: torrents added and finished in qBittorrent, imports in Radarr/Sonarr."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .clients.arr.client import ArrClient
from .clients.arr.models import DOWNLOAD_IMPORTED
from .clients.errors import MyflixError
from .clients.qbittorrent import MainData, Torrent
from .const import LOGGER
from .coordinator import MyflixCoordinator
from .engine.downloads import (
    DownloadEventType,
    ImportWatch,
    download_events,
    import_data,
)
from .entity import MyflixEntity
from .entry import MyflixConfigEntry
from .features.arr import RADARR, SONARR
from .features.arr.coordinator import ArrStatus
from .features.healing.entities import healing_events
from .features.qbittorrent import QBITTORRENT

PARALLEL_UPDATES = 0

DOWNLOADS = EventEntityDescription(
    key="downloads",
    translation_key="downloads",
    event_types=[kind.value for kind in DownloadEventType],
)
IMPORTS = EventEntityDescription(
    key="imports",
    translation_key="imports",
    event_types=["imported"],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the downloads event of qBittorrent and the imports of Radarr/Sonarr."""
    runtime = entry.runtime_data
    entities: list[EventEntity] = [
        MyflixImportsEvent(arr.status, IMPORTS, client=arr.client)
        for arr in (runtime.get(RADARR), runtime.get(SONARR))
        if arr is not None
    ]
    if (qbittorrent := runtime.get(QBITTORRENT)) is not None:
        entities.append(MyflixDownloadsEvent(qbittorrent.sync, DOWNLOADS))
    entities += healing_events(entry)
    async_add_entities(entities)


class MyflixDownloadsEvent(MyflixEntity[MyflixCoordinator[MainData]], EventEntity):
    """Fires ``added`` and ``completed`` from the diff of two torrent snapshots."""

    _previous: Mapping[str, Torrent] | None = None

    async def async_added_to_hass(self) -> None:
        """Take the torrents known at setup as the baseline: no event storm."""
        await super().async_added_to_hass()
        if self.coordinator.last_update_success and self.coordinator.data:
            self._previous = self.coordinator.data.torrents

    @callback
    def _handle_coordinator_update(self) -> None:
        """Fire one event per torrent that appeared or finished since the last poll."""
        events = []
        if self.coordinator.last_update_success:
            torrents = self.coordinator.data.torrents
            events = download_events(self._previous, torrents)
            self._previous = torrents
        for event in events:
            self._trigger_event(event.type.value, event.as_data())
            self.async_write_ha_state()
        if not events:
            self.async_write_ha_state()  # availability may have changed


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
