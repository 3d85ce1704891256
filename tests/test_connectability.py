"""Connectability in HA: the sensor's reason, its repair, diagnostics (real nox too)."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from datetime import timedelta
from pathlib import Path

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.myflix.const import (
    CONF_GLUETUN_API_KEY,
    CONF_GLUETUN_URL,
    CONF_IP_ECHO_URLS,
    CONF_KILLSWITCH_INTERVAL,
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    DOMAIN,
)
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.features.vpn import VPN
from custom_components.myflix.features.vpn.connectability import SUSTAINED
from simulators.gluetun import GluetunSimulator
from simulators.ipecho import IpEchoSimulator
from simulators.nox import QbittorrentNox
from simulators.server import serve

from .nox_versions import NOX_PARAMS, require_nox
from .vpn_helpers import GLUETUN_KEY, VpnStack, vpn_stack_fixture  # noqa: F401

SENSOR = "sensor.vpn_connectability"
# The killswitch checks once at start, then stays out of the way.
OPTIONS = {CONF_KILLSWITCH_INTERVAL: 60000}


async def _setup(hass: HomeAssistant, data: dict[str, str]) -> MockConfigEntry:
    entry = MockConfigEntry(domain=DOMAIN, data=data, options=OPTIONS)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def _poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Run the VPN and qBittorrent polls once, as their timers would."""
    runtime = entry.runtime_data
    vpn, qbittorrent = runtime.get(VPN), runtime.get(QBITTORRENT)
    assert vpn is not None
    assert qbittorrent is not None
    for coordinator in (vpn.status, qbittorrent.sync, qbittorrent.settings):
        await coordinator.async_refresh()
    await hass.async_block_till_done()


async def _until(
    hass: HomeAssistant, entry: MockConfigEntry, state: str, polls: int = 40
) -> None:
    """Poll until the sensor shows ``state`` (5.3.0 says "disconnected" at first)."""
    for _ in range(polls):
        await _poll(hass, entry)
        if hass.states.get(SENSOR).state == state:
            return
        await asyncio.sleep(0.25)
    pytest.fail(f"{SENSOR} stayed {hass.states.get(SENSOR).state}, not {state}")


def _issue(hass: HomeAssistant, entry: MockConfigEntry) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(
        DOMAIN, f"connectability_{entry.entry_id}"
    )


@pytest.mark.parametrize("version", NOX_PARAMS)
async def test_nordvpn_then_forwarding_on_a_real_qbittorrent(
    hass: HomeAssistant,
    socket_enabled: None,
    tmp_path: Path,
    hass_client: ClientSessionGenerator,
    version: str,
) -> None:
    """NordVPN: the provider is named; ProtonVPN with forwarding: the port is set."""
    require_nox(version)
    gluetun = GluetunSimulator(api_key=GLUETUN_KEY)
    echo = IpEchoSimulator(ip=gluetun.home_ip)
    async with AsyncExitStack() as stack:
        nox = await stack.enter_async_context(
            QbittorrentNox(
                username="u", password="p-1", version=version, profile_dir=tmp_path
            )
        )
        data = {
            CONF_GLUETUN_URL: await stack.enter_async_context(
                serve(gluetun.make_app())
            ),
            CONF_GLUETUN_API_KEY: GLUETUN_KEY,
            CONF_IP_ECHO_URLS: await stack.enter_async_context(serve(echo.make_app()))
            + "/",
            CONF_QBITTORRENT_URL: nox.url,
            CONF_QBITTORRENT_USERNAME: "u",
            CONF_QBITTORRENT_PASSWORD: "p-1",
        }
        entry = await _setup(hass, data)
        # A real nox on loopback gets no peer: it says "firewalled".
        await _until(hass, entry, "provider_cannot_forward")
        state = hass.states.get(SENSOR)
        assert state.attributes["provider"] == "nordvpn"
        assert state.attributes["qbittorrent_status"] == "firewalled"
        assert state.attributes["forwarded_port"] is None
        assert _issue(hass, entry) is None  # not sustained yet

        # The user moves to ProtonVPN with forwarding on: Myflix applies the port.
        gluetun.enable_port_forwarding("protonvpn")
        gluetun.set_forwarded_ports([51413])
        await _until(hass, entry, "firewalled")
        state = hass.states.get(SENSOR)
        assert state.attributes["forwarded_port"] == 51413
        assert state.attributes["listen_port"] == 51413

        diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
        assert diagnostics["connectability"] == {
            "verdict": "firewalled",
            "qbittorrent_status": "firewalled",
            "provider": "protonvpn",
            "forwarded_port": 51413,
            "listen_port": 51413,
        }
        assert await hass.config_entries.async_unload(entry.entry_id)


