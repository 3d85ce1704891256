"""Posters: the models read ``images``, the client fetches them, the simulators draw them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
import io
import re
from typing import Any

import aiohttp
from aiohttp import web
from PIL import Image
import pytest

from custom_components.myflix.clients.arr.client import fetch_remote_poster
from custom_components.myflix.clients.arr.models import MediaCover, Movie, Series
from custom_components.myflix.clients.errors import (
    MyflixNotFoundError,
    MyflixResponseError,
)
from custom_components.myflix.clients.radarr import RadarrClient
from simulators.arr.covers import POSTER_SIZES, dotnet_ticks, render_png
from simulators.radarr import RadarrSimulator
from simulators.server import serve

from .conftest import RADARR_KEY, SONARR_KEY, ArrStack

POSTER = {
    "coverType": "poster",
    "url": "/MediaCover/12/poster.jpg?lastWrite=638364",
    "remoteUrl": "https://image.tmdb.org/t/p/original/xyz.jpg",
}
FANART = {**POSTER, "coverType": "fanart", "url": "/MediaCover/12/fanart.jpg"}
MOVIE = {"id": 12, "title": "Dune", "tmdbId": 438631}


def _size(body: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(body)) as image:
        image.load()  # decodes every byte: a cut image fails here
        return image.size


def _mediacover_requests(stack: ArrStack) -> list[str]:
    return [r.path for r in stack.sim.requests if "/mediacover/" in r.path]


# ----- models ---------------------------------------------------------------
def test_movie_and_series_read_their_poster() -> None:
    expected = MediaCover(url=POSTER["url"], remote_url=POSTER["remoteUrl"])
    assert Movie.from_dict({**MOVIE, "images": [FANART, POSTER]}).poster == expected
    series = Series.from_dict({"id": 3, "tvdbId": 81189, "images": [POSTER]})
    assert series.poster == expected


@pytest.mark.parametrize(
    ("images", "expected"),
    [
        (None, None),
        ("poster.jpg", None),
        ({"coverType": "poster", "url": "/x.jpg"}, None),  # not a list
        ([], None),
        ([FANART], None),
        ([1, "poster", None, ["poster"]], None),
        ([{"coverType": "poster"}], None),
        ([{"coverType": "poster", "url": 5, "remoteUrl": {"a": 1}}], None),
        ([{"coverType": "poster", "url": "", "remoteUrl": ""}], None),
        ([{"coverType": 7, "url": "/x.jpg"}], None),
        # Only one of the two: still a poster.
        (
            [{"coverType": "poster", "remoteUrl": "https://r/p.jpg"}],
            MediaCover(None, "https://r/p.jpg"),
        ),
        ([{"coverType": "poster", "url": "/p.jpg"}], MediaCover("/p.jpg", None)),
        # A garbled poster entry does not hide a good one after it.
        (
            [{"coverType": "poster", "url": None}, POSTER],
            MediaCover(POSTER["url"], POSTER["remoteUrl"]),
        ),
    ],
)
def test_missing_or_garbled_images(images: Any, expected: MediaCover | None) -> None:
    movie = Movie.from_dict({**MOVIE, "images": images})
    assert movie.title == "Dune"  # the rest of the movie is read as ever
    assert movie.poster == expected


# ----- the simulators ---------------------------------------------------------
async def test_library_items_point_at_the_apps_copies(
    radarr_stack: ArrStack, sonarr_stack: ArrStack
) -> None:
    for stack, items in (
        (radarr_stack, await radarr_stack.client.movies()),
        (sonarr_stack, await sonarr_stack.client.series_list()),
    ):
        assert items
        for item in items:
            assert item.poster is not None
            match = re.fullmatch(
                rf"/MediaCover/{item.id}/poster\.jpg\?lastWrite=(\d+)", item.poster.url
            )
            assert match, item.poster.url
            assert int(match[1]) == dotnet_ticks(stack.sim._entries()[item.id]["added"])
            assert item.poster.remote_url == item.remote_poster
            assert item.poster.remote_url.startswith("https://")


async def test_lookup_results_have_only_the_remote_poster(
    radarr_stack: ArrStack,
) -> None:
    (found, *_) = await radarr_stack.client.lookup_movie("dune")
    assert found.poster is not None
    assert found.poster.url == found.poster.remote_url
    assert found.poster.remote_url.startswith("https://image.tmdb.org/")


def test_dotnet_ticks_match_the_apps() -> None:
    # DateTime(2024, 1, 1).Ticks in .NET.
    assert dotnet_ticks(datetime(2024, 1, 1, tzinfo=UTC)) == 638396640000000000


@pytest.mark.parametrize("prefix", ["/api/v3/mediacover", "/MediaCover"])
async def test_the_simulators_serve_real_poster_images(
    radarr_stack: ArrStack, sonarr_stack: ArrStack, prefix: str
) -> None:
    seen: set[bytes] = set()
    for stack, key in ((radarr_stack, RADARR_KEY), (sonarr_stack, SONARR_KEY)):
        for item_id in stack.sim._entries():
            for filename, size in POSTER_SIZES.items():
                url = f"{stack.url}{prefix}/{item_id}/{filename}"
                async with stack.session.get(url, headers={"X-Api-Key": key}) as reply:
                    assert reply.status == 200
                    assert reply.content_type == "image/jpeg"
                    body = await reply.read()
                assert _size(body) == size
                seen.add(body)
    # One image per title and size (the full and the 500 px copy are alike).
    titles = len(radarr_stack.sim.movies) + len(sonarr_stack.sim.series)
    assert len(seen) == 2 * titles


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/api/v3/mediacover/1/poster.jpg", {}, 401),
        ("/MediaCover/1/poster.jpg", {}, 401),
        ("/MediaCover/1/poster.jpg?apikey=" + RADARR_KEY, {}, 200),
        ("/api/v3/mediacover/999/poster.jpg", {"X-Api-Key": RADARR_KEY}, 404),
        ("/api/v3/mediacover/1/fanart.jpg", {"X-Api-Key": RADARR_KEY}, 404),
        ("/api/v3/mediacover/1/poster-100.jpg", {"X-Api-Key": RADARR_KEY}, 404),
    ],
)
async def test_poster_files_need_the_key_and_exist(
    radarr_stack: ArrStack, path: str, headers: dict[str, str], status: int
) -> None:
    async with radarr_stack.session.get(
        f"{radarr_stack.url}{path}", headers=headers
    ) as reply:
        assert reply.status == status


async def test_posters_are_drawn_the_same_every_time(radarr_stack: ArrStack) -> None:
    again = RadarrSimulator(api_key=RADARR_KEY)
    for item_id in radarr_stack.sim.movies:
        assert radarr_stack.sim.poster_file(item_id, "poster-250.jpg") == (
            again.poster_file(item_id, "poster-250.jpg")
        )


async def test_posters_under_a_url_base(
    socket_enabled: None, session: aiohttp.ClientSession
) -> None:
    sim = RadarrSimulator(api_key=RADARR_KEY, url_base="/radarr")
    async with serve(sim.make_app()) as url:
        client = RadarrClient(url=f"{url}/radarr", api_key=RADARR_KEY, session=session)
        movie = (await client.movies())[0]
        assert movie.poster is not None
        assert movie.poster.url.startswith(f"/radarr/MediaCover/{movie.id}/poster.jpg?")
        async with session.get(
            f"{url}{movie.poster.url}", headers={"X-Api-Key": RADARR_KEY}
        ) as reply:
            assert _size(await reply.read()) == (500, 750)
        assert _size((await client.poster(movie.id)).body) == (250, 375)


def test_the_png_fallback_is_a_real_image() -> None:
    body = render_png("Dune", 250, 375)
    assert body.startswith(b"\x89PNG")
    assert _size(body) == (250, 375)
    assert render_png("Dune", 25, 38) != render_png("Arrival", 25, 38)


# ----- the client --------------------------------------------------------------
async def test_poster_fetches_the_250_px_copy(
    radarr_stack: ArrStack, sonarr_stack: ArrStack
) -> None:
    poster = await radarr_stack.client.poster(1)
    assert poster.content_type == "image/jpeg"
    assert poster.body == radarr_stack.sim.poster_file(1, "poster-250.jpg")[1]
    assert _size(poster.body) == (250, 375)
    assert _mediacover_requests(radarr_stack) == ["/api/v3/mediacover/1/poster-250.jpg"]
    assert "bytes" in repr(poster)
    assert poster.body not in repr(poster).encode()
    show = await sonarr_stack.client.poster(1)
    assert show.body == sonarr_stack.sim.poster_file(1, "poster-250.jpg")[1]
    assert show.body != poster.body


async def test_poster_falls_back_to_the_original(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.fail_next(
        status=404, path="/api/v3/mediacover/2/poster-250.jpg", message="NotFound"
    )
    poster = await radarr_stack.client.poster(2)
    assert poster.body == radarr_stack.sim.poster_file(2, "poster.jpg")[1]
    assert _size(poster.body) == (500, 750)
    assert _mediacover_requests(radarr_stack) == [
        "/api/v3/mediacover/2/poster-250.jpg",
        "/api/v3/mediacover/2/poster.jpg",
    ]


async def test_poster_of_an_unknown_item_is_not_found(radarr_stack: ArrStack) -> None:
    with pytest.raises(MyflixNotFoundError):
        await radarr_stack.client.poster(999)
    assert len(_mediacover_requests(radarr_stack)) == 2


async def test_poster_over_the_cap_is_refused(radarr_stack: ArrStack) -> None:
    size = len(radarr_stack.sim.poster_file(1, "poster-250.jpg")[1])
    with pytest.raises(MyflixResponseError, match="larger than"):
        await radarr_stack.client.poster(1, max_bytes=size - 1)
    assert (await radarr_stack.client.poster(1, max_bytes=size)).body


async def test_poster_that_is_not_an_image_is_refused(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.fail_next_non_json()  # 200 with an HTML page, as a proxy would
    with pytest.raises(MyflixResponseError, match="text/html"):
        await radarr_stack.client.poster(1)


async def test_a_5xx_is_not_taken_for_a_missing_copy(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.fail_next(status=500)
    with pytest.raises(MyflixResponseError):
        await radarr_stack.client.poster(1)
    assert len(_mediacover_requests(radarr_stack)) == 1  # no fallback asked


# ----- the remote poster (TMDb, TheTVDB) ----------------------------------------
@pytest.fixture
async def remote(socket_enabled: None) -> AsyncIterator[tuple[str, list[web.Request]]]:
    """A stand-in for an image CDN; it answers per path and records requests."""
    seen: list[web.Request] = []
    png = render_png("Remote", 20, 30)

    async def handler(request: web.Request) -> web.StreamResponse:
        seen.append(request)
        name = request.match_info["name"]
        if name == "poster.png":
            return web.Response(body=png, content_type="image/png")
        if name == "page.html":
            return web.Response(text="<html></html>", content_type="text/html")
        if name == "svg.svg":
            return web.Response(text="<svg/>", content_type="image/svg+xml")
        if name == "huge-chunked.jpg":  # no Content-Length: only the read can tell
            response = web.StreamResponse(headers={"Content-Type": "image/jpeg"})
            response.enable_chunked_encoding()
            await response.prepare(request)
            for _ in range(8):
                await response.write(b"\xff" * 1024)
            await response.write_eof()
            return response
        if name == "empty.jpg":
            return web.Response(body=b"", content_type="image/jpeg")
        if name == "huge.jpg":
            return web.Response(body=b"\xff" * 8192, content_type="image/jpeg")
        if name == "error.jpg":
            return web.Response(status=503)
        return web.Response(status=404)

    app = web.Application()
    app.router.add_get("/p/{name}", handler)
    async with serve(app) as url:
        yield url, seen


async def test_remote_poster(
    remote: tuple[str, list[web.Request]], session: aiohttp.ClientSession
) -> None:
    url, seen = remote
    poster = await fetch_remote_poster(session, f"{url}/p/poster.png")
    assert poster.content_type == "image/png"
    assert _size(poster.body) == (20, 30)
    assert "X-Api-Key" not in seen[0].headers


@pytest.mark.parametrize(
    ("name", "error", "match"),
    [
        ("page.html", MyflixResponseError, "text/html"),
        ("svg.svg", MyflixResponseError, "svg"),
        ("huge.jpg", MyflixResponseError, "larger than"),
        ("huge-chunked.jpg", MyflixResponseError, "larger than"),
        ("error.jpg", MyflixResponseError, "503"),
        ("gone.jpg", MyflixNotFoundError, "not exist"),
        ("empty.jpg", MyflixResponseError, "Empty"),
    ],
)
async def test_remote_poster_refusals(
    remote: tuple[str, list[web.Request]],
    session: aiohttp.ClientSession,
    name: str,
    error: type[Exception],
    match: str,
) -> None:
    url, _ = remote
    with pytest.raises(error, match=match):
        await fetch_remote_poster(session, f"{url}/p/{name}", max_bytes=4096)


@pytest.mark.parametrize(
    "url", ["ftp://host/p.jpg", "file:///etc/passwd", "/p.jpg", ""]
)
async def test_remote_poster_needs_http(
    session: aiohttp.ClientSession, url: str
) -> None:
    with pytest.raises(MyflixResponseError, match="http"):
        await fetch_remote_poster(session, url)
