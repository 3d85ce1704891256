"""The poster view in Home Assistant: auth, signed paths, one fetch per image, failures."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
import logging
from pathlib import Path
from typing import Any, NamedTuple

from aiohttp import web
from aiohttp.test_utils import TestClient
from homeassistant.components.http.auth import async_sign_path
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.myflix.const import (
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    CONF_SONARR_API_KEY,
    CONF_SONARR_URL,
)
from custom_components.myflix.features.card.posters import (
    CACHE_CONTROL,
    DATA_POSTERS,
    FAILURE_MEMORY,
    async_register_poster_view,
    poster_path,
)
from simulators.arr.covers import render_png
from simulators.radarr import RadarrSimulator
from simulators.server import serve

from .conftest import RADARR_KEY, SONARR_KEY, Backend
from .services_helpers import setup_entry

SECRETS = (RADARR_KEY, SONARR_KEY)
POSTERS_MODULE = "card/posters.py"


class Served(NamedTuple):
    """An entry over both simulators, and a signed-in client of HA's HTTP server."""

    entry: MockConfigEntry
    radarr: Any
    sonarr: Any
    client: TestClient[web.Request, web.Application]

    def path(self, backend: str, item_id: int | str) -> str:
        """The poster path, with whatever ``backend`` and ``item_id`` say."""
        return f"/api/myflix/posters/{self.entry.entry_id}/{backend}/{item_id}"


def _arr_data(radarr_url: str | None, sonarr_url: str | None) -> dict[str, str]:
    data = {}
    if radarr_url:
        data |= {CONF_RADARR_URL: radarr_url, CONF_RADARR_API_KEY: RADARR_KEY}
    if sonarr_url:
        data |= {CONF_SONARR_URL: sonarr_url, CONF_SONARR_API_KEY: SONARR_KEY}
    return data


async def _load(hass: HomeAssistant, data: dict[str, str]) -> MockConfigEntry:
    entry = await setup_entry(hass, data)
    async_register_poster_view(hass)  # the card feature may have done it already
    return entry


def _covers(sim: Any) -> list[str]:
    """The poster files asked of a simulator."""
    return [r.path for r in sim.requests if r.path.startswith("/api/v3/mediacover/")]


def _assert_no_secrets(caplog: pytest.LogCaptureFixture, *hidden: str) -> None:
    """No key in any log line; no backend URL in the poster view's own."""
    for secret in SECRETS:
        assert secret not in caplog.text
    for record in caplog.records:
        if record.pathname.endswith(POSTERS_MODULE):
            message = record.getMessage()
            assert not any(text in message for text in hidden), message


async def _get(
    client: TestClient[web.Request, web.Application], path: str
) -> tuple[int, bytes, Any]:
    response = await client.get(path)
    body = await response.read()
    for secret in SECRETS:
        assert secret.encode() not in body
        assert not any(secret in v for v in response.headers.values())
    return response.status, body, response.headers


@pytest.fixture
async def served(
    hass: HomeAssistant,
    radarr: Backend,
    sonarr: Backend,
    hass_client: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
) -> Served:
    caplog.set_level(logging.DEBUG, logger="custom_components.myflix")
    entry = await _load(hass, _arr_data(radarr.url, sonarr.url))
    radarr.sim.clear_requests()
    sonarr.sim.clear_requests()
    return Served(entry, radarr.sim, sonarr.sim, await hass_client())


def test_poster_path() -> None:
    assert poster_path("01JABC", "radarr", 12) == "/api/myflix/posters/01JABC/radarr/12"
    assert poster_path("a/b", "sonarr", 3) == "/api/myflix/posters/a%2Fb/sonarr/3"


async def test_needs_a_signed_in_user(
    served: Served, hass_client_no_auth: ClientSessionGenerator
) -> None:
    anonymous = await hass_client_no_auth()
    assert (await _get(anonymous, served.path("radarr", 1)))[0] == 401
    assert _covers(served.radarr) == []


