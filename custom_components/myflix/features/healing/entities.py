"""Healing entities on the qBittorrent device: a switch, three sensors, an event."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.components.sensor import SensorStateClass
from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import callback
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from custom_components.myflix.clients.slices import Slicer
from custom_components.myflix.engine.healing import PassResult
from custom_components.myflix.entity import ListenerEntity
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.reading_entities import (
    ListenerSensorEntity,
    ListenerSensorEntityDescription,
)

from . import HEALING
from .runner import HealingRuntime, pass_events

SENSORS: tuple[ListenerSensorEntityDescription[HealingRuntime], ...] = (
    ListenerSensorEntityDescription(
        key="healing_watched",
        translation_key="healing_watched",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda healing: healing.watched,
    ),
    ListenerSensorEntityDescription(
        key="healing_striking",
        translation_key="healing_striking",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda healing: healing.striking,
    ),
    ListenerSensorEntityDescription(
        key="healing_replaced_today",
        translation_key="healing_replaced_today",
        state_class=SensorStateClass.TOTAL,
        value_fn=lambda healing: healing.replaced_today,
    ),
)
HEALING_SWITCH = SwitchEntityDescription(key="healing", translation_key="healing")
HEALING_EVENT = EventEntityDescription(
    key="healing_events",
    translation_key="healing_events",
    event_types=["stalled", "replaced"],
)


class HealingEntity(ListenerEntity):
    """An entity of the qBittorrent device that follows the healer's passes."""

    def __init__(
        self, entry: MyflixConfigEntry, description: EntityDescription
    ) -> None:
        """Attach the description to the entry's qBittorrent device."""
        healing = entry.runtime_data.get(HEALING)
        assert healing is not None
        self.healing = healing
        super().__init__(entry, description, healing, device="qbittorrent")


class HealingSwitch(HealingEntity, SwitchEntity):
    """Turns the periodic healing pass on and off (stored)."""

    @property
    def is_on(self) -> bool:
        """Return whether the periodic pass runs."""
        return self.healing.enabled

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Start healing on the next interval."""
        await self.healing.set_enabled(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Stop healing; strikes are kept."""
        await self.healing.set_enabled(False)


def healing_sensors(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the healer's counts (none without a healer)."""
    if (healing := entry.runtime_data.get(HEALING)) is None:
        return []
    return [
        ListenerSensorEntity(
            entry, description, healing, source=healing, device="qbittorrent"
        )
        for description in SENSORS
    ]


def healing_switches(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the healing switch (none without a healer)."""
    if entry.runtime_data.get(HEALING) is None:
        return []
    return [HealingSwitch(entry, HEALING_SWITCH)]


class HealingEventEntity(HealingEntity, EventEntity):
    """Fires ``stalled`` (a new strike) and ``replaced`` for the dashboard."""

    def __init__(
        self, entry: MyflixConfigEntry, description: EntityDescription
    ) -> None:
        """Start with no event waiting."""
        super().__init__(entry, description)
        self._waiting: deque[tuple[str, dict[str, Any]]] = deque()
        self._firing: asyncio.Task[None] | None = None

    async def async_added_to_hass(self) -> None:
        """Follow every real pass."""
        self.async_on_remove(self.healing.healer.add_listener(self._on_pass))

    async def async_will_remove_from_hass(self) -> None:
        """Drop the events not fired yet."""
        await super().async_will_remove_from_hass()
        if self._firing is not None:
            self._firing.cancel()

    @callback
    def _on_pass(self, result: PassResult) -> None:
        self._waiting.extend(
            pass_events(result, self.healing.entry.entry_id, self.healing.healer.config)
        )
        if self._firing is None or self._firing.done():
            self._firing = self.hass.async_create_task(
                self._fire_waiting(), "myflix healing events", eager_start=True
            )

    async def _fire_waiting(self) -> None:
        """Fire the waiting events in order, in slices: a pass can strike thousands."""
        slicer = Slicer()
        while self._waiting:
            kind, data = self._waiting.popleft()
            self._trigger_event(kind, data)
            self.async_write_ha_state()
            await slicer.tick()


def healing_events(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the healing event entity (none without a healer)."""
    if entry.runtime_data.get(HEALING) is None:
        return []
    return [HealingEventEntity(entry, HEALING_EVENT)]
