"""Bad input from the network or the server: each maps to one exception of our tree."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web
import pytest

from custom_components.myflix.clients.errors import (
    MyflixAuthenticationError,
    MyflixBannedError,
    MyflixConnectionError,
    MyflixError,
    MyflixNotFoundError,
    MyflixResponseError,
    MyflixServerError,
    MyflixTimeoutError,
    MyflixTLSError,
    MyflixValidationError,
)
from custom_components.myflix.clients.qbittorrent import (
    QbittorrentClient,
    TorrentStatus as S,
)
from simulators.qbittorrent import QbittorrentSimulator
from simulators.server import free_port, serve

from .conftest import PASSWORD, USERNAME, Env

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


@contextlib.asynccontextmanager
async def _client(url: str, **kwargs: float) -> AsyncIterator[QbittorrentClient]:
    async with aiohttp.ClientSession() as session:
        yield QbittorrentClient(
            url=url, username=USERNAME, password=PASSWORD, session=session, **kwargs
        )


async def test_unreachable_port(socket_enabled: None) -> None:
    async with _client(f"http://127.0.0.1:{free_port()}") as client:
        with pytest.raises(MyflixConnectionError) as err:
            await client.torrents()
    assert type(err.value) is MyflixConnectionError


async def test_slower_than_timeout(sim4: Env) -> None:
    sim = sim4.backend.sim
    assert sim is not None
    client = sim4.backend.client(timeout=0.2)
    await client.login()
    sim.fail_next(status=None, delay=0.6, path="torrents/info")
    with pytest.raises(MyflixTimeoutError):
        await client.torrents()


async def test_non_json_body(sim4: Env) -> None:
    assert sim4.backend.sim is not None
    sim4.backend.sim.fail_next(
        status=200, body="<html>oops</html>", path="torrents/info"
    )
    with pytest.raises(MyflixResponseError) as err:
        await sim4.client.torrents()
    assert type(err.value) is MyflixResponseError


async def test_json_of_the_wrong_shape(sim4: Env) -> None:
    assert sim4.backend.sim is not None
    sim4.backend.sim.fail_next(status=200, body='{"a": 1}', path="torrents/info")
    with pytest.raises(MyflixResponseError, match="expected list"):
        await sim4.client.torrents()
    sim4.backend.sim.fail_next(status=200, body="lots", path="transfer/downloadLimit")
    with pytest.raises(MyflixResponseError, match="number"):
        await sim4.client.download_limit()


async def test_truncated_body(socket_enabled: None) -> None:
    """Content-Length larger than what is written, then the connection closes."""

    async def handle(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n[1, 2, 3"
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with _client(f"http://127.0.0.1:{port}") as client:
            with pytest.raises(MyflixResponseError, match="Truncated"):
                await client.login()
    finally:
        server.close()
        await server.wait_closed()


async def test_server_error(sim4: Env) -> None:
    assert sim4.backend.sim is not None
    sim4.backend.sim.fail_next(status=502, body="Bad Gateway", path="transfer/info")
    with pytest.raises(MyflixServerError) as err:
        await sim4.client.transfer_info()
    assert err.value.status == 502
    sim4.backend.sim.fail_next(status=500, path="torrents/info")
    with pytest.raises(MyflixServerError):
        await sim4.client.torrents()


async def test_tls_error(sim4: Env) -> None:
    """An https URL against a plain-http port fails the TLS handshake."""
    url = sim4.backend.url.replace("http://", "https://")
    async with _client(url) as client:
        with pytest.raises(MyflixTLSError):
            await client.login()


async def test_unexpected_status_and_login_reply(sim4: Env) -> None:
    sim = sim4.backend.sim
    assert sim is not None
    sim.fail_next(status=418, body="teapot", path="app/version")
    with pytest.raises(MyflixResponseError, match="418"):
        await sim4.client.app_version()
    sim.fail_next(status=401, body="Unauthorized", path="app/version")
    with pytest.raises(MyflixAuthenticationError):
        await sim4.client.app_version()
    fresh = sim4.backend.client()
    sim.fail_next(status=200, body="Welcome!", path="auth/login")
    with pytest.raises(MyflixResponseError, match="login reply"):
        await fresh.login()
    sim.fail_next(status=200, body="unknown", path="app/webapiVersion")
    with pytest.raises(MyflixResponseError, match="WebAPI version"):
        await fresh.login()


async def test_403_logs_in_again_once(sim4: Env) -> None:
    sim = sim4.backend.sim
    assert sim is not None
    sim.fail_next(status=403, body="Forbidden", path="torrents/info")
    assert await sim4.client.torrents() == []
    assert sim.login_count == 2
    sim.fail_next(2, status=403, body="Forbidden", path="torrents/info")
    with pytest.raises(MyflixAuthenticationError, match="after logging in again"):
        await sim4.client.torrents()
    assert sim.login_count == 3


async def test_concurrent_calls_share_one_relogin(sim4: Env) -> None:
    sim = sim4.backend.sim
    assert sim is not None
    sim.expire_sessions()
    await asyncio.gather(*(sim4.client.torrents() for _ in range(5)))
    assert sim.login_count == 2


async def test_expired_session_and_unban(sim4: Env) -> None:
    sim = sim4.backend.sim
    assert sim is not None
    sim.session_timeout = 0.2
    await asyncio.sleep(0.3)
    assert await sim4.client.app_version() == "4.5.2"
    assert sim.login_count == 2
    sim.session_timeout = 3600.0
    bad = sim4.backend.client(password="nope")
    for _ in range(5):
        with pytest.raises(MyflixAuthenticationError):
            await bad.login()
    with pytest.raises(MyflixBannedError):
        await bad.login()
    sim.unban()
    with pytest.raises(MyflixAuthenticationError) as err:
        await bad.login()
    assert not isinstance(err.value, MyflixBannedError)


async def test_shared_jar_never_validates_a_wrong_password(qbt: Env) -> None:
    """The shared session holds a valid SID for this host: login must not reuse it."""
    client = qbt.backend.client(password="wrong")
    with pytest.raises(MyflixAuthenticationError):
        await client.login()


async def test_two_servers_on_one_host_share_a_session(
    socket_enabled: None,
) -> None:
    """Cookies are not scoped by port: our own SID must win over the jar's."""
    first, second = QbittorrentSimulator(), QbittorrentSimulator(version="5.0.0")
    async with (
        serve(first.make_app()) as url_one,
        serve(second.make_app()) as url_two,
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session,
    ):
        one = QbittorrentClient(
            url=url_one, username="admin", password="adminadmin", session=session
        )
        two = QbittorrentClient(
            url=url_two, username="admin", password="adminadmin", session=session
        )
        for _ in range(3):
            assert await one.app_version() == "4.5.2"
            assert await two.app_version() == "5.0.0"
        assert (first.login_count, second.login_count) == (1, 1)


