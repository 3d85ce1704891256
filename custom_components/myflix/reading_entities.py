"""Sensors and binary sensors that read their value through their description.

Two sources: a coordinator's data (polled backends) or a runtime part that
calls its listeners (killswitch, healer, tiering, share gateway, rotation).
Features describe their entities with these and write no entity class of
their own for a plain reading.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, UnitOfInformation
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.typing import StateType

from .coordinator import MyflixCoordinator
from .entity import ListenerEntity, MyflixEntity, MyflixEntityDescription, Observable
from .entry import MyflixConfigEntry

type SensorValue = StateType | datetime
type Attributes = Mapping[str, Any] | None

BYTES_SHOWN_IN_GB: Mapping[str, Any] = {
    "device_class": SensorDeviceClass.DATA_SIZE,
    "native_unit_of_measurement": UnitOfInformation.BYTES,
    "suggested_unit_of_measurement": UnitOfInformation.GIGABYTES,
    "suggested_display_precision": 1,
}
"""A sensor's fields for a size in bytes that a person reads in GB."""


@dataclass(frozen=True, kw_only=True)
class MyflixSensorEntityDescription[DataT](
    SensorEntityDescription, MyflixEntityDescription
):
    """Describes a sensor and how it reads its coordinator's data."""

    value_fn: Callable[[DataT], StateType]
    exists_fn: Callable[[DataT], bool] = lambda _: True
    available_fn: Callable[[DataT], bool] = lambda _: True


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


@dataclass(frozen=True, kw_only=True)
class MyflixBinarySensorEntityDescription[DataT](
    BinarySensorEntityDescription, MyflixEntityDescription
):
    """Describes a binary sensor and how it reads its coordinator's data."""

    is_on_fn: Callable[[DataT], bool | None]
    attributes_fn: Callable[[DataT], Attributes] = lambda _: None


class MyflixBinarySensorEntity(
    MyflixEntity[MyflixCoordinator[Any]], BinarySensorEntity
):
    """A binary sensor whose state is read from its coordinator's data."""

    entity_description: MyflixBinarySensorEntityDescription[Any]

    @property
    def is_on(self) -> bool | None:
        """Return the state from the latest data."""
        return self.entity_description.is_on_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> Attributes:
        """Return the description's small attributes."""
        return self.entity_description.attributes_fn(self.coordinator.data)


def coordinator_sensors[DataT](
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


def counter_description[DataT](
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


def free_space_description(**kwargs: Any) -> MyflixSensorEntityDescription[Any]:
    """Describe a free-space sensor: bytes, shown in GB."""
    return MyflixSensorEntityDescription(
        state_class=SensorStateClass.MEASUREMENT, **BYTES_SHOWN_IN_GB, **kwargs
    )


_VERSION_SENSOR = MyflixSensorEntityDescription[Any](
    key="version",
    translation_key="version",
    entity_category=EntityCategory.DIAGNOSTIC,
    entity_registry_enabled_default=False,
    value_fn=lambda _: None,
)


def version_sensor(
    coordinator: MyflixCoordinator[Any], entry: MyflixConfigEntry
) -> MyflixSensorEntity:
    """Build the version sensor of a backend (read at set-up, so not polled)."""
    versions, backend = entry.runtime_data.versions, coordinator.backend
    description = replace(_VERSION_SENSOR, value_fn=lambda _: versions.get(backend))
    return MyflixSensorEntity(coordinator, description)


@dataclass(frozen=True, kw_only=True)
class ListenerSensorEntityDescription[PartT](SensorEntityDescription):
    """Describes a sensor read from a runtime part."""

    value_fn: Callable[[PartT], SensorValue]
    attributes_fn: Callable[[PartT], Attributes] = lambda _: None


@dataclass(frozen=True, kw_only=True)
class ListenerBinarySensorEntityDescription[PartT](BinarySensorEntityDescription):
    """Describes a binary sensor read from a runtime part."""

    is_on_fn: Callable[[PartT], bool | None]
    attributes_fn: Callable[[PartT], Attributes] = lambda _: None


class _PartReading[PartT](ListenerEntity):
    """A listener entity that reads ``part`` each time ``source`` announces a change."""

    def __init__(
        self,
        entry: MyflixConfigEntry,
        description: ListenerSensorEntityDescription[PartT]
        | ListenerBinarySensorEntityDescription[PartT],
        part: PartT,
        *,
        source: Observable,
        device: str,
        device_info: DeviceInfo | None = None,
    ) -> None:
        """Read ``part``; follow ``source`` (often the part itself)."""
        self.part = part
        super().__init__(
            entry, description, source, device=device, device_info=device_info
        )


class ListenerSensorEntity[PartT](_PartReading[PartT], SensorEntity):
    """A sensor read from a runtime part, written when the part changes."""

    entity_description: ListenerSensorEntityDescription[PartT]

    @property
    def native_value(self) -> SensorValue:
        """Return the value from the part as it is now."""
        return self.entity_description.value_fn(self.part)

    @property
    def extra_state_attributes(self) -> Attributes:
        """Return the description's small attributes."""
        return self.entity_description.attributes_fn(self.part)


class ListenerBinarySensorEntity[PartT](_PartReading[PartT], BinarySensorEntity):
    """A binary sensor read from a runtime part, written when the part changes."""

    entity_description: ListenerBinarySensorEntityDescription[PartT]

    @property
    def is_on(self) -> bool | None:
        """Return the state from the part as it is now."""
        return self.entity_description.is_on_fn(self.part)

    @property
    def extra_state_attributes(self) -> Attributes:
        """Return the description's small attributes."""
        return self.entity_description.attributes_fn(self.part)
