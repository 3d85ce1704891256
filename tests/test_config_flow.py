"""Tests of the Myflix config flow: user, errors with recovery, reauth, reconfigure."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from unittest.mock import patch

from aiohttp import web
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import (
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    CONF_SONARR_API_KEY,
    CONF_SONARR_URL,
    DOMAIN,
)
from simulators.server import free_port, serve

from .conftest import QBT_PASS, RADARR_KEY, SONARR_KEY, Backend


async def _submit(hass: HomeAssistant, data: dict[str, Any]) -> Any:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    if result["type"] is FlowResultType.MENU:  # a stack exists: stack or Gemini?
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {"next_step_id": "stack"}
        )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return await hass.config_entries.flow.async_configure(result["flow_id"], data)


@pytest.fixture
async def raw_server(socket_enabled: None) -> AsyncIterator[Any]:
    """Serve one handler on every path; the test chooses the handler."""
    handlers: dict[str, Any] = {}

    async def dispatch(request: web.Request) -> web.StreamResponse:
        return await handlers["handler"](request)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", dispatch)
    async with serve(app) as url:

        def use(handler: Any) -> str:
            handlers["handler"] = handler
            return url

        yield use


async def test_user_flow_all_backends(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """Three working backends give one entry with exactly the data entered."""
    result = await _submit(
        hass, {**stack_data, CONF_RADARR_URL: stack_data[CONF_RADARR_URL] + "/"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Myflix"
    assert result["data"] == stack_data


async def test_user_flow_single_backend(hass: HomeAssistant, sonarr: Backend) -> None:
    """Any one backend is enough."""
    result = await _submit(
        hass, {CONF_SONARR_URL: sonarr.url, CONF_SONARR_API_KEY: SONARR_KEY}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_SONARR_URL: sonarr.url,
        CONF_SONARR_API_KEY: SONARR_KEY,
    }


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {"base": "no_backend"}),
        ({CONF_RADARR_URL: "   "}, {"base": "no_backend"}),
        (
            {CONF_RADARR_URL: "192.168.1.2:7878", CONF_RADARR_API_KEY: "k"},
            {CONF_RADARR_URL: "invalid_url"},
        ),
        (
            {CONF_QBITTORRENT_URL: "ftp://127.0.0.1:8080"},
            {CONF_QBITTORRENT_URL: "invalid_url"},
        ),
        (
            {CONF_SONARR_URL: "http://127.0.0.1:8989"},
            {CONF_SONARR_API_KEY: "api_key_required"},
        ),
    ],
)
async def test_user_flow_form_errors(
    hass: HomeAssistant, data: dict[str, str], errors: dict[str, str]
) -> None:
    """Mistakes in the form are reported on their field without contacting anything."""
    result = await _submit(hass, data)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors


async def test_wrong_radarr_key_then_recovery(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """A refused key marks the key field; the corrected key creates the entry."""
    result = await _submit(hass, {**stack_data, CONF_RADARR_API_KEY: "wrong"})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_RADARR_API_KEY: "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], stack_data
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_RADARR_API_KEY] == RADARR_KEY


async def test_wrong_qbittorrent_password(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """qBittorrent's 200 "Fails." is a refused password, not a success."""
    result = await _submit(hass, {**stack_data, CONF_QBITTORRENT_PASSWORD: "nope"})
    assert result["errors"] == {CONF_QBITTORRENT_PASSWORD: "invalid_auth"}


async def test_qbittorrent_banned(hass: HomeAssistant, qbittorrent: Backend) -> None:
    """After too many failures qBittorrent answers 403 and the flow says banned."""
    data = {
        CONF_QBITTORRENT_URL: qbittorrent.url,
        CONF_QBITTORRENT_USERNAME: "admin",
        CONF_QBITTORRENT_PASSWORD: "bad",
    }
    for _ in range(5):
        result = await _submit(hass, data)
        assert result["errors"] == {CONF_QBITTORRENT_PASSWORD: "invalid_auth"}
    result = await _submit(hass, {**data, CONF_QBITTORRENT_PASSWORD: QBT_PASS})
    assert result["errors"] == {CONF_QBITTORRENT_PASSWORD: "banned"}


async def test_unreachable_backend(hass: HomeAssistant, socket_enabled: None) -> None:
    """A closed port is cannot_connect on the URL field."""
    url = f"http://127.0.0.1:{free_port()}"
    result = await _submit(hass, {CONF_RADARR_URL: url, CONF_RADARR_API_KEY: "k"})
    assert result["errors"] == {CONF_RADARR_URL: "cannot_connect"}


async def _not_json(request: web.Request) -> web.Response:
    return web.Response(text="<html>login page</html>", content_type="text/html")


async def _server_error(request: web.Request) -> web.Response:
    return web.Response(status=500, text="boom")


