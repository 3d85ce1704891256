"""Tiering entities on a Storage device: tier fill, pending and moved bytes, running."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from homeassistant.components.binary_sensor import BinarySensorDeviceClass
from homeassistant.components.sensor import SensorDeviceClass, SensorStateClass
from homeassistant.const import PERCENTAGE
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from custom_components.myflix.entity import own_device_info
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.reading_entities import (
    BYTES_SHOWN_IN_GB,
    ListenerBinarySensorEntity,
    ListenerBinarySensorEntityDescription,
    ListenerSensorEntity,
    ListenerSensorEntityDescription,
)

from . import TIERING
from .runner import TieringRuntime

# Tiering has a device of its own: the disks it moves files between.
STORAGE_DEVICE = "storage"


def _hot_percent(runtime: TieringRuntime) -> float | None:
    # Several hot filesystems: the fullest one is the one that triggers moves.
    return max((u.percent for u in runtime.hot_usage), default=None)


def _last_run(runtime: TieringRuntime) -> datetime | None:
    run = runtime.last_run
    return dt_util.parse_datetime(run["finished_at"]) if run else None


def _bytes(key: str, **kwargs: Any) -> ListenerSensorEntityDescription[TieringRuntime]:
    return ListenerSensorEntityDescription(
        key=key, translation_key=key, **BYTES_SHOWN_IN_GB, **kwargs
    )


SENSORS: tuple[ListenerSensorEntityDescription[TieringRuntime], ...] = (
    ListenerSensorEntityDescription(
        key="hot_used",
        translation_key="hot_used",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=_hot_percent,
        attributes_fn=lambda runtime: {
            "free_bytes": min((u.free for u in runtime.hot_usage), default=None)
        },
    ),
    ListenerSensorEntityDescription(
        key="archive_used",
        translation_key="archive_used",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=lambda r: r.archive_usage.percent if r.archive_usage else None,
        attributes_fn=lambda r: {
            "free_bytes": r.archive_usage.free if r.archive_usage else None
        },
    ),
    _bytes(
        "pending_bytes",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda runtime: runtime.pending_bytes,
    ),
    _bytes(
        "moved_bytes",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda runtime: runtime.moved_bytes,
    ),
    ListenerSensorEntityDescription(
        key="last_tiering_run",
        translation_key="last_tiering_run",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=_last_run,
        attributes_fn=lambda runtime: {
            k: v for k, v in (runtime.last_run or {}).items() if k != "finished_at"
        },
    ),
)

RUNNING = ListenerBinarySensorEntityDescription[TieringRuntime](
    key="tiering_running",
    translation_key="tiering_running",
    device_class=BinarySensorDeviceClass.RUNNING,
    is_on_fn=lambda runtime: runtime.running,
)


def _storage_entities[EntityT: Entity](
    entry: MyflixConfigEntry,
    entity_class: Callable[..., EntityT],
    descriptions: Iterable[EntityDescription],
) -> list[Entity]:
    """Build entities of the Storage device, written when the tiering runtime changes."""
    if (runtime := entry.runtime_data.get(TIERING)) is None:
        return []
    device_info = own_device_info(
        entry, STORAGE_DEVICE, name="Storage", model="Storage tiering"
    )
    return [
        entity_class(
            entry,
            description,
            runtime,
            source=runtime,
            device=STORAGE_DEVICE,
            device_info=device_info,
        )
        for description in descriptions
    ]


def tiering_sensors(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build tier fill, pending and moved bytes, the last run (if the entry tiers storage)."""
    return _storage_entities(entry, ListenerSensorEntity, SENSORS)


def tiering_binary_sensors(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the running sensor: on while files move (if the entry tiers storage)."""
    return _storage_entities(entry, ListenerBinarySensorEntity, [RUNNING])
