"""Setup and unload of a Myflix entry against the simulators."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.myflix.const import (
    CONF_QBITTORRENT_PASSWORD,
    CONF_RADARR_API_KEY,
    CONF_SONARR_API_KEY,
    CONF_SONARR_URL,
    DOMAIN,
)
from custom_components.myflix.features.arr import RADARR, SONARR
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from simulators.server import free_port, serve
from simulators.sonarr import SonarrSimulator

from .conftest import SONARR_KEY, Backend


async def _setup(hass: HomeAssistant, data: dict[str, str]) -> MockConfigEntry:
    entry = MockConfigEntry(domain=DOMAIN, data=data)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def test_setup_and_unload(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """All three backends connect; unloading frees the runtime data."""
    entry = await _setup(hass, stack_data)
    assert entry.state is ConfigEntryState.LOADED
    runtime = entry.runtime_data
    assert runtime.get(RADARR) is not None
    assert runtime.get(SONARR) is not None
    assert runtime.get(QBITTORRENT) is not None
    assert set(runtime.versions) == {"radarr", "sonarr", "qbittorrent"}
    assert runtime.versions["qbittorrent"] == "4.5.2"
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert entry.state is ConfigEntryState.NOT_LOADED
    assert not hasattr(entry, "runtime_data")


async def test_refused_key_starts_reauth(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """A refused credential fails setup and opens a reauth flow."""
    entry = await _setup(hass, {**stack_data, CONF_RADARR_API_KEY: "revoked"})
    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]


async def test_refused_password_starts_reauth(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """qBittorrent's refused login also leads to reauth."""
    entry = await _setup(hass, {**stack_data, CONF_QBITTORRENT_PASSWORD: "changed"})
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert any(
        flow["context"]["source"] == "reauth"
        for flow in hass.config_entries.flow.async_progress()
    )


