"""Watchtower in Myflix: config fields, the update_containers action, its errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
import json
import logging

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.myflix.const import (
    CONF_WATCHTOWER_TOKEN,
    CONF_WATCHTOWER_URL,
    DOMAIN,
)
from simulators.server import serve
from simulators.watchtower import WatchtowerSimulator

from .conftest import Backend
from .services_helpers import call, call_fails, setup_entry

TOKEN = "wt-token-9f8e7d6c5b4a"
RADARR_IMAGE = "lscr.io/linuxserver/radarr:latest"


@pytest.fixture
async def watchtower(socket_enabled: None) -> AsyncIterator[Backend]:
    """The maintained fork's API (JSON summary and container list)."""
    sim = WatchtowerSimulator(token=TOKEN)
    async with serve(sim.make_app()) as url:
        yield Backend(sim, url)


async def test_update_containers_reports_changed_digests(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    watchtower: Backend,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Only the container whose image was published changes; the token stays out."""
    caplog.set_level(logging.DEBUG)
    data = {
        **stack_data,
        CONF_WATCHTOWER_URL: watchtower.url,
        CONF_WATCHTOWER_TOKEN: TOKEN,
    }
    await setup_entry(hass, data)
    events = async_capture_events(hass, "myflix_containers_updated")
    old = watchtower.sim.containers["radarr"].digest
    watchtower.sim.publish(RADARR_IMAGE, "2")
    result = await call(hass, "update_containers")
    assert result["method"] == "digests"
    assert result["changed"] == [
        {"name": "radarr", "image": RADARR_IMAGE, "before": old,
         "after": watchtower.sim.containers["radarr"].digest},
    ]  # fmt: skip
    assert result["unchanged"] == 3
    assert result["summary"]["updated"] == 1
    result = await call(hass, "update_containers", {"images": ["qmcgaw/gluetun"]})
    assert result["changed"] == []
    assert watchtower.sim.requests[-2][2] == {"image": "qmcgaw/gluetun"}
    assert len(events) == 2
    assert TOKEN not in caplog.text + json.dumps([e.data for e in events])


async def test_containrrr_gives_no_details(
    hass: HomeAssistant, stack_data: dict[str, str], socket_enabled: None
) -> None:
    """1.7.x answers nothing: the update runs, the report says it cannot tell."""
    sim = WatchtowerSimulator(token=TOKEN, flavour="containrrr")
    async with serve(sim.make_app()) as url:
        await setup_entry(
            hass,
            {**stack_data, CONF_WATCHTOWER_URL: url, CONF_WATCHTOWER_TOKEN: TOKEN},
        )
        sim.publish(RADARR_IMAGE, "2")
        result = await call(hass, "update_containers")
    assert result == {
        "images": [], "summary": None, "method": "none", "changed": None,
        "unchanged": None,
    }  # fmt: skip
    assert not sim.containers["radarr"].outdated


async def test_errors(
    hass: HomeAssistant, stack_data: dict[str, str], watchtower: Backend
) -> None:
    """No Watchtower configured; a wrong token (no reauth: reconfigure fixes it)."""
    entry = await setup_entry(hass, stack_data)
    await call_fails(hass, "update_containers", {}, ServiceValidationError,
                     "watchtower_not_configured")  # fmt: skip
    other = await setup_entry(
        hass,
        {CONF_WATCHTOWER_URL: watchtower.url, CONF_WATCHTOWER_TOKEN: "wrong",
         "radarr_url": stack_data["radarr_url"],
         "radarr_api_key": stack_data["radarr_api_key"]},
        title="Second",
    )  # fmt: skip
    err = await call_fails(
        hass, "update_containers", {"config_entry_id": other.entry_id},
        HomeAssistantError, "auth_failed",
    )  # fmt: skip
    assert "Watchtower" in str(err)
    assert not any(
        flow["context"]["source"] == "reauth"
        for flow in hass.config_entries.flow.async_progress()
    )
    assert entry.entry_id != other.entry_id


async def test_config_flow_takes_watchtower_and_keeps_its_token(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """URL checked for shape, token required with it, kept on reconfigure."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": "user"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**stack_data, CONF_WATCHTOWER_URL: "ftp://x"}
    )
    assert result["errors"] == {
        CONF_WATCHTOWER_URL: "invalid_url", CONF_WATCHTOWER_TOKEN: "api_key_required",
    }  # fmt: skip
    data = {**stack_data, CONF_WATCHTOWER_URL: "http://127.0.0.1:8080",
            CONF_WATCHTOWER_TOKEN: TOKEN}  # fmt: skip
    entry = MockConfigEntry(domain=DOMAIN, data=data)
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    schema_keys = [str(k) for k in result["data_schema"].schema]
    assert CONF_WATCHTOWER_TOKEN in schema_keys
    fields = {k: v for k, v in data.items() if "key" not in k and "password" not in k}
    fields.pop(CONF_WATCHTOWER_TOKEN)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], fields)
    assert result["type"] is FlowResultType.ABORT
    assert entry.data[CONF_WATCHTOWER_TOKEN] == TOKEN
    # The reload runs in the background: let it finish so teardown unloads it
    # (a calendar event ending at midnight otherwise leaves a timer behind).
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
