"""The healer against every real qbittorrent-nox (and the simulator, for parity).

Trackerless torrents with no peers get stuck by themselves: a magnet with DHT
off stays in ``metaDL``, a .torrent whose data nobody has goes ``stalledDL``.
A private one is read as private through ``torrents/properties`` (4.5.2) or
from the listing (5.3.0). An unregistered torrent looks different per version:
4.5.2 lists an empty ``tracker`` and tracker status 4; 5.3.0 names the failing
tracker in ``tracker`` and gives it status 5. Both must be replaced.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import TYPE_CHECKING

from aiohttp import web
import pytest

from custom_components.myflix.clients.qbittorrent import QbittorrentClient, Torrent
from custom_components.myflix.engine.healing import (
    Action,
    Healer,
    HealingConfig,
    Protection,
    Reason,
    Snapshot,
)
from custom_components.myflix.features.healing.adapters import QbittorrentDetails
from simulators.qbittorrent.torrent_file import make_torrent
from simulators.server import serve
from tests.engine.healing_helpers import FakeArr, queue_item
from tests.memory_store import MemoryStore
from tests.nox_versions import NOX_KINDS

from .conftest import open_backend

if TYPE_CHECKING:
    from pathlib import Path

STUCK = {"metaDL", "stalledDL"}


async def _wait_states(
    client: QbittorrentClient, wanted: dict[str, str]
) -> dict[str, Torrent]:
    """Poll until every hash is in its wanted state (bounded: 30 s)."""
    async with asyncio.timeout(30):
        while True:
            torrents = {t.hash: t for t in await client.torrents()}
            if all(h in torrents and torrents[h].state == s for h, s in wanted.items()):
                return torrents
            await asyncio.sleep(0.2)


@pytest.mark.parametrize("kind", [*NOX_KINDS, "sim-4.5.2", "sim-5.3.0"])
async def test_stuck_torrents_are_struck_and_replaced(
    kind: str, socket_enabled: None, tmp_path: Path
) -> None:
    async with open_backend(kind, tmp_path) as backend:
        client = backend.client()
        await client.login()
        # qBittorrent queues the 4th download by default: let all four start.
        await client.set_preferences(max_active_downloads=10, max_active_torrents=10)
        magnet_hash = secrets.token_hex(20)
        await client.add(
            urls=[f"magnet:?xt=urn:btih:{magnet_hash}&dn=Lost.Movie"],
            category="radarr",
            save_path=str(backend.data_dir),
        )
        public, public_hash = make_torrent("Rare.Movie.mkv", size=4 << 20)
        private, private_hash = make_torrent(
            "Private.Movie.mkv",
            size=4 << 20,
            private=True,
            trackers=["http://127.0.0.1:9/announce"],
        )
        mine, mine_hash = make_torrent("My.Own.Download.mkv", size=4 << 20)
        for data, category in ((public, "radarr"), (private, "radarr"), (mine, "")):
            await client.add(
                torrent_files=[data], category=category, save_path=str(backend.data_dir)
            )
        if backend.sim is not None:  # the simulator needs its clock moved
            backend.sim.tick(5)
        torrents = await _wait_states(
            client,
            {
                magnet_hash: "metaDL",
                public_hash: "stalledDL",
                private_hash: "stalledDL",
                mine_hash: "stalledDL",
            },
        )
        # 4.5.2 does not list it (read through torrents/properties); 5.x does.
        assert torrents[private_hash].private is (True if backend.is_v5 else None)

        arr = FakeArr()
        queue = [queue_item(h) for h in (magnet_hash, public_hash, private_hash)]
        healer = Healer(
            MemoryStore(),
            details=QbittorrentDetails(client),
            arrs={"radarr": arr},
            config=HealingConfig(strike_spacing=0, min_age=0, max_strikes=3),
        )
        for step in range(3):
            snapshot = Snapshot(
                now=time.time() + step,
                torrents={t.hash: t for t in await client.torrents()},
                queues={"radarr": queue},
                categories={"radarr": "radarr"},
            )
            result = await healer.run(snapshot)
        by_hash = {d.hash: d for d in result.decisions}
        assert (by_hash[magnet_hash].reason, by_hash[magnet_hash].action) == (
            Reason.METADATA,
            Action.REPLACE,
        )
        assert (by_hash[public_hash].reason, by_hash[public_hash].action) == (
            Reason.STALLED,
            Action.REPLACE,
        )
        assert by_hash[private_hash].protection is Protection.PRIVATE
        assert by_hash[mine_hash].protection is Protection.UNMANAGED
        # Only the two managed, unprotected downloads were removed (via Radarr).
        assert sorted(q for q, _ in arr.removed) == sorted(q.id for q in queue[:2])
        assert {t.hash for t in await client.torrents()} >= {private_hash, mine_hash}


@pytest.mark.parametrize("kind", [*NOX_KINDS, "sim-4.5.2", "sim-5.3.0"])
async def test_unregistered_message_from_a_real_announce(
    kind: str, socket_enabled: None, tmp_path: Path
) -> None:
    """qbittorrent-nox announces to a loopback tracker that says "Unregistered".

    The simulator does not announce: its tracker is made to fail as each
    version reports it.
    """
    tracker = web.Application()
    failure = b"d14:failure reason20:Unregistered torrente"

    async def announce(_: web.Request) -> web.Response:
        return web.Response(body=failure)

    tracker.router.add_get("/announce", announce)
    async with serve(tracker) as tracker_url, open_backend(kind, tmp_path) as backend:
        client = backend.client()
        await client.login()
        data, torrent_hash = make_torrent(
            "Gone.Movie.mkv", size=4 << 20, trackers=[f"{tracker_url}/announce"]
        )
        await client.add(
            torrent_files=[data], category="radarr", save_path=str(backend.data_dir)
        )
        if backend.sim is not None:
            backend.sim.tick(5)
            backend.sim.fail_tracker(torrent_hash, "Unregistered torrent")
        await _wait_states(client, {torrent_hash: "stalledDL"})
        # A loaded machine can make the first announce time out, and libtorrent
        # backs off before the next: ask again every few seconds, as a user would.
        async with asyncio.timeout(60):
            polls = 0
            # Until the answer shows with a settled status: right after a
            # reannounce the message stays while the status reads "not contacted".
            while not any(
                "unregistered" in t.msg.lower() and t.status in (4, 5)
                for t in await client.trackers(torrent_hash)
            ):
                polls += 1
                if polls % 15 == 0:
                    await client.reannounce([torrent_hash])
                await asyncio.sleep(0.2)
        (listed,) = await client.torrents(hashes=[torrent_hash])
        (failing,) = await client.trackers(torrent_hash)
        if backend.is_v52:  # names the failing tracker, "tracker error"
            assert (listed.tracker, failing.status) == (f"{tracker_url}/announce", 5)
        else:  # no working tracker to name, "not working"
            assert (listed.tracker, failing.status) == ("", 4)
        arr = FakeArr()
        item = queue_item(torrent_hash)
        healer = Healer(
            MemoryStore(),
            details=QbittorrentDetails(client),
            arrs={"radarr": arr},
            config=HealingConfig(min_age=0),
        )
        snapshot = Snapshot(
            now=time.time(),
            torrents={t.hash: t for t in await client.torrents()},
            queues={"radarr": [item]},
            categories={"radarr": "radarr"},
        )
        result = await healer.run(snapshot)
        (decision,) = result.decisions
        assert (decision.reason, decision.action) == (
            Reason.UNREGISTERED,
            Action.REPLACE,
        )
        assert arr.removed == [(item.id, True)]