async def _truncated(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Length": "1000"})
    response.content_type = "application/json"
    await response.prepare(request)
    await response.write(b'{"version": "5.')
    assert request.transport is not None
    request.transport.close()  # the connection drops 985 bytes short
    return response


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(5)
    return web.json_response({})


@pytest.mark.parametrize(
    ("handler", "error"),
    [
        (_not_json, "invalid_response"),
        (_server_error, "server_error"),
        (_truncated, "invalid_response"),
        (_slow, "timeout_connect"),
    ],
)
async def test_bad_backend_answers(
    hass: HomeAssistant, raw_server: Any, handler: Any, error: str
) -> None:
    """Each kind of broken answer has its own error on the URL field."""
    url = raw_server(handler)
    with patch("custom_components.myflix.backends.REQUEST_TIMEOUT", 0.3):
        result = await _submit(hass, {CONF_SONARR_URL: url, CONF_SONARR_API_KEY: "k"})
    assert result["errors"] == {CONF_SONARR_URL: error}


async def test_tls_error(hass: HomeAssistant, radarr: Backend) -> None:
    """https:// against a plain-HTTP port is a TLS error, not a generic one."""
    url = radarr.url.replace("http://", "https://")
    result = await _submit(
        hass, {CONF_RADARR_URL: url, CONF_RADARR_API_KEY: RADARR_KEY}
    )
    assert result["errors"] == {CONF_RADARR_URL: "ssl_error"}


async def test_unexpected_error(hass: HomeAssistant, radarr: Backend) -> None:
    """A bug in a client shows "unknown" instead of crashing the flow."""
    with patch(
        "custom_components.myflix.clients.radarr.RadarrClient.system_status",
        side_effect=RuntimeError("bug"),
    ):
        result = await _submit(
            hass, {CONF_RADARR_URL: radarr.url, CONF_RADARR_API_KEY: RADARR_KEY}
        )
    assert result["errors"] == {"base": "unknown"}


async def test_backend_already_configured(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """A backend that another entry already uses is refused."""
    MockConfigEntry(domain=DOMAIN, data=stack_data).add_to_hass(hass)
    result = await _submit(
        hass,
        {
            CONF_SONARR_URL: stack_data[CONF_SONARR_URL],
            CONF_SONARR_API_KEY: SONARR_KEY,
        },
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_two_stacks_side_by_side(
    hass: HomeAssistant, radarr: Backend, sonarr: Backend
) -> None:
    """A second media stack gets its own entry."""
    first = await _submit(
        hass, {CONF_RADARR_URL: radarr.url, CONF_RADARR_API_KEY: RADARR_KEY}
    )
    second = await _submit(
        hass, {CONF_SONARR_URL: sonarr.url, CONF_SONARR_API_KEY: SONARR_KEY}
    )
    assert first["type"] is FlowResultType.CREATE_ENTRY
    assert second["type"] is FlowResultType.CREATE_ENTRY
    assert len(hass.config_entries.async_entries(DOMAIN)) == 2


async def test_reauth(hass: HomeAssistant, stack_data: dict[str, str]) -> None:
    """Reauth asks only for secrets, rejects a wrong one, stores the right one."""
    entry = MockConfigEntry(
        domain=DOMAIN, data={**stack_data, CONF_SONARR_API_KEY: "stale"}
    )
    entry.add_to_hass(hass)
    result = await entry.start_reauth_flow(hass)
    assert result["step_id"] == "reauth_confirm"
    asked = {str(key) for key in result["data_schema"].schema}
    assert asked == {
        CONF_RADARR_API_KEY,
        CONF_SONARR_API_KEY,
        CONF_QBITTORRENT_PASSWORD,
    }
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_SONARR_API_KEY: "still-wrong"}
    )
    assert result["errors"] == {CONF_SONARR_API_KEY: "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_SONARR_API_KEY: SONARR_KEY}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data == stack_data


async def test_reconfigure_keeps_secrets_and_drops_removed_backend(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """Empty secrets keep the stored ones; a cleared URL removes that backend."""
    entry = MockConfigEntry(domain=DOMAIN, data=stack_data)
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_RADARR_URL: stack_data[CONF_RADARR_URL],
            CONF_QBITTORRENT_URL: stack_data[CONF_QBITTORRENT_URL],
            CONF_QBITTORRENT_USERNAME: stack_data[CONF_QBITTORRENT_USERNAME],
        },
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    expected = {k: v for k, v in stack_data.items() if not k.startswith("sonarr")}
    assert entry.data == expected
    # The reload runs in the background: let it finish so teardown unloads it.
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED


async def test_reconfigure_rejects_unreachable(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """Reconfigure checks the new addresses before saving them."""
    entry = MockConfigEntry(domain=DOMAIN, data=stack_data)
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    bad = {**stack_data, CONF_SONARR_URL: f"http://127.0.0.1:{free_port()}"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], bad)
    assert result["errors"] == {CONF_SONARR_URL: "cannot_connect"}
    assert entry.data == stack_data