async def test_one_backend_down_does_not_block_the_others(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """A backend that is down leaves the entry loaded; only its data is missing."""
    down = f"http://127.0.0.1:{free_port()}"
    entry = await _setup(hass, {**stack_data, CONF_SONARR_URL: down})
    assert entry.state is ConfigEntryState.LOADED
    runtime = entry.runtime_data
    assert runtime.get(SONARR) is not None
    assert runtime.get(RADARR) is not None
    assert runtime.get(QBITTORRENT) is not None
    assert not runtime.get(SONARR).status.last_update_success
    assert runtime.get(RADARR).status.last_update_success
    assert runtime.get(RADARR).status.data.queue is not None
    assert runtime.get(QBITTORRENT).sync.last_update_success
    assert "sonarr" not in runtime.versions
    assert not hass.config_entries.flow.async_progress()


async def test_one_endpoint_answering_garbage_does_not_hold_the_entry(
    hass: HomeAssistant, stack_data: dict[str, str], radarr: Backend
) -> None:
    """A reply of the wrong shape at start-up: the entry loads, the rest works.

    It used to send the whole entry, Sonarr and qBittorrent included, to
    setup retry; now only that endpoint fails and recovers on its next round.
    """
    folders = radarr.sim.root_folders
    radarr.sim.root_folders = "<html>maintenance</html>"
    entry = await _setup(hass, stack_data)
    assert entry.state is ConfigEntryState.LOADED
    runtime = entry.runtime_data
    assert runtime.get(RADARR) is not None
    assert runtime.get(SONARR) is not None
    assert runtime.get(QBITTORRENT) is not None
    # The status poll read the queue, health and disks; only the folders failed.
    assert runtime.get(RADARR).status.last_update_success
    assert "root_folders" in runtime.get(RADARR).status.data.failed
    assert runtime.get(RADARR).library.last_update_success
    assert runtime.get(SONARR).status.last_update_success
    assert runtime.get(QBITTORRENT).sync.last_update_success
    state = hass.states.get
    assert state("sensor.radarr_queue").state != STATE_UNAVAILABLE
    assert state("sensor.radarr_free_space_data_media_movies") is None  # not seen yet
    assert state("sensor.radarr_movies").state == "10"  # the library poll
    assert state("sensor.sonarr_queue").state != STATE_UNAVAILABLE

    radarr.sim.root_folders = folders
    await runtime.get(RADARR).status.async_refresh()
    await hass.async_block_till_done()
    assert not runtime.get(RADARR).status.data.failed
    assert state("sensor.radarr_free_space_data_media_movies").state != (
        STATE_UNAVAILABLE
    )


async def test_all_backends_down_retries(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    """With nothing reachable, HA retries the setup later, with no reauth."""
    down = f"http://127.0.0.1:{free_port()}"
    entry = await _setup(hass, {CONF_SONARR_URL: down, CONF_SONARR_API_KEY: "k"})
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert "Cannot connect to Sonarr" in (entry.reason or "")
    assert not hass.config_entries.flow.async_progress()


async def test_silent_backend_does_not_hold_up_setup(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """A host that accepts but never answers is set up as down after the deadline."""
    connections: list[asyncio.StreamWriter] = []

    async def swallow(
        _reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        connections.append(writer)

    server = await asyncio.start_server(swallow, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        with patch("custom_components.myflix.SETUP_DEADLINE", 0.2):
            entry = await _setup(
                hass, {**stack_data, CONF_SONARR_URL: f"http://127.0.0.1:{port}"}
            )
        assert entry.state is ConfigEntryState.LOADED
        runtime = entry.runtime_data
        assert runtime.get(SONARR) is not None
        assert runtime.get(RADARR) is not None
        assert not runtime.get(SONARR).status.last_update_success
        assert runtime.get(RADARR).status.last_update_success
        assert "sonarr" not in runtime.versions
        assert await hass.config_entries.async_unload(entry.entry_id)
    finally:
        for writer in connections:
            writer.close()
        server.close()
        await server.wait_closed()


async def test_backend_back_after_setup_catches_up(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    device_registry: dr.DeviceRegistry,
) -> None:
    """When a backend down at setup answers, its library and version follow at once."""
    port = free_port()
    entry = await _setup(
        hass, {**stack_data, CONF_SONARR_URL: f"http://127.0.0.1:{port}"}
    )
    runtime = entry.runtime_data
    assert runtime.get(SONARR) is not None
    assert not runtime.get(SONARR).library.last_update_success

    sim = SonarrSimulator(api_key=SONARR_KEY)
    async with serve(sim.make_app(), port=port):
        freezer.tick(timedelta(seconds=31))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)
        assert runtime.get(SONARR).status.last_update_success
        assert runtime.get(SONARR).library.last_update_success
        assert runtime.get(SONARR).library.data.total > 0
        assert (
            runtime.versions["sonarr"]
            == (await runtime.get(SONARR).client.system_status()).version
        )
        (device,) = [
            d
            for d in dr.async_entries_for_config_entry(device_registry, entry.entry_id)
            if (DOMAIN, f"{entry.entry_id}_sonarr") in d.identifiers
        ]
        assert device.sw_version == runtime.versions["sonarr"]
        assert await hass.config_entries.async_unload(entry.entry_id)


async def test_removed_backend_loses_its_device(
    hass: HomeAssistant, stack_data: dict[str, str], device_registry: dr.DeviceRegistry
) -> None:
    """Reconfiguring a backend away removes its device; the others stay."""
    entry = await _setup(hass, stack_data)
    devices = dr.async_entries_for_config_entry(device_registry, entry.entry_id)
    assert {d.name for d in devices} == {"Radarr", "Sonarr", "qBittorrent"}
    data = {k: v for k, v in stack_data.items() if not k.startswith("sonarr")}
    hass.config_entries.async_update_entry(entry, data=data)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    devices = dr.async_entries_for_config_entry(device_registry, entry.entry_id)
    assert {d.name for d in devices} == {"Radarr", "qBittorrent"}


async def test_password_changed_while_running(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    qbittorrent: Backend,
) -> None:
    """A qBittorrent password changed behind HA's back: reauth with the new one works."""
    entry = await _setup(hass, stack_data)
    qbittorrent.sim.password = "new-password-42"
    qbittorrent.sim.expire_sessions()
    freezer.tick(timedelta(seconds=6))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    (flow,) = hass.config_entries.flow.async_progress()
    assert flow["context"]["source"] == "reauth"

    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_QBITTORRENT_PASSWORD: "new-password-42"}
    )
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert entry.data[CONF_QBITTORRENT_PASSWORD] == "new-password-42"
    assert entry.runtime_data.get(QBITTORRENT) is not None
    assert entry.runtime_data.get(QBITTORRENT).sync.last_update_success
