"""qBittorrent entities: transfer sensors, limits, the alternative-limits switch, downloads."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.components.sensor import SensorDeviceClass, SensorStateClass
from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import EntityCategory, UnitOfDataRate
from homeassistant.core import callback
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from custom_components.myflix.clients.qbittorrent import (
    MainData,
    QbittorrentClient,
    Torrent,
    TorrentCounts,
)
from custom_components.myflix.coordinator import MyflixCoordinator
from custom_components.myflix.engine.downloads import DownloadEventType, download_events
from custom_components.myflix.entity import MyflixEntity, MyflixEntityDescription
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.reading_entities import (
    MyflixSensorEntityDescription,
    coordinator_sensors,
    counter_description,
    free_space_description,
    version_sensor,
)
from custom_components.myflix.services_common import backend_errors

from . import QBITTORRENT
from .coordinator import QbittorrentSettings

CONNECTION_STATES = ["connected", "firewalled", "disconnected"]
# qBittorrent takes bytes/s; its own UI, and the limit entities, speak KiB/s.
KIB = 1024


def _torrent_counter(
    key: str, count: Callable[[TorrentCounts], int]
) -> MyflixSensorEntityDescription[MainData]:
    """Describe a count of torrents, read from the counts kept as they merge."""
    return counter_description(key, lambda data: count(data.counts))


def _speed(
    key: str, value_fn: Callable[[MainData], int], **kwargs: Any
) -> MyflixSensorEntityDescription[MainData]:
    """Describe a transfer speed: bytes/s, shown in MiB/s."""
    return MyflixSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_RATE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.MEBIBYTES_PER_SECOND,
        suggested_display_precision=2,
        value_fn=value_fn,
        **kwargs,
    )


# Counted from the normalised status, never from raw state strings: 4.x says
# "pausedDL", 5.x "stoppedDL" (HA core counts 5.x wrong, core#132116).
SENSORS: tuple[MyflixSensorEntityDescription[MainData], ...] = (
    _speed("download_speed", lambda data: data.server_state.dl_info_speed),
    # Secondary and changes every poll: opt-in.
    _speed(
        "upload_speed",
        lambda data: data.server_state.up_info_speed,
        entity_registry_enabled_default=False,
    ),
    _torrent_counter("active_torrents", lambda counts: counts.active),
    _torrent_counter("downloading_torrents", lambda counts: counts.downloading),
    _torrent_counter("seeding_torrents", lambda counts: counts.seeding),
    _torrent_counter("stalled_torrents", lambda counts: counts.stalled),
    _torrent_counter("stopped_torrents", lambda counts: counts.stopped),
    _torrent_counter("errored_torrents", lambda counts: counts.errored),
    counter_description("total_torrents", lambda data: len(data.torrents)),
    free_space_description(
        key="free_space",
        translation_key="free_space",
        value_fn=lambda data: data.server_state.free_space_on_disk,
        # Servers that do not report it send nothing (parsed as -1).
        exists_fn=lambda data: data.server_state.free_space_on_disk >= 0,
    ),
    MyflixSensorEntityDescription(
        key="connection_status",
        translation_key="connection_status",
        device_class=SensorDeviceClass.ENUM,
        options=CONNECTION_STATES,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: (
            status
            if (status := data.server_state.connection_status) in CONNECTION_STATES
            else None
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class SettingEntityDescription[ValueT](MyflixEntityDescription):
    """Describes a global setting: how to read it and how to write it."""

    value_fn: Callable[[QbittorrentSettings], ValueT | None]
    set_fn: Callable[[QbittorrentClient, ValueT], Awaitable[None]]


@dataclass(frozen=True, kw_only=True)
class SwitchDescription(SwitchEntityDescription, SettingEntityDescription[bool]):
    """Describes a qBittorrent switch."""


@dataclass(frozen=True, kw_only=True)
class LimitDescription(NumberEntityDescription, SettingEntityDescription[int]):
    """Describes a qBittorrent limit: read and written in bytes/s (0 = none)."""


SWITCHES: tuple[SwitchDescription, ...] = (
    SwitchDescription(
        key="alternative_speed_limits",
        translation_key="alternative_speed_limits",
        value_fn=lambda settings: settings.alternative_limits,
        needs=("alternative_limits",),
        set_fn=lambda client, on: client.set_speed_limits_mode(on),
    ),
)


def _limit(
    key: str,
    value_fn: Callable[[QbittorrentSettings], int | None],
    set_fn: Callable[[QbittorrentClient, int], Awaitable[None]],
) -> LimitDescription:
    """Describe a global speed limit in KiB/s, 0 meaning unlimited."""
    return LimitDescription(
        key=key,
        translation_key=key,
        entity_category=EntityCategory.CONFIG,
        device_class=NumberDeviceClass.DATA_RATE,
        native_unit_of_measurement=UnitOfDataRate.KIBIBYTES_PER_SECOND,
        native_min_value=0,
        native_max_value=1_000_000,
        native_step=1,
        mode=NumberMode.BOX,
        value_fn=value_fn,
        set_fn=set_fn,
        needs=(key,),  # the limit's own endpoint
    )


# The API reads and sets the limits in effect: the alternative ones while the
# alternative-limits switch is on.
LIMITS: tuple[LimitDescription, ...] = (
    _limit(
        "download_limit",
        lambda settings: settings.download_limit,
        lambda client, limit: client.set_download_limit(limit),
    ),
    _limit(
        "upload_limit",
        lambda settings: settings.upload_limit,
        lambda client, limit: client.set_upload_limit(limit),
    ),
)

DOWNLOADS = EventEntityDescription(
    key="downloads",
    translation_key="downloads",
    event_types=[kind.value for kind in DownloadEventType],
)


def qbittorrent_sensors(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the transfer, count, space and version sensors."""
    if (qbittorrent := entry.runtime_data.get(QBITTORRENT)) is None:
        return []
    return [
        *coordinator_sensors(qbittorrent.sync, SENSORS),
        version_sensor(qbittorrent.sync, entry),
    ]


