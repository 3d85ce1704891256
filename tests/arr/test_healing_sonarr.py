"""The healer replacing a Sonarr season pack, through the real clients and simulators.

Sonarr grabs a season pack into the linked qBittorrent simulator; the pack
stalls; the healer removes it with ``blocklist=true&skipRedownload=true`` and
sends its own ``SeasonSearch``, which grabs the next best pack.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import aiohttp

from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from custom_components.myflix.clients.sonarr import SonarrClient
from custom_components.myflix.engine.healing import (
    Action,
    Healer,
    HealingConfig,
    Snapshot,
)
from custom_components.myflix.features.healing.adapters import (
    ArrQueueActions,
    QbittorrentDetails,
)
from simulators.qbittorrent import QbittorrentSimulator
from simulators.qbittorrent_link import QbittorrentLink
from simulators.server import serve
from simulators.sonarr import SonarrSimulator
from tests.memory_store import MemoryStore

from .conftest import SONARR_KEY

if TYPE_CHECKING:
    from .conftest import Clock

USER, PASSWORD = "admin", "secret-pass"


async def test_season_pack_is_replaced_with_a_season_search(
    session: aiohttp.ClientSession, clock: Clock
) -> None:
    qbt = QbittorrentSimulator(username=USER, password=PASSWORD)
    async with serve(qbt.make_app()) as qbt_url:
        link = QbittorrentLink(qbt_url, USER, PASSWORD)
        sim = SonarrSimulator(api_key=SONARR_KEY, download_client=link, now=clock)
        sim.grabs.clear()
        async with serve(sim.make_app()) as url:
            sonarr = SonarrClient(url=url, api_key=SONARR_KEY, session=session)
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as qbt_session:
                qbittorrent = QbittorrentClient(
                    url=qbt_url, username=USER, password=PASSWORD, session=qbt_session
                )
                bear = next(
                    s for s in await sonarr.series_list() if s.title == "The Bear"
                )
                await sonarr.search_season(bear.id, 2)
                await sim.wait_idle()
                pack = sim.grabs[-1]
                assert len(pack.episode_ids) > 1  # a season pack
                qbt.set_torrent(
                    pack.download_id,
                    has_metadata=True,
                    size=10 << 30,
                    state="stalledDL",
                )
                healer = Healer(
                    MemoryStore(),
                    details=QbittorrentDetails(qbittorrent),
                    arrs={"sonarr": ArrQueueActions(sonarr)},
                    config=HealingConfig(strike_spacing=0, min_age=0),
                )
                for step in range(3):
                    snapshot = Snapshot(
                        now=time.time() + step,
                        torrents={t.hash: t for t in await qbittorrent.torrents()},
                        queues={"sonarr": await sonarr.queue()},
                        categories=dict.fromkeys(
                            await sonarr.torrent_categories(), "sonarr"
                        ),
                    )
                    result = await healer.run(snapshot)
                await sim.wait_idle()
    (decision,) = result.decisions
    assert decision.action is Action.REPLACE
    assert not pack.active
    assert sim.is_blocklisted(pack.title)
    commands = [c for c in sim.commands.values() if c["name"] != "RefreshSeries"]
    assert [(c["name"], c["body"]["seasonNumber"]) for c in commands[-1:]] == [
        ("SeasonSearch", 2)
    ]
    # Only our search ran after the removal (skipRedownload): one new pack.
    assert [c["name"] for c in commands].count("EpisodeSearch") == 0
    again = sim.grabs[-1]
    assert again.active
    assert again.download_id != pack.download_id
    assert again.season_number == 2
