"""Port sync: qBittorrent's listen port follows the port gluetun forwards (simulator and every real nox)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING
from unittest.mock import patch

import aiohttp
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from custom_components.myflix.const import CONF_KILLSWITCH_INTERVAL, DOMAIN
from custom_components.myflix.entry import MyflixRuntimeData
from custom_components.myflix.features.vpn import VPN
from custom_components.myflix.features.vpn.port_sync import PortSync
from simulators.nox import QbittorrentNox
from simulators.server import free_port

from .nox_versions import NOX_PARAMS, require_nox
from .vpn_helpers import VpnStack, vpn_stack_fixture  # noqa: F401

if TYPE_CHECKING:
    from pathlib import Path

# The killswitch checks once at start, then not for a minute: it stays out of the way.
OPTIONS = {CONF_KILLSWITCH_INTERVAL: 60000}


def _listen_port(stack: VpnStack) -> int:
    return int(stack.qbittorrent.state.preferences["listen_port"])


def _forward(stack: VpnStack, ports: list[int]) -> None:
    """Have gluetun forward ``ports`` (ProtonVPN, forwarding on: NordVPN has none)."""
    stack.gluetun.enable_port_forwarding("protonvpn")
    stack.gluetun.set_forwarded_ports(ports)


async def _setup(hass: HomeAssistant, stack: VpnStack) -> MockConfigEntry:
    entry = MockConfigEntry(domain=DOMAIN, data=stack.data, options=OPTIONS)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def _poll_vpn(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Run one VPN coordinator update, as its timer would."""
    runtime: MyflixRuntimeData = entry.runtime_data
    assert runtime.get(VPN) is not None
    await runtime.get(VPN).status.async_refresh()
    await hass.async_block_till_done()


async def test_synced_on_setup_and_followed(
    hass: HomeAssistant, vpn_stack: VpnStack, caplog: pytest.LogCaptureFixture
) -> None:
    """The forwarded port is applied at setup, then again when it changes."""
    assert _listen_port(vpn_stack) != 51413
    _forward(vpn_stack, [51413])
    entry = await _setup(hass, vpn_stack)
    assert _listen_port(vpn_stack) == 51413
    assert "listen port set to the forwarded 51413" in caplog.text

    # The port it set is remembered: no need to read qBittorrent's preferences.
    vpn_stack.qbittorrent.fail_next(3, path="app/preferences")
    _forward(vpn_stack, [40123])
    await _poll_vpn(hass, entry)
    assert _listen_port(vpn_stack) == 40123


async def test_same_port_is_not_written_again(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """A port qBittorrent already listens on is left alone, poll after poll."""
    _forward(vpn_stack, [_listen_port(vpn_stack)])
    entry = await _setup(hass, vpn_stack)
    # Any write would now fail and leave a trace in the simulator's state.
    vpn_stack.qbittorrent.fail_next(5, path="app/setPreferences")
    vpn_stack.qbittorrent.state.preferences["listen_port"] = 7000
    await _poll_vpn(hass, entry)
    assert _listen_port(vpn_stack) == 7000


async def test_no_forwarded_port_leaves_qbittorrent_alone(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """Without a forwarded port, the user's listen port stays."""
    before = _listen_port(vpn_stack)
    entry = await _setup(hass, vpn_stack)
    await _poll_vpn(hass, entry)
    assert _listen_port(vpn_stack) == before

    # Forwarding stops after a sync: the last port stays until a new one comes.
    _forward(vpn_stack, [51413])
    await _poll_vpn(hass, entry)
    assert _listen_port(vpn_stack) == 51413
    _forward(vpn_stack, [])
    await _poll_vpn(hass, entry)
    assert _listen_port(vpn_stack) == 51413


async def test_qbittorrent_failure_retried(
    hass: HomeAssistant, vpn_stack: VpnStack, caplog: pytest.LogCaptureFixture
) -> None:
    """A failed write is logged at debug only and retried on the next update."""
    before = _listen_port(vpn_stack)
    _forward(vpn_stack, [51413])
    vpn_stack.qbittorrent.fail_next(path="app/setPreferences")
    caplog.set_level("DEBUG", logger="custom_components.myflix")
    entry = await _setup(hass, vpn_stack)
    assert _listen_port(vpn_stack) == before
    failures = [r for r in caplog.records if "listen port failed" in r.message]
    assert [r.levelname for r in failures] == ["DEBUG"]

    await _poll_vpn(hass, entry)
    assert _listen_port(vpn_stack) == 51413


async def test_gluetun_down_changes_nothing(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """A failed VPN update is no reason to touch qBittorrent."""
    _forward(vpn_stack, [51413])
    entry = await _setup(hass, vpn_stack)
    vpn_stack.qbittorrent.state.preferences["listen_port"] = 7000
    vpn_stack.gluetun.fail_next(10)
    await _poll_vpn(hass, entry)
    assert _listen_port(vpn_stack) == 7000


async def test_unload_stops_syncing(hass: HomeAssistant, vpn_stack: VpnStack) -> None:
    """After unload, a new forwarded port is not applied."""
    _forward(vpn_stack, [51413])
    entry = await _setup(hass, vpn_stack)
    runtime: MyflixRuntimeData = entry.runtime_data
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    # Whatever the coordinator still tells its listeners, none of them is ours.
    assert runtime.get(VPN) is not None
    coordinator = runtime.get(VPN).status
    with patch.object(PortSync, "async_sync", autospec=True) as sync:
        coordinator.async_set_updated_data(
            replace(coordinator.data, forwarded_port=40123)
        )
        await hass.async_block_till_done()
    sync.assert_not_called()
    assert _listen_port(vpn_stack) == 51413


@pytest.mark.parametrize("version", NOX_PARAMS)
async def test_port_sync_on_each_real_qbittorrent(
    version: str, socket_enabled: None, tmp_path: Path
) -> None:
    """The listen port is read, set and read back the same way on 4.5.2 and 5.3.0."""
    require_nox(version)
    async with (
        QbittorrentNox(
            username="u", password="p-1", version=version, profile_dir=tmp_path / "p"
        ) as nox,
        aiohttp.ClientSession() as session,
    ):
        client = QbittorrentClient(
            url=nox.url, username="u", password="p-1", session=session
        )
        sync = PortSync(client)
        port = free_port()
        assert sync.needs(port)
        await sync.async_sync(port)
        assert sync.listen_port == port
        assert not sync.needs(port)
        assert (await client.preferences())["listen_port"] == port
