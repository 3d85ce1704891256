"""Sensors: Radarr and Sonarr library, queue and disks; qBittorrent transfers; VPN."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, UnitOfDataRate, UnitOfInformation
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .clients.qbittorrent import MainData, TorrentCounts
from .coordinator import MyflixCoordinator
from .entity import MyflixEntity, MyflixEntityDescription
from .entry import MyflixConfigEntry
from .features.arr import RADARR, SONARR
from .features.arr.coordinator import ArrLibrary, ArrStatus
from .features.healing.entities import healing_sensors
from .features.qbittorrent import QBITTORRENT
from .features.share.sensors import share_sensors
from .features.tiering.entities import tiering_sensors
from .features.vpn import KILLSWITCH, VPN
from .features.vpn.coordinator import VpnData
from .features.vpn.sensors import (
    KILLSWITCH_SENSORS,
    KillswitchSensorEntity,
    rotation_sensors,
)

PARALLEL_UPDATES = 0

CONNECTION_STATES = ["connected", "firewalled", "disconnected"]


@dataclass(frozen=True, kw_only=True)
class MyflixSensorEntityDescription[DataT](
    SensorEntityDescription, MyflixEntityDescription
):
    """Describes a Myflix sensor and how it reads its coordinator's data."""

    value_fn: Callable[[DataT], StateType]
    exists_fn: Callable[[DataT], bool] = lambda _: True
    available_fn: Callable[[DataT], bool] = lambda _: True


def _counter[DataT](
    key: str, value_fn: Callable[[DataT], int | None], **kwargs: Any
) -> MyflixSensorEntityDescription[DataT]:
    """Describe a plain count: no unit, a measurement."""
    return MyflixSensorEntityDescription(
        key=key,
        translation_key=key,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=value_fn,
        **kwargs,
    )


def _torrent_counter(
    key: str, count: Callable[[TorrentCounts], int]
) -> MyflixSensorEntityDescription[MainData]:
    """Describe a count of torrents, read from the counts kept as they merge."""
    return _counter(key, lambda data: count(data.counts))


def _free_space(**kwargs: Any) -> MyflixSensorEntityDescription[Any]:
    """Describe a free-space sensor: bytes, shown in GB."""
    return MyflixSensorEntityDescription(
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIGABYTES,
        suggested_display_precision=1,
        **kwargs,
    )


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


ARR_STATUS_SENSORS: tuple[MyflixSensorEntityDescription[ArrStatus], ...] = (
    _counter("queue", lambda status: len(status.queue or ()), needs=("queue",)),
)

RADARR_LIBRARY_SENSORS: tuple[MyflixSensorEntityDescription[ArrLibrary], ...] = (
    _counter("movies", lambda library: library.total, needs=("library",)),
    _counter(
        "monitored_movies",
        lambda library: library.monitored,
        needs=("library",),
        entity_registry_enabled_default=False,
    ),
    _counter("missing_movies", lambda library: library.missing, needs=("missing",)),
)

SONARR_LIBRARY_SENSORS: tuple[MyflixSensorEntityDescription[ArrLibrary], ...] = (
    _counter("series", lambda library: library.total, needs=("library",)),
    _counter("episodes", lambda library: library.episodes, needs=("library",)),
    _counter("missing_episodes", lambda library: library.missing, needs=("missing",)),
)

