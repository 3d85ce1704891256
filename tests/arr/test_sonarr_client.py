"""SonarrClient against the Sonarr simulator: every public method."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pytest

from custom_components.myflix.clients.errors import (
    MyflixNotFoundError,
    MyflixValidationError,
)

if TYPE_CHECKING:
    from .conftest import ArrStack


def _queries(stack: ArrStack, path: str) -> list[dict[str, str]]:
    return [dict(e.query) for e in stack.sim.requests if e.path == f"/api/v3{path}"]


async def _series_id(stack: ArrStack, title: str) -> int:
    return int(next(s.id for s in await stack.client.series_list() if s.title == title))


async def test_system_status_and_shared_endpoints(sonarr_stack: ArrStack) -> None:
    client = sonarr_stack.client
    status = await client.system_status()
    assert (status.app_name, status.version, status.branch) == (
        "Sonarr",
        "4.0.15.2941",
        "main",
    )
    assert await client.ping()
    assert len(await client.health()) == 2
    assert [r.path for r in await client.root_folders()] == ["/data/media/tv"]
    assert [p.name for p in await client.quality_profiles()] == [
        "Any",
        "HD-1080p",
        "Ultra-HD",
    ]
    assert len(await client.disk_space()) == 3
    assert (await client.queue_status()).count == 4
    assert [b.type for b in await client.backups()] == ["scheduled"]


async def test_series_list_and_series(sonarr_stack: ArrStack) -> None:
    series = {s.title: s for s in await sonarr_stack.client.series_list()}
    assert set(series) == {"Breaking Bad", "Severance", "The Bear"}
    severance = series["Severance"]
    assert (severance.tvdb_id, severance.network, severance.path) == (
        371980,
        "Apple TV+",
        "/data/media/tv/Severance (2022)",
    )
    assert [s.season_number for s in severance.seasons] == [1, 2]
    season_two = severance.seasons[1]
    assert (
        season_two.total_episode_count,
        season_two.episode_file_count,
        season_two.episode_count,
    ) == (10, 2, 4)
    assert severance.next_airing == datetime(2025, 5, 2, 1, 0, tzinfo=UTC)
    assert await sonarr_stack.client.series(severance.id) == severance


async def test_unknown_series(sonarr_stack: ArrStack) -> None:
    with pytest.raises(MyflixNotFoundError, match="Series with ID 77 does not exist"):
        await sonarr_stack.client.series(77)


async def test_lookup_series(sonarr_stack: ArrStack) -> None:
    (in_library,) = await sonarr_stack.client.lookup_series("severance")
    assert in_library.id > 0
    (tlou,) = await sonarr_stack.client.lookup_series("tvdb:392256")
    assert (tlou.title, tlou.id, tlou.year) == ("The Last of Us", 0, 2023)
    assert [s.season_number for s in tlou.seasons] == [1]
    assert "seasons" in tlou.raw


async def test_add_series_grabs_a_season_pack(sonarr_stack: ArrStack) -> None:
    client, sim = sonarr_stack.client, sonarr_stack.sim
    (tlou,) = await client.lookup_series("tvdb:392256")
    added = await client.add_series(
        tlou, quality_profile_id=4, root_folder_path="/data/media/tv"
    )
    assert added.id > 0
    assert added.path == "/data/media/tv/The Last of Us (2023)"
    sent = next(
        e for e in sim.requests if e.method == "POST" and e.path == "/api/v3/series"
    )
    assert sent.status == 201
    assert sent.json["addOptions"] == {
        "monitor": "all", "searchForMissingEpisodes": True, "searchForCutoffUnmetEpisodes": False
    }  # fmt: skip
    assert sent.json["seasons"] == [{"seasonNumber": 1, "monitored": True}]
    assert (sent.json["seasonFolder"], sent.json["seriesType"]) == (True, "standard")
    await sim.wait_idle()
    records = [i for i in await client.queue() if i.series_id == added.id]
    assert len(records) == 9
    assert {r.title for r in records} == {
        "The.Last.of.Us.S01.1080p.WEB-DL.DDP5.1.H.264-FLUX"
    }
    assert len({r.download_id for r in records}) == 1
    assert len({r.episode_id for r in records}) == 9


async def test_add_series_monitor_none_without_search(sonarr_stack: ArrStack) -> None:
    (andor,) = await sonarr_stack.client.lookup_series("andor")
    added = await sonarr_stack.client.add_series(
        andor, quality_profile_id=5, root_folder_path="/data/media/tv", monitor="none",
        search=False, season_folder=False, series_type="standard",
    )  # fmt: skip
    episodes = await sonarr_stack.client.episodes(added.id)
    assert len(episodes) == 24
    assert not any(e.monitored for e in episodes)
    assert not sonarr_stack.sim.commands


async def test_add_duplicate_series(sonarr_stack: ArrStack) -> None:
    (severance,) = await sonarr_stack.client.lookup_series("tvdb:371980")
    with pytest.raises(MyflixValidationError) as err:
        await sonarr_stack.client.add_series(
            severance, quality_profile_id=4, root_folder_path="/data/media/tv"
        )
    assert err.value.errors == ["This series has already been added"]


async def test_delete_series(sonarr_stack: ArrStack) -> None:
    series_id = await _series_id(sonarr_stack, "Breaking Bad")
    await sonarr_stack.client.delete_series(
        series_id, delete_files=True, add_import_list_exclusion=True
    )
    assert _queries(sonarr_stack, f"/series/{series_id}")[-1] == {
        "deleteFiles": "true", "addImportListExclusion": "true"
    }  # fmt: skip
    with pytest.raises(MyflixNotFoundError):
        await sonarr_stack.client.episodes(series_id)


async def test_episodes(sonarr_stack: ArrStack) -> None:
    series_id = await _series_id(sonarr_stack, "Breaking Bad")
    everything = await sonarr_stack.client.episodes(series_id)
    assert len(everything) == 20
    season_one = await sonarr_stack.client.episodes(series_id, 1)
    assert [e.title for e in season_one][:2] == ["Pilot", "Cat's in the Bag..."]
    pilot = season_one[0]
    assert pilot.air_date_utc == datetime(2008, 1, 22, 1, 0, tzinfo=UTC)
    assert pilot.air_date == date(2008, 1, 21)
    assert pilot.has_file
    assert pilot.episode_file_id == pilot.id
    assert _queries(sonarr_stack, "/episode")[-1] == {
        "seriesId": str(series_id),
        "seasonNumber": "1",
    }


async def test_calendar_includes_series_title(sonarr_stack: ArrStack) -> None:
    (episode,) = await sonarr_stack.client.calendar(date(2025, 5, 1), date(2025, 5, 3))
    assert (episode.series_title, episode.season_number, episode.episode_number) == (
        "Severance",
        2,
        5,
    )
    assert episode.air_date == date(2025, 5, 1)
    assert episode.air_date_utc == datetime(2025, 5, 2, 1, 0, tzinfo=UTC)
    assert _queries(sonarr_stack, "/calendar")[-1]["includeSeries"] == "true"


async def test_calendar_without_series(sonarr_stack: ArrStack) -> None:
    episodes = await sonarr_stack.client.calendar(
        date(2025, 6, 1), date(2025, 6, 2), include_series=False
    )
    assert len(episodes) == 10  # The Bear season 3 drops at once
    assert {e.series_title for e in episodes} == {None}


async def test_wanted_missing(sonarr_stack: ArrStack) -> None:
    missing = await sonarr_stack.client.wanted_missing(page_size=3)
    assert [(e.series_title, e.season_number, e.episode_number) for e in missing] == [
        ("Severance", 2, 4), ("Severance", 2, 3), ("The Bear", 2, 9), ("The Bear", 2, 10)
    ]  # fmt: skip
    assert [q["page"] for q in _queries(sonarr_stack, "/wanted/missing")] == ["1", "2"]


async def test_wanted_missing_count(sonarr_stack: ArrStack) -> None:
    assert await sonarr_stack.client.wanted_missing_count() == 4


async def test_queue_records_per_episode(sonarr_stack: ArrStack) -> None:
    items = await sonarr_stack.client.queue(page_size=3)
    assert len(items) == 4
    bear = [i for i in items if i.title.startswith("The.Bear")]
    assert len(bear) == 2
    assert bear[0].download_id == bear[1].download_id
    assert {i.episode_id for i in bear} != {None}
    assert all(i.season_number == 2 and i.series_id for i in items)
    assert _queries(sonarr_stack, "/queue")[0]["includeUnknownSeriesItems"] == "true"


async def test_search_episodes_after_removing_the_queued_one(
    sonarr_stack: ArrStack,
) -> None:
    client, sim = sonarr_stack.client, sonarr_stack.sim
    stalled = next(i for i in await client.queue() if i.status == "warning")
    assert stalled.episode_id is not None
    await client.delete_queue_item(stalled.id, blocklist=True, skip_redownload=True)
    command = await client.search_episodes([stalled.episode_id])
    assert command.name == "EpisodeSearch"
    await sim.wait_idle()
    (item,) = [i for i in await client.queue() if i.episode_id == stalled.episode_id]
    assert (
        item.title == "Severance.S02E04.1080p.WEB-DL.DDP5.1.H.264-NTb"
    )  # FLUX and SPARKS blocklisted
    assert (
        await client.get_command(command.id)
    ).message == "Episode search completed. 1 reports downloaded."


async def test_search_season_grabs_a_pack_for_an_aired_season(
    sonarr_stack: ArrStack,
) -> None:
    client, sim = sonarr_stack.client, sonarr_stack.sim
    bear = await _series_id(sonarr_stack, "The Bear")
    first, second = [i for i in await client.queue() if i.series_id == bear]
    await client.delete_queue_item(first.id, skip_redownload=True)
    # One record per episode, one download: removing one removes the download.
    assert all(i.id != second.id for i in await client.queue())
    command = await client.search_season(bear, 2)
    assert [e.json for e in sim.requests if e.path == "/api/v3/command"] == [
        {"name": "SeasonSearch", "seriesId": bear, "seasonNumber": 2}
    ]
    await sim.wait_idle()
    records = [i for i in await client.queue() if i.series_id == bear]
    assert {r.title for r in records} == {"The.Bear.S02.1080p.WEB-DL.DDP5.1.H.264-FLUX"}
    assert len(records) == 2
    assert (await client.get_command(command.id)).result == "successful"


async def test_search_series_with_everything_on_disk(sonarr_stack: ArrStack) -> None:
    command = await sonarr_stack.client.search_series(
        await _series_id(sonarr_stack, "Breaking Bad")
    )
    await sonarr_stack.sim.wait_idle()
    done = await sonarr_stack.client.get_command(command.id)
    assert done.message == "Series search completed. 0 reports downloaded."


async def test_search_series_for_unknown_series_fails_the_command(
    sonarr_stack: ArrStack,
) -> None:
    command = await sonarr_stack.client.search_series(404)
    await sonarr_stack.sim.wait_idle()
    done = await sonarr_stack.client.get_command(command.id)
    assert (done.status, done.result) == ("failed", "unsuccessful")


async def test_refresh_series(sonarr_stack: ArrStack) -> None:
    command = await sonarr_stack.client.refresh_series([1])
    await sonarr_stack.sim.wait_idle()
    assert (await sonarr_stack.client.get_command(command.id)).status == "completed"
    assert sonarr_stack.sim.requests[0].json == {
        "name": "RefreshSeries",
        "seriesIds": [1],
    }


async def test_import_scan_marks_episodes_downloaded(sonarr_stack: ArrStack) -> None:
    client, sim = sonarr_stack.client, sonarr_stack.sim
    downloading = next(i for i in await client.queue() if i.status == "downloading")
    grab = next(g for g in sim.grabs if downloading.id in g.record_ids)
    grab.state.update(status="completed", sizeleft=0.0)
    await client.command("DownloadedEpisodesScan")
    await sim.wait_idle()
    episodes = await client.episodes(downloading.series_id or 0, 2)
    assert next(e for e in episodes if e.id == downloading.episode_id).has_file
    assert all(i.id != downloading.id for i in await client.queue())
