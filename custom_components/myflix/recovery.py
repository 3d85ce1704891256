"""When a backend answers again after an outage, catch up on what it missed.

Its slow coordinators (library counts, calendar, settings) would otherwise wait
for their next timer, up to hours, and a backend that was down at setup would
keep an unknown version on its device.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr

from .backends import BACKENDS
from .clients.errors import MyflixError
from .const import DOMAIN, LOGGER
from .features.arr import RADARR, SONARR
from .features.qbittorrent import QBITTORRENT

if TYPE_CHECKING:
    from .entry import MyflixConfigEntry
    from .features.arr.coordinator import ArrRuntime
    from .features.qbittorrent.coordinator import QbittorrentRuntime


@callback
def async_setup_recovery(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Watch the fast coordinator of each backend for its return."""
    runtime = entry.runtime_data
    backends: list[ArrRuntime[Any] | QbittorrentRuntime | None] = [
        runtime.get(RADARR),
        runtime.get(SONARR),
        runtime.get(QBITTORRENT),
    ]
    for backend in backends:
        if backend is not None:
            _RecoveryWatcher(hass, entry, backend).start()


class _RecoveryWatcher:
    """Refreshes a backend's slow coordinators when its fast one recovers."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: MyflixConfigEntry,
        backend: ArrRuntime[Any] | QbittorrentRuntime,
    ) -> None:
        self._hass = hass
        self._entry = entry
        self._backend = backend
        self._primary, *self._followers = backend.coordinators()
        self._was_up = self._primary.last_update_success

    def start(self) -> None:
        """Listen until the entry unloads."""
        self._entry.async_on_unload(self._primary.async_add_listener(self._on_update))

    @callback
    def _on_update(self) -> None:
        is_up = self._primary.last_update_success
        if is_up and not self._was_up:
            self._entry.async_create_background_task(
                self._hass,
                self._async_catch_up(),
                f"myflix catch up {self._backend.key}",
            )
        self._was_up = is_up

    async def _async_catch_up(self) -> None:
        for follower in self._followers:
            await follower.async_request_refresh()
        if self._backend.key not in self._entry.runtime_data.versions:
            await self._async_learn_version()

    async def _async_learn_version(self) -> None:
        description = next(b for b in BACKENDS if b.key == self._backend.key)
        try:
            version = await description.version_fn(self._backend.client)
        except MyflixError as err:
            LOGGER.debug("Version of %s still unknown: %s", self._backend.key, err)
            return
        self._entry.runtime_data.versions[self._backend.key] = version
        registry = dr.async_get(self._hass)
        identifier = (DOMAIN, f"{self._entry.entry_id}_{self._backend.key}")
        # Identifiers are unique per entry only (HA 2026.9): look within ours.
        for device in dr.async_entries_for_config_entry(registry, self._entry.entry_id):
            if identifier in device.identifiers:
                registry.async_update_device(device.id, sw_version=version)