async def test_a_signed_path_needs_no_header(
    hass: HomeAssistant,
    served: Served,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    anonymous = await hass_client_no_auth()
    signed = async_sign_path(hass, served.path("radarr", 1), timedelta(minutes=5))
    assert "authSig=" in signed
    status, body, headers = await _get(anonymous, signed)
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert body == served.radarr.poster_file(1, "poster-250.jpg")[1]
    # A signature is for its path only.
    other = signed.replace("/radarr/1?", "/radarr/2?")
    assert (await _get(anonymous, other))[0] == 401


async def test_fetched_once_then_served_from_disk(
    hass: HomeAssistant, served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    status, body, headers = await _get(served.client, served.path("radarr", 1))
    assert status == 200
    assert body == served.radarr.poster_file(1, "poster-250.jpg")[1]
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == CACHE_CONTROL == "private, max-age=86400"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert _covers(served.radarr) == ["/api/v3/mediacover/1/poster-250.jpg"]
    cache_dir = Path(hass.config.cache_path("myflix", "posters"))
    assert len(list(cache_dir.glob("*.poster"))) == 1

    for _ in range(3):
        again = await _get(served.client, served.path("radarr", 1))
        assert again[:2] == (200, body)
    assert len(served.radarr.requests) == 1  # nothing more asked of Radarr

    status, show, _ = await _get(served.client, served.path("sonarr", 1))
    assert status == 200
    assert show == served.sonarr.poster_file(1, "poster-250.jpg")[1] != body
    _assert_no_secrets(caplog)


async def test_concurrent_requests_share_one_fetch(served: Served) -> None:
    served.radarr.delay_next(0.3)  # every request arrives while the fetch runs
    answers = await asyncio.gather(
        *(_get(served.client, served.path("radarr", 3)) for _ in range(5))
    )
    expected = served.radarr.poster_file(3, "poster-250.jpg")[1]
    assert [(status, body) for status, body, _ in answers] == [(200, expected)] * 5
    assert _covers(served.radarr) == ["/api/v3/mediacover/3/poster-250.jpg"]


@pytest.mark.parametrize(
    ("backend", "item_id", "status"),
    [
        ("plex", "1", 400),
        ("RADARR", "1", 400),
        ("radarr", "abc", 400),
        ("radarr", "-1", 400),
        ("radarr", "1.5", 400),
        ("radarr", "\u0661", 400),  # a digit, but not an ASCII one
        ("radarr", "99999999999", 400),
        ("radarr", "4294967295", 400),  # past the apps' int32 ids
        ("radarr", "999", 404),  # no such movie
        ("sonarr", "999", 404),
    ],
)
async def test_bad_requests_and_unknown_items(
    served: Served, backend: str, item_id: str, status: int
) -> None:
    assert (await _get(served.client, served.path(backend, item_id)))[0] == status
    if status == 400:
        assert served.radarr.requests == served.sonarr.requests == []


async def test_unknown_or_unloaded_entries_are_404(
    hass: HomeAssistant, served: Served
) -> None:
    assert (await _get(served.client, poster_path("nope", "radarr", 1)))[0] == 404
    other = MockConfigEntry(domain="other")
    other.add_to_hass(hass)
    assert (await _get(served.client, poster_path(other.entry_id, "radarr", 1)))[
        0
    ] == 404
    assert await hass.config_entries.async_unload(served.entry.entry_id)
    assert (await _get(served.client, served.path("radarr", 1)))[0] == 404


async def test_a_backend_the_entry_lacks_is_404(
    hass: HomeAssistant, radarr: Backend, hass_client: ClientSessionGenerator
) -> None:
    entry = await _load(hass, _arr_data(radarr.url, None))
    client = await hass_client()
    assert (await _get(client, poster_path(entry.entry_id, "sonarr", 1)))[0] == 404
    assert (await _get(client, poster_path(entry.entry_id, "radarr", 1)))[0] == 200


@pytest.fixture
async def remote(socket_enabled: None) -> AsyncIterator[tuple[str, list[web.Request]]]:
    """An image CDN on loopback: a PNG for every path but ``/missing/``, ``/error/``."""
    seen: list[web.Request] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(request)
        if request.path.startswith("/missing/"):
            return web.Response(status=404)
        if request.path.startswith("/error/"):
            return web.Response(status=503)
        return web.Response(
            body=render_png(request.path, 20, 30), content_type="image/png"
        )

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    async with serve(app) as url:
        yield url, seen


def _no_app_copy(sim: Any, item_id: int) -> None:
    for name in ("poster-250.jpg", "poster.jpg"):
        sim.fail_next(status=404, path=f"/api/v3/mediacover/{item_id}/{name}")


async def test_without_the_apps_copy_the_original_online(
    served: Served, remote: tuple[str, list[web.Request]]
) -> None:
    url, seen = remote
    served.radarr.remote_host = url
    _no_app_copy(served.radarr, 2)
    status, body, headers = await _get(served.client, served.path("radarr", 2))
    assert status == 200
    assert headers["Content-Type"] == "image/png"
    tmdb = served.radarr.movies[2]["tmdbId"]
    assert [r.path for r in seen] == [f"/t/p/original/{tmdb}.jpg"]
    assert body == render_png(seen[0].path, 20, 30)
    assert "X-Api-Key" not in seen[0].headers  # the key never leaves for the CDN
    assert (await _get(served.client, served.path("radarr", 2)))[:2] == (200, body)
    assert len(seen) == 1


async def test_no_copy_and_no_original_is_404(
    served: Served, remote: tuple[str, list[web.Request]]
) -> None:
    served.sonarr.remote_host = f"{remote[0]}/missing"
    _no_app_copy(served.sonarr, 1)
    assert (await _get(served.client, served.path("sonarr", 1)))[0] == 404


async def test_a_failing_original_is_502(
    served: Served, remote: tuple[str, list[web.Request]]
) -> None:
    served.radarr.remote_host = f"{remote[0]}/error"
    _no_app_copy(served.radarr, 2)
    assert (await _get(served.client, served.path("radarr", 2)))[0] == 502
    assert len(remote[1]) == 1


async def test_an_unreadable_library_item_is_502_for_that_item_only(
    served: Served,
) -> None:
    _no_app_copy(served.radarr, 2)
    served.radarr.fail_next_non_json()  # then /movie/2 answers an HTML page
    assert (await _get(served.client, served.path("radarr", 2)))[0] == 502
    assert [r.path for r in served.radarr.requests][-1] == "/api/v3/movie/2"
    assert (await _get(served.client, served.path("radarr", 1)))[0] == 200


async def test_remembered_failures_are_bounded(
    hass: HomeAssistant, served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "custom_components.myflix.features.card.posters._MAX_FAILURES", 2
    )
    posters = hass.data[DATA_POSTERS]
    now = [1000.0]
    posters.clock = lambda: now[0]
    for item_id in (901, 902, 903):
        assert (await _get(served.client, served.path("radarr", item_id)))[0] == 404
        now[0] += FAILURE_MEMORY + 1
    assert len(posters._failures) <= 2


async def test_a_failing_backend_is_502_and_not_asked_again_for_a_while(
    hass: HomeAssistant, served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    now = [1000.0]
    hass.data[DATA_POSTERS].clock = lambda: now[0]
    sim = served.radarr
    sim.fail_next(status=503, path="/api/v3/mediacover/1/poster-250.jpg")
    sim.fail_next(status=503, path="/api/v3/movie/1")
    assert (await _get(served.client, served.path("radarr", 1)))[0] == 502
    assert [r.path for r in sim.requests] == [
        "/api/v3/mediacover/1/poster-250.jpg",
        "/api/v3/movie/1",
    ]
    # Radarr failed: its other posters are not asked for either, for a while.
    assert (await _get(served.client, served.path("radarr", 2)))[0] == 502
    assert len(sim.requests) == 2
    assert (await _get(served.client, served.path("sonarr", 1)))[0] == 200

    now[0] += FAILURE_MEMORY + 1
    assert (await _get(served.client, served.path("radarr", 2)))[0] == 200
    assert (await _get(served.client, served.path("radarr", 1)))[0] == 200
    assert len(_covers(sim)) == 3
    _assert_no_secrets(caplog, served.radarr.api_key)


async def test_a_backend_that_is_down_is_502_the_other_still_serves(
    hass: HomeAssistant,
    sonarr: Backend,
    hass_client: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="custom_components.myflix")
    sim = RadarrSimulator(api_key=RADARR_KEY)
    async with serve(sim.make_app()) as radarr_url:
        entry = await _load(hass, _arr_data(radarr_url, sonarr.url))
        client = await hass_client()
        cached = await _get(client, poster_path(entry.entry_id, "radarr", 1))
        assert cached[0] == 200
    # Radarr is gone: what was cached is still served, the rest is a 502.
    assert (await _get(client, poster_path(entry.entry_id, "radarr", 1)))[:2] == (
        cached[:2]
    )
    assert (await _get(client, poster_path(entry.entry_id, "radarr", 2)))[0] == 502
    assert (await _get(client, poster_path(entry.entry_id, "sonarr", 2)))[0] == 200
    host = radarr_url.removeprefix("http://")
    _assert_no_secrets(caplog, host)
    assert any(
        record.pathname.endswith(POSTERS_MODULE)
        and "MyflixConnectionError" in record.getMessage()
        for record in caplog.records
    )


async def test_registering_twice_is_harmless(
    hass: HomeAssistant, served: Served
) -> None:
    posters = hass.data[DATA_POSTERS]
    async_register_poster_view(hass)
    assert hass.data[DATA_POSTERS] is posters
    assert (await _get(served.client, served.path("radarr", 1)))[0] == 200
