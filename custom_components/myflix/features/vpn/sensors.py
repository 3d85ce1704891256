"""VPN sensors fed by listeners: the killswitch state, and the last server rotation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
)
from homeassistant.const import PERCENTAGE, UnitOfTime
from homeassistant.helpers.typing import StateType

from custom_components.myflix.engine.killswitch import (
    KillswitchSnapshot,
    KillswitchState,
)
from custom_components.myflix.entity import ListenerEntity
from custom_components.myflix.entry import MyflixConfigEntry

from .coordinator import VpnRuntime
from .entity import KillswitchEntity
from .rotation import RotationOutcome, RotationResult, RotationTracker


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


@dataclass(frozen=True, kw_only=True)
class RotationSensorEntityDescription(SensorEntityDescription):
    """Describes a sensor read from the last rotation (``last``) or the last success."""

    value_fn: Callable[[RotationResult], StateType]
    success_only: bool = True
    attributes_fn: Callable[[RotationResult], Mapping[str, Any]] = lambda _: {}


ROTATION_SENSORS: tuple[RotationSensorEntityDescription, ...] = (
    RotationSensorEntityDescription(
        key="last_rotation",
        translation_key="last_rotation",
        device_class=SensorDeviceClass.ENUM,
        options=[outcome.value for outcome in RotationOutcome],
        success_only=False,
        value_fn=lambda result: result.outcome.value,
        attributes_fn=lambda result: {
            "server": result.server.hostname if result.server else None,
            "reason": result.reason.value if result.reason else None,
            "finished_at": result.finished_at.isoformat(),
        },
    ),
    RotationSensorEntityDescription(
        key="server_load",
        translation_key="server_load",
        native_unit_of_measurement=PERCENTAGE,
        value_fn=lambda result: result.server.load if result.server else None,
    ),
    RotationSensorEntityDescription(
        key="server_latency",
        translation_key="server_latency",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MILLISECONDS,
        suggested_display_precision=1,
        value_fn=lambda result: result.server.latency_ms if result.server else None,
    ),
)


class RotationSensorEntity(ListenerEntity, SensorEntity):
    """A sensor of the VPN device showing the last ``rotate_vpn`` attempt."""

    entity_description: RotationSensorEntityDescription

    def __init__(
        self,
        entry: MyflixConfigEntry,
        tracker: RotationTracker,
        description: RotationSensorEntityDescription,
    ) -> None:
        """Attach the description to the entry's VPN device."""
        self._tracker = tracker
        super().__init__(entry, description, tracker, device="gluetun")

    @property
    def _result(self) -> RotationResult | None:
        tracker = self._tracker
        return (
            tracker.last_success
            if self.entity_description.success_only
            else tracker.last
        )

    @property
    def native_value(self) -> StateType:
        """Return the value from the attempt; unknown before the first one."""
        result = self._result
        return None if result is None else self.entity_description.value_fn(result)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Return the server tried and why it failed, if it did."""
        result = self._result
        return None if result is None else self.entity_description.attributes_fn(result)


def rotation_sensors(entry: MyflixConfigEntry, vpn: VpnRuntime) -> list[SensorEntity]:
    """Build the rotation sensors of an entry's VPN."""
    return [RotationSensorEntity(entry, vpn.rotation, d) for d in ROTATION_SENSORS]
