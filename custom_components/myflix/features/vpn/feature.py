"""The VPN (gluetun status, killswitch, rotation, port sync), described for the root files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, SupportsResponse
from homeassistant.helpers.selector import BooleanSelector

from custom_components.myflix.backends import BackendClient
from custom_components.myflix.clients.gluetun import GluetunClient
from custom_components.myflix.const import (
    CONF_FAIL_CLOSED_AFTER,
    CONF_KILLSWITCH_INTERVAL,
    CONF_LATENCY_WEIGHT,
    CONF_RELEASE_AFTER,
    CONF_UNBOUND_IS_LEAK,
    DEFAULT_FAIL_CLOSED_AFTER,
    DEFAULT_KILLSWITCH_INTERVAL,
    DEFAULT_LATENCY_WEIGHT,
    DEFAULT_RELEASE_AFTER,
)
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.feature import Action, Feature, OptionsPart, event_words
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.options_fields import NumberOption, number_fields
from custom_components.myflix.schema import vol
from custom_components.myflix.storage import EntryStore

from . import CONNECTABILITY, KILLSWITCH, VPN, VPN_NEEDS
from .actions import (
    EVENT_ROTATED,
    HALT_DOWNLOADS_SCHEMA,
    KILLSWITCH_SCHEMA,
    ROTATE_VPN_SCHEMA,
    async_check_vpn_now,
    async_halt_downloads,
    async_release_downloads,
    async_rotate_vpn,
)
from .connectability import ConnectabilityWatch
from .coordinator import create_vpn_runtime
from .entities import vpn_binary_sensors, vpn_sensors, vpn_switches
from .killswitch import EVENT_RELEASED, EVENT_TRIPPED, async_setup_killswitch
from .port_sync import async_setup_port_sync
from .status import GET_VPN_STATUS_SCHEMA, async_get_vpn_status

NUMBERS = (
    NumberOption(
        CONF_KILLSWITCH_INTERVAL, DEFAULT_KILLSWITCH_INTERVAL, 50, 60000, "ms"
    ),
    NumberOption(CONF_FAIL_CLOSED_AFTER, DEFAULT_FAIL_CLOSED_AFTER, 1, 3600, "s"),
    NumberOption(CONF_RELEASE_AFTER, DEFAULT_RELEASE_AFTER, 1, 100, "checks"),
    NumberOption(CONF_LATENCY_WEIGHT, DEFAULT_LATENCY_WEIGHT, 0, 100, "%"),
)


async def _async_connect(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    clients: Mapping[str, BackendClient],
) -> None:
    """Put the VPN part: gluetun's poll and the last rotation (stored)."""
    if not isinstance(client := clients.get("gluetun"), GluetunClient):
        return
    vpn = create_vpn_runtime(hass, entry, client)
    await vpn.rotation.restore(EntryStore(hass, "rotation", entry.entry_id))
    entry.runtime_data.set(VPN, vpn)


async def _async_start(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Start what needs qBittorrent too: killswitch, port sync, connectability.

    Before the platforms: an HA restart while tripped stays halted at once.
    """
    runtime = entry.runtime_data
    vpn, qbittorrent = runtime.get(VPN), runtime.get(QBITTORRENT)
    if vpn is None or qbittorrent is None:
        return
    runtime.set(KILLSWITCH, await async_setup_killswitch(hass, entry, vpn, qbittorrent))
    async_setup_port_sync(hass, entry, vpn, qbittorrent)
    watch = ConnectabilityWatch(hass, entry, vpn, qbittorrent)
    entry.async_on_unload(watch.async_start())
    runtime.set(CONNECTABILITY, watch)


def _fields(options: Mapping[str, Any]) -> dict[vol.Marker, Any]:
    """Return the killswitch's timing, the rotation's latency weight, the unbound rule."""
    fields = number_fields(options, NUMBERS)
    unbound = options.get(CONF_UNBOUND_IS_LEAK, False)
    fields[vol.Required(CONF_UNBOUND_IS_LEAK, default=unbound)] = BooleanSelector()
    return fields


def _tripped(data: Mapping[str, Any]) -> str:
    reason, torrents = event_words(data.get("reason")), data.get("torrents", 0)
    text = f"halted downloads ({reason}): {torrents} torrent(s) stopped"
    if isinstance(latency := data.get("latency_ms"), int | float):
        text += f", {latency:.0f} ms after the leak was seen"
    return text


def _released(data: Mapping[str, Any]) -> str:
    how = "by hand" if data.get("manual") else "the VPN is clean again"
    return f"resumed {data.get('torrents', 0)} torrent(s): {how}"


def _rotated(data: Mapping[str, Any]) -> str:
    return (
        f"moved the VPN to {data.get('server')} (load {data.get('load')} %,"
        f" {data.get('latency_ms')} ms)"
    )


ACTIONS: tuple[Action, ...] = (
    Action("halt_downloads", async_halt_downloads, HALT_DOWNLOADS_SCHEMA, SupportsResponse.OPTIONAL),
    Action("release_downloads", async_release_downloads, KILLSWITCH_SCHEMA, SupportsResponse.OPTIONAL),
    Action("check_vpn_now", async_check_vpn_now, KILLSWITCH_SCHEMA, SupportsResponse.OPTIONAL),
    Action("rotate_vpn", async_rotate_vpn, ROTATE_VPN_SCHEMA, SupportsResponse.OPTIONAL),
    Action("get_vpn_status", async_get_vpn_status, GET_VPN_STATUS_SCHEMA, SupportsResponse.ONLY),
)  # fmt: skip


FEATURE = Feature(
    name="vpn",
    needs=VPN_NEEDS,
    async_connect=_async_connect,
    async_start=_async_start,
    entities={
        Platform.SENSOR: vpn_sensors,
        Platform.BINARY_SENSOR: vpn_binary_sensors,
        Platform.SWITCH: vpn_switches,
    },
    actions=ACTIONS,
    options=(OptionsPart(page="vpn", fields=_fields),),
    events={
        EVENT_TRIPPED: _tripped,
        EVENT_RELEASED: _released,
        EVENT_ROTATED: _rotated,
    },
)
