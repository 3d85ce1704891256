"""The killswitch state sensor, fed by the killswitch's listener."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
)
from homeassistant.helpers.typing import StateType

from .engine.killswitch import KillswitchSnapshot, KillswitchState
from .entity import KillswitchEntity


@dataclass(frozen=True, kw_only=True)
class KillswitchSensorEntityDescription(SensorEntityDescription):
    """Describes a sensor read from the killswitch's snapshot."""

    value_fn: Callable[[KillswitchSnapshot], StateType]
    attributes_fn: Callable[[KillswitchSnapshot], Mapping[str, Any]] = lambda _: {}


KILLSWITCH_SENSORS: tuple[KillswitchSensorEntityDescription, ...] = (
    KillswitchSensorEntityDescription(
        key="killswitch",
        translation_key="killswitch",
        device_class=SensorDeviceClass.ENUM,
        options=[state.value for state in KillswitchState],
        value_fn=lambda snapshot: snapshot.state.value,
        attributes_fn=lambda snapshot: {"reason": snapshot.reason.value},
    ),
)


class KillswitchSensorEntity(KillswitchEntity, SensorEntity):
    """A sensor read from the killswitch's snapshot."""

    entity_description: KillswitchSensorEntityDescription

    @property
    def native_value(self) -> StateType:
        """Return the value from the current snapshot."""
        return self.entity_description.value_fn(self.killswitch.snapshot)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any]:
        """Return the reason."""
        return self.entity_description.attributes_fn(self.killswitch.snapshot)
