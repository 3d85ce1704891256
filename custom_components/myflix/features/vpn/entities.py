"""Entities of the VPN device: tunnel status, the killswitch, the last server rotation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.binary_sensor import BinarySensorDeviceClass
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import PERCENTAGE, EntityCategory, UnitOfTime
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from custom_components.myflix.engine.connectability import ConnectabilityVerdict
from custom_components.myflix.engine.killswitch import (
    Killswitch,
    KillswitchState,
    Verdict,
)
from custom_components.myflix.entity import ListenerEntity
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.reading_entities import (
    ListenerBinarySensorEntity,
    ListenerBinarySensorEntityDescription,
    ListenerSensorEntity,
    ListenerSensorEntityDescription,
    MyflixBinarySensorEntity,
    MyflixBinarySensorEntityDescription,
    MyflixSensorEntityDescription,
    coordinator_sensors,
)

from . import CONNECTABILITY, KILLSWITCH, VPN
from .connectability import ConnectabilityWatch
from .coordinator import VpnData
from .rotation import RotationOutcome, RotationResult, RotationTracker

# The VPN's entities sit on gluetun's device, named "VPN".
DEVICE = "gluetun"

STATUS_SENSORS: tuple[MyflixSensorEntityDescription[VpnData], ...] = (
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

CONNECTED = MyflixBinarySensorEntityDescription[VpnData](
    key="vpn_connected",
    translation_key="vpn_connected",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    is_on_fn=lambda data: data.status.running if data.status else None,
    needs=("status",),
)

# Read from the killswitch, not a poll: a trip shows within one check.
KILLSWITCH_STATE = ListenerSensorEntityDescription[Killswitch](
    key="killswitch",
    translation_key="killswitch",
    device_class=SensorDeviceClass.ENUM,
    options=[state.value for state in KillswitchState],
    value_fn=lambda killswitch: killswitch.snapshot.state.value,
    attributes_fn=lambda killswitch: {"reason": killswitch.snapshot.reason.value},
)
LEAK = ListenerBinarySensorEntityDescription[Killswitch](
    key="leak",
    translation_key="leak",
    device_class=BinarySensorDeviceClass.PROBLEM,
    # The last check's verdict; a fail-closed unknown counts as a leak.
    is_on_fn=lambda killswitch: killswitch.snapshot.verdict is Verdict.LEAK,
    attributes_fn=lambda killswitch: {"reason": killswitch.snapshot.reason.value},
)
CONNECTABILITY_STATE = ListenerSensorEntityDescription[ConnectabilityWatch](
    key="connectability",
    translation_key="connectability",
    device_class=SensorDeviceClass.ENUM,
    options=[verdict.value for verdict in ConnectabilityVerdict],
    value_fn=lambda watch: watch.current.verdict,
    attributes_fn=lambda watch: {
        key: value for key, value in watch.current.as_dict().items() if key != "verdict"
    },
)
ARMED = SwitchEntityDescription(
    key="killswitch_armed", translation_key="killswitch_armed"
)


def _of_last(
    read: Callable[[RotationResult], Any], *, success_only: bool = True
) -> Callable[[RotationTracker], Any]:
    """Read the last successful rotation (or the last attempt); None before one."""

    def value(tracker: RotationTracker) -> Any:
        result = tracker.last_success if success_only else tracker.last
        return None if result is None else read(result)

    return value


ROTATION_SENSORS: tuple[ListenerSensorEntityDescription[RotationTracker], ...] = (
    ListenerSensorEntityDescription(
        key="last_rotation",
        translation_key="last_rotation",
        device_class=SensorDeviceClass.ENUM,
        options=[outcome.value for outcome in RotationOutcome],
        value_fn=_of_last(lambda result: result.outcome.value, success_only=False),
        attributes_fn=_of_last(
            lambda result: {
                "server": result.server.hostname if result.server else None,
                "reason": result.reason.value if result.reason else None,
                "finished_at": result.finished_at.isoformat(),
            },
            success_only=False,
        ),
    ),
    ListenerSensorEntityDescription(
        key="server_load",
        translation_key="server_load",
        native_unit_of_measurement=PERCENTAGE,
        value_fn=_of_last(lambda result: result.server.load if result.server else None),
    ),
    ListenerSensorEntityDescription(
        key="server_latency",
        translation_key="server_latency",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MILLISECONDS,
        suggested_display_precision=1,
        value_fn=_of_last(
            lambda result: result.server.latency_ms if result.server else None
        ),
    ),
)


def vpn_sensors(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the status and rotation sensors; the killswitch's state where it runs."""
    runtime = entry.runtime_data
    entities: list[Entity] = []
    if (vpn := runtime.get(VPN)) is not None:
        entities += coordinator_sensors(vpn.status, STATUS_SENSORS)
        entities += [
            ListenerSensorEntity(
                entry, description, vpn.rotation, source=vpn.rotation, device=DEVICE
            )
            for description in ROTATION_SENSORS
        ]
    if (killswitch := runtime.get(KILLSWITCH)) is not None:
        part = killswitch.killswitch
        entities.append(
            ListenerSensorEntity(
                entry, KILLSWITCH_STATE, part, source=part, device=DEVICE
            )
        )
    if (watch := runtime.get(CONNECTABILITY)) is not None:
        entities.append(
            ListenerSensorEntity(
                entry, CONNECTABILITY_STATE, watch, source=watch, device=DEVICE
            )
        )
    return entities


def vpn_binary_sensors(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build connected (polled), and leak where the killswitch runs."""
    runtime = entry.runtime_data
    entities: list[Entity] = []
    if (vpn := runtime.get(VPN)) is not None:
        entities.append(MyflixBinarySensorEntity(vpn.status, CONNECTED))
    if (killswitch := runtime.get(KILLSWITCH)) is not None:
        part = killswitch.killswitch
        entities.append(
            ListenerBinarySensorEntity(entry, LEAK, part, source=part, device=DEVICE)
        )
    return entities


def vpn_switches(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the killswitch's arming switch, where it runs."""
    if (killswitch := entry.runtime_data.get(KILLSWITCH)) is None:
        return []
    return [KillswitchArmedSwitch(entry, ARMED, killswitch.killswitch)]


class KillswitchArmedSwitch(ListenerEntity, SwitchEntity):
    """Arms the killswitch; disarming leaves a halt in force until released."""

    def __init__(
        self,
        entry: MyflixConfigEntry,
        description: EntityDescription,
        killswitch: Killswitch,
    ) -> None:
        """Follow the killswitch on the VPN device."""
        self.killswitch = killswitch
        super().__init__(entry, description, killswitch, device=DEVICE)

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
