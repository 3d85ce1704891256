"""The base of the VPN device's entities that follow the killswitch."""

from __future__ import annotations

from homeassistant.helpers.entity import EntityDescription

from custom_components.myflix.entity import ListenerEntity
from custom_components.myflix.entry import MyflixConfigEntry

from . import KILLSWITCH


class KillswitchEntity(ListenerEntity):
    """An entity of the VPN device that follows the killswitch, not a poll.

    A trip reaches the state machine within one check, so waiting for a
    coordinator would show it up to a poll late.
    """

    def __init__(
        self, entry: MyflixConfigEntry, description: EntityDescription
    ) -> None:
        """Attach the description to the entry's VPN device."""
        runtime = entry.runtime_data.get(KILLSWITCH)
        assert runtime is not None
        self.killswitch = runtime.killswitch
        super().__init__(entry, description, runtime.killswitch, device="gluetun")
