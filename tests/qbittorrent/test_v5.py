"""qBittorrent 5.x specifics (simulator 5.1.4 and 5.3.0), with the 4.x contrast."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from custom_components.myflix.clients.errors import MyflixNotFoundError
from custom_components.myflix.clients.qbittorrent import TorrentStatus as S

if TYPE_CHECKING:
    from .conftest import Env


def _queries(env: Env, path: str) -> list[dict[str, list[str]]]:
    assert env.backend.sim is not None
    return [
        parse_qs(urlsplit(target).query)
        for _, target in env.backend.sim.requests
        if urlsplit(target).path == f"/api/v2/{path}"
    ]


async def test_versions(sim5: Env) -> None:
    client, sim = sim5.client, sim5.backend.sim
    assert sim is not None
    assert client.is_v5
    assert client.api_version == {"5.1.4": (2, 11, 4), "5.3.0": (2, 16, 2)}[sim.version]
    assert "platform" in await client.build_info()


async def test_stopped_states_are_normalised(sim5: Env) -> None:
    sim = sim5.backend.sim
    assert sim is not None
    up = sim.add_torrent(name="Done", size=1000, progress=1.0, state="stoppedUP")
    down = sim.add_torrent(name="Half", size=1000, progress=0.5, state="stoppedDL")
    torrents = {t.hash: t for t in await sim5.client.torrents()}
    assert torrents[up].state == "stoppedUP"
    assert torrents[up].status is S.STOPPED_SEEDING
    assert torrents[down].state == "stoppedDL"
    assert torrents[down].status is S.STOPPED_DOWNLOADING
    assert all(t.is_stopped for t in torrents.values())
    # 4.x names given to set_torrent are spoken in 5.x words
    sim.set_torrent(up, state="pausedUP")
    assert (await sim5.client.torrents(hashes=[up]))[0].state == "stoppedUP"


async def test_private_and_metadata_keys(sim5: Env, sim4: Env) -> None:
    sim = sim5.backend.sim
    assert sim is not None
    private = sim.add_torrent(name="Private", private=True, seeds=3, dlspeed=1000)
    public = sim.add_torrent(name="Public", private=False)
    magnet = sim.add_torrent(name="Magnet", state="metaDL")
    torrents = {t.hash: t for t in await sim5.client.torrents()}
    assert torrents[private].private is True
    assert torrents[public].private is False
    assert torrents[magnet].private is None
    assert torrents[magnet].has_metadata is False
    assert torrents[magnet].status is S.METADATA
    assert (await sim5.client.properties(private)).is_private is True
    raw = (await sim5.client._get_json("torrents/info"))[0]
    assert {"private", "has_metadata", "root_path", "popularity", "comment"} <= set(raw)
    # 4.x has no "private" key: None, not False
    assert sim4.backend.sim is not None
    sim4.backend.sim.add_torrent(name="Old", private=True)
    (old,) = await sim4.client.torrents()
    assert old.private is None


async def test_filter_names_are_translated(sim5: Env, sim4: Env) -> None:
    await sim5.client.torrents(filter="paused")
    await sim5.client.torrents(filter="resumed")
    await sim5.client.torrents(filter="stalled")
    assert [q["filter"] for q in _queries(sim5, "torrents/info")] == [
        ["stopped"],
        ["running"],
        ["stalled"],
    ]
    await sim4.client.torrents(filter="stopped")
    await sim4.client.torrents(filter="running")
    assert [q["filter"] for q in _queries(sim4, "torrents/info")] == [
        ["paused"],
        ["resumed"],
    ]


async def test_pause_endpoint_is_gone(sim5: Env) -> None:
    with pytest.raises(MyflixNotFoundError):
        await sim5.client._post("torrents/pause", {"hashes": "all"})
    with pytest.raises(MyflixNotFoundError):
        await sim5.client._post("torrents/resume", {"hashes": "all"})
    sim = sim5.backend.sim
    assert sim is not None
    torrent_hash = sim.add_torrent(name="Run", seeds=2, dlspeed=5000)
    await sim5.client.stop([torrent_hash])
    assert ("POST", "/api/v2/torrents/stop") in sim.requests
    await sim5.client.start([torrent_hash])
    assert ("POST", "/api/v2/torrents/start") in sim.requests
    assert (await sim5.client.torrents())[0].state == "downloading"


async def test_add_stopped_uses_the_stopped_field(sim5: Env) -> None:
    await sim5.client.add(
        urls=["magnet:?xt=urn:btih:" + "a" * 40 + "&dn=x"], stopped=True
    )
    (torrent,) = await sim5.client.torrents()
    assert torrent.state == "stoppedDL"
    prefs = await sim5.client.preferences()
    assert "add_stopped_enabled" in prefs
    assert "start_paused_enabled" not in prefs


async def test_external_address(sim5: Env, sim4: Env) -> None:
    assert sim5.backend.sim is not None
    assert sim4.backend.sim is not None
    state = (await sim5.client.sync_maindata()).server_state
    assert state.last_external_address_v4 is None  # "" until known
    sim5.backend.sim.set_external_ip("185.203.218.40")
    sim4.backend.sim.set_external_ip("185.203.218.40")
    state = (await sim5.client.sync_maindata()).server_state
    assert state.last_external_address_v4 == "185.203.218.40"
    assert (
        await sim4.client.sync_maindata()
    ).server_state.last_external_address_v4 is None
