"""The simulator: faithful to the captured 4.5.2 samples, simulated time, controls."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from custom_components.myflix.clients.errors import MyflixValidationError
from custom_components.myflix.clients.qbittorrent import TorrentStatus as S
from simulators.qbittorrent import (
    QbittorrentSimulator,
    bdecode,
    bencode,
    kib_round,
    make_torrent,
    parse_magnet,
    parse_torrent,
    sync_delta,
    valid_category,
)
from simulators.server import serve

if TYPE_CHECKING:
    from .conftest import Env

SPECS = Path(os.environ.get("MYFLIX_SPECS_DIR", "/work/shared/specs"))
SAMPLES = SPECS / "qbittorrent-4.5.2-samples"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"captured samples not found in {SAMPLES}"
)


def _sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text())


@needs_samples
async def test_key_sets_match_the_captured_4_5_2_samples(sim4: Env) -> None:
    client, sim = sim4.client, sim4.backend.sim
    assert sim is not None
    torrent_hash = sim.add_torrent(name="complete.bin", size=100_000, progress=1.0)
    info = await client._get_json("torrents/info")
    assert set(info[0]) == set(_sample("torrents_info.json")[0])
    maindata = await client._get_json("sync/maindata", {"rid": "0"})
    full = _sample("maindata_full.json")
    assert set(maindata) == set(full)
    assert set(maindata["server_state"]) == set(full["server_state"])
    sample_torrent = next(iter(full["torrents"].values()))
    assert set(maindata["torrents"][torrent_hash]) == set(sample_torrent)
    props = await client._get_json("torrents/properties", {"hash": torrent_hash})
    assert set(props) == set(_sample("torrents_properties.json"))
    trackers = await client._get_json("torrents/trackers", {"hash": torrent_hash})
    assert trackers == _sample("torrents_trackers.json")
    transfer = await client._get_json("transfer/info")
    assert set(transfer) == set(_sample("transfer_info.json"))
    prefs = await client.preferences()
    assert set(prefs) == set(_sample("app_preferences.json"))
    assert len(prefs) == 174


@needs_samples
def test_delta_has_only_the_changed_fields() -> None:
    full = _sample("maindata_full.json")
    expected = _sample("maindata_delta_after_pause.json")
    after = json.loads(json.dumps(full))
    for torrent_hash, fields in expected["torrents"].items():
        after["torrents"][torrent_hash].update(fields)
    assert sync_delta(full, after) == {"torrents": expected["torrents"]}
    removed = json.loads(json.dumps(full))
    gone = _sample("maindata_delta_after_delete.json")["torrents_removed"][0]
    del removed["torrents"][gone]
    assert sync_delta(full, removed) == {"torrents_removed": [gone]}
    assert sync_delta(full, full) == {}


async def test_simulated_time_magnet_to_seed(sim4: Env) -> None:
    client, sim = sim4.client, sim4.backend.sim
    assert sim is not None
    sim.state.new_torrent_seeds, sim.state.new_torrent_speed = 5, 100_000_000
    magnet = "magnet:?xt=urn:btih:" + "b" * 40 + "&dn=Some.Movie.2024.1080p"
    await client.add(urls=[magnet], category="radarr")
    torrent_hash = "b" * 40
    (torrent,) = await client.torrents()
    assert torrent.status is S.METADATA
    assert torrent.size == 0
    sim.tick(1)
    assert (await client.torrents())[0].status is S.METADATA  # metadata takes 3 s
    sim.tick(3)
    (torrent,) = await client.torrents()
    assert torrent.state == "downloading"
    assert torrent.size > 0
    assert torrent.dlspeed == 100_000_000
    assert torrent.eta is not None
    sim.tick(2)
    (torrent,) = await client.torrents()
    assert 0 < torrent.progress < 1
    sim.tick(120)
    (torrent,) = await client.torrents()
    assert torrent.state == "stalledUP"
    assert torrent.is_complete
    assert torrent.completion_on is not None
    state = (await client.sync_maindata()).server_state
    assert state.alltime_dl == torrent.size
    props = await client.properties(torrent_hash)
    assert props.pieces_have == props.pieces_num


async def test_no_seeds_means_stalled_and_limits_cap_speed(sim4: Env) -> None:
    client, sim = sim4.client, sim4.backend.sim
    assert sim is not None
    lonely = sim.add_torrent(name="Lonely", size=10**9, progress=0.2, seeds=0)
    busy = sim.add_torrent(name="Busy", size=10**9, progress=0.2, dlspeed=5_000_000)
    seeding = sim.add_torrent(
        name="Seed", size=10**6, progress=1.0, leechs=3, upspeed=200_000
    )
    torrents = {t.hash: t for t in await client.torrents()}
    assert torrents[lonely].state == "stalledDL"
    assert torrents[busy].state == "downloading"
    assert torrents[seeding].state == "uploading"
    await client.set_download_limit(1_000_000)
    assert (await client.torrents(hashes=[busy]))[0].dlspeed == 999_424  # whole KiB
    await client.set_speed_limits_mode(True)  # alternative limit: 10 KiB/s
    assert (await client.torrents(hashes=[busy]))[0].dlspeed == 10240
    info = await client.transfer_info()
    assert info.dl_info_speed == 10240
    assert info.up_info_speed == 10240
    before = (await client.torrents(hashes=[seeding]))[0].uploaded
    sim.tick(10)
    assert (await client.torrents(hashes=[seeding]))[0].uploaded == before + 102_400
    assert (await client.transfer_info()).up_info_data == 102_400


async def test_recheck_and_errors_resume(sim4: Env) -> None:
    client, sim = sim4.client, sim4.backend.sim
    assert sim is not None
    broken = sim.add_torrent(name="Broken", size=1000, progress=0.4, state="error")
    missing = sim.add_torrent(name="Gone", size=1000, progress=1, state="missingFiles")
    torrents = {t.hash: t for t in await client.torrents(filter="errored")}
    assert torrents[broken].status is S.ERROR
    assert torrents[missing].status is S.MISSING_FILES
    await client.stop([broken])
    assert (await client.torrents(hashes=[broken]))[0].state == "error"  # error wins
    await client.start([broken, missing])
    states = {t.hash: t.state for t in await client.torrents()}
    assert states == {broken: "stalledDL", missing: "missingFiles"}
    await client.recheck([broken])
    assert (await client.torrents(hashes=[broken]))[0].state == "checkingDL"
    sim.tick(1)
    assert (await client.torrents(hashes=[broken]))[0].state == "stalledDL"


async def test_seed_demo_and_background_ticker(socket_enabled: None) -> None:
    sim = QbittorrentSimulator(version="5.0.0")
    sim.seed_demo()
    states = {t.state(True) for t in sim.state.torrents.values()}
    assert {"stalledDL", "error", "metaDL", "stoppedUP", "downloading"} <= states
    assert set(sim.state.categories) == {"radarr", "tv-sonarr"}
    async with serve(sim.make_app()):
        dune = next(t for t in sim.state.torrents.values() if t.name.startswith("Dune"))
        before = dune.completed
        sim.start_ticking(0.01, speedup=10)
        await asyncio.sleep(0.1)
        assert dune.completed > before
        sim.start_ticking()  # already running: no second ticker
    assert sim._ticker is None  # stopped by the app cleanup


async def test_csrf_host_and_forwarded_host(sim4: Env) -> None:
    base = sim4.backend.url + "/api/v2/auth/login"
    form = {"username": "tester", "password": "x"}
    port = int(sim4.backend.url.rsplit(":", 1)[1])
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as raw:
        cases = [
            ({"Origin": "http://evil.example"}, 401),
            ({"Origin": sim4.backend.url}, 200),
            (
                {
                    "Origin": "http://proxy.lan:8443",
                    "X-Forwarded-Host": "proxy.lan:8443",
                },
                200,
            ),
            ({"Host": f"127.0.0.1:{port + 1}"}, 401),
            ({"Host": "qbittorrent.lan"}, 200),
        ]
        for headers, status in cases:
            async with raw.post(base, data=form, headers=headers) as response:
                assert response.status == status, headers


async def test_control_methods(sim4: Env) -> None:
    client, sim = sim4.client, sim4.backend.sim
    assert sim is not None
    torrent_hash = sim.add_torrent(name="X", size=2000, category="tv", tags=["a"])
    sim.set_torrent(torrent_hash, progress=1.0, upspeed=10, leechs=1, tags=["b", "c"])
    (torrent,) = await client.torrents()
    assert torrent.state == "uploading"
    assert torrent.tags == ["b", "c"]
    assert torrent.completion_on is not None
    with pytest.raises(TypeError):
        sim.set_torrent(torrent_hash, colour="red")
    sim.set_connection_status("disconnected")
    sim.set_free_space(123)
    state = (await client.sync_maindata()).server_state
    assert state.connection_status == "disconnected"
    assert state.dht_nodes == 0
    assert state.free_space_on_disk == 123
    sim.remove_torrent(torrent_hash)
    assert await client.torrents() == []
    assert repr(sim).count("adminadmin") == 0
    with pytest.raises(ValueError, match="unsupported"):
        QbittorrentSimulator(version="3.3.16")


async def test_add_details(sim4: Env, tmp_path: Path) -> None:
    client, sim = sim4.client, sim4.backend.sim
    assert sim is not None
    await client.add(urls=["https://indexer.example/get/123.torrent"])  # fetched later
    assert await client.torrents() == []
    data, torrent_hash = make_torrent("x.bin", size=5000, private=True)
    await client.add(
        torrent_files=[data], category="new-cat", tags=["t1"], stopped=True
    )
    (torrent,) = await client.torrents()
    assert torrent.hash == torrent_hash
    assert torrent.state == "pausedDL"
    assert torrent.save_path == "/downloads"
    assert "new-cat" in await client.categories()
    assert (await client.properties(torrent_hash)).is_private is True
    with pytest.raises(MyflixValidationError):  # invalid category: "Fails."
        await client.add(urls=["magnet:?xt=urn:btih:" + "c" * 40], category="bad//cat")
    assert len(await client.torrents()) == 1
    # multi-file torrent with data on disk seeds at once
    files = {"root": {"a.bin": b"a" * 300, "b.bin": b"b" * 200}}
    info = {
        "name": "root",
        "piece length": 16384,
        "pieces": b"\0" * 20,
        "files": [{"path": [n], "length": len(c)} for n, c in files["root"].items()],
    }
    (tmp_path / "root").mkdir()
    for name, content in files["root"].items():
        (tmp_path / "root" / name).write_bytes(content)
    await client.add(torrent_files=[bencode({"info": info})], save_path=str(tmp_path))
    multi = next(t for t in await client.torrents() if t.name == "root")
    assert multi.state == "stalledUP"
    assert multi.size == 500


def test_bencode_helpers() -> None:
    data, torrent_hash = make_torrent(
        "Show.S01E01.mkv", b"x" * 40000, trackers=["http://t.example/announce"]
    )
    meta = parse_torrent(data)
    assert meta.info_hash == torrent_hash
    assert (meta.name, meta.size, meta.private) == ("Show.S01E01.mkv", 40000, False)
    assert meta.trackers == ("http://t.example/announce",)
    assert bdecode(bencode({"a": [1, b"x", "y"]})) == {b"a": [1, b"x", b"y"]}
    for bad in (
        b"",
        b"notatorrent",
        b"d4:infoi1ee",
        b"de",
        b"d4:info",
        b"i1e",
        b"d1:ai1ee",
    ):
        with pytest.raises(ValueError, match="invalid"):
            parse_torrent(bad)
    with pytest.raises(ValueError, match="invalid bencode"):
        bdecode(b"i1eextra")
    with pytest.raises(TypeError):
        bencode(1.5)
    b32 = "magnet:?xt=urn:btih:" + "A" * 32 + "&tr=http://t/a"
    assert parse_magnet(b32) == ("00" * 20, "00" * 20, ["http://t/a"])
    assert parse_magnet("magnet:?xt=urn:btih:nothex") is None
    assert parse_magnet("http://x") is None
    assert parse_magnet("magnet:?dn=no-topic") is None
    assert (kib_round(0), kib_round(100), kib_round(5000)) == (0, 1024, 4096)
    assert valid_category("movies/4k")
    assert not valid_category("movies//4k")
    assert not valid_category("/movies")
    assert not valid_category("a\\b")