def _v52_app(port_holder: list[int]) -> web.Application:
    """A 5.2-style server: 204 login, 401 for bad credentials, QBT_SID_<port>, 204s, JSON add."""
    sid = "abc/def+ghi0123456789ABCDEFGHIJKL"

    def cookie_ok(request: web.Request) -> bool:
        return request.cookies.get(f"QBT_SID_{port_holder[0]}") == sid

    async def login(request: web.Request) -> web.Response:
        form = await request.post()
        if form.get("password") != PASSWORD:
            return web.Response(status=401, text="Unauthorized")
        response = web.Response(status=204)
        response.headers["Set-Cookie"] = (
            f"QBT_SID_{port_holder[0]}={sid}; HttpOnly; path=/; SameSite=Strict"
        )
        return response

    async def guarded(request: web.Request) -> web.Response:
        if not cookie_ok(request):
            return web.Response(status=403, text="Forbidden")
        path = request.match_info["path"]
        if path == "app/webapiVersion":
            return web.Response(text="2.15.1")
        if path == "torrents/add":
            form = await request.post()
            ok = "magnet" in str(form.get("urls", ""))
            body = '{"success_count":%d,"failure_count":%d,"pending_count":0,"added_torrent_ids":[]}'
            return web.Response(
                status=200 if ok else 409,
                text=body % (int(ok), int(not ok)),
                content_type="application/json",
            )
        if path in ("torrents/stop", "torrents/start"):
            return web.Response(status=204)
        return web.Response(status=404, text="Endpoint does not exist")

    app = web.Application()
    app.router.add_post("/api/v2/auth/login", login)
    app.router.add_route("*", "/api/v2/{path:.*}", guarded)
    return app


