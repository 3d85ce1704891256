"""Contract: the simulators answer, and the clients ask, what the OpenAPI documents say.

Each app is driven through every client method and, for the endpoints the
clients do not use, with raw requests. The simulator records every exchange;
then (1) each 2xx response body is validated against the response schema of
its path + method (201/202 against the documented 200), and (2) each request
must name a documented operation, use only declared query parameters (with
values of the declared type) and send a body valid for the requestBody schema.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from custom_components.myflix.clients.errors import MyflixValidationError
from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.clients.sonarr import SonarrClient
from simulators.radarr import RadarrSimulator
from simulators.server import serve
from simulators.sonarr import SonarrSimulator

from .openapi import UNDOCUMENTED_PREFIXES, OpenApiSpec

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from simulators.arr import ArrSimulator, Exchange

KEY = "5a4b3c2d1e0f5a4b3c2d1e0f5a4b3c2d"
NOW = datetime(2025, 5, 1, 18, 30, tzinfo=UTC)

SHARED = {
    ("get", "/ping"), ("head", "/ping"), ("get", "/api/v3/system/status"), ("get", "/api/v3/health"),
    ("get", "/api/v3/diskspace"), ("get", "/api/v3/rootfolder"), ("get", "/api/v3/qualityprofile"),
    ("get", "/api/v3/qualityprofile/{id}"), ("get", "/api/v3/calendar"), ("get", "/api/v3/wanted/missing"),
    ("get", "/api/v3/queue"), ("get", "/api/v3/queue/details"), ("get", "/api/v3/queue/status"),
    ("delete", "/api/v3/queue/{id}"), ("delete", "/api/v3/queue/bulk"), ("get", "/api/v3/blocklist"),
    ("delete", "/api/v3/blocklist/{id}"), ("delete", "/api/v3/blocklist/bulk"), ("get", "/api/v3/history"),
    ("get", "/api/v3/history/since"),
    ("post", "/api/v3/command"), ("get", "/api/v3/command"), ("get", "/api/v3/command/{id}"),
    ("delete", "/api/v3/command/{id}"), ("get", "/api/v3/system/backup"), ("get", "/api"),
    ("get", "/api/v3/downloadclient"),
}  # fmt: skip
RADARR_ENDPOINTS = SHARED | {
    ("get", "/api/v3/movie"), ("post", "/api/v3/movie"), ("get", "/api/v3/movie/{id}"),
    ("put", "/api/v3/movie/{id}"), ("delete", "/api/v3/movie/{id}"), ("get", "/api/v3/movie/lookup"),
}  # fmt: skip
SONARR_ENDPOINTS = SHARED | {
    ("get", "/api/v3/series"), ("post", "/api/v3/series"), ("get", "/api/v3/series/{id}"),
    ("put", "/api/v3/series/{id}"), ("delete", "/api/v3/series/{id}"), ("get", "/api/v3/series/lookup"),
    ("get", "/api/v3/episode"),
}  # fmt: skip


@pytest.fixture
async def session(socket_enabled: None) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as http:
        yield http


@asynccontextmanager
async def _served(sim: ArrSimulator) -> AsyncIterator[str]:
    async with serve(sim.make_app()) as url:
        yield url


class Raw:
    """Raw calls for the endpoints the clients do not use."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session, self.url = session, url

    async def __call__(self, method: str, path: str, **kwargs: Any) -> Any:
        kwargs.setdefault("headers", {"X-Api-Key": KEY})
        async with self.session.request(
            method, f"{self.url}{path}", **kwargs
        ) as response:
            assert response.status < 300, f"{method} {path}: {response.status}"
            body = await response.read()
            return await response.json() if body and method != "HEAD" else None


async def _drive_shared(client: Any, sim: ArrSimulator, raw: Raw) -> None:
    """What both apps share, through the client."""
    assert await client.ping()
    await client.system_status()
    await client.health()
    await client.disk_space()
    await client.root_folders()
    await client.quality_profiles()
    await client.queue(page_size=2)
    await client.queue_status()
    assert await client.torrent_categories() == {sim.CATEGORY}
    await client.blocklist(page_size=1)
    for name in ("RssSync", "Backup"):
        command = await client.command(name)
        await sim.wait_idle()
        await client.get_command(command.id)
    await client.history_since(datetime(2020, 1, 1, tzinfo=UTC))
    backups = await client.backups()
    await client.download_backup(backups[0])


