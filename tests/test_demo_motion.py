"""The demo moves: a seeder qbittorrent-nox makes the *arr grabs download for real.

Real qbittorrent-nox (each installed version as the demo's qBittorrent, the
seeder on the default binary), small content so it takes seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import time
from typing import Any

import aiohttp
import pytest

from simulators import nox as nox_module
from simulators.gluetun import GluetunSimulator
from simulators.nox import QbittorrentNox, installed_versions
from simulators.qbittorrent_link import QbittorrentLink
from simulators.radarr import RadarrSimulator
from simulators.seeder import KIB, LOOPBACK_PEERS, Seeder, SeederSettings
from simulators.server import serve
from simulators.stack import run_stack

from .nox_versions import NOX_PARAMS, require_nox
from .stack_helpers import free_port_settings

# ~1 MiB per release at 256 KiB/s: a few seconds of visible progress.
SMALL = SeederSettings(
    scale=1 / 8192, min_bytes=512 * KIB, max_bytes=1024 * KIB, up_limit=256 * KIB
)
TITLE = "Civil.War.2024.1080p.WEB-DL.DDP5.1.H.264-SPARKS"


async def _wait(
    predicate: Callable[[], Awaitable[Any]], timeout: float, step: float = 0.25
) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := await predicate():
            return result
        await asyncio.sleep(step)
    return None


@pytest.mark.parametrize("version", NOX_PARAMS)
async def test_grab_downloads_and_is_imported(
    socket_enabled: None, version: str
) -> None:
    """A grabbed release downloads from the seeder (0 < progress → 1.0), then is imported."""
    require_nox(version)
    async with (
        Seeder(SMALL) as seeder,
        QbittorrentNox(
            username="admin", password="secret-pass", version=version
        ) as nox,
    ):
        link = QbittorrentLink(nox.url, "admin", "secret-pass", seeder=seeder)
        await link.set_preferences(LOOPBACK_PEERS)
        radarr = RadarrSimulator("k" * 32, download_client=link)
        try:
            movie = next(m for m in radarr.movies.values() if m["title"] == "Civil War")
            assert not movie.get("hasFile")
            grab = await radarr.grab(TITLE, size=9 * 1024**3, movie_id=movie["id"])
            assert seeder.torrent(grab.download_id) is not None

            seen: list[float] = []

            async def progress() -> bool:
                (torrent,) = await link.torrents("radarr")
                seen.append(float(torrent["progress"]))
                return seen[-1] >= 1.0

            assert await _wait(progress, 40), f"no complete download: {seen[-5:]}"
            assert any(0 < p < 1 for p in seen), seen  # it moved, not jumped
            # The apps' completed download check imports it.
            assert await radarr.import_finished(pending_only=True) == 1
            assert not grab.active
            assert movie["hasFile"]
        finally:
            await link.close()


@pytest.mark.parametrize("version", NOX_PARAMS)
async def test_demo_stack_moves(
    socket_enabled: None, monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    """run_stack with seeding: a grab completes and the periodic check imports it.

    One release (``unseeded``) gets no seed: qBittorrent has its .torrent and
    stays ``stalledDL``, for self-healing to strike.
    """
    require_nox(version)
    monkeypatch.setattr(nox_module, "BINARY", installed_versions()[version])
    settings = free_port_settings(
        qbittorrent="real",
        seeding=SeederSettings(
            scale=1 / 16384,
            min_bytes=256 * KIB,
            max_bytes=2048 * KIB,
            up_limit=2048 * KIB,
            unseeded="Poor.Things",
        ),
        import_every=1.0,
    )
    async with run_stack(settings) as info:
        assert info["backends"]["seeder"]["kind"].startswith("qbittorrent-nox")
        entry = info["config_entry"]
        headers = {"X-Api-Key": entry["radarr_api_key"]}
        qbt = QbittorrentLink(
            entry["qbittorrent_url"],
            entry["qbittorrent_username"],
            entry["qbittorrent_password"],
        )
        async with aiohttp.ClientSession(headers=headers) as http:

            async def movies_with_files() -> list[dict]:
                async with http.get(f"{entry['radarr_url']}/api/v3/movie") as resp:
                    return [m for m in await resp.json() if m.get("hasFile")]

            before = {m["id"] for m in await movies_with_files()}

            async def imported() -> list[dict]:
                return [m for m in await movies_with_files() if m["id"] not in before]

            try:
                assert await _wait(imported, 45, 0.5), "nothing was imported"
                torrents = await qbt.torrents("radarr")
                done = [t for t in torrents if t["progress"] >= 1]
                assert done
                stalled = [t for t in torrents if t["name"].startswith("Poor.Things")]
                assert [t["state"] for t in stalled] == ["stalledDL"]
                assert stalled[0]["progress"] == 0
                async with http.get(f"{entry['radarr_url']}/api/v3/queue") as resp:
                    queue = (await resp.json())["records"]
                queued = {r["downloadId"].lower() for r in queue}
                assert stalled[0]["hash"] in queued  # healing can replace it
                assert not {t["hash"] for t in done} & queued
            finally:
                await qbt.close()


async def test_gluetun_leak_controls(socket_enabled: None) -> None:
    """``POST /_sim/leak`` shows the home IP; ``/_sim/restore`` the VPN IP again."""
    gluetun = GluetunSimulator(api_key="key")
    async with (
        serve(gluetun.make_app()) as url,
        aiohttp.ClientSession(headers={"X-API-Key": "key"}) as http,
    ):
        async with http.post(f"{url}/_sim/leak") as resp:
            assert resp.status == 200
            assert (await resp.json(content_type=None))["leaking"] is True
        async with http.get(f"{url}/v1/publicip/ip") as resp:
            assert (await resp.json(content_type=None))["public_ip"] == gluetun.home_ip
        async with http.post(f"{url}/_sim/restore") as resp:
            assert (await resp.json(content_type=None))["leaking"] is False
        async with http.get(f"{url}/v1/publicip/ip") as resp:
            assert (await resp.json(content_type=None))["public_ip"] == gluetun.vpn_ip
        async with http.get(f"{url}/_sim/leak") as resp:
            assert resp.status == 404
    assert gluetun.requests == [("GET", "/v1/publicip/ip")] * 2
