"""The base of the VPN device's entities that follow the killswitch."""

from __future__ import annotations

from homeassistant.core import callback
from homeassistant.helpers.entity import Entity, EntityDescription

from custom_components.myflix.engine.killswitch import KillswitchSnapshot
from custom_components.myflix.entity import backend_device_info
from custom_components.myflix.entry import MyflixConfigEntry

from . import KILLSWITCH


class KillswitchEntity(Entity):
    """An entity of the VPN device fed by the killswitch's listener, not a poll.

    A trip reaches the state machine within one check, so waiting for a
    coordinator would show it up to a poll late.
    """

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, entry: MyflixConfigEntry, description: EntityDescription
    ) -> None:
        """Attach the description to the entry's VPN device."""
        runtime = entry.runtime_data.get(KILLSWITCH)
        assert runtime is not None
        self.entity_description = description
        self.killswitch = runtime.killswitch
        self._attr_unique_id = f"{entry.entry_id}_gluetun_{description.key}"
        self._attr_device_info = backend_device_info(entry, "gluetun")

    async def async_added_to_hass(self) -> None:
        """Follow every change the killswitch publishes."""
        self.async_on_remove(self.killswitch.add_listener(self._on_change))

    @callback
    def _on_change(self, _snapshot: KillswitchSnapshot, _event: object) -> None:
        self.async_write_ha_state()
