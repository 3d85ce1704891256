"""qBittorrent actions against 4.5.2 and 5.3.0: torrents, pause/resume, limits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.update_coordinator import UpdateFailed
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.myflix.features.qbittorrent import QBITTORRENT
from simulators.qbittorrent import QbittorrentSimulator

from .services_helpers import (
    call,
    call_fails,
    qbittorrent_only,
    reauth_started,
    setup_entry,
)

MIB = 1024**2


@dataclass
class Stack:
    """A qBittorrent simulator, its entry, and the hashes of the seeded torrents."""

    sim: QbittorrentSimulator
    entry: MockConfigEntry
    hashes: dict[str, str]

    def state(self, name: str) -> str:
        """The raw state the simulator reports for a seeded torrent."""
        return self.sim.state.torrents[self.hashes[name]].state(self.sim.v5)


@pytest.fixture(params=["4.5.2", "5.3.0"])
async def qbt(
    request: pytest.FixtureRequest, hass: HomeAssistant, socket_enabled: None
) -> AsyncIterator[Stack]:
    """An entry with only qBittorrent, holding five torrents in different states."""
    async with qbittorrent_only(request.param) as (sim, data):
        seeds: list[tuple[str, dict[str, Any]]] = [
            ("Movie.A", {"state": "downloading", "progress": 0.4, "category": "radarr"}),
            ("Show.B", {"state": "stalledDL", "progress": 0.1, "category": "tv-sonarr"}),
            ("Movie.C", {"state": "uploading", "progress": 1.0, "category": "radarr"}),
            ("Old.D", {"state": "pausedDL", "progress": 0.5, "tags": ["keep"]}),
            ("Broken.E", {"state": "error", "progress": 0.2}),
        ]  # fmt: skip
        hashes = {
            name: sim.add_torrent(name=name, added_ago=100 * (age + 1), **fields)
            for age, (name, fields) in enumerate(seeds)
        }
        entry = await setup_entry(hass, data)
        yield Stack(sim, entry, hashes)
        assert await hass.config_entries.async_unload(entry.entry_id)


def _names(response: dict[str, Any]) -> list[str]:
    return [torrent["name"] for torrent in response["items"]]


async def test_get_torrents(hass: HomeAssistant, qbt: Stack) -> None:
    """Newest first, compact, filtered by the state normalised for 4.x and 5.x."""
    response = await call(hass, "get_torrents")
    assert _names(response) == ["Movie.A", "Show.B", "Movie.C", "Old.D", "Broken.E"]
    assert (response["count"], response["left_out"]) == (5, 0)
    first = response["items"][0]
    assert first | {"download_speed": 0, "eta": 0} == {
        "name": "Movie.A",
        "hash": qbt.hashes["Movie.A"],
        "status": "downloading",
        "progress": 40.0,
        "download_speed": 0,
        "upload_speed": 0,
        "size": 1_500_000_000,
        "eta": 0,
        "category": "radarr",
        "tags": [],
    }
    assert first["download_speed"] > 0
    old = response["items"][3]
    assert old["status"] == "stopped_downloading"
    assert old["tags"] == ["keep"]

    expected = {
        "downloading": ["Movie.A", "Show.B"],
        "seeding": ["Movie.C"],
        "stopped": ["Old.D"],
        "stalled": ["Show.B"],
        "errored": ["Broken.E"],
        "active": ["Movie.A", "Movie.C"],
    }
    for status, names in expected.items():
        assert _names(await call(hass, "get_torrents", {"status": status})) == names
    radarr = await call(hass, "get_torrents", {"category": "radarr", "limit": 1})
    assert _names(radarr) == ["Movie.A"]
    assert (radarr["count"], radarr["left_out"]) == (2, 1)
    with pytest.raises(vol.Invalid):
        await call(hass, "get_torrents", {"status": "paused"})


async def test_get_torrents_backend_down(hass: HomeAssistant, qbt: Stack) -> None:
    """A failed sync is an error until qBittorrent answers again."""
    sync = qbt.entry.runtime_data.get(QBITTORRENT).sync
    qbt.sim.fail_next(1, status=500, path="sync/maindata")
    await sync.async_refresh()
    err = await call_fails(hass, "get_torrents", {}, HomeAssistantError, "server_error")
    assert "qBittorrent" in str(err)
    await sync.async_refresh()
    assert (await call(hass, "get_torrents"))["count"] == 5
    # A failure without a translation of its own still gets one.
    sync.async_set_update_error(UpdateFailed("socket closed"))
    await call_fails(
        hass, "get_torrents", {}, HomeAssistantError, "backend_unavailable"
    )


async def test_pause_and_resume_all(hass: HomeAssistant, qbt: Stack) -> None:
    """All torrents stop and start in the server's own words; the response says which."""
    paused = await call(hass, "pause_downloads")
    assert paused["all"] is True
    assert set(paused["hashes"]) == {
        qbt.hashes[name] for name in ("Movie.A", "Show.B", "Movie.C", "Broken.E")
    }
    assert (paused["count"], paused["left_out"]) == (4, 0)
    word = "stopped" if qbt.sim.v5 else "paused"
    assert [qbt.state(name) for name in ("Movie.A", "Movie.C")] == [
        f"{word}DL",
        f"{word}UP",
    ]
    path = "/api/v2/torrents/stop" if qbt.sim.v5 else "/api/v2/torrents/pause"
    assert ("POST", path) in qbt.sim.requests
    # The sync coordinator was refreshed right away.
    stopped = await call(hass, "get_torrents", {"status": "stopped"})
    assert _names(stopped) == ["Movie.A", "Show.B", "Movie.C", "Old.D"]

    resumed = await call(hass, "resume_downloads")
    assert set(resumed["hashes"]) == {
        qbt.hashes[name] for name in ("Movie.A", "Show.B", "Movie.C", "Old.D")
    }
    assert qbt.state("Old.D") in ("downloading", "stalledDL")
    assert qbt.state("Movie.C") in ("uploading", "stalledUP")
    assert _names(await call(hass, "get_torrents", {"status": "stopped"})) == []