async def test_qbittorrent_5_2_conventions(socket_enabled: None) -> None:
    port = free_port()
    async with serve(_v52_app([port]), port=port) as url, _client(url) as client:
        await client.stop("all")
        assert client.is_v5
        assert client.api_version == (2, 15, 1)
        await client.start(["ABC"])
        await client.add(urls=["magnet:?xt=urn:btih:" + "1" * 40])
        with pytest.raises(MyflixValidationError):
            await client.add(urls=["http://example.invalid/x.torrent"])
        with pytest.raises(MyflixNotFoundError, match="Endpoint does not exist"):
            await client.recheck("all")
        wrong = QbittorrentClient(
            url=url, username=USERNAME, password="nope", session=client._session
        )
        with pytest.raises(MyflixAuthenticationError) as err:
            await wrong.login()
        assert "nope" not in str(err.value)
        assert "nope" not in repr(wrong)


async def test_every_failure_is_a_myflix_error(sim4: Env) -> None:
    sim = sim4.backend.sim
    assert sim is not None
    for status in (400, 404, 409, 415, 500, 503, 418):
        sim.fail_next(status=status, body="x", path="torrents/categories")
        with pytest.raises(MyflixError):
            await sim4.client.categories()


async def test_logout_then_lazy_login(sim4: Env) -> None:
    sim = sim4.backend.sim
    assert sim is not None
    await sim4.client.logout()
    assert sim4.client.api_version is None
    assert not sim._sessions
    assert await sim4.client.torrents() == []
    assert sim.login_count == 2
    fresh = sim4.backend.client()
    await fresh.logout()  # never logged in: nothing to do
    sim.fail_next(status=403, body="Forbidden", path="app/webapiVersion")
    with pytest.raises(MyflixAuthenticationError, match="403"):
        await fresh.login()


async def test_sync_merge_is_tolerant(sim4: Env) -> None:
    sim = sim4.backend.sim
    assert sim is not None
    full = {
        "rid": 5,
        "full_update": True,
        "torrents": {"AA": {"name": "A", "state": "stalledUP"}, "bb": 7},
        "categories": {"tv": {"name": "tv", "savePath": "/tv"}, "junk": 1},
        "tags": ["x", "y"],
        "server_state": {"connection_status": "connected", "dl_info_speed": 5},
    }
    delta = {
        "rid": 6,
        "torrents": {"aa": {"state": "pausedUP"}},
        "categories": {"tv": {"name": "tv"}},
        "tags": ["z"],
        "tags_removed": ["x"],
        "categories_removed": ["nope"],
        "server_state": {"dl_info_speed": 9},
    }
    sim.fail_next(status=200, body=json.dumps(full), path="sync/maindata")
    sim.fail_next(status=200, body=json.dumps(delta), path="sync/maindata")
    first = await sim4.client.sync_maindata()
    assert set(first.torrents) == {"aa"}
    assert first.categories["tv"].save_path == "/tv"
    second = await sim4.client.sync_maindata()
    assert second.rid == 6
    assert second.torrents["aa"].name == "A"
    assert second.torrents["aa"].status is S.STOPPED_SEEDING
    assert second.categories["tv"].save_path == "/tv"
    assert second.tags == ["y", "z"]
    assert second.server_state.connection_status == "connected"
    assert second.server_state.dl_info_speed == 9
    assert second.changed == {"aa"}
    assert second.removed == frozenset()
    assert "rid=5" in sim.requests[-1][1]


async def test_add_json_reply_without_success(socket_enabled: None) -> None:
    async def login(_request: web.Request) -> web.Response:
        return web.Response(text="Ok.", headers={"Set-Cookie": "SID=x; path=/"})

    async def version(_request: web.Request) -> web.Response:
        return web.Response(text="2.15.1")

    async def add(_request: web.Request) -> web.Response:
        return web.json_response({"success_count": 0, "failure_count": 1})

    app = web.Application()
    app.router.add_post("/api/v2/auth/login", login)
    app.router.add_get("/api/v2/app/webapiVersion", version)
    app.router.add_post("/api/v2/torrents/add", add)
    async with serve(app) as url, _client(url) as client:
        with pytest.raises(MyflixValidationError):
            await client.add(urls=["magnet:?xt=urn:btih:" + "1" * 40])
