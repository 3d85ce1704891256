"""Bad input from the network or the server: each case maps to one exception."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
import json
import logging
import ssl
from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
import pytest

from custom_components.myflix.clients.errors import (
    MyflixAuthenticationError,
    MyflixConnectionError,
    MyflixNotFoundError,
    MyflixResponseError,
    MyflixServerError,
    MyflixTimeoutError,
    MyflixTLSError,
    MyflixValidationError,
)
from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.clients.sonarr import SonarrClient
from simulators.server import LOOPBACK, free_port, serve

from .conftest import RADARR_KEY, ArrStack

if TYPE_CHECKING:
    from pathlib import Path

type RawHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture
async def raw_server(
    socket_enabled: None,
) -> AsyncIterator[Callable[[str, RawHandler], Awaitable[str]]]:
    """Serve hand-written handlers; returns an ``add(path, handler) -> base URL``."""
    app = web.Application()
    routes: dict[str, RawHandler] = {}

    async def dispatch(request: web.Request) -> web.StreamResponse:
        return await routes[request.path](request)

    app.router.add_route("*", "/{tail:.*}", dispatch)
    async with serve(app) as url:

        async def add(path: str, handler: RawHandler) -> str:
            routes[path] = handler
            return url

        yield add


def _client(
    url: str, session: aiohttp.ClientSession, timeout: float = 2.0
) -> RadarrClient:
    return RadarrClient(url=url, api_key=RADARR_KEY, session=session, timeout=timeout)


async def test_unreachable_host(session: aiohttp.ClientSession) -> None:
    client = _client(
        f"http://{LOOPBACK}:{free_port()}", session
    )  # nothing listens there
    with pytest.raises(MyflixConnectionError) as err:
        await client.system_status()
    assert not isinstance(err.value, MyflixTimeoutError)


async def test_wrong_api_key(radarr_stack: ArrStack) -> None:
    client = RadarrClient(
        url=radarr_stack.url, api_key="not-the-key", session=radarr_stack.session
    )
    with pytest.raises(MyflixAuthenticationError) as err:
        await client.movies()
    assert "not-the-key" not in str(err.value)
    assert RADARR_KEY not in str(err.value)


async def test_non_json_body(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.fail_next_non_json()
    with pytest.raises(MyflixResponseError, match="Invalid JSON"):
        await radarr_stack.client.health()


async def test_truncated_body_from_raw_handler(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    async def truncated(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = 1000  # promises 1000 bytes ...
        await response.prepare(request)
        await response.write(b'[{"source": "IndexerStatusCheck", "mess')  # ... sends 40
        # Close the connection, as a crashed proxy does; if it stayed open the
        # client would wait for the rest and time out instead.
        assert request.transport is not None
        request.transport.close()
        return response

    url = await raw_server("/api/v3/health", truncated)
    with pytest.raises(MyflixResponseError, match="Truncated"):
        await _client(url, session).health()


async def test_truncated_body_from_simulator(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.truncate_next()
    with pytest.raises(MyflixResponseError, match="Truncated"):
        await radarr_stack.client.queue()


async def test_server_error(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.fail_next(status=500, message="database disk image is malformed")
    with pytest.raises(MyflixServerError) as err:
        await radarr_stack.client.system_status()
    assert err.value.status == 500
    assert "database disk image is malformed" in str(err.value)


async def test_bad_gateway_html(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    async def gateway(request: web.Request) -> web.StreamResponse:
        return web.Response(
            status=502, text="<html>bad gateway</html>", content_type="text/html"
        )

    url = await raw_server("/api/v3/diskspace", gateway)
    with pytest.raises(MyflixServerError) as err:
        await _client(url, session).disk_space()
    assert err.value.status == 502


async def test_unknown_command_is_a_server_error(radarr_stack: ArrStack) -> None:
    with pytest.raises(MyflixServerError, match="Unknown command name: DefragmentDisk"):
        await radarr_stack.client.command("DefragmentDisk")


async def test_slower_than_timeout(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.delay_next(0.6)
    client = _client(radarr_stack.url, radarr_stack.session, timeout=0.2)
    with pytest.raises(MyflixTimeoutError):
        await client.system_status()


def _movies_sent_slowly(pause: float, *, stop_after: int | None = None) -> RawHandler:
    """A big movie list sent in 8 parts ``pause`` seconds apart (or cut short)."""
    movies = [
        {
            "id": index,
            "tmdbId": index + 1,
            "title": f"Movie {index}",
            "pad": "x" * 20_000,
        }
        for index in range(40)
    ]
    body = json.dumps(movies).encode()
    step = len(body) // 8 + 1

    async def slowly(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = len(body)
        await response.prepare(request)
        for part, start in enumerate(range(0, len(body), step)):
            if part == stop_after:
                await asyncio.sleep(1.5)  # a server that stops sending
            await response.write(body[start : start + step])
            await asyncio.sleep(pause)
        return response

    return slowly


async def test_a_body_that_keeps_arriving_may_take_longer_than_the_timeout(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    """The timeout is for a server that stops sending: 8 x 0.1 s > 0.4 s is fine."""
    url = await raw_server("/api/v3/movie", _movies_sent_slowly(0.1))
    movies = await _client(url, session, timeout=0.4).movies()
    assert [movie.id for movie in movies] == list(range(40))


async def test_a_body_that_stops_arriving_times_out(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    url = await raw_server("/api/v3/movie", _movies_sent_slowly(0.01, stop_after=3))
    with pytest.raises(MyflixTimeoutError):
        await _client(url, session, timeout=0.4).movies()


async def test_not_found(sonarr_stack: ArrStack) -> None:
    with pytest.raises(MyflixNotFoundError, match="Series with ID 9999 does not exist"):
        await sonarr_stack.client.series(9999)


async def test_validation_error_lists_every_message(sonarr_stack: ArrStack) -> None:
    (severance,) = await sonarr_stack.client.lookup_series("tvdb:371980")
    with pytest.raises(MyflixValidationError) as err:
        await sonarr_stack.client.add_series(
            severance, quality_profile_id=42, root_folder_path="/mnt/nowhere"
        )
    assert err.value.errors == [
        "This series has already been added",
        "Quality Profile does not exist",
        "Root folder '/mnt/nowhere' does not exist",
    ]


async def test_dict_where_list_expected(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    async def wrong(request: web.Request) -> web.StreamResponse:
        return web.json_response({"records": []})

    url = await raw_server("/api/v3/movie", wrong)
    with pytest.raises(MyflixResponseError, match="Expected a list"):
        await _client(url, session).movies()


async def test_list_where_paging_envelope_expected(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    async def wrong(request: web.Request) -> web.StreamResponse:
        return web.json_response([{"id": 1}])

    url = await raw_server("/api/v3/queue", wrong)
    with pytest.raises(MyflixResponseError, match="paging envelope"):
        await _client(url, session).queue()


async def test_record_without_identity(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    async def wrong(request: web.Request) -> web.StreamResponse:
        return web.json_response([{"title": "no id"}])

    url = await raw_server("/api/v3/rootfolder", wrong)
    with pytest.raises(MyflixResponseError, match="'id'"):
        await _client(url, session).root_folders()


async def test_root_folders_as_one_object(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    """Radarr has answered one root folder as a bare object: it is that list."""
    folder = {"id": 3, "path": "/movies", "accessible": True, "freeSpace": 5}

    async def lone(request: web.Request) -> web.StreamResponse:
        return web.json_response(folder)

    url = await raw_server("/api/v3/rootfolder", lone)
    (root,) = await _client(url, session).root_folders()
    assert (root.id, root.path, root.accessible) == (3, "/movies", True)


async def test_other_lists_refuse_one_object(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    async def lone(request: web.Request) -> web.StreamResponse:
        return web.json_response({"id": 1, "name": "Any"})

    url = await raw_server("/api/v3/qualityprofile", lone)
    with pytest.raises(MyflixResponseError, match="Expected a list"):
        await _client(url, session).quality_profiles()


async def test_empty_body_where_json_expected(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    async def empty(request: web.Request) -> web.StreamResponse:
        return web.Response(status=200)

    url = await raw_server("/api/v3/system/status", empty)
    with pytest.raises(MyflixResponseError, match="Empty body"):
        await _client(url, session).system_status()


async def test_unexpected_status(
    raw_server: Callable[[str, RawHandler], Awaitable[str]],
    session: aiohttp.ClientSession,
) -> None:
    async def teapot(request: web.Request) -> web.StreamResponse:
        return web.Response(status=418)

    url = await raw_server("/api/v3/health", teapot)
    with pytest.raises(MyflixResponseError, match="unexpected HTTP 418"):
        await SonarrClient(url=url, api_key="k", session=session).health()


async def test_https_against_plain_http_port(radarr_stack: ArrStack) -> None:
    # aiohttp reports the handshake failure (WRONG_VERSION_NUMBER) as
    # ClientConnectorSSLError, which http_request maps to MyflixTLSError.
    client = _client(
        radarr_stack.url.replace("http://", "https://"), radarr_stack.session
    )
    with pytest.raises(MyflixTLSError, match="SSL"):
        await client.system_status()


def _self_signed(directory: Path) -> ssl.SSLContext:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "radarr.invalid")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (directory / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(directory / "cert.pem", directory / "key.pem")
    return context


async def test_self_signed_certificate(
    session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()

    def ignore_server_side_handshake(
        event_loop: asyncio.AbstractEventLoop, context: dict[str, object]
    ) -> None:
        # Our own TLS server logs the handshake the client aborts; that is
        # the expected outcome here, not an error of the code under test.
        if isinstance(context.get("exception"), (ConnectionResetError, ssl.SSLError)):
            return
        if previous is not None:
            previous(event_loop, context)
        else:
            event_loop.default_exception_handler(context)

    loop.set_exception_handler(ignore_server_side_handshake)
    runner = web.AppRunner(web.Application())
    await runner.setup()
    port = free_port()
    await web.TCPSite(
        runner, LOOPBACK, port, ssl_context=_self_signed(tmp_path)
    ).start()
    try:
        # Certificate verification fails: ClientConnectorCertificateError,
        # an aiohttp ClientSSLError, mapped to MyflixTLSError.
        with pytest.raises(MyflixTLSError, match="CERTIFICATE_VERIFY_FAILED"):
            await _client(f"https://{LOOPBACK}:{port}", session).system_status()
    finally:
        await runner.cleanup()
        await asyncio.sleep(0.05)  # let the server side finish its handshake
        loop.set_exception_handler(previous)


async def test_api_key_never_in_errors_or_logs(
    radarr_stack: ArrStack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    radarr_stack.sim.fail_next(status=500, message=f"invalid key {RADARR_KEY} for /api")
    with pytest.raises(MyflixServerError) as err:
        await radarr_stack.client.health()
    assert RADARR_KEY not in str(err.value)
    assert "***" in str(err.value)
    assert RADARR_KEY not in repr(radarr_stack.client)
    await radarr_stack.client.movies()
    assert caplog.records  # the client logs its requests at debug level ...
    assert RADARR_KEY not in caplog.text  # ... without the key


async def test_cancellation_is_not_swallowed(radarr_stack: ArrStack) -> None:
    radarr_stack.sim.delay_next(0.5)
    task = asyncio.create_task(radarr_stack.client.health())
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
