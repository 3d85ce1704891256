"""Bandwidth follows the household: the blueprint as a real automation, real qBittorrent.

A player starts, qBittorrent's limits drop and tiering waits; HA restarts
while someone still watches, they stop while it is down; at start the
automation looks again and qBittorrent gets exactly its old limits back.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
import time

import aiohttp
from homeassistant.core import CoreState, HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from custom_components.myflix.const import (
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    CONF_TIERING_ARCHIVE_ROOT,
    CONF_TIERING_HOT_ROOTS,
    CONF_TIERING_INTERVAL,
    CONF_TIERING_MIN_AGE,
    DOMAIN,
)
from custom_components.myflix.features.tiering import TIERING
from custom_components.myflix.features.tiering.runner import EVENT_FINISHED
from simulators.nox import QbittorrentNox

from .blueprint_helpers import setup_blueprint
from .nox_versions import NOX_PARAMS, require_nox

KIB = 1024
TV, TABLET = "media_player.tv", "media_player.tablet"
HOLD = "binary_sensor.qbittorrent_playback_hold"


def _old_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(4096))
    stamp = time.time() - 30 * 86400
    os.utime(path, (stamp, stamp))


async def _limits(client: QbittorrentClient) -> tuple[bool, int, int]:
    return (
        await client.speed_limits_mode(),
        await client.download_limit(),
        await client.upload_limit(),
    )


async def _settle(hass: HomeAssistant) -> None:
    """Let the automation's run and Myflix's calls to qBittorrent finish."""
    for _ in range(3):
        await hass.async_block_till_done()
        await asyncio.sleep(0.05)


async def _setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


@pytest.mark.parametrize("version", NOX_PARAMS)
async def test_limits_follow_playback_across_a_restart(
    hass: HomeAssistant, socket_enabled: None, tmp_path: Path, version: str
) -> None:
    require_nox(version)
    hot, archive = tmp_path / "hot", tmp_path / "archive"
    archive.mkdir()
    _old_file(hot / "movies/Old (1999)/old.mkv")
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    async with (
        QbittorrentNox(
            username="u", password="p-1", version=version, profile_dir=tmp_path / "p"
        ) as nox,
        aiohttp.ClientSession() as session,
    ):
        client = QbittorrentClient(
            url=nox.url, username="u", password="p-1", session=session
        )
        await client.set_download_limit(1000 * KIB)  # the user's own limits
        before = await _limits(client)
        assert before == (False, 1000 * KIB, 0)

        entry = MockConfigEntry(
            domain=DOMAIN,
            data={
                CONF_QBITTORRENT_URL: nox.url,
                CONF_QBITTORRENT_USERNAME: "u",
                CONF_QBITTORRENT_PASSWORD: "p-1",
            },
            options={
                CONF_TIERING_HOT_ROOTS: str(hot),
                CONF_TIERING_ARCHIVE_ROOT: str(archive),
                CONF_TIERING_MIN_AGE: 7,
                CONF_TIERING_INTERVAL: 0,
            },
        )
        entry.add_to_hass(hass)
        await _setup_entry(hass, entry)
        hass.states.async_set(TV, "idle")
        hass.states.async_set(TABLET, "idle")
        await setup_blueprint(
            hass,
            tmp_path,
            "bandwidth_follows_household.yaml",
            media_players=[TV, TABLET],
            throttle="limits",
            download_limit=200,
            upload_limit=50,
        )
        (automation,) = hass.states.async_entity_ids("automation")
        assert hass.states.get(HOLD).state == "off"

        hass.states.async_set(TV, "playing")
        await _settle(hass)
        assert await _limits(client) == (False, 200 * KIB, 50 * KIB)
        assert hass.states.get(HOLD).state == "on"
        assert entry.runtime_data.get(TIERING).waiting

        # Tiering started now waits: nothing moves while someone watches.
        finished = async_capture_events(hass, EVENT_FINISHED)
        await hass.services.async_call(
            DOMAIN, "run_tiering", {"ignore_watermarks": True}, blocking=True
        )
        await asyncio.sleep(0.3)
        await hass.async_block_till_done()
        assert not finished
        assert (hot / "movies/Old (1999)/old.mkv").exists()

        hass.states.async_set(TABLET, "playing")
        hass.states.async_set(TV, "paused")
        await _settle(hass)
        assert hass.states.get(HOLD).state == "on"  # the tablet still plays

        # HA stops while the tablet plays; the tablet stops while HA is down.
        await hass.services.async_call(
            "automation", "turn_off", {"entity_id": automation}, blocking=True
        )
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
        # HA's stop ends the waiting run: nothing moved, and it says so.
        assert [(e.data["outcome"], e.data["moved_files"]) for e in finished] == [
            ("cancelled", 0)
        ]
        finished.clear()
        hass.states.async_set(TABLET, "off")
        assert await _limits(client) == (False, 200 * KIB, 50 * KIB)

        hass.set_state(CoreState.not_running)
        await _setup_entry(hass, entry)
        assert hass.states.get(HOLD).state == "on"  # restored from the store
        assert entry.runtime_data.get(TIERING).waiting
        await hass.services.async_call(
            "automation", "turn_on", {"entity_id": automation}, blocking=True
        )
        await hass.async_start()
        await _settle(hass)
        assert hass.states.get(HOLD).state == "off"
        assert await _limits(client) == before
        assert not entry.runtime_data.get(TIERING).waiting

        # No hold: tiering runs to its end.
        await hass.services.async_call(
            DOMAIN, "run_tiering", {"ignore_watermarks": True}, blocking=True
        )
        async with asyncio.timeout(10):
            while not finished:  # noqa: ASYNC110 -- the run is an executor job
                await asyncio.sleep(0.05)
        assert (archive / "movies/Old (1999)/old.mkv").exists()
        assert await hass.config_entries.async_unload(entry.entry_id)