async def _drive_shared_raw(
    raw: Raw, sim: ArrSimulator, entity_query: dict[str, str]
) -> None:
    await raw("GET", "/api")
    await raw("HEAD", "/ping", headers={})
    await raw("GET", "/api/v3/qualityprofile/4")
    queue = await raw(
        "GET", "/api/v3/queue", params={**entity_query, "page": "1", "pageSize": "50"}
    )
    await raw("GET", "/api/v3/queue/status")
    await raw("GET", "/api/v3/command")
    history = await raw(
        "GET", "/api/v3/history", params={"page": "1", "pageSize": "50"}
    )
    download_id = history["records"][0]["downloadId"]
    await raw(
        "GET",
        "/api/v3/history",
        params=[("downloadId", download_id), ("eventType", "1")],
    )
    sim.command_delay = 0.05
    command = await raw("POST", "/api/v3/command", json={"name": "RssSync"})
    await raw("DELETE", f"/api/v3/command/{command['id']}")
    sim.command_delay = 0.0
    await sim.wait_idle()
    ids = [r["id"] for r in queue["records"]]
    await raw(
        "DELETE",
        "/api/v3/queue/bulk",
        params={"blocklist": "true", "skipRedownload": "true"},
        json={"ids": ids[:1]},
    )
    blocklist = await raw(
        "GET", "/api/v3/blocklist", params={"page": "1", "pageSize": "10"}
    )
    entries = [r["id"] for r in blocklist["records"]]
    await raw("DELETE", f"/api/v3/blocklist/{entries[0]}")
    await raw("DELETE", "/api/v3/blocklist/bulk", json={"ids": entries[1:]})
    await raw("GET", "/api/v3/calendar")
    await raw("GET", "/api/v3/wanted/missing", params={"monitored": "false"})


async def drive_radarr(session: aiohttp.ClientSession) -> tuple[RadarrSimulator, int]:
    """Run every RadarrClient method, then raw calls; return (sim, client exchanges)."""
    sim = RadarrSimulator(api_key=KEY, now=lambda: NOW)
    async with _served(sim) as url:
        client = RadarrClient(url=url, api_key=KEY, session=session)
        raw = Raw(session, url)
        await _drive_shared(client, sim, raw)
        movies = await client.movies()
        await client.movie(movies[0].id)
        moved = await client.set_movie_path(movies[2].id, "/data/archive/movies/Moved")
        assert moved.path == "/data/archive/movies/Moved"
        assert sim.path_changes[-1]["moveFiles"] is False
        await client.lookup_movie("dune")
        (dune,) = await client.lookup_movie("tmdb:693134")
        added = await client.add_movie(
            dune, quality_profile_id=5, root_folder_path="/data/media/movies", tags=[1]
        )
        with pytest.raises(MyflixValidationError):
            await client.add_movie(
                dune, quality_profile_id=5, root_folder_path="/data/media/movies"
            )
        await client.calendar(date(2025, 5, 1), date(2025, 5, 3))
        await client.calendar(
            date(2023, 1, 1), datetime(2024, 1, 1, tzinfo=UTC), unmonitored=True
        )
        await client.wanted_missing(page_size=2)
        await client.search_movies([m.id for m in movies if not m.has_file][:2])
        await client.refresh_movies([added.id])
        sim.grabs[-1].state.update(status="completed", sizeleft=0.0)
        for name in ("MissingMoviesSearch", "DownloadedMoviesScan"):
            await client.command(name)
        await sim.wait_idle()
        assert await client.history_since(NOW, event_type="downloadFolderImported")
        queue = await client.queue()
        await client.delete_queue_item(queue[0].id, blocklist=True)
        # What the healer sends: blocklist, no automatic re-search.
        await client.delete_queue_item(
            queue[1].id, remove_from_client=False, blocklist=True, skip_redownload=True
        )
        await sim.wait_idle()
        await client.delete_movie(
            added.id, delete_files=True, add_import_exclusion=True
        )
        client_exchanges = len(sim.requests)

        await _drive_shared_raw(
            raw, sim, {"includeUnknownMovieItems": "true", "includeMovie": "true"}
        )
        await raw(
            "GET",
            "/api/v3/queue/details",
            params={"movieId": str(queue[1].movie_id), "includeMovie": "true"},
        )
        await raw("GET", "/api/v3/movie", params={"tmdbId": "872585"})
        movie = await raw("GET", f"/api/v3/movie/{movies[1].id}")
        await raw(
            "PUT",
            f"/api/v3/movie/{movies[1].id}",
            params={"moveFiles": "false"},
            json={**movie, "monitored": False},
        )
        await raw("GET", "/api/v3/blocklist", params=[("movieIds", str(movies[5].id))])
    return sim, client_exchanges


