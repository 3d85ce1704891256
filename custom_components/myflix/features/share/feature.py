"""The share gateway, described for the integration's root files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, SupportsResponse

from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.feature import Action, Feature, OptionsPart

from . import SHARE
from .actions import (
    CREATE_SHARE_LINK_SCHEMA,
    LIST_SHARE_LINKS_SCHEMA,
    REVOKE_SHARE_LINKS_SCHEMA,
    async_create_share_link,
    async_list_share_links,
    async_revoke_share_links,
)
from .entities import DEVICE, share_sensors
from .options import async_check_share, share_schema
from .runtime import EVENT_DOWNLOADED, async_register_share_view, async_setup_share


async def _async_start(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Start the gateway when the options name share roots."""
    entry.runtime_data.set(SHARE, await async_setup_share(hass, entry))


def _downloaded(data: Mapping[str, Any]) -> str:
    limit = data.get("max_downloads")
    count = f"{data.get('downloads')}/{limit}" if limit else f"{data.get('downloads')}"
    return f"shared file {data.get('file')} was downloaded (download {count})"


ACTIONS: tuple[Action, ...] = (
    Action("create_share_link", async_create_share_link, CREATE_SHARE_LINK_SCHEMA, SupportsResponse.ONLY),
    Action("revoke_share_links", async_revoke_share_links, REVOKE_SHARE_LINKS_SCHEMA, SupportsResponse.OPTIONAL),
    Action("list_share_links", async_list_share_links, LIST_SHARE_LINKS_SCHEMA, SupportsResponse.ONLY),
)  # fmt: skip


FEATURE = Feature(
    name="share",
    async_register=async_register_share_view,
    async_start=_async_start,
    entities={Platform.SENSOR: share_sensors},
    actions=ACTIONS,
    options=(OptionsPart(page="share", fields=share_schema, check=async_check_share),),
    events={EVENT_DOWNLOADED: _downloaded},
    devices=lambda runtime: [DEVICE] if runtime.get(SHARE) is not None else [],
)