# Counted from the normalised status, never from raw state strings: 4.x says
# "pausedDL", 5.x "stoppedDL" (HA core counts 5.x wrong, core#132116).
QBITTORRENT_SENSORS: tuple[MyflixSensorEntityDescription[MainData], ...] = (
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
    _counter("total_torrents", lambda data: len(data.torrents)),
    _free_space(
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

VERSION_SENSOR = MyflixSensorEntityDescription[Any](
    key="version",
    translation_key="version",
    entity_category=EntityCategory.DIAGNOSTIC,
    entity_registry_enabled_default=False,
    value_fn=lambda _: None,
)

ROOT_FOLDER_SENSOR = _free_space(
    key="root_folder_free_space",
    translation_key="root_folder_free_space",
    value_fn=lambda _: None,
)


def _version_description(
    versions: dict[str, str], backend: str
) -> MyflixSensorEntityDescription[Any]:
    """Describe the version sensor of a backend (read at setup, so not polled)."""
    return replace(VERSION_SENSOR, value_fn=lambda _: versions.get(backend))


def _root_folder_description(path: str) -> MyflixSensorEntityDescription[ArrStatus]:
    """Describe the free-space sensor of one root folder."""

    def free_space(status: ArrStatus) -> int | None:
        folders = status.root_folders or ()
        return next((f.free_space for f in folders if f.path == path), None)

    return replace(
        ROOT_FOLDER_SENSOR,
        translation_placeholders={"path": path},
        value_fn=free_space,
        needs=("root_folders",),
        # A folder removed in Radarr/Sonarr leaves its sensor unavailable.
        available_fn=lambda status: any(
            f.path == path for f in status.root_folders or ()
        ),
    )


VPN_SENSORS: tuple[MyflixSensorEntityDescription[VpnData], ...] = (
    MyflixSensorEntityDescription(
        key="public_ip",
        translation_key="public_ip",
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=lambda data: data.public_ip.ip if data.public_ip else None,
        needs=("public_ip",),
    ),
    MyflixSensorEntityDescription(
        key="vpn_server",
        translation_key="vpn_server",
        value_fn=lambda data: data.server,
        needs=("public_ip",),
    ),
    MyflixSensorEntityDescription(
        key="forwarded_port",
        translation_key="forwarded_port",
        value_fn=lambda data: data.forwarded_port,
        needs=("forwarded_port",),
    ),
)


def _sensors[DataT](
    coordinator: MyflixCoordinator[DataT],
    descriptions: tuple[MyflixSensorEntityDescription[DataT], ...],
) -> list[MyflixSensorEntity]:
    """Build the sensors that exist for the data (all of them while it is down)."""
    data = coordinator.data
    return [
        MyflixSensorEntity(coordinator, description)
        for description in descriptions
        if data is None or description.exists_fn(data)
    ]


@callback
def _async_add_root_folders(
    coordinator: MyflixCoordinator[ArrStatus],
    known: set[str],
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a free-space sensor for each root folder not seen before."""
    if coordinator.data is None:
        return
    folders = coordinator.data.root_folders or ()  # None: not read this time
    new = [f.path for f in folders if f.path not in known]
    known.update(new)
    async_add_entities(
        MyflixSensorEntity(
            coordinator, _root_folder_description(path), unique_suffix=path
        )
        for path in new
    )


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the sensors of every configured backend, one device at a time."""
    runtime = entry.runtime_data
    groups: list[list[SensorEntity]] = []
    for arr, library_sensors in (
        (runtime.get(RADARR), RADARR_LIBRARY_SENSORS),
        (runtime.get(SONARR), SONARR_LIBRARY_SENSORS),
    ):
        if arr is None:
            continue
        version = _version_description(runtime.versions, arr.key)
        groups.append(
            [
                *_sensors(arr.library, library_sensors),
                *_sensors(arr.status, ARR_STATUS_SENSORS),
                MyflixSensorEntity(arr.status, version),
            ]
        )
        # Root folders come and go: follow them without a reload (as wled does).
        add_folders = partial(
            _async_add_root_folders, arr.status, set(), async_add_entities
        )
        entry.async_on_unload(arr.status.async_add_listener(add_folders))
        add_folders()
    if (qbittorrent := runtime.get(QBITTORRENT)) is not None:
        version = _version_description(runtime.versions, qbittorrent.key)
        groups.append(
            [
                *_sensors(qbittorrent.sync, QBITTORRENT_SENSORS),
                MyflixSensorEntity(qbittorrent.sync, version),
            ]
        )
    vpn: list[SensorEntity] = []
    if (vpn_runtime := runtime.get(VPN)) is not None:
        vpn += _sensors(vpn_runtime.status, VPN_SENSORS)
        vpn += rotation_sensors(entry, vpn_runtime)
    if runtime.get(KILLSWITCH) is not None:
        vpn += [KillswitchSensorEntity(entry, d) for d in KILLSWITCH_SENSORS]
    groups += [
        vpn,
        share_sensors(entry),
        healing_sensors(entry),
        tiering_sensors(entry),
    ]
    for group in groups:
        if group:
            async_add_entities(group)
            # HA adds the entities of one call in one go (about a millisecond
            # each): give the loop back between devices.
            await asyncio.sleep(0)


class MyflixSensorEntity(MyflixEntity[MyflixCoordinator[Any]], SensorEntity):
    """A sensor whose value is read from its coordinator's data."""

    entity_description: MyflixSensorEntityDescription[Any]

    @property
    def available(self) -> bool:
        """Available while the backend answers and the value exists."""
        return super().available and self.entity_description.available_fn(
            self.coordinator.data
        )

    @property
    def native_value(self) -> StateType:
        """Return the value from the latest data."""
        return self.entity_description.value_fn(self.coordinator.data)
