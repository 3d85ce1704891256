"""Share gateway sensors: active links, bytes served today, throttled requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import UnitOfInformation
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.typing import StateType

from custom_components.myflix.const import DOMAIN
from custom_components.myflix.entity import ListenerEntity
from custom_components.myflix.entry import MyflixConfigEntry

from . import SHARE
from .runtime import ShareRuntime


@dataclass(frozen=True, kw_only=True)
class ShareSensorEntityDescription(SensorEntityDescription):
    """Describes a sensor read from the share gateway."""

    value_fn: Callable[[ShareRuntime], StateType]


SHARE_SENSORS: tuple[ShareSensorEntityDescription, ...] = (
    ShareSensorEntityDescription(
        key="active_share_links",
        translation_key="active_share_links",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda share: len(share.links.active()),
    ),
    ShareSensorEntityDescription(
        key="share_bytes_today",
        translation_key="share_bytes_today",
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.TOTAL_INCREASING,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.MEBIBYTES,
        suggested_display_precision=1,
        value_fn=lambda share: share.stats.served_today(),
    ),
    ShareSensorEntityDescription(
        key="share_throttled_requests",
        translation_key="share_throttled_requests",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda share: share.stats.throttled,
    ),
)


class ShareSensorEntity(ListenerEntity, SensorEntity):
    """A sensor of the entry's share gateway device.

    Pushed when the gateway changes, and polled too: links expire and days
    end without a request to announce it.
    """

    _attr_should_poll = True
    entity_description: ShareSensorEntityDescription

    def __init__(
        self,
        entry: MyflixConfigEntry,
        share: ShareRuntime,
        description: ShareSensorEntityDescription,
    ) -> None:
        """Attach the description to the entry's share gateway device."""
        self._share = share
        super().__init__(
            entry,
            description,
            share.stats,
            device="share",
            device_info=DeviceInfo(
                identifiers={(DOMAIN, f"{entry.entry_id}_share")},
                name="Share gateway",
                manufacturer="Myflix",
                model="Share gateway",
                entry_type=DeviceEntryType.SERVICE,
            ),
        )

    @property
    def native_value(self) -> StateType:
        """Return the current value."""
        return self.entity_description.value_fn(self._share)


def share_sensors(entry: MyflixConfigEntry) -> list[SensorEntity]:
    """Build the share gateway's sensors, if the entry has share roots."""
    if (share := entry.runtime_data.get(SHARE)) is None:
        return []
    return [ShareSensorEntity(entry, share, d) for d in SHARE_SENSORS]
