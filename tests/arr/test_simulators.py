"""The simulators behave like the real apps on the wire (ARR_ENDPOINTS.md)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from simulators.server import serve
from simulators.sonarr import SonarrSimulator

from .conftest import RADARR_KEY, SONARR_KEY, ArrStack

if TYPE_CHECKING:
    from collections.abc import Iterator

    import aiohttp

DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
TIMESPAN = re.compile(r"^(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{7})?$")
KEY = {"X-Api-Key": RADARR_KEY}


async def _get(stack: ArrStack, path: str, **kwargs: Any) -> tuple[int, Any]:
    kwargs.setdefault("headers", KEY)
    async with stack.session.get(f"{stack.url}{path}", **kwargs) as response:
        body = await response.read()
        return response.status, (await response.json() if body else None)


def _walk(value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"headers": {}}, 401),
        ({"headers": {"X-Api-Key": "wrong"}}, 401),
        ({"headers": {"X-Api-Key": RADARR_KEY}}, 200),
        ({"headers": {"x-api-key": RADARR_KEY}}, 200),
        ({"headers": {}, "params": {"apikey": RADARR_KEY}}, 200),
        ({"headers": {"Authorization": f"Bearer {RADARR_KEY}"}}, 200),
        ({"headers": {"Authorization": "Bearer nope"}}, 401),
    ],
)
async def test_api_key_everywhere(
    radarr_stack: ArrStack, kwargs: dict[str, Any], status: int
) -> None:
    assert (await _get(radarr_stack, "/api/v3/system/status", **kwargs))[0] == status


async def test_ping_without_key_and_head(radarr_stack: ArrStack) -> None:
    assert await _get(radarr_stack, "/ping", headers={}) == (200, {"status": "OK"})
    async with radarr_stack.session.head(f"{radarr_stack.url}/ping") as response:
        assert response.status == 200
    async with radarr_stack.session.post(f"{radarr_stack.url}/ping") as response:
        assert response.status == 401  # only GET/HEAD are anonymous


async def test_backup_download_needs_the_key(radarr_stack: ArrStack) -> None:
    _, backups = await _get(radarr_stack, "/api/v3/system/backup")
    path = backups[0]["path"]
    async with radarr_stack.session.get(f"{radarr_stack.url}{path}") as response:
        assert response.status == 401
    async with radarr_stack.session.get(
        f"{radarr_stack.url}{path}", headers=KEY
    ) as response:
        assert response.status == 200
        assert response.content_type == "application/zip"
    assert (await _get(radarr_stack, "/backup/manual/nope.zip"))[0] == 404


async def test_api_info(radarr_stack: ArrStack) -> None:
    assert await _get(radarr_stack, "/api") == (
        200,
        {"current": "v3", "deprecated": []},
    )


async def test_nulls_are_left_out_and_dates_are_utc_z(radarr_stack: ArrStack) -> None:
    _, movies = await _get(radarr_stack, "/api/v3/movie")
    _, queue = await _get(
        radarr_stack, "/api/v3/queue", params={"includeUnknownMovieItems": "true"}
    )
    pairs = list(_walk([movies, queue]))
    assert pairs
    assert all(value is not None for _, value in pairs)
    dates = [
        v
        for k, v in pairs
        if k in {"inCinemas", "added", "digitalRelease", "dateAdded", "physicalRelease"}
    ]
    assert dates
    assert all(DATE_TIME.match(d) for d in dates)
    spans = [v for k, v in pairs if k == "timeleft"]
    assert spans
    assert all(TIMESPAN.match(s) for s in spans)
    unknown = next(r for r in queue["records"] if "movieId" not in r)
    assert unknown["trackedDownloadState"] == "importBlocked"


async def test_paging_envelope(radarr_stack: ArrStack) -> None:
    status, page = await _get(
        radarr_stack, "/api/v3/queue", params={"page": "2", "pageSize": "2"}
    )
    assert status == 200
    assert set(page) == {
        "page",
        "pageSize",
        "sortKey",
        "sortDirection",
        "totalRecords",
        "records",
    }
    assert (
        page["page"],
        page["pageSize"],
        page["totalRecords"],
        len(page["records"]),
    ) == (2, 2, 3, 1)
    _, default = await _get(radarr_stack, "/api/v3/wanted/missing")
    assert default["pageSize"] == 10
    assert default["page"] == 1


async def test_not_found_shape(radarr_stack: ArrStack) -> None:
    status, body = await _get(radarr_stack, "/api/v3/movie/424242")
    assert status == 404
    assert set(body) == {"message", "description"}
    assert body["message"] == "Movie with ID 424242 does not exist"


async def test_validation_shape(radarr_stack: ArrStack) -> None:
    async with radarr_stack.session.post(
        f"{radarr_stack.url}/api/v3/movie",
        json={
            "tmdbId": 872585,
            "qualityProfileId": 4,
            "rootFolderPath": "/data/media/movies",
        },
        headers=KEY,
    ) as response:
        assert response.status == 400
        (error,) = await response.json()
    assert error == {
        "propertyName": "TmdbId", "errorMessage": "This movie has already been added",
        "attemptedValue": 872585, "severity": "error", "errorCode": "MovieExistsValidator",
    }  # fmt: skip


async def test_create_is_201_and_delete_is_200_empty(radarr_stack: ArrStack) -> None:
    url = f"{radarr_stack.url}/api/v3"
    body = {
        "title": "Dune: Part Two",
        "tmdbId": 693134,
        "qualityProfileId": 4,
        "rootFolderPath": "/data/media/movies",
    }
    async with radarr_stack.session.post(
        f"{url}/movie", json=body, headers=KEY
    ) as response:
        assert response.status == 201
        movie = await response.json()
    assert movie["path"] == "/data/media/movies/Dune - Part Two (2024)"
    async with radarr_stack.session.put(
        f"{url}/movie/{movie['id']}", json={**movie, "monitored": False}, headers=KEY
    ) as response:
        assert response.status == 202
        assert (await response.json())["monitored"] is False
    async with radarr_stack.session.delete(
        f"{url}/movie/{movie['id']}", headers=KEY
    ) as response:
        assert response.status == 200
        assert await response.read() == b""
    async with radarr_stack.session.post(
        f"{url}/command", json={"name": "rsssync"}, headers=KEY
    ) as response:
        assert response.status == 201
        command = await response.json()
    assert (command["name"], command["status"], command["body"]["trigger"]) == (
        "RssSync",
        "queued",
        "manual",
    )


async def test_unknown_command_is_500(radarr_stack: ArrStack) -> None:
    async with radarr_stack.session.post(
        f"{radarr_stack.url}/api/v3/command", json={"name": "Nope"}, headers=KEY
    ) as response:
        assert response.status == 500
        assert (await response.json())["message"] == "Unknown command name: Nope"


async def test_calendar_defaults_to_today_plus_two_days(radarr_stack: ArrStack) -> None:
    _, movies = await _get(radarr_stack, "/api/v3/calendar")
    assert {m["title"] for m in movies} == {
        "Inside Out 2",
        "Furiosa: A Mad Max Saga",
        "Deadpool & Wolverine",
    }
    _, later = await _get(
        radarr_stack,
        "/api/v3/calendar",
        params={"start": "2025-05-02", "end": "2025-05-02T12:00:00Z"},
    )
    assert {m["title"] for m in later} == {
        "Furiosa: A Mad Max Saga",
        "Deadpool & Wolverine",
    }


async def test_calendar_follows_the_clock(radarr_stack: ArrStack, clock: Any) -> None:
    clock.advance(days=3)
    _, movies = await _get(radarr_stack, "/api/v3/calendar")
    assert movies == []


async def test_queue_details_status_and_includes(radarr_stack: ArrStack) -> None:
    _, details = await _get(
        radarr_stack,
        "/api/v3/queue/details",
        params={"movieId": "6", "includeMovie": "true"},
    )
    (record,) = details
    assert record["movie"]["title"] == "Poor Things"
    _, status = await _get(radarr_stack, "/api/v3/queue/status")
    assert status == {
        "id": 1, "totalCount": 4, "count": 3, "unknownCount": 1, "errors": True, "warnings": True,
        "unknownErrors": False, "unknownWarnings": True,
    }  # fmt: skip
    _, filtered = await _get(
        radarr_stack, "/api/v3/queue", params=[("status", "failed")]
    )
    assert [r["title"] for r in filtered["records"]] == [
        "Inside.Out.2.2024.1080p.WEB-DL.DDP5.1.H.264-NTb"
    ]


async def test_bulk_queue_and_blocklist_delete(radarr_stack: ArrStack) -> None:
    url = f"{radarr_stack.url}/api/v3"
    async with radarr_stack.session.delete(
        f"{url}/queue/bulk",
        json={"ids": [1, 2]},
        params={"blocklist": "true", "skipRedownload": "true"},
        headers=KEY,
    ) as response:
        assert response.status == 200
    _, queue = await _get(radarr_stack, "/api/v3/queue")
    assert [r["id"] for r in queue["records"]] == [3]
    _, blocklist = await _get(radarr_stack, "/api/v3/blocklist")
    assert blocklist["totalRecords"] == 3
    ids = [r["id"] for r in blocklist["records"]]
    async with radarr_stack.session.delete(
        f"{url}/blocklist/{ids[0]}", headers=KEY
    ) as response:
        assert response.status == 200
    async with radarr_stack.session.delete(
        f"{url}/blocklist/bulk", json={"ids": ids[1:]}, headers=KEY
    ) as response:
        assert response.status == 200
    assert (await _get(radarr_stack, "/api/v3/blocklist"))[1]["totalRecords"] == 0
    async with radarr_stack.session.delete(
        f"{url}/blocklist/{ids[0]}", headers=KEY
    ) as response:
        assert response.status == 404


async def test_history_records_grabs_with_download_id(radarr_stack: ArrStack) -> None:
    _, queue = await _get(radarr_stack, "/api/v3/queue")
    download_id = queue["records"][0]["downloadId"]
    _, history = await _get(
        radarr_stack,
        "/api/v3/history",
        params={"downloadId": download_id.lower(), "eventType": "1"},
    )
    (event,) = history["records"]
    assert (event["eventType"], event["downloadId"], event["movieId"]) == (
        "grabbed",
        download_id,
        queue["records"][0]["movieId"],
    )
    assert all(isinstance(v, str) for v in event["data"].values())


async def test_command_list_and_cancel(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.command_delay = 0.2
    url = f"{radarr_stack.url}/api/v3/command"
    async with radarr_stack.session.post(
        url, json={"name": "Backup"}, headers=KEY
    ) as response:
        command = await response.json()
    async with radarr_stack.session.delete(
        f"{url}/{command['id']}", headers=KEY
    ) as response:
        assert response.status == 200
    _, commands = await _get(radarr_stack, "/api/v3/command")
    assert [c["status"] for c in commands] == ["cancelled"]
    await radarr_stack.sim.wait_idle()


async def test_health_reports_an_unreachable_download_client(
    radarr_stack: ArrStack,
) -> None:
    radarr_stack.sim.client_unavailable = True
    _, health = await _get(radarr_stack, "/api/v3/health")
    assert health[-1]["source"] == "DownloadClientCheck"
    assert health[-1]["type"] == "error"


async def test_quality_profile_by_id(radarr_stack: ArrStack) -> None:
    _, profile = await _get(radarr_stack, "/api/v3/qualityprofile/5")
    assert (profile["name"], profile["cutoff"], profile["language"]) == (
        "Ultra-HD",
        18,
        {"id": 1, "name": "English"},
    )
    assert (await _get(radarr_stack, "/api/v3/qualityprofile/77"))[0] == 404


async def test_sonarr_episode_needs_a_filter(sonarr_stack: ArrStack) -> None:
    key = {"X-Api-Key": SONARR_KEY}
    status, body = await _get(sonarr_stack, "/api/v3/episode", headers=key)
    assert status == 400
    assert body[0]["propertyName"] == "SeriesId"
    _, episodes = await _get(
        sonarr_stack,
        "/api/v3/episode",
        headers=key,
        params=[("episodeIds", "1"), ("episodeIds", "2"), ("includeSeries", "true")],
    )
    assert [(e["id"], e["series"]["title"]) for e in episodes] == [
        (1, "Breaking Bad"),
        (2, "Breaking Bad"),
    ]


async def test_sonarr_status_has_sqlite_version(sonarr_stack: ArrStack) -> None:
    _, status = await _get(
        sonarr_stack, "/api/v3/system/status", headers={"X-Api-Key": SONARR_KEY}
    )
    assert status["appName"] == "Sonarr"
    assert status["sqliteVersion"]


async def test_sonarr_queue_includes(sonarr_stack: ArrStack) -> None:
    _, queue = await _get(
        sonarr_stack,
        "/api/v3/queue",
        headers={"X-Api-Key": SONARR_KEY},
        params={"includeSeries": "true", "includeEpisode": "true"},
    )
    record = queue["records"][0]
    assert record["series"]["title"] == "Severance"
    assert record["episode"]["id"] == record["episodeId"]
    assert record["episodeHasFile"] is False


async def test_unseeded_simulator_is_empty(
    socket_enabled: None, session: aiohttp.ClientSession
) -> None:
    sim = SonarrSimulator(api_key=SONARR_KEY, seed=False)
    async with serve(sim.make_app()) as url:
        async with session.get(
            f"{url}/api/v3/series", headers={"X-Api-Key": SONARR_KEY}
        ) as response:
            assert await response.json() == []
        async with session.get(
            f"{url}/api/v3/health", headers={"X-Api-Key": SONARR_KEY}
        ) as response:
            assert await response.json() == []
