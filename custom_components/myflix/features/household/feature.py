"""The household hold, described for the integration's root files."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, SupportsResponse
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.feature import Action, Feature
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.features.tiering import TIERING
from custom_components.myflix.reading_entities import (
    ListenerBinarySensorEntity,
    ListenerBinarySensorEntityDescription,
)

from . import HOLD, HOLD_NEEDS
from .actions import (
    END_PLAYBACK_HOLD_SCHEMA,
    HOLD_FOR_PLAYBACK_SCHEMA,
    async_end_playback_hold,
    async_hold_for_playback,
)
from .hold import PlaybackHold

HELD = ListenerBinarySensorEntityDescription[PlaybackHold](
    key="playback_hold",
    translation_key="playback_hold",
    is_on_fn=lambda hold: hold.active,
    attributes_fn=lambda hold: {
        key: value for key, value in hold.answer().items() if key != "held"
    },
)


async def _async_start(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Restore a hold that was in force before a restart; tiering waits with it."""
    runtime = entry.runtime_data
    if (qbittorrent := runtime.get(QBITTORRENT)) is None:
        return

    def tiering_waits(held: bool) -> None:
        if (tiering := runtime.get(TIERING)) is not None:
            tiering.set_waiting(held)

    hold = PlaybackHold(hass, entry, qbittorrent.client, tiering_waits)
    await hold.async_restore()
    runtime.set(HOLD, hold)


def _entities(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the hold's binary sensor on the qBittorrent device."""
    if (hold := entry.runtime_data.get(HOLD)) is None:
        return []
    return [
        ListenerBinarySensorEntity(entry, HELD, hold, source=hold, device="qbittorrent")
    ]


ACTIONS: tuple[Action, ...] = (
    Action("hold_for_playback", async_hold_for_playback, HOLD_FOR_PLAYBACK_SCHEMA, SupportsResponse.OPTIONAL),
    Action("end_playback_hold", async_end_playback_hold, END_PLAYBACK_HOLD_SCHEMA, SupportsResponse.OPTIONAL),
)  # fmt: skip


FEATURE = Feature(
    name="household",
    needs=HOLD_NEEDS,
    async_start=_async_start,
    entities={Platform.BINARY_SENSOR: _entities},
    actions=ACTIONS,
)