async def drive_sonarr(session: aiohttp.ClientSession) -> tuple[SonarrSimulator, int]:
    """Run every SonarrClient method, then raw calls; return (sim, client exchanges)."""
    sim = SonarrSimulator(api_key=KEY, now=lambda: NOW)
    async with _served(sim) as url:
        client = SonarrClient(url=url, api_key=KEY, session=session)
        raw = Raw(session, url)
        await _drive_shared(client, sim, raw)
        series = {s.title: s for s in await client.series_list()}
        await client.series(series["Severance"].id)
        moved = await client.set_series_path(
            series["The Bear"].id, "/data/archive/tv/Bear"
        )
        assert moved.path == "/data/archive/tv/Bear"
        assert sim.path_changes[-1]["to"] == "/data/archive/tv/Bear"
        await client.lookup_series("severance")
        (tlou,) = await client.lookup_series("tvdb:392256")
        added = await client.add_series(
            tlou,
            quality_profile_id=4,
            root_folder_path="/data/media/tv",
            series_type="standard",
        )
        with pytest.raises(MyflixValidationError):
            await client.add_series(
                tlou, quality_profile_id=4, root_folder_path="/data/media/tv"
            )
        await client.episodes(series["Breaking Bad"].id)
        await client.episodes(series["Breaking Bad"].id, 1)
        await client.calendar(date(2025, 5, 1), date(2025, 5, 3))
        await client.calendar(
            date(2025, 6, 1), date(2025, 6, 2), include_series=False, unmonitored=True
        )
        await client.wanted_missing(page_size=2)
        queue = await client.queue()
        await client.delete_queue_item(queue[0].id, blocklist=True)
        await sim.wait_idle()
        await client.search_episodes([queue[1].episode_id or 0])
        await client.search_season(series["The Bear"].id, 2)
        await client.search_series(series["Severance"].id)
        await client.refresh_series([added.id])
        sim.grabs[-1].state.update(status="completed", sizeleft=0.0)
        for name in ("MissingEpisodeSearch", "DownloadedEpisodesScan"):
            await client.command(name)
        await sim.wait_idle()
        assert await client.history_since(NOW, event_type="downloadFolderImported")
        await client.delete_series(
            added.id, delete_files=True, add_import_list_exclusion=True
        )
        client_exchanges = len(sim.requests)

        await _drive_shared_raw(
            raw,
            sim,
            {
                "includeUnknownSeriesItems": "true",
                "includeSeries": "true",
                "includeEpisode": "true",
            },
        )
        await raw(
            "GET",
            "/api/v3/queue/details",
            params={
                "seriesId": str(series["Severance"].id),
                "includeSeries": "true",
                "includeEpisode": "true",
            },
        )
        await raw("GET", "/api/v3/series", params={"tvdbId": "81189"})
        show = await raw("GET", f"/api/v3/series/{series['The Bear'].id}")
        await raw(
            "PUT",
            f"/api/v3/series/{show['id']}",
            params={"moveFiles": "false"},
            json={**show, "monitored": False},
        )
        await raw(
            "GET",
            "/api/v3/episode",
            params=[
                ("episodeIds", "1"),
                ("episodeIds", "2"),
                ("includeSeries", "true"),
            ],
        )
        await raw(
            "GET",
            "/api/v3/blocklist",
            params=[("seriesIds", str(series["Severance"].id))],
        )
    return sim, client_exchanges


def _documented(exchanges: list[Exchange]) -> list[Exchange]:
    return [e for e in exchanges if not e.path.startswith(UNDOCUMENTED_PREFIXES)]


