"""The base entities (polled through a coordinator, or pushed by a part) and devices.

Each backend has a device, and Myflix has its own for the share gateway and
storage; set-up removes the devices an entry no longer has. A unique ID is
the entry, the device and the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .backends import BACKENDS, configured_backends
from .const import BACKEND_NAMES, DOMAIN
from .coordinator import MyflixCoordinator, failed_parts
from .entry import MyflixConfigEntry

_MANUFACTURERS = {
    "radarr": "Radarr",
    "sonarr": "Sonarr",
    "qbittorrent": "qBittorrent project",
    "gluetun": "gluetun",
}
# The device is named for what it stands for; the model says what runs it.
_DEVICE_NAMES = {"gluetun": "VPN"}


def backend_device_info(entry: MyflixConfigEntry, backend: str) -> DeviceInfo:
    """Describe the service device of one backend of an entry."""
    url_field = next(b.url_field for b in BACKENDS if b.key == backend)
    return DeviceInfo(
        identifiers={(DOMAIN, f"{entry.entry_id}_{backend}")},
        name=_DEVICE_NAMES.get(backend, BACKEND_NAMES[backend]),
        manufacturer=_MANUFACTURERS[backend],
        model=BACKEND_NAMES[backend],
        sw_version=entry.runtime_data.versions.get(backend),
        configuration_url=entry.data[url_field],
        entry_type=DeviceEntryType.SERVICE,
    )


def own_device_info(
    entry: MyflixConfigEntry, device: str, *, name: str, model: str
) -> DeviceInfo:
    """Describe a device Myflix itself provides (no backend runs it): share, storage."""
    return DeviceInfo(
        identifiers={(DOMAIN, f"{entry.entry_id}_{device}")},
        name=name,
        manufacturer="Myflix",
        model=model,
        entry_type=DeviceEntryType.SERVICE,
    )


@dataclass(frozen=True, kw_only=True)
class MyflixEntityDescription(EntityDescription):
    """What Myflix adds to every description: the endpoints an entity reads."""

    needs: tuple[str, ...] = ()
    """Fields of the coordinator's ``Parts`` data: unavailable while one failed."""


class MyflixEntity[CoordinatorT: MyflixCoordinator[Any]](
    CoordinatorEntity[CoordinatorT]
):
    """An entity of one backend, fed by one of its coordinators.

    Available while its backend answers and every endpoint it reads does:
    one failing endpoint takes down only the entities that need it.
    """

    _attr_has_entity_name = True

    def __init__(
        self,
        coordinator: CoordinatorT,
        description: EntityDescription,
        *,
        unique_suffix: str | None = None,
    ) -> None:
        """Attach the description; the unique ID is entry, backend and key."""
        super().__init__(coordinator)
        self.entity_description = description
        entry = coordinator.config_entry
        key = (
            description.key
            if unique_suffix is None
            else f"{description.key}_{unique_suffix}"
        )
        self._attr_unique_id = f"{entry.entry_id}_{coordinator.backend}_{key}"
        self._attr_device_info = backend_device_info(entry, coordinator.backend)
        self._needs = (
            description.needs
            if isinstance(description, MyflixEntityDescription)
            else ()
        )

    @property
    def available(self) -> bool:
        """Available while the backend and the endpoints this entity reads answer."""
        failed = failed_parts(self.coordinator.data)
        return super().available and not any(part in failed for part in self._needs)


@callback
def async_remove_stale_devices(
    hass: HomeAssistant, entry: MyflixConfigEntry, *others: str
) -> None:
    """Remove the devices of backends the entry no longer configures.

    ``others``: devices the entry still has besides its backends' (``share``).
    """
    wanted = {
        (DOMAIN, f"{entry.entry_id}_{b.key}") for b in configured_backends(entry.data)
    }
    wanted |= {(DOMAIN, f"{entry.entry_id}_{other}") for other in others}
    registry = dr.async_get(hass)
    for device in dr.async_entries_for_config_entry(registry, entry.entry_id):
        # A device belongs to one entry only (HA 2026.9): detaching is removing.
        if not device.identifiers & wanted:
            registry.async_remove_device(device.id)


class Observable(Protocol):
    """What a listener entity follows: a part that calls its listeners on change."""

    def add_listener(self, listener: Callable[..., None]) -> Callable[[], None]:
        """Call ``listener`` on every change until the returned callable is called."""


class ListenerEntity(Entity):
    """An entity pushed by a runtime part's listener (killswitch, healer, tiering...).

    No coordinator and no poll: the part calls back when it changes, which
    for the killswitch is within one check rather than a poll later.
    """

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self,
        entry: MyflixConfigEntry,
        description: EntityDescription,
        source: Observable,
        *,
        device: str,
        device_info: DeviceInfo | None = None,
    ) -> None:
        """Follow ``source``; the unique ID is entry, ``device`` and key.

        ``device_info`` defaults to the backend device named ``device``.
        """
        self.entity_description = description
        self._source = source
        self._attr_unique_id = f"{entry.entry_id}_{device}_{description.key}"
        self._attr_device_info = device_info or backend_device_info(entry, device)

    async def async_added_to_hass(self) -> None:
        """Follow every change the part publishes."""
        self.async_on_remove(self._source.add_listener(self._on_change))

    @callback
    def _on_change(self, *_change: object) -> None:
        self.async_write_ha_state()
