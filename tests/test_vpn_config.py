"""gluetun in the config, reauth and options flows, and in diagnostics."""

from __future__ import annotations

import json
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.myflix.const import (
    CONF_FAIL_CLOSED_AFTER,
    CONF_GLUETUN_API_KEY,
    CONF_GLUETUN_URL,
    CONF_IP_ECHO_URLS,
    CONF_KILLSWITCH_INTERVAL,
    CONF_QBITTORRENT_PASSWORD,
    CONF_RELEASE_AFTER,
    CONF_UNBOUND_IS_LEAK,
    DOMAIN,
)
from custom_components.myflix.features.vpn.killswitch import killswitch_config
from simulators.server import free_port

from .conftest import QBT_PASS
from .options_helpers import open_options_page
from .vpn_helpers import GLUETUN_KEY, VpnStack, vpn_stack_fixture  # noqa: F401


async def _submit(hass: HomeAssistant, data: dict[str, Any]) -> Any:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["data_schema"]({}) == {}  # every field is optional
    return await hass.config_entries.flow.async_configure(result["flow_id"], data)


async def test_user_flow_with_gluetun(hass: HomeAssistant, vpn_stack: VpnStack) -> None:
    """gluetun and the echo URLs are stored; the echoes are not contacted."""
    with patch("custom_components.myflix.async_setup_entry", return_value=True):
        result = await _submit(hass, vpn_stack.data)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == vpn_stack.data
    assert vpn_stack.echo.requests == []
    assert ("GET", "/v1/version") in vpn_stack.gluetun.requests


async def test_gluetun_errors(hass: HomeAssistant, vpn_stack: VpnStack) -> None:
    """A refused key is the key field's error; a dead host or bad URL the URL's."""
    result = await _submit(hass, {**vpn_stack.data, CONF_GLUETUN_API_KEY: "wrong"})
    assert result["errors"] == {CONF_GLUETUN_API_KEY: "invalid_auth"}
    dead = f"http://127.0.0.1:{free_port()}"
    result = await _submit(hass, {**vpn_stack.data, CONF_GLUETUN_URL: dead})
    assert result["errors"] == {CONF_GLUETUN_URL: "cannot_connect"}
    result = await _submit(
        hass, {**vpn_stack.data, CONF_IP_ECHO_URLS: "https://ok.example, ftp://x"}
    )
    assert result["errors"] == {CONF_IP_ECHO_URLS: "invalid_url"}


async def test_reauth_asks_for_the_gluetun_key(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """A stored gluetun key is asked for again; a keyless gluetun is not."""
    entry = MockConfigEntry(
        domain=DOMAIN, data={**vpn_stack.data, CONF_GLUETUN_API_KEY: "stale"}
    )
    entry.add_to_hass(hass)
    result = await entry.start_reauth_flow(hass)
    asked = {str(key) for key in result["data_schema"].schema}
    assert asked == {CONF_QBITTORRENT_PASSWORD, CONF_GLUETUN_API_KEY}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_GLUETUN_API_KEY: GLUETUN_KEY}
    )
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_GLUETUN_API_KEY] == GLUETUN_KEY
    # The reauth reloads the entry: let it settle and stop it before the
    # simulators close, or one of its connections lands on a closing server.
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(entry.entry_id)

    keyless = {k: v for k, v in vpn_stack.data.items() if k != CONF_GLUETUN_API_KEY}
    other = MockConfigEntry(domain=DOMAIN, data=keyless)
    other.add_to_hass(hass)
    result = await other.start_reauth_flow(hass)
    assert {str(key) for key in result["data_schema"].schema} == {
        CONF_QBITTORRENT_PASSWORD
    }


async def test_killswitch_options(hass: HomeAssistant, vpn_stack: VpnStack) -> None:
    """The killswitch's options are offered with gluetun and reach the engine."""
    entry = MockConfigEntry(domain=DOMAIN, data=vpn_stack.data)
    entry.add_to_hass(hass)
    result = await open_options_page(hass, entry.entry_id, "vpn")
    schema = {str(key) for key in result["data_schema"].schema}
    assert {
        CONF_KILLSWITCH_INTERVAL,
        CONF_FAIL_CLOSED_AFTER,
        CONF_RELEASE_AFTER,
        CONF_UNBOUND_IS_LEAK,
    } <= schema
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            CONF_KILLSWITCH_INTERVAL: 500.0,
            CONF_FAIL_CLOSED_AFTER: 30.0,
            CONF_RELEASE_AFTER: 5.0,
            CONF_UNBOUND_IS_LEAK: True,
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    config = killswitch_config(entry.options)
    assert (config.check_interval, config.fail_closed_after) == (0.5, 30)
    assert (config.release_after, config.unbound_is_leak) == (5, True)


async def test_diagnostics_without_secrets(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, vpn_stack: VpnStack
) -> None:
    """The killswitch and VPN are summarised; keys and addresses are not shown."""
    entry = MockConfigEntry(domain=DOMAIN, data=vpn_stack.data)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    result = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert result["killswitch"]["armed"] is True
    assert result["vpn"]["status"] == "running"
    assert result["vpn"]["settings"]["provider"] == "nordvpn"
    assert result["entry"]["data"][CONF_GLUETUN_API_KEY] == "**REDACTED**"
    text = json.dumps(result)
    for secret in (GLUETUN_KEY, QBT_PASS, vpn_stack.gluetun.home_ip):
        assert secret not in text
    assert vpn_stack.gluetun.private_key not in text
    assert vpn_stack.gluetun.vpn_ip not in text