def _response_problems(spec: OpenApiSpec, exchanges: list[Exchange]) -> list[str]:
    return [
        problem
        for e in _documented(exchanges)
        if 200 <= e.status < 300
        for problem in spec.response_errors(e.method, e.path, e.status, e.body)
    ]


def _request_problems(spec: OpenApiSpec, exchanges: list[Exchange]) -> list[str]:
    return [
        problem
        for e in _documented(exchanges)
        for problem in spec.request_errors(e.method, e.path, e.query, e.json)
    ]


def _covered(spec: OpenApiSpec, exchanges: list[Exchange]) -> set[tuple[str, str]]:
    covered = set()
    for e in _documented(exchanges):
        op = spec.operation(e.method, e.path)
        if op is not None and 200 <= e.status < 300:
            covered.add((op.method, op.template))
    return covered


async def test_radarr_responses_match_spec(
    radarr_spec: OpenApiSpec, session: aiohttp.ClientSession
) -> None:
    sim, _ = await drive_radarr(session)
    assert _covered(radarr_spec, sim.requests) >= RADARR_ENDPOINTS
    assert _response_problems(radarr_spec, sim.requests) == []
    assert _request_problems(radarr_spec, sim.requests) == []  # raw calls too


async def test_radarr_client_requests_match_spec(
    radarr_spec: OpenApiSpec, session: aiohttp.ClientSession
) -> None:
    sim, client_count = await drive_radarr(session)
    sent = sim.requests[:client_count]
    assert (
        len(_documented(sent)) == client_count - 1
    )  # only the backup download is off-spec
    assert {e.json["name"] for e in sent if e.path == "/api/v3/command"} >= {
        "MoviesSearch",
        "RefreshMovie",
        "Backup",
    }
    assert _request_problems(radarr_spec, sent) == []


async def test_sonarr_responses_match_spec(
    sonarr_spec: OpenApiSpec, session: aiohttp.ClientSession
) -> None:
    sim, _ = await drive_sonarr(session)
    assert _covered(sonarr_spec, sim.requests) >= SONARR_ENDPOINTS
    assert _response_problems(sonarr_spec, sim.requests) == []
    assert _request_problems(sonarr_spec, sim.requests) == []


async def test_sonarr_client_requests_match_spec(
    sonarr_spec: OpenApiSpec, session: aiohttp.ClientSession
) -> None:
    sim, client_count = await drive_sonarr(session)
    sent = sim.requests[:client_count]
    assert {e.json["name"] for e in sent if e.path == "/api/v3/command"} >= {
        "EpisodeSearch", "SeasonSearch", "SeriesSearch", "RefreshSeries", "Backup"
    }  # fmt: skip
    assert _request_problems(sonarr_spec, sent) == []


def test_validator_catches_violations(
    radarr_spec: OpenApiSpec, sonarr_spec: OpenApiSpec
) -> None:
    movie = b'[{"id": 1, "title": "X", "year": "2024"}]'
    assert radarr_spec.response_errors("GET", "/api/v3/movie", 200, movie)
    extra = b'[{"id": 1, "rating": 5}]'
    assert radarr_spec.response_errors("GET", "/api/v3/movie", 200, extra)
    bad_date = b'{"version": "1", "startTime": "yesterday"}'
    assert sonarr_spec.response_errors("GET", "/api/v3/system/status", 200, bad_date)
    assert radarr_spec.response_errors("GET", "/api/v3/nope", 200, b"{}")
    assert radarr_spec.request_errors(
        "GET", "/api/v3/queue", [("includeUnknownSeriesItems", "true")], None
    )
    assert radarr_spec.request_errors("GET", "/api/v3/queue", [("page", "one")], None)
    assert radarr_spec.request_errors(
        "POST", "/api/v3/command", [], {"name": "X", "movieIds": ["1"]}
    )
    assert radarr_spec.request_errors(
        "POST", "/api/v3/command", [], {"name": "X", "bogus": 1}
    )
    assert sonarr_spec.request_errors(
        "DELETE", "/api/v3/series/1", [("addImportExclusion", "true")], None
    )
    assert not sonarr_spec.request_errors(
        "DELETE", "/api/v3/series/1", [("addImportListExclusion", "true")], None
    )