async def test_a_resume_right_after_a_pause_sees_the_pause(
    hass: HomeAssistant, qbt: Stack
) -> None:
    """The state trails a stop (refresh timer); the action waits until it shows.

    On the real nox a resume sent right after a pause read the torrents as
    still running and answered that it started none (though it did).
    """
    qbt.sim.state.state_lag = 0.6
    paused = await call(hass, "pause_downloads")
    assert paused["count"] == 4
    stopped = await call(hass, "get_torrents", {"status": "stopped"})
    assert _names(stopped) == ["Movie.A", "Show.B", "Movie.C", "Old.D"]

    resumed = await call(hass, "resume_downloads")
    assert resumed["count"] == 4
    assert _names(await call(hass, "get_torrents", {"status": "stopped"})) == []


async def test_pause_and_resume_by_hash(hass: HomeAssistant, qbt: Stack) -> None:
    """Only the given torrents change; hashes are checked and normalised."""
    movie = qbt.hashes["Movie.A"]
    response = await call(hass, "pause_downloads", {"hashes": [movie.upper(), movie]})
    assert response == {"all": False, "count": 1, "left_out": 0, "hashes": [movie]}
    assert qbt.state("Movie.A").endswith("DL")
    assert qbt.state("Movie.A") != "downloading"
    assert qbt.state("Show.B") == "stalledDL"

    response = await call(hass, "resume_downloads", {"hashes": movie})
    assert response["hashes"] == [movie]
    assert qbt.state("Movie.A") in ("downloading", "stalledDL")
    assert qbt.state("Old.D").endswith("DL")
    assert qbt.state("Old.D") not in ("downloading", "stalledDL")

    err = await call_fails(
        hass,
        "pause_downloads",
        {"hashes": [movie, "0" * 40]},
        ServiceValidationError,
        "unknown_torrents",
    )
    assert "0" * 40 in str(err)
    for bad in (["xyz"], ["g" * 40], [movie + "0"], []):
        with pytest.raises(vol.Invalid):
            await call(hass, "resume_downloads", {"hashes": bad})


async def test_pause_backend_errors(hass: HomeAssistant, qbt: Stack) -> None:
    """A failing server is a translated error; a changed password starts reauth."""
    qbt.sim.fail_next(1, status=500, path="torrents/pause")
    qbt.sim.fail_next(1, status=500, path="torrents/stop")
    await call_fails(hass, "pause_downloads", {}, HomeAssistantError, "server_error")
    qbt.sim.password = "changed-elsewhere"
    qbt.sim.expire_sessions()
    await call_fails(hass, "resume_downloads", {}, HomeAssistantError, "auth_failed")
    await hass.async_block_till_done()
    assert reauth_started(hass)


async def test_set_speed_limits(hass: HomeAssistant, qbt: Stack) -> None:
    """Limits in KiB/s go to the mode in effect; the settings refresh at once."""
    response = await call(
        hass, "set_speed_limits", {"download_limit": 1000, "upload_limit": 0}
    )
    assert response == {"download_limit": 1000, "upload_limit": 0}
    prefs = qbt.sim.state.preferences
    assert (prefs["dl_limit"], prefs["up_limit"]) == (1000 * 1024, 0)
    settings = qbt.entry.runtime_data.get(QBITTORRENT).settings
    assert settings.data.download_limit == 1000 * 1024

    response = await call(
        hass, "set_speed_limits", {"alternative": True, "upload_limit": 50}
    )
    assert response == {"alternative": True, "upload_limit": 50}
    assert qbt.sim.state.alt_speed is True
    assert prefs["alt_up_limit"] == 50 * 1024
    assert prefs["up_limit"] == 0
    assert settings.data.alternative_limits is True
    assert await call(hass, "set_speed_limits", {"download_limit": 0}) == {
        "download_limit": 0
    }
    assert prefs["alt_dl_limit"] == 0

    for bad in ({}, {"download_limit": -1}, {"alternative": "maybe"}):
        with pytest.raises(vol.Invalid):
            await call(hass, "set_speed_limits", bad)
    qbt.sim.fail_next(1, status=500, path="transfer/speedLimitsMode")
    await call_fails(
        hass,
        "set_speed_limits",
        {"alternative": False},
        HomeAssistantError,
        "server_error",
    )