async def test_a_lasting_reason_becomes_one_repair(
    hass: HomeAssistant, vpn_stack: VpnStack, freezer: FrozenDateTimeFactory
) -> None:
    """After ``SUSTAINED`` the reason is a repair; a new reason clears it at once."""
    vpn_stack.qbittorrent.set_connection_status("firewalled")
    entry = await _setup(hass, vpn_stack.data)
    assert hass.states.get(SENSOR).state == "provider_cannot_forward"
    freezer.tick(SUSTAINED - timedelta(seconds=30))
    await _poll(hass, entry)
    assert _issue(hass, entry) is None

    freezer.tick(timedelta(seconds=31))
    async_fire_time_changed(hass)
    await _poll(hass, entry)
    issue = _issue(hass, entry)
    assert issue is not None
    assert issue.translation_key == "connectability_provider_cannot_forward"
    assert issue.translation_placeholders["provider"] == "nordvpn"
    assert not issue.is_fixable

    vpn_stack.gluetun.set_provider("protonvpn")  # forwarding still off
    await _poll(hass, entry)
    assert hass.states.get(SENSOR).state == "forwarding_off"
    assert _issue(hass, entry) is None

    vpn_stack.qbittorrent.set_connection_status("connected")
    freezer.tick(SUSTAINED * 2)
    async_fire_time_changed(hass)
    await _poll(hass, entry)
    assert hass.states.get(SENSOR).state == "connectable"
    assert _issue(hass, entry) is None
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_each_reason_a_person_can_act_on(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """Forwarding off, no port yet, port not applied, no provider, not listening."""
    vpn_stack.qbittorrent.set_connection_status("firewalled")
    gluetun = vpn_stack.gluetun
    entry = await _setup(hass, vpn_stack.data)
    assert hass.states.get(SENSOR).state == "provider_cannot_forward"

    gluetun.set_provider("private internet access")
    await _poll(hass, entry)
    assert hass.states.get(SENSOR).state == "forwarding_off"

    gluetun.enable_port_forwarding("private internet access")
    await _poll(hass, entry)
    assert hass.states.get(SENSOR).state == "no_forwarded_port"

    # The port sync is held back: the port stays unapplied.
    vpn_stack.qbittorrent.fail_next(5, path="/api/v2/app/setPreferences")
    gluetun.set_forwarded_ports([51413])
    await _poll(hass, entry)
    state = hass.states.get(SENSOR)
    assert state.state == "port_not_applied"
    assert state.attributes["forwarded_port"] == 51413
    assert state.attributes["listen_port"] != 51413

    # gluetun that does not report its settings, and forwards nothing.
    gluetun.set_forwarded_ports([])
    gluetun.fail_next(3, path="/v1/vpn/settings")
    await _poll(hass, entry)
    assert hass.states.get(SENSOR).state == "provider_unknown"

    vpn_stack.qbittorrent.set_connection_status("disconnected")
    await _poll(hass, entry)
    assert hass.states.get(SENSOR).state == "not_listening"

    vpn_stack.qbittorrent.set_connection_status("connected")
    await _poll(hass, entry)
    assert hass.states.get(SENSOR).state == "connectable"
