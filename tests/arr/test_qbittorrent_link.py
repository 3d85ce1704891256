"""The simulators' queue built from every real qbittorrent-nox (4.5.2, 5.3.0), as Radarr/Sonarr do."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest

from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.clients.sonarr import SonarrClient
from simulators.arr.torrent_status import queue_fields
from simulators.qbittorrent_link import QbittorrentLink, QbittorrentLinkError
from simulators.radarr import RadarrSimulator
from simulators.server import serve
from simulators.sonarr import SonarrSimulator

from .conftest import RADARR_KEY, SONARR_KEY, Clock, Nox

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

NOW = datetime(2025, 5, 1, 18, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("torrent", "expected"),
    [
        (
            {"state": "downloading", "eta": 125, "amount_left": 50},
            ("downloading", "ok", "downloading", None, "00:02:05"),
        ),
        (
            {"state": "forcedDL", "eta": 90000},
            ("downloading", "ok", "downloading", None, "1.01:00:00"),
        ),
        (
            {"state": "metaDL", "eta": 8640000},
            (
                "queued",
                "ok",
                "downloading",
                "qBittorrent is downloading metadata",
                None,
            ),
        ),
        (
            {"state": "stalledDL", "eta": 8640000},
            (
                "warning",
                "ok",
                "downloading",
                "The download is stalled with no connections",
                None,
            ),
        ),
        ({"state": "queuedDL"}, ("queued", "ok", "downloading", None, None)),
        ({"state": "pausedDL"}, ("paused", "ok", "downloading", None, None)),
        ({"state": "stoppedDL"}, ("paused", "ok", "downloading", None, None)),
        (
            {"state": "error"},
            (
                "warning",
                "ok",
                "downloading",
                "qBittorrent is reporting an error",
                None,
            ),
        ),
        (
            {"state": "missingFiles"},
            (
                "warning",
                "ok",
                "downloading",
                "qBittorrent is reporting missing files",
                None,
            ),
        ),
        (
            {"state": "stalledUP", "amount_left": 0},
            ("completed", "ok", "importPending", None, "00:00:00"),
        ),
        ({"state": "pausedUP"}, ("completed", "ok", "importPending", None, "00:00:00")),
        (
            {"state": "somethingNew"},
            (
                "downloading",
                "ok",
                "downloading",
                "Unknown download state: somethingNew",
                None,
            ),
        ),
    ],
)
def test_queue_fields_from_torrent_state(
    torrent: dict[str, Any], expected: tuple[Any, ...]
) -> None:
    fields = queue_fields(
        {"size": 100, "save_path": "/downloads/radarr", **torrent}, NOW, "Some.Release"
    )
    got = (
        fields["status"],
        fields["trackedDownloadStatus"],
        fields["trackedDownloadState"],
        fields["errorMessage"],
        fields.get("timeleft"),
    )
    assert got == expected
    assert fields["outputPath"] == "/downloads/radarr"
    if expected[1] != "ok":
        assert fields["statusMessages"] == [
            {"title": "Some.Release", "messages": [expected[3]]}
        ]
    else:
        assert fields["statusMessages"] == []
    if expected[4] and expected[0] == "downloading":
        assert fields["estimatedCompletionTime"] == NOW + timedelta(
            seconds=torrent["eta"]
        )


@dataclass
class Linked:
    """A simulator whose download client is the real qbittorrent-nox."""

    sim: Any
    client: Any
    link: QbittorrentLink


@pytest.fixture
async def linked_radarr(nox: Nox, session: Any) -> AsyncIterator[Linked]:
    link = QbittorrentLink(nox.url, nox.username, nox.password)
    sim = RadarrSimulator(api_key=RADARR_KEY, download_client=link, now=Clock())
    async with serve(sim.make_app()) as url:
        yield Linked(
            sim, RadarrClient(url=url, api_key=RADARR_KEY, session=session), link
        )


@pytest.fixture
async def linked_sonarr(nox: Nox, session: Any) -> AsyncIterator[Linked]:
    link = QbittorrentLink(nox.url, nox.username, nox.password)
    sim = SonarrSimulator(api_key=SONARR_KEY, download_client=link, now=Clock())
    async with serve(sim.make_app()) as url:
        yield Linked(
            sim, SonarrClient(url=url, api_key=SONARR_KEY, session=session), link
        )


async def test_link_logs_in_and_reads_the_api_version(nox: Nox) -> None:
    link = QbittorrentLink(nox.url, nox.username, nox.password)
    try:
        assert await link.webapi_version() == nox.api_version
        assert await link.torrents("radarr") == []
    finally:
        await link.close()


async def test_link_with_a_wrong_password(nox: Nox) -> None:
    link = QbittorrentLink(nox.url, nox.username, "wrong")
    try:
        with pytest.raises(QbittorrentLinkError, match="login failed"):
            await link.webapi_version()
    finally:
        await link.close()


async def _settle(
    link: QbittorrentLink, category: str, state: str
) -> list[dict[str, Any]]:
    """Poll until every torrent of ``category`` is in ``state`` (nox moves on its own)."""
    for _ in range(100):
        torrents = await link.torrents(category)
        if torrents and all(t["state"] == state for t in torrents):
            return torrents
        await asyncio.sleep(0.05)
    pytest.fail(f"torrents never reached {state}: {[t['state'] for t in torrents]}")


async def _movie_id(linked: Linked, title: str) -> int:
    return int(next(m.id for m in await linked.client.movies() if m.title == title))


async def test_grab_lands_in_qbittorrent_and_in_the_queue(
    linked_radarr: Linked,
) -> None:
    client, sim, link = linked_radarr.client, linked_radarr.sim, linked_radarr.link
    assert (
        await client.queue() == []
    )  # with a download client, the queue is what it holds
    movie_id = await _movie_id(linked_radarr, "Deadpool & Wolverine")
    await client.search_movies([movie_id])
    await sim.wait_idle()
    (torrent,) = await link.torrents("radarr")
    # Right after the add qBittorrent reports queuedDL (queued), then metaDL.
    assert torrent["state"] in {"queuedDL", "metaDL"}
    (torrent,) = await _settle(link, "radarr", "metaDL")
    (item,) = await client.queue()
    assert item.download_id == torrent["hash"].upper()
    assert (
        torrent["name"]
        == item.title
        == "Deadpool.and.Wolverine.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX"
    )
    assert (
        torrent["category"] == "radarr"
    )  # trackerless magnet, DHT off: metaDL for ever
    # The apps queue a torrent fetching metadata (they assume DHT is on).
    assert (item.status, item.movie_id, item.download_client) == (
        "queued",
        movie_id,
        "qBittorrent",
    )
    assert item.error_message == "qBittorrent is downloading metadata"
    assert (item.size, item.sizeleft) == (
        0.0,
        0.0,
    )  # qBittorrent does not know the size yet
    history = [h for h in sim.history if h["downloadId"] == item.download_id]
    assert [h["eventType"] for h in history] == ["grabbed"]


async def test_blocklist_removes_the_torrent_and_grabs_a_new_hash(
    linked_radarr: Linked,
) -> None:
    client, sim, link = linked_radarr.client, linked_radarr.sim, linked_radarr.link
    await client.search_movies([await _movie_id(linked_radarr, "Poor Things")])
    await sim.wait_idle()
    (first,) = await client.queue()
    await client.delete_queue_item(first.id, remove_from_client=True, blocklist=True)
    await sim.wait_idle()  # the re-search the blocklist triggers
    (torrent,) = await link.torrents("radarr")
    (second,) = await client.queue()
    assert torrent["hash"].upper() == second.download_id != first.download_id
    assert second.title != first.title
    assert first.title in {b.source_title for b in await client.blocklist()}


async def test_remove_from_queue_only_keeps_the_torrent(linked_radarr: Linked) -> None:
    client, sim, link = linked_radarr.client, linked_radarr.sim, linked_radarr.link
    await client.search_movies([await _movie_id(linked_radarr, "Civil War")])
    await sim.wait_idle()
    (item,) = await client.queue()
    await client.delete_queue_item(item.id, remove_from_client=False)
    assert await client.queue() == []
    assert [t["hash"].upper() for t in await link.torrents("radarr")] == [
        item.download_id
    ]


async def test_pausing_and_deleting_in_qbittorrent_show_in_the_queue(
    linked_radarr: Linked, nox: Nox
) -> None:
    client, sim, link = linked_radarr.client, linked_radarr.sim, linked_radarr.link
    await client.search_movies(
        [await _movie_id(linked_radarr, "Furiosa: A Mad Max Saga")]
    )
    await sim.wait_idle()
    (item,) = await client.queue()
    # 5.3.0 has no torrents/pause any more: the link speaks the version's words.
    other = "pause" if nox.is_v5 else "stop"  # the other major's word
    with pytest.raises(QbittorrentLinkError, match="HTTP 404"):
        await link._call("POST", f"torrents/{other}", data={"hashes": "all"})
    await link.stop([item.download_id or ""])
    await _settle(link, "radarr", "stoppedDL" if nox.is_v5 else "pausedDL")
    (paused,) = await client.queue()
    assert paused.status == "paused"
    await link.start([item.download_id or ""])
    await _settle(link, "radarr", "metaDL")
    assert (await client.queue())[0].status == "queued"
    await link.stop([item.download_id or ""])
    await link.delete([item.download_id or ""], delete_files=True)
    assert await client.queue() == []  # gone from the client: gone from the queue


async def test_qbittorrent_down_shows_in_health(
    linked_radarr: Linked, nox: Nox
) -> None:
    client, sim = linked_radarr.client, linked_radarr.sim
    await client.search_movies([await _movie_id(linked_radarr, "Inside Out 2")])
    await sim.wait_idle()
    assert len(await client.queue()) == 1
    await nox.launcher.stop()  # SIGTERM, as a clean shutdown
    assert await client.queue() == []
    assert "DownloadClientCheck" in {h.source for h in await client.health()}


async def test_sonarr_season_pack_is_one_torrent_with_a_record_per_episode(
    linked_sonarr: Linked,
) -> None:
    client, sim, link = linked_sonarr.client, linked_sonarr.sim, linked_sonarr.link
    bear = next(s.id for s in await client.series_list() if s.title == "The Bear")
    await client.search_season(bear, 2)
    await sim.wait_idle()
    (torrent,) = await link.torrents("tv-sonarr")
    records = await client.queue()
    assert len(records) == 2
    assert {r.download_id for r in records} == {torrent["hash"].upper()}
    assert torrent["name"] == "The.Bear.S02.1080p.WEB-DL.DDP5.1.H.264-FLUX"
    assert await link.torrents("radarr") == []  # each app keeps to its category
