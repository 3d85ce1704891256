"""Binary sensors: Radarr and Sonarr health problems, VPN connected and leak."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .clients.arr.models import HealthCheck
from .coordinator import MyflixCoordinator
from .engine.killswitch import KillswitchSnapshot, Verdict
from .entity import MyflixEntity, MyflixEntityDescription
from .entry import MyflixConfigEntry
from .features.arr import RADARR, SONARR
from .features.arr.coordinator import ArrStatus
from .features.tiering.entities import tiering_binary_sensors
from .features.vpn import KILLSWITCH, VPN
from .features.vpn.coordinator import VpnData
from .features.vpn.entity import KillswitchEntity

PARALLEL_UPDATES = 0

# Radarr/Sonarr rate each check ok, notice, warning or error.
PROBLEM_TYPES = frozenset({"warning", "error"})
# The attribute only names the problems; the app's System page has the rest.
MAX_PROBLEMS = 10
MAX_MESSAGE = 200


@dataclass(frozen=True, kw_only=True)
class MyflixBinarySensorEntityDescription[DataT](
    BinarySensorEntityDescription, MyflixEntityDescription
):
    """Describes a Myflix binary sensor and how it reads its coordinator's data."""

    is_on_fn: Callable[[DataT], bool | None]
    attributes_fn: Callable[[DataT], Mapping[str, Any]] = lambda _: {}


def _problems(status: ArrStatus) -> list[HealthCheck]:
    """Every warning or error, whatever its source."""
    health = status.health or ()
    return [check for check in health if check.type.lower() in PROBLEM_TYPES]


def _problem_messages(status: ArrStatus) -> dict[str, Any]:
    """Name the first few problems, each message cut short."""
    return {
        "problems": [
            (check.message or check.source)[:MAX_MESSAGE]
            for check in _problems(status)[:MAX_PROBLEMS]
        ]
    }


ARR_BINARY_SENSORS: tuple[MyflixBinarySensorEntityDescription[ArrStatus], ...] = (
    MyflixBinarySensorEntityDescription(
        key="health_problems",
        translation_key="health_problems",
        device_class=BinarySensorDeviceClass.PROBLEM,
        entity_category=EntityCategory.DIAGNOSTIC,
        is_on_fn=lambda status: bool(_problems(status)),
        attributes_fn=_problem_messages,
        needs=("health",),
    ),
)


VPN_BINARY_SENSORS: tuple[MyflixBinarySensorEntityDescription[VpnData], ...] = (
    MyflixBinarySensorEntityDescription(
        key="vpn_connected",
        translation_key="vpn_connected",
        device_class=BinarySensorDeviceClass.CONNECTIVITY,
        is_on_fn=lambda data: data.status.running if data.status else None,
        needs=("status",),
    ),
)

KILLSWITCH_BINARY_SENSORS: tuple[
    MyflixBinarySensorEntityDescription[KillswitchSnapshot], ...
] = (
    MyflixBinarySensorEntityDescription(
        key="leak",
        translation_key="leak",
        device_class=BinarySensorDeviceClass.PROBLEM,
        # The last check's verdict; a fail-closed unknown counts as a leak.
        is_on_fn=lambda snapshot: snapshot.verdict is Verdict.LEAK,
        attributes_fn=lambda snapshot: {"reason": snapshot.reason.value},
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the binary sensors of Radarr, Sonarr and the VPN."""
    runtime = entry.runtime_data
    entities: list[BinarySensorEntity] = [
        MyflixBinarySensorEntity(arr.status, description)
        for arr in (runtime.get(RADARR), runtime.get(SONARR))
        if arr is not None
        for description in ARR_BINARY_SENSORS
    ]
    if (vpn := runtime.get(VPN)) is not None:
        entities.extend(
            MyflixBinarySensorEntity(vpn.status, description)
            for description in VPN_BINARY_SENSORS
        )
    if runtime.get(KILLSWITCH) is not None:
        entities.extend(
            KillswitchBinarySensorEntity(entry, description)
            for description in KILLSWITCH_BINARY_SENSORS
        )
    entities += tiering_binary_sensors(entry)
    async_add_entities(entities)


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
    def extra_state_attributes(self) -> Mapping[str, Any]:
        """Return the description's small attributes."""
        return self.entity_description.attributes_fn(self.coordinator.data)


class KillswitchBinarySensorEntity(KillswitchEntity, BinarySensorEntity):
    """A binary sensor read from the killswitch's snapshot."""

    entity_description: MyflixBinarySensorEntityDescription[KillswitchSnapshot]

    @property
    def is_on(self) -> bool | None:
        """Return the state from the current snapshot."""
        return self.entity_description.is_on_fn(self.killswitch.snapshot)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any]:
        """Return the reason."""
        return self.entity_description.attributes_fn(self.killswitch.snapshot)
