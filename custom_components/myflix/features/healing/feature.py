"""Self-healing of stuck downloads and cleaning, described for the root files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, SupportsResponse

from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.feature import Action, Feature, OptionsPart, event_words
from custom_components.myflix.features.qbittorrent import QBITTORRENT

from . import HEALING, HEALING_NEEDS
from .actions import (
    FORGET_STRIKES_SCHEMA,
    HEAL_NOW_SCHEMA,
    LIST_STRIKES_SCHEMA,
    RETRY_RELEASE_SCHEMA,
    async_forget_strikes,
    async_heal_now,
    async_list_strikes,
    async_retry_release,
)
from .clean import CLEAN_SCHEMA, async_clean
from .entities import healing_events, healing_sensors, healing_switches
from .options import healing_options_schema
from .runner import EVENT_REPLACED, EVENT_STALLED, async_setup_healing


async def _async_start(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Restore the strikes and start the periodic pass over qBittorrent's torrents."""
    runtime = entry.runtime_data
    if (qbittorrent := runtime.get(QBITTORRENT)) is not None:
        runtime.set(HEALING, await async_setup_healing(hass, entry, qbittorrent))


def _stalled(data: Mapping[str, Any]) -> str:
    return (
        f"struck {data.get('title')} ({event_words(data.get('reason'))}):"
        f" {data.get('strikes')} of {data.get('max_strikes')} strikes"
    )


def _replaced(data: Mapping[str, Any]) -> str:
    reason = event_words(data.get("reason"))
    text = f"replaced {data.get('title')} ({reason}) in {data.get('app')}"
    if data.get("stopped"):
        return text + ", the torrent is stopped and left to you"
    return text + (", its data keeps seeding" if data.get("kept_data") else "")


ACTIONS: tuple[Action, ...] = (
    Action("heal_now", async_heal_now, HEAL_NOW_SCHEMA, SupportsResponse.OPTIONAL),
    Action("list_strikes", async_list_strikes, LIST_STRIKES_SCHEMA, SupportsResponse.ONLY),
    Action("forget_strikes", async_forget_strikes, FORGET_STRIKES_SCHEMA, SupportsResponse.OPTIONAL),
    Action("clean", async_clean, CLEAN_SCHEMA, SupportsResponse.OPTIONAL),
    Action("retry_release", async_retry_release, RETRY_RELEASE_SCHEMA, SupportsResponse.OPTIONAL),
)  # fmt: skip


FEATURE = Feature(
    name="healing",
    needs=HEALING_NEEDS,
    async_start=_async_start,
    entities={
        Platform.SENSOR: healing_sensors,
        Platform.SWITCH: healing_switches,
        Platform.EVENT: healing_events,
    },
    actions=ACTIONS,
    options=(OptionsPart(page="healing", fields=healing_options_schema),),
    events={EVENT_STALLED: _stalled, EVENT_REPLACED: _replaced},
)
