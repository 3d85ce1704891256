"""Share gateway sensors: active links, bytes served today, throttled requests."""

from __future__ import annotations

from homeassistant.components.sensor import SensorDeviceClass, SensorStateClass
from homeassistant.const import UnitOfInformation
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from custom_components.myflix.entity import own_device_info
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.reading_entities import (
    ListenerSensorEntity,
    ListenerSensorEntityDescription,
)

from . import SHARE
from .runtime import ShareRuntime

# The gateway has a device of its own: it serves files, it is no backend.
DEVICE = "share"


SENSORS: tuple[ListenerSensorEntityDescription[ShareRuntime], ...] = (
    ListenerSensorEntityDescription(
        key="active_share_links",
        translation_key="active_share_links",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda share: len(share.links.active()),
    ),
    ListenerSensorEntityDescription(
        key="share_bytes_today",
        translation_key="share_bytes_today",
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.TOTAL_INCREASING,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.MEBIBYTES,
        suggested_display_precision=1,
        value_fn=lambda share: share.stats.served_today(),
    ),
    ListenerSensorEntityDescription(
        key="share_throttled_requests",
        translation_key="share_throttled_requests",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda share: share.stats.throttled,
    ),
)


class ShareSensorEntity(ListenerSensorEntity[ShareRuntime]):
    """A sensor of the entry's share gateway device.

    Pushed when the gateway changes, and polled too: links expire and days
    end without a request to announce it.
    """

    _attr_should_poll = True


def share_sensors(
    entry: MyflixConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> list[Entity]:
    """Build the share gateway's sensors, if the entry has share roots."""
    if (share := entry.runtime_data.get(SHARE)) is None:
        return []
    return [
        ShareSensorEntity(
            entry,
            description,
            share,
            source=share.stats,
            device=DEVICE,
            device_info=own_device_info(
                entry, DEVICE, name="Share gateway", model="Share gateway"
            ),
        )
        for description in SENSORS
    ]
