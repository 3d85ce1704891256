"""History since a date, and the simulators importing finished downloads on their own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from custom_components.myflix.clients.arr.models import (
    DOWNLOAD_IMPORTED,
    HistoryRecord,
)
from custom_components.myflix.clients.errors import MyflixResponseError
from custom_components.myflix.clients.radarr import RadarrClient
from simulators.qbittorrent import QbittorrentSimulator
from simulators.qbittorrent_link import QbittorrentLink
from simulators.radarr import RadarrSimulator
from simulators.server import serve

from .conftest import FIXED_NOW, RADARR_KEY, Clock

if TYPE_CHECKING:
    import aiohttp

    from simulators.arr import Grab

    from .conftest import ArrStack

HOUR_AGO = FIXED_NOW - timedelta(hours=1)


async def _grab(client: RadarrClient, sim: RadarrSimulator, title: str) -> Grab:
    """Search a library movie and return the grab the search made."""
    movie_id = next(m.id for m in await client.movies() if m.title == title)
    await client.search_movies([movie_id])
    await sim.wait_idle()
    grab = sim.grabs[-1]
    assert grab.movie_id == movie_id
    return grab


def _finish(grab: Grab) -> None:
    """Make a download outside qBittorrent finished and ready to import."""
    grab.state.update(
        status="completed", sizeleft=0.0, trackedDownloadState="importPending"
    )


def test_history_record_parses_a_minimal_and_a_full_payload() -> None:
    assert HistoryRecord.from_dict({"id": 3}).event_type == "unknown"
    record = HistoryRecord.from_dict(
        {
            "id": 9,
            "eventType": "downloadFolderImported",
            "date": "2025-05-01T18:31:00Z",
            "sourceTitle": "Severance.S02E03.1080p.WEB-DL-SPARKS",
            "downloadId": "abc",
            "quality": {"quality": {"name": "WEBDL-1080p"}},
            "seriesId": 2,
            "episodeId": 12,
            "series": {"title": "Severance"},
            "episode": {
                "seasonNumber": 2,
                "episodeNumber": 3,
                "title": "Who Is Alive?",
            },
        }
    )
    assert (record.date, record.download_id, record.quality) == (
        datetime(2025, 5, 1, 18, 31, tzinfo=UTC),
        "ABC",
        "WEBDL-1080p",
    )
    assert (
        record.series_title,
        record.season_number,
        record.episode_number,
        record.episode_title,
    ) == ("Severance", 2, 3, "Who Is Alive?")
    with pytest.raises(MyflixResponseError):
        HistoryRecord.from_dict({"eventType": "grabbed"})


async def test_radarr_imports_a_finished_download_on_its_minute_check(
    radarr_stack: ArrStack, clock: Clock
) -> None:
    client, sim = radarr_stack.client, radarr_stack.sim
    grab = await _grab(radarr_stack.client, radarr_stack.sim, "Deadpool & Wolverine")
    assert await client.history_since(HOUR_AGO, event_type=DOWNLOAD_IMPORTED) == []
    _finish(grab)
    (item,) = [i for i in await client.queue() if i.download_id == grab.download_id]
    assert item.tracked_download_state == "importPending"  # the check is not due yet
    clock.advance(minutes=1)
    (record,) = await client.history_since(HOUR_AGO, event_type=DOWNLOAD_IMPORTED)
    assert (record.event_type, record.movie_id, record.download_id) == (
        DOWNLOAD_IMPORTED,
        grab.movie_id,
        grab.download_id,
    )
    assert (record.movie_title, record.movie_year, record.quality) == (
        "Deadpool & Wolverine",
        2024,
        "WEBDL-2160p",
    )
    assert record.date == clock.current
    assert (await client.movie(grab.movie_id or 0)).has_file
    assert all(i.download_id != grab.download_id for i in await client.queue())
    query = next(
        dict(e.query)
        for e in reversed(sim.requests)
        if e.path == "/api/v3/history/since"
    )
    assert query == {
        "date": "2025-05-01T17:30:00Z",
        "eventType": "downloadFolderImported",
        "includeMovie": "true",
    }


async def test_since_filters_by_date_and_event_oldest_first(
    radarr_stack: ArrStack, clock: Clock
) -> None:
    client = radarr_stack.client
    first = await _grab(radarr_stack.client, radarr_stack.sim, "Deadpool & Wolverine")
    clock.advance(minutes=5)
    second = await _grab(radarr_stack.client, radarr_stack.sim, "Inside Out 2")
    everything = await client.history_since(HOUR_AGO)
    assert [r.date for r in everything] == sorted(
        r.date or FIXED_NOW for r in everything
    )
    assert [r.download_id for r in everything[-2:]] == [
        first.download_id,
        second.download_id,
    ]
    later = await client.history_since(clock.current, event_type="grabbed")
    assert [r.download_id for r in later] == [second.download_id]
    assert later[0].movie_title is not None
    assert await client.history_since(clock.current + timedelta(seconds=1)) == []


async def test_blocked_imports_stay_and_handling_can_be_turned_off(
    radarr_stack: ArrStack, clock: Clock
) -> None:
    client, sim = radarr_stack.client, radarr_stack.sim
    grab = await _grab(radarr_stack.client, radarr_stack.sim, "Deadpool & Wolverine")
    sim.completed_download_handling = False
    _finish(grab)
    clock.advance(minutes=5)
    assert await client.history_since(HOUR_AGO, event_type=DOWNLOAD_IMPORTED) == []
    sim.completed_download_handling = True
    grab.state["trackedDownloadState"] = "importBlocked"
    assert await client.history_since(HOUR_AGO, event_type=DOWNLOAD_IMPORTED) == []
    assert any(i.download_id == grab.download_id for i in await client.queue())


async def test_sonarr_records_one_import_per_episode_of_a_pack(
    sonarr_stack: ArrStack, clock: Clock
) -> None:
    client, sim = sonarr_stack.client, sonarr_stack.sim
    bear = next(s.id for s in await client.series_list() if s.title == "The Bear")
    await client.search_season(bear, 2)
    await sim.wait_idle()
    grab = sim.grabs[-1]
    grab.state.update(
        status="completed", sizeleft=0.0, trackedDownloadState="importPending"
    )
    clock.advance(minutes=1)
    records = await client.history_since(HOUR_AGO, event_type=DOWNLOAD_IMPORTED)
    assert len(records) == len(grab.episode_ids) > 1
    assert {r.series_title for r in records} == {"The Bear"}
    assert [r.episode_number for r in records] == sorted(
        r.episode_number or 0 for r in records
    )
    assert {r.season_number for r in records} == {2}
    assert all(r.episode_title for r in records)
    # Deleted series drop out of the answer, as the apps' join does.
    await client.delete_series(bear)
    assert await client.history_since(HOUR_AGO, event_type=DOWNLOAD_IMPORTED) == []


async def test_a_grabbed_torrent_that_completes_in_qbittorrent_is_imported(
    session: aiohttp.ClientSession,
) -> None:
    qbt = QbittorrentSimulator(username="admin", password="secret-pass")
    clock = Clock()
    async with serve(qbt.make_app()) as qbt_url:
        link = QbittorrentLink(qbt_url, "admin", "secret-pass")
        sim = RadarrSimulator(api_key=RADARR_KEY, download_client=link, now=clock)
        async with serve(sim.make_app()) as url:
            client = RadarrClient(url=url, api_key=RADARR_KEY, session=session)
            stack_grab = await _grab(client, sim, "Civil War")
            torrent_hash = stack_grab.download_id.lower()
            qbt.set_torrent(torrent_hash, has_metadata=True, size=9_000_000_000)
            (item,) = await client.queue()
            # No peers yet: stalled, which the apps show as a warning.
            assert item.status == "warning"
            qbt.set_torrent(torrent_hash, progress=1.0, state="uploading")
            clock.advance(minutes=1)
            (record,) = await client.history_since(
                HOUR_AGO, event_type=DOWNLOAD_IMPORTED
            )
            assert (record.movie_title, record.download_id) == (
                "Civil War",
                stack_grab.download_id,
            )
            assert await client.queue() == []
            assert qbt.state.torrents[torrent_hash].complete  # still seeding
