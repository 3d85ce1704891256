"""Switches: qBittorrent's alternative speed limits; the killswitch's arming."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .clients.qbittorrent import QbittorrentClient
from .entity import MyflixEntityDescription
from .entry import MyflixConfigEntry
from .features.healing.entities import healing_switches
from .features.qbittorrent import QBITTORRENT
from .features.qbittorrent.coordinator import QbittorrentSettings
from .features.qbittorrent.entity import QbittorrentSettingEntity
from .features.vpn import KILLSWITCH
from .features.vpn.entity import KillswitchEntity

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class MyflixSwitchEntityDescription(SwitchEntityDescription, MyflixEntityDescription):
    """Describes a qBittorrent switch: how to read it and how to set it."""

    is_on_fn: Callable[[QbittorrentSettings], bool | None]
    set_fn: Callable[[QbittorrentClient, bool], Awaitable[None]]


SWITCHES: tuple[MyflixSwitchEntityDescription, ...] = (
    MyflixSwitchEntityDescription(
        key="alternative_speed_limits",
        translation_key="alternative_speed_limits",
        is_on_fn=lambda settings: settings.alternative_limits,
        needs=("alternative_limits",),
        set_fn=lambda client, on: client.set_speed_limits_mode(on),
    ),
)


KILLSWITCH_ARMED = SwitchEntityDescription(
    key="killswitch_armed", translation_key="killswitch_armed"
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the qBittorrent switches and the killswitch's arming."""
    runtime = entry.runtime_data
    entities: list[SwitchEntity] = []
    if (qbittorrent := runtime.get(QBITTORRENT)) is not None:
        entities += [
            MyflixSwitchEntity(qbittorrent.settings, description, qbittorrent.client)
            for description in SWITCHES
        ]
    if runtime.get(KILLSWITCH) is not None:
        entities.append(KillswitchArmedSwitch(entry, KILLSWITCH_ARMED))
    entities += healing_switches(entry)
    async_add_entities(entities)


class MyflixSwitchEntity(QbittorrentSettingEntity, SwitchEntity):
    """A qBittorrent switch backed by the settings coordinator."""

    entity_description: MyflixSwitchEntityDescription

    @property
    def is_on(self) -> bool | None:
        """Return the state from the latest settings."""
        return self.entity_description.is_on_fn(self.coordinator.data)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Turn the setting on."""
        await self.async_write(self.entity_description.set_fn(self.client, True))

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Turn the setting off."""
        await self.async_write(self.entity_description.set_fn(self.client, False))


class KillswitchArmedSwitch(KillswitchEntity, SwitchEntity):
    """Arms the killswitch; disarming leaves a halt in force until released."""

    @property
    def is_on(self) -> bool:
        """Return whether automatic protection is on."""
        return self.killswitch.snapshot.armed

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Arm (stored, so it survives a restart)."""
        await self.killswitch.arm()

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Disarm (stored, so it survives a restart)."""
        await self.killswitch.disarm()
