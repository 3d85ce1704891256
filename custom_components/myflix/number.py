"""Numbers: qBittorrent's global download and upload limits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import EntityCategory, UnitOfDataRate
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .clients.qbittorrent import QbittorrentClient
from .entity import MyflixEntityDescription
from .entry import MyflixConfigEntry
from .features.qbittorrent import QBITTORRENT
from .features.qbittorrent.coordinator import QbittorrentSettings
from .features.qbittorrent.entity import QbittorrentSettingEntity

PARALLEL_UPDATES = 1

# qBittorrent takes bytes/s; its own UI, and these entities, speak KiB/s.
KIB = 1024


@dataclass(frozen=True, kw_only=True)
class MyflixNumberEntityDescription(NumberEntityDescription, MyflixEntityDescription):
    """Describes a qBittorrent limit: read and written in bytes/s (0 = none)."""

    value_fn: Callable[[QbittorrentSettings], int | None]
    set_fn: Callable[[QbittorrentClient, int], Awaitable[None]]


def _limit(
    key: str,
    value_fn: Callable[[QbittorrentSettings], int | None],
    set_fn: Callable[[QbittorrentClient, int], Awaitable[None]],
) -> MyflixNumberEntityDescription:
    """Describe a global speed limit in KiB/s, 0 meaning unlimited."""
    return MyflixNumberEntityDescription(
        key=key,
        translation_key=key,
        entity_category=EntityCategory.CONFIG,
        device_class=NumberDeviceClass.DATA_RATE,
        native_unit_of_measurement=UnitOfDataRate.KIBIBYTES_PER_SECOND,
        native_min_value=0,
        native_max_value=1_000_000,
        native_step=1,
        mode=NumberMode.BOX,
        value_fn=value_fn,
        set_fn=set_fn,
        needs=(key,),  # the limit's own endpoint
    )


# The API reads and sets the limits in effect: the alternative ones while the
# alternative-limits switch is on.
NUMBERS: tuple[MyflixNumberEntityDescription, ...] = (
    _limit(
        "download_limit",
        lambda settings: settings.download_limit,
        lambda client, limit: client.set_download_limit(limit),
    ),
    _limit(
        "upload_limit",
        lambda settings: settings.upload_limit,
        lambda client, limit: client.set_upload_limit(limit),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the qBittorrent limits."""
    if (qbittorrent := entry.runtime_data.get(QBITTORRENT)) is None:
        return
    async_add_entities(
        MyflixNumberEntity(qbittorrent.settings, description, qbittorrent.client)
        for description in NUMBERS
    )


class MyflixNumberEntity(QbittorrentSettingEntity, NumberEntity):
    """A qBittorrent limit backed by the settings coordinator."""

    entity_description: MyflixNumberEntityDescription

    @property
    def native_value(self) -> int | None:
        """Return the limit in KiB/s (a negative one reads as none)."""
        limit = self.entity_description.value_fn(self.coordinator.data)
        return None if limit is None else max(limit, 0) // KIB

    async def async_set_native_value(self, value: float) -> None:
        """Write the limit in bytes/s."""
        limit = round(value * KIB)
        await self.async_write(self.entity_description.set_fn(self.client, limit))
