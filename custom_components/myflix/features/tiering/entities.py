"""Tiering entities on a Storage device: tier fill, pending and moved bytes, running."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, UnitOfInformation
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from custom_components.myflix.const import DOMAIN
from custom_components.myflix.entity import ListenerEntity
from custom_components.myflix.entry import MyflixConfigEntry

from . import TIERING
from .runner import TieringRuntime


def _hot_percent(runtime: TieringRuntime) -> float | None:
    # Several hot filesystems: the fullest one is the one that triggers moves.
    return max((u.percent for u in runtime.hot_usage), default=None)


def _last_run(runtime: TieringRuntime) -> datetime | None:
    run = runtime.last_run
    return dt_util.parse_datetime(run["finished_at"]) if run else None


@dataclass(frozen=True, kw_only=True)
class TieringSensorEntityDescription(SensorEntityDescription):
    """Describes a sensor read from the tiering runtime."""

    value_fn: Callable[[TieringRuntime], StateType | datetime]
    attributes_fn: Callable[[TieringRuntime], Mapping[str, Any]] = lambda _: {}


def _bytes(key: str, **kwargs: Any) -> TieringSensorEntityDescription:
    return TieringSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_SIZE,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIGABYTES,
        suggested_display_precision=1,
        **kwargs,
    )


TIERING_SENSORS: tuple[TieringSensorEntityDescription, ...] = (
    TieringSensorEntityDescription(
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
    TieringSensorEntityDescription(
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
    TieringSensorEntityDescription(
        key="last_tiering_run",
        translation_key="last_tiering_run",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=_last_run,
        attributes_fn=lambda runtime: {
            k: v for k, v in (runtime.last_run or {}).items() if k != "finished_at"
        },
    ),
)

RUNNING = BinarySensorEntityDescription(
    key="tiering_running",
    translation_key="tiering_running",
    device_class=BinarySensorDeviceClass.RUNNING,
)


def storage_device_info(entry: MyflixConfigEntry) -> DeviceInfo:
    """Describe the Storage device: the hot and archive tiers Myflix moves files between."""
    return DeviceInfo(
        identifiers={(DOMAIN, f"{entry.entry_id}_storage")},
        name="Storage",
        manufacturer="Myflix",
        model="Storage tiering",
        entry_type=DeviceEntryType.SERVICE,
    )


class TieringEntity(ListenerEntity):
    """An entity of the Storage device, updated when the tiering runtime changes."""

    def __init__(
        self,
        entry: MyflixConfigEntry,
        runtime: TieringRuntime,
        description: EntityDescription,
    ) -> None:
        """Attach the description to the entry's Storage device."""
        self.runtime = runtime
        super().__init__(
            entry,
            description,
            runtime,
            device="storage",
            device_info=storage_device_info(entry),
        )


class TieringSensorEntity(TieringEntity, SensorEntity):
    """A sensor read from the tiering runtime."""

    entity_description: TieringSensorEntityDescription

    @property
    def native_value(self) -> StateType | datetime:
        """Return the value; unknown until first measured."""
        return self.entity_description.value_fn(self.runtime)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any]:
        """Return the small attributes."""
        return self.entity_description.attributes_fn(self.runtime)


class TieringRunningEntity(TieringEntity, BinarySensorEntity):
    """On while files are being moved."""

    @property
    def is_on(self) -> bool:
        """Return whether a run is moving files."""
        return self.runtime.running


def tiering_sensors(entry: MyflixConfigEntry) -> list[SensorEntity]:
    """Build the tiering sensors, if the entry tiers storage."""
    if (runtime := entry.runtime_data.get(TIERING)) is None:
        return []
    return [TieringSensorEntity(entry, runtime, d) for d in TIERING_SENSORS]


def tiering_binary_sensors(entry: MyflixConfigEntry) -> list[BinarySensorEntity]:
    """Build the running binary sensor, if the entry tiers storage."""
    if (runtime := entry.runtime_data.get(TIERING)) is None:
        return []
    return [TieringRunningEntity(entry, runtime, RUNNING)]
