"""Every feature of Myflix, in set-up order; the root files gather from this list.

The history comes first: the others record into it from their start. A
feature that reads another's part comes after it: the killswitch (VPN)
and healing start over qBittorrent's part, tiering reads the apps' paths,
the household hold makes tiering wait; the card reads them all.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entry import MyflixConfigEntry
from .feature import Feature
from .features.arr.feature import FEATURE as ARR
from .features.card.feature import FEATURE as CARD
from .features.containers.feature import FEATURE as CONTAINERS
from .features.conversation.feature import FEATURE as CONVERSATION
from .features.healing.feature import FEATURE as HEALING
from .features.history.feature import FEATURE as HISTORY
from .features.household.feature import FEATURE as HOUSEHOLD
from .features.qbittorrent.feature import FEATURE as QBITTORRENT
from .features.share.feature import FEATURE as SHARE
from .features.tiering.feature import FEATURE as TIERING
from .features.vault.feature import FEATURE as VAULT
from .features.vpn.feature import FEATURE as VPN

FEATURES: tuple[Feature, ...] = (
    HISTORY,
    ARR,
    QBITTORRENT,
    VPN,
    HEALING,
    SHARE,
    VAULT,
    TIERING,
    HOUSEHOLD,
    CARD,
    CONTAINERS,
    CONVERSATION,
)


type PlatformSetup = Callable[
    [HomeAssistant, MyflixConfigEntry, AddConfigEntryEntitiesCallback],
    Coroutine[Any, Any, None],
]


def platform_setup(platform: Platform) -> PlatformSetup:
    """Return a platform's ``async_setup_entry``: it adds every feature's entities."""

    async def async_setup_entry(
        hass: HomeAssistant,
        entry: MyflixConfigEntry,
        async_add_entities: AddConfigEntryEntitiesCallback,
    ) -> None:
        await _async_add_feature_entities(entry, platform, async_add_entities)

    return async_setup_entry


async def _async_add_feature_entities(
    entry: MyflixConfigEntry,
    platform: Platform,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add each feature's entities of ``platform``, one feature at a time."""
    for feature in FEATURES:
        if (entities_of := feature.entities.get(platform)) is None:
            continue
        if entities := entities_of(entry, async_add_entities):
            async_add_entities(entities)
            # HA adds the entities of one call in one go (about a millisecond
            # each): give the loop back between features.
            await asyncio.sleep(0)
