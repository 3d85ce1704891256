"""The real qbittorrent-nox restarted under a loaded entry: entities recover, no reload.

HA core's qBittorrent integration stays unavailable after such a restart until
the entry is reloaded (core#106506): its session cookie is dead. Ours logs in
again and asks for a full sync.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import os
from pathlib import Path
import signal

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.myflix.const import (
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
)
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from simulators.nox import QbittorrentNox
from simulators.qbittorrent import make_torrent

from .conftest import QBT_PASS, QBT_USER
from .entity_helpers import QBITTORRENT_POLL, flow_sources, setup_platform, state_of
from .nox_versions import NOX_PARAMS, require_nox

TORRENTS = "sensor.qbittorrent_torrents"
STOPPED = "sensor.qbittorrent_stopped_torrents"
SPEED = "sensor.qbittorrent_download_speed"
# qBittorrent checks an added or restored torrent for a second or so before
# it settles; the real process needs real time for that.
SETTLE_POLLS = 100
SETTLE_PAUSE = 0.1


async def _poll(hass: HomeAssistant) -> None:
    """Jump to the next qBittorrent poll and let it finish.

    Real time keeps running here (the real process needs it); the jump only
    fires the coordinator's timer early.
    """
    async_fire_time_changed(hass, dt_util.utcnow() + QBITTORRENT_POLL)
    await hass.async_block_till_done(wait_background_tasks=True)


async def _wait_for(hass: HomeAssistant, entity_id: str, expected: str) -> None:
    """Poll until the entity shows ``expected`` (qBittorrent works in real time)."""
    for _ in range(SETTLE_POLLS):
        await _poll(hass)
        if state_of(hass, entity_id).state == expected:
            return
        await asyncio.sleep(SETTLE_PAUSE)
    assert state_of(hass, entity_id).state == expected


@pytest.fixture(params=NOX_PARAMS)
async def nox(
    request: pytest.FixtureRequest, socket_enabled: None, tmp_path: Path
) -> AsyncIterator[QbittorrentNox]:
    """A running qbittorrent-nox (each installed version) whose profile outlives a restart."""
    require_nox(request.param)
    process = QbittorrentNox(
        username=QBT_USER,
        password=QBT_PASS,
        profile_dir=tmp_path / "qbittorrent",
        version=request.param,
    )
    await process.start()
    try:
        yield process
    finally:
        await process.stop()


@pytest.fixture
async def entry(hass: HomeAssistant, nox: QbittorrentNox) -> MockConfigEntry:
    """A loaded entry with only this qBittorrent, and its sensors."""
    data = {
        CONF_QBITTORRENT_URL: nox.url,
        CONF_QBITTORRENT_USERNAME: QBT_USER,
        CONF_QBITTORRENT_PASSWORD: QBT_PASS,
    }
    return await setup_platform(hass, data, Platform.SENSOR)


async def test_entities_recover_after_a_restart(
    hass: HomeAssistant, nox: QbittorrentNox, entry: MockConfigEntry
) -> None:
    """Stopped: unavailable. Started again on the same port and profile: back."""
    runtime = entry.runtime_data
    assert runtime.get(QBITTORRENT) is not None
    data, _ = make_torrent("restart-check.bin", size=65536)
    await runtime.get(QBITTORRENT).client.add(torrent_files=[data], stopped=True)
    await _wait_for(hass, STOPPED, "1")
    assert state_of(hass, TORRENTS).state == "1"

    await nox.stop()  # SIGTERM: a clean shutdown
    await _poll(hass)
    assert state_of(hass, TORRENTS).state == STATE_UNAVAILABLE
    assert state_of(hass, SPEED).state == STATE_UNAVAILABLE

    await nox.start()
    await _wait_for(hass, STOPPED, "1")
    assert state_of(hass, TORRENTS).state == "1"
    assert float(state_of(hass, SPEED).state) == 0
    # Recovered in place: same runtime, no reload, no reauth.
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data is runtime
    assert not flow_sources(hass)


async def test_entities_recover_after_a_crash(
    hass: HomeAssistant, nox: QbittorrentNox, entry: MockConfigEntry
) -> None:
    """Killed without a clean shutdown and down for several polls: back as well."""
    assert nox.pid is not None
    os.kill(nox.pid, signal.SIGKILL)
    await nox.stop()  # reaps the process we killed
    for _ in range(3):
        await _poll(hass)
        assert state_of(hass, TORRENTS).state == STATE_UNAVAILABLE
    await nox.start()
    await _poll(hass)
    assert state_of(hass, TORRENTS).state == "0"
    assert entry.state is ConfigEntryState.LOADED
