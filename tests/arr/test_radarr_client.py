"""RadarrClient against the Radarr simulator: every public method."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
import io
import zipfile

import pytest

from custom_components.myflix.clients.errors import (
    MyflixNotFoundError,
    MyflixValidationError,
)
from custom_components.myflix.clients.radarr import RadarrClient
from simulators.radarr import RadarrSimulator
from simulators.server import serve

from .conftest import FIXED_NOW, RADARR_KEY, ArrStack


def _queries(stack: ArrStack, path: str) -> list[dict[str, str]]:
    return [dict(e.query) for e in stack.sim.requests if e.path == f"/api/v3{path}"]


async def test_ping_needs_no_key(radarr_stack: ArrStack) -> None:
    anonymous = RadarrClient(
        url=radarr_stack.url, api_key="wrong", session=radarr_stack.session
    )
    assert await anonymous.ping() is True


async def test_ping_false_when_server_unhealthy(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.fail_next(status=500, message="database is locked")
    assert await radarr_stack.client.ping() is False


async def test_system_status(radarr_stack: ArrStack) -> None:
    status = await radarr_stack.client.system_status()
    assert status.app_name == "Radarr"
    assert status.version == "5.26.2.10099"
    assert status.url_base == ""
    assert status.start_time == FIXED_NOW


async def test_url_base_and_trailing_slash(
    socket_enabled: None, session: object
) -> None:
    sim = RadarrSimulator(api_key=RADARR_KEY, url_base="/radarr")
    async with serve(sim.make_app()) as url:
        client = RadarrClient(url=f"{url}/radarr/", api_key=RADARR_KEY, session=session)  # type: ignore[arg-type]
        assert client.base_url == f"{url}/radarr"
        assert (await client.system_status()).url_base == "/radarr"
        assert await client.ping()
        (backup,) = await client.backups()  # its path is relative to the URL base
        assert (await client.download_backup(backup)).startswith(b"PK")
        assert all(
            e.path.startswith(("/api/v3/", "/ping", "/backup/")) for e in sim.requests
        )


async def test_health_follows_the_simulator(radarr_stack: ArrStack) -> None:
    checks = await radarr_stack.client.health()
    assert {c.source for c in checks} == {"IndexerLongTermStatusCheck", "UpdateCheck"}
    radarr_stack.sim.set_health(
        [
            {
                "source": "DownloadClientCheck",
                "type": "error",
                "message": "Unable to communicate with qBittorrent.",
                "wikiUrl": "https://wiki.servarr.com/radarr/system",
            }
        ]
    )
    (check,) = await radarr_stack.client.health()
    assert (check.source, check.type, check.wiki_url) == (
        "DownloadClientCheck",
        "error",
        "https://wiki.servarr.com/radarr/system",
    )


async def test_disk_root_folders_profiles(radarr_stack: ArrStack) -> None:
    disks = await radarr_stack.client.disk_space()
    assert [d.path for d in disks] == ["/", "/data/media", "/data/archive"]
    assert all(0 < d.free_space < d.total_space for d in disks)
    (root,) = await radarr_stack.client.root_folders()
    assert (root.id, root.path, root.accessible) == (1, "/data/media/movies", True)
    profiles = await radarr_stack.client.quality_profiles()
    assert [(p.id, p.name) for p in profiles] == [
        (1, "Any"),
        (4, "HD-1080p"),
        (5, "Ultra-HD"),
    ]


async def test_queue_walks_every_page(radarr_stack: ArrStack) -> None:
    items = await radarr_stack.client.queue(page_size=1)
    assert len(items) == 4
    assert [q["page"] for q in _queries(radarr_stack, "/queue")] == ["1", "2", "3", "4"]
    assert all(
        q["includeUnknownMovieItems"] == "true"
        for q in _queries(radarr_stack, "/queue")
    )
    poor = next(i for i in items if i.title.startswith("Poor.Things"))
    assert poor.movie_id is not None
    assert poor.timeleft == timedelta(minutes=42, seconds=10)
    assert poor.download_id is not None
    assert poor.download_id == poor.download_id.upper()
    assert len(poor.download_id) == 40
    assert poor.protocol == "torrent"
    assert poor.quality == "WEBDL-2160p"
    stalled = next(i for i in items if i.status == "warning")
    assert stalled.status_messages == ("The download is stalled with no connections",)
    unknown = next(i for i in items if i.movie_id is None)
    assert unknown.tracked_download_state == "importBlocked"


async def test_queue_without_unknown_items(radarr_stack: ArrStack) -> None:
    items = await radarr_stack.client.queue(include_unknown=False)
    assert len(items) == 3
    assert all(i.movie_id is not None for i in items)


async def test_queue_status(radarr_stack: ArrStack) -> None:
    status = await radarr_stack.client.queue_status()
    assert (status.total_count, status.count, status.unknown_count) == (4, 3, 1)
    assert status.errors
    assert status.warnings
    assert status.unknown_warnings
    assert not status.unknown_errors


async def test_delete_queue_item_with_blocklist_grabs_another_release(
    radarr_stack: ArrStack,
) -> None:
    client, sim = radarr_stack.client, radarr_stack.sim
    before = {i.title: i for i in await client.queue()}
    poor = before["Poor.Things.2023.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX"]
    await client.delete_queue_item(poor.id, blocklist=True)
    assert _queries(radarr_stack, f"/queue/{poor.id}")[-1] == {
        "removeFromClient": "true", "blocklist": "true", "skipRedownload": "false"
    }  # fmt: skip
    await sim.wait_idle()
    after = [i for i in await client.queue() if i.movie_id == poor.movie_id]
    assert len(after) == 1
    assert after[0].title != poor.title
    assert after[0].download_id != poor.download_id
    assert poor.title in {b.source_title for b in await client.blocklist()}


async def test_delete_queue_item_skip_redownload(radarr_stack: ArrStack) -> None:
    client = radarr_stack.client
    poor = next(i for i in await client.queue() if i.title.startswith("Poor.Things"))
    await client.delete_queue_item(poor.id, blocklist=True, skip_redownload=True)
    await radarr_stack.sim.wait_idle()
    assert all(i.movie_id != poor.movie_id for i in await client.queue())


async def test_delete_unknown_queue_item(radarr_stack: ArrStack) -> None:
    with pytest.raises(
        MyflixNotFoundError, match="Queue item with ID 999 does not exist"
    ):
        await radarr_stack.client.delete_queue_item(999)


async def test_command_lifecycle(radarr_stack: ArrStack) -> None:
    command = await radarr_stack.client.command("RssSync")
    assert (command.name, command.status, command.result) == (
        "RssSync",
        "queued",
        "unknown",
    )
    await radarr_stack.sim.wait_idle()
    done = await radarr_stack.client.get_command(command.id)
    assert (done.status, done.result, done.finished) == (
        "completed",
        "successful",
        True,
    )
    assert done.started is not None
    assert done.ended is not None
    assert done.duration is not None


async def test_get_unknown_command(radarr_stack: ArrStack) -> None:
    with pytest.raises(MyflixNotFoundError):
        await radarr_stack.client.get_command(4242)


async def test_backup_command_and_download(radarr_stack: ArrStack) -> None:
    client = radarr_stack.client
    assert [b.type for b in await client.backups()] == ["scheduled"]
    command = await client.command("Backup")
    await radarr_stack.sim.wait_idle()
    assert (await client.get_command(command.id)).status == "completed"
    newest = (await client.backups())[0]
    assert newest.type == "manual"
    assert newest.path == f"/backup/manual/{newest.name}"
    archive = await client.download_backup(newest)
    assert len(archive) == newest.size
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        assert set(zipped.namelist()) == {"config.xml", "radarr.db"}
        assert zipped.read("radarr.db").startswith(b"SQLite format 3\x00")


async def test_blocklist(radarr_stack: ArrStack) -> None:
    (entry,) = await radarr_stack.client.blocklist(page_size=1)
    assert entry.source_title == "Civil.War.2024.1080p.WEB-DL.DDP5.1.H.264-FLUX"
    assert entry.protocol == "torrent"
    assert entry.movie_id is not None


async def test_movies_and_movie(radarr_stack: ArrStack) -> None:
    movies = await radarr_stack.client.movies()
    assert len(movies) == 10
    oppenheimer = next(m for m in movies if m.title == "Oppenheimer")
    assert (oppenheimer.tmdb_id, oppenheimer.has_file, oppenheimer.status) == (
        872585,
        True,
        "released",
    )
    assert oppenheimer.path == "/data/media/movies/Oppenheimer (2023)"
    assert oppenheimer.size_on_disk > 0
    again = await radarr_stack.client.movie(oppenheimer.id)
    assert again == oppenheimer
    deadpool = next(m for m in movies if m.title == "Deadpool & Wolverine")
    assert (deadpool.status, deadpool.is_available) == ("announced", False)


async def test_unknown_movie(radarr_stack: ArrStack) -> None:
    with pytest.raises(MyflixNotFoundError, match="Movie with ID 999 does not exist"):
        await radarr_stack.client.movie(999)


async def test_lookup(radarr_stack: ArrStack) -> None:
    results = await radarr_stack.client.lookup_movie("dune")
    assert [(m.title, m.year, m.id) for m in results] == [
        ("Dune: Part Two", 2024, 0), ("Dune", 2021, 0), ("Dune", 1984, 0)
    ]  # fmt: skip
    assert results[0].tmdb_id == 693134
    assert results[0].raw["tmdbId"] == 693134
    (by_id,) = await radarr_stack.client.lookup_movie("tmdb:872585")
    assert (by_id.title, by_id.id) == ("Oppenheimer", 1)  # already in the library
    assert await radarr_stack.client.lookup_movie("zzz nothing") == []


async def test_add_movie_searches_and_lands_in_queue(radarr_stack: ArrStack) -> None:
    client = radarr_stack.client
    (dune,) = await client.lookup_movie("tmdb:693134")
    added = await client.add_movie(
        dune, quality_profile_id=5, root_folder_path="/data/media/movies", tags=[2]
    )
    assert added.id > 0
    assert (added.title, added.monitored, added.quality_profile_id, added.tags) == (
        "Dune: Part Two",
        True,
        5,
        (2,),
    )
    assert added.path == "/data/media/movies/Dune - Part Two (2024)"
    sent = next(
        e
        for e in radarr_stack.sim.requests
        if e.method == "POST" and e.path == "/api/v3/movie"
    )
    assert sent.status == 201
    assert sent.json["addOptions"] == {
        "searchForMovie": True,
        "monitor": "movieOnly",
        "addMethod": "manual",
    }
    await radarr_stack.sim.wait_idle()
    grabbed = [i for i in await client.queue() if i.movie_id == added.id]
    assert [i.title for i in grabbed] == [
        "Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX"
    ]


async def test_add_movie_without_search(radarr_stack: ArrStack) -> None:
    (dune,) = await radarr_stack.client.lookup_movie("tmdb:693134")
    added = await radarr_stack.client.add_movie(
        dune,
        quality_profile_id=4,
        root_folder_path="/data/media/movies",
        search=False,
        monitored=False,
    )
    await radarr_stack.sim.wait_idle()
    assert not added.monitored
    assert all(i.movie_id != added.id for i in await radarr_stack.client.queue())
    assert not radarr_stack.sim.commands


async def test_add_duplicate_movie(radarr_stack: ArrStack) -> None:
    (oppenheimer,) = await radarr_stack.client.lookup_movie("tmdb:872585")
    with pytest.raises(MyflixValidationError) as err:
        await radarr_stack.client.add_movie(
            oppenheimer, quality_profile_id=4, root_folder_path="/data/media/movies"
        )
    assert err.value.errors == ["This movie has already been added"]


async def test_add_movie_bad_profile_and_root(radarr_stack: ArrStack) -> None:
    (dune,) = await radarr_stack.client.lookup_movie("tmdb:693134")
    with pytest.raises(MyflixValidationError) as err:
        await radarr_stack.client.add_movie(
            dune, quality_profile_id=99, root_folder_path="/nope"
        )
    assert err.value.errors == [
        "Quality Profile does not exist",
        "Root folder '/nope' does not exist",
    ]


async def test_delete_movie(radarr_stack: ArrStack) -> None:
    await radarr_stack.client.delete_movie(
        2, delete_files=True, add_import_exclusion=True
    )
    assert _queries(radarr_stack, "/movie/2")[-1] == {
        "deleteFiles": "true",
        "addImportExclusion": "true",
    }
    assert 346698 in radarr_stack.sim.import_exclusions
    with pytest.raises(MyflixNotFoundError):
        await radarr_stack.client.movie(2)
    with pytest.raises(MyflixNotFoundError):
        await radarr_stack.client.delete_movie(2)


async def test_calendar(radarr_stack: ArrStack) -> None:
    movies = await radarr_stack.client.calendar(date(2025, 5, 1), date(2025, 5, 3))
    assert {m.title for m in movies} == {
        "Inside Out 2",
        "Furiosa: A Mad Max Saga",
        "Deadpool & Wolverine",
    }
    furiosa = next(m for m in movies if m.title.startswith("Furiosa"))
    assert furiosa.digital_release == datetime(2025, 5, 2, tzinfo=UTC)
    assert furiosa.in_cinemas == datetime(2025, 3, 2, tzinfo=UTC)
    assert furiosa.physical_release == datetime(2025, 5, 31, tzinfo=UTC)
    assert _queries(radarr_stack, "/calendar")[-1] == {
        "start": "2025-05-01T00:00:00Z", "end": "2025-05-03T00:00:00Z", "unmonitored": "false"
    }  # fmt: skip


async def test_calendar_window_with_datetimes(radarr_stack: ArrStack) -> None:
    movies = await radarr_stack.client.calendar(
        datetime(2023, 7, 19, tzinfo=UTC), datetime(2023, 7, 19, 12, tzinfo=UTC)
    )
    assert {m.title for m in movies} == {"Oppenheimer", "Barbie"}


async def test_calendar_unmonitored(radarr_stack: ArrStack) -> None:
    window = (date(2023, 12, 14), date(2023, 12, 16))
    assert await radarr_stack.client.calendar(*window) == []
    (zone,) = await radarr_stack.client.calendar(*window, unmonitored=True)
    assert zone.title == "The Zone of Interest"


async def test_wanted_missing_walks_pages(radarr_stack: ArrStack) -> None:
    missing = await radarr_stack.client.wanted_missing(page_size=2)
    assert [m.title for m in missing] == [
        "Civil War", "Deadpool & Wolverine", "Furiosa: A Mad Max Saga", "Inside Out 2", "Poor Things"
    ]  # fmt: skip
    assert [q["page"] for q in _queries(radarr_stack, "/wanted/missing")] == [
        "1",
        "2",
        "3",
    ]
    assert not any(m.has_file for m in missing)


async def test_wanted_missing_count_asks_for_one_record(radarr_stack: ArrStack) -> None:
    assert await radarr_stack.client.wanted_missing_count() == 5
    (query,) = _queries(radarr_stack, "/wanted/missing")
    assert (query["page"], query["pageSize"], query["monitored"]) == ("1", "1", "true")


async def test_search_movies(radarr_stack: ArrStack) -> None:
    movies = {m.title: m for m in await radarr_stack.client.movies()}
    deadpool = movies["Deadpool & Wolverine"]
    command = await radarr_stack.client.search_movies([deadpool.id])
    assert command.name == "MoviesSearch"
    sent = [e.json for e in radarr_stack.sim.requests if e.path == "/api/v3/command"]
    assert sent == [{"name": "MoviesSearch", "movieIds": [deadpool.id]}]
    await radarr_stack.sim.wait_idle()
    done = await radarr_stack.client.get_command(command.id)
    assert done.message == "Search completed. 1 reports downloaded."
    assert any(i.movie_id == deadpool.id for i in await radarr_stack.client.queue())


async def test_search_skips_blocklisted_release(radarr_stack: ArrStack) -> None:
    civil_war = next(
        m for m in await radarr_stack.client.movies() if m.title == "Civil War"
    )
    sim = radarr_stack.sim
    for item in [
        i for i in await radarr_stack.client.queue() if i.movie_id == civil_war.id
    ]:
        await sim.remove_queue_item(item.id, skip_redownload=True)
    await radarr_stack.client.search_movies([civil_war.id])
    await sim.wait_idle()
    (item,) = [
        i for i in await radarr_stack.client.queue() if i.movie_id == civil_war.id
    ]
    assert (
        item.title == "Civil.War.2024.1080p.WEB-DL.DDP5.1.H.264-SPARKS"
    )  # FLUX is blocklisted


async def test_refresh_movies(radarr_stack: ArrStack) -> None:
    command = await radarr_stack.client.refresh_movies()
    await radarr_stack.sim.wait_idle()
    assert (await radarr_stack.client.get_command(command.id)).status == "completed"
    assert radarr_stack.sim.requests[0].json == {"name": "RefreshMovie", "movieIds": []}


async def test_import_scan_gives_completed_downloads_files(
    radarr_stack: ArrStack,
) -> None:
    client, sim = radarr_stack.client, radarr_stack.sim
    deadpool = next(
        m for m in await client.movies() if m.title == "Deadpool & Wolverine"
    )
    await client.search_movies([deadpool.id])
    await sim.wait_idle()
    grab = next(g for g in sim.grabs if g.movie_id == deadpool.id)
    grab.state.update(
        status="completed", sizeleft=0.0, trackedDownloadState="importPending"
    )
    await client.command("DownloadedMoviesScan")
    await sim.wait_idle()
    assert (await client.movie(deadpool.id)).has_file
    assert all(i.movie_id != deadpool.id for i in await client.queue())