def qbittorrent_switches(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the alternative-limits switch."""
    if (qbittorrent := entry.runtime_data.get(QBITTORRENT)) is None:
        return []
    return [
        SettingSwitch(qbittorrent.settings, description, qbittorrent.client)
        for description in SWITCHES
    ]


def qbittorrent_numbers(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the global download and upload limits."""
    if (qbittorrent := entry.runtime_data.get(QBITTORRENT)) is None:
        return []
    return [
        SettingLimit(qbittorrent.settings, description, qbittorrent.client)
        for description in LIMITS
    ]


def qbittorrent_events(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the downloads event: a torrent added or finished."""
    if (qbittorrent := entry.runtime_data.get(QBITTORRENT)) is None:
        return []
    return [DownloadsEvent(qbittorrent.sync, DOWNLOADS)]


class SettingEntity(MyflixEntity[MyflixCoordinator[QbittorrentSettings]]):
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


class SettingSwitch(SettingEntity, SwitchEntity):
    """A qBittorrent switch backed by the settings coordinator."""

    entity_description: SwitchDescription

    @property
    def is_on(self) -> bool | None:
        """Return the state from the latest settings."""
        return self.entity_description.value_fn(self.coordinator.data)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Turn the setting on."""
        await self.async_write(self.entity_description.set_fn(self.client, True))

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Turn the setting off."""
        await self.async_write(self.entity_description.set_fn(self.client, False))


class SettingLimit(SettingEntity, NumberEntity):
    """A qBittorrent limit backed by the settings coordinator."""

    entity_description: LimitDescription

    @property
    def native_value(self) -> int | None:
        """Return the limit in KiB/s (a negative one reads as none)."""
        limit = self.entity_description.value_fn(self.coordinator.data)
        return None if limit is None else max(limit, 0) // KIB

    async def async_set_native_value(self, value: float) -> None:
        """Write the limit in bytes/s."""
        limit = round(value * KIB)
        await self.async_write(self.entity_description.set_fn(self.client, limit))


class DownloadsEvent(MyflixEntity[MyflixCoordinator[MainData]], EventEntity):
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
