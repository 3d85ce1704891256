"""The base of qBittorrent's writable entities (switch, numbers)."""

from __future__ import annotations

from collections.abc import Awaitable

from homeassistant.helpers.entity import EntityDescription

from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from custom_components.myflix.coordinator import MyflixCoordinator
from custom_components.myflix.entity import MyflixEntity
from custom_components.myflix.services_common import backend_errors

from .coordinator import QbittorrentSettings


class QbittorrentSettingEntity(MyflixEntity[MyflixCoordinator[QbittorrentSettings]]):
    """A global qBittorrent setting: read by the settings poll, set via the client."""

    def __init__(
        self,
        coordinator: MyflixCoordinator[QbittorrentSettings],
        description: EntityDescription,
        client: QbittorrentClient,
    ) -> None:
        """Keep the client the setting is written through."""
        super().__init__(coordinator, description)
        self.client = client

    async def async_write(self, write: Awaitable[None]) -> None:
        """Await a write, translating client errors, then read the settings back."""
        coordinator = self.coordinator
        with backend_errors(self.hass, coordinator.config_entry, coordinator.backend):
            await write
        await coordinator.async_refresh()
