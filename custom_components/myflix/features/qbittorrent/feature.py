"""qBittorrent, described for the integration's root files."""

from __future__ import annotations

from collections.abc import Mapping

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, SupportsResponse

from custom_components.myflix.backends import BackendClient
from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from custom_components.myflix.const import (
    CONF_QBITTORRENT_INTERVAL,
    DEFAULT_QBITTORRENT_INTERVAL,
)
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.feature import Action, Feature, Needs, OptionsPart
from custom_components.myflix.options_fields import NumberOption, number_fields

from . import QBITTORRENT
from .actions import (
    GET_TORRENTS_SCHEMA,
    SET_SPEED_LIMITS_SCHEMA,
    SWITCH_SCHEMA,
    async_get_torrents,
    async_pause_downloads,
    async_resume_downloads,
    async_set_speed_limits,
)
from .coordinator import create_qbittorrent_runtime
from .entities import (
    qbittorrent_events,
    qbittorrent_numbers,
    qbittorrent_sensors,
    qbittorrent_switches,
)
from .space import GET_FREE_SPACE_SCHEMA, async_get_free_space

POLLING = (
    NumberOption(CONF_QBITTORRENT_INTERVAL, DEFAULT_QBITTORRENT_INTERVAL, 2, 300, "s"),
)


async def _async_connect(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    clients: Mapping[str, BackendClient],
) -> None:
    """Put the qBittorrent part: its sync and settings polls."""
    if isinstance(client := clients.get("qbittorrent"), QbittorrentClient):
        entry.runtime_data.set(
            QBITTORRENT, create_qbittorrent_runtime(hass, entry, client)
        )


ACTIONS: tuple[Action, ...] = (
    Action("get_torrents", async_get_torrents, GET_TORRENTS_SCHEMA, SupportsResponse.ONLY),
    Action("pause_downloads", async_pause_downloads, SWITCH_SCHEMA, SupportsResponse.OPTIONAL),
    Action("resume_downloads", async_resume_downloads, SWITCH_SCHEMA, SupportsResponse.OPTIONAL),
    Action("set_speed_limits", async_set_speed_limits, SET_SPEED_LIMITS_SCHEMA, SupportsResponse.OPTIONAL),
    Action("get_free_space", async_get_free_space, GET_FREE_SPACE_SCHEMA, SupportsResponse.ONLY),
)  # fmt: skip


FEATURE = Feature(
    name="qbittorrent",
    needs=Needs(all_of=frozenset({"qbittorrent"})),
    async_connect=_async_connect,
    entities={
        Platform.SENSOR: qbittorrent_sensors,
        Platform.SWITCH: qbittorrent_switches,
        Platform.NUMBER: qbittorrent_numbers,
        Platform.EVENT: qbittorrent_events,
    },
    actions=ACTIONS,
    options=(
        OptionsPart(
            page="polling", fields=lambda options: number_fields(options, POLLING)
        ),
    ),
)
