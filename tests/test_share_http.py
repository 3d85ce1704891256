"""The share view through HA's real HTTP stack: ranges, headers, limits, bans, fuzzing."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from email.utils import formatdate
from pathlib import Path
import tempfile
from typing import Any, NamedTuple, Protocol
from unittest.mock import patch
from urllib.parse import quote

from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.myflix.const import (
    CONF_SHARE_BANDWIDTH,
    CONF_SHARE_DOWNLOADS_PER_IP,
    CONF_SHARE_REQUESTS_PER_SECOND,
)
from custom_components.myflix.engine.share import issue_token
from custom_components.myflix.engine.share.links import ShareLink
from custom_components.myflix.features.share.runtime import (
    EVENT_DOWNLOADED,
    ShareRuntime,
)

from .conftest import Backend
from .engine.share_helpers import SECRET_TEXT, ShareTree
from .share_setup import setup_share

FAST = {CONF_SHARE_REQUESTS_PER_SECOND: 1000, CONF_SHARE_BANDWIDTH: 0}
# 1 MiB/s: a file of BIG_FILE_SIZE is still being sent while the test looks at it.
CAPPED = {CONF_SHARE_REQUESTS_PER_SECOND: 1000, CONF_SHARE_BANDWIDTH: 1}
BIG_FILE_SIZE = 8 * 1024 * 1024

type HttpClient = TestClient[web.Request, web.Application]


class Served(NamedTuple):
    """A loaded share entry and a client of HA's HTTP server that needs no login."""

    entry: MockConfigEntry
    tree: ShareTree
    share: ShareRuntime
    client: HttpClient


class ServeShare(Protocol):
    """The ``serve_share`` fixture: FAST limits unless a test sets its own."""

    async def __call__(
        self, *, options: dict[str, Any] = FAST, http: dict[str, Any] | None = None
    ) -> Served: ...


async def _serve(
    hass: HomeAssistant,
    radarr_url: str,
    base: Path,
    hass_client_no_auth: ClientSessionGenerator,
    *,
    options: dict[str, Any],
    http: dict[str, Any] | None = None,
) -> Served:
    entry, tree, share = await setup_share(
        hass, radarr_url, base, options=options, http=http
    )
    return Served(entry, tree, share, await hass_client_no_auth())


@pytest.fixture
def serve_share(
    hass: HomeAssistant,
    radarr: Backend,
    tmp_path: Path,
    hass_client_no_auth: ClientSessionGenerator,
) -> ServeShare:
    """Load the share entry over ``tmp_path``; options and ``http`` config per test."""

    async def serve(
        *, options: dict[str, Any] = FAST, http: dict[str, Any] | None = None
    ) -> Served:
        return await _serve(
            hass, radarr.url, tmp_path, hass_client_no_auth, options=options, http=http
        )

    return serve


async def _until(condition: Callable[[], bool]) -> None:
    """Wait for the server's bookkeeping after the client has read the body."""
    for _ in range(200):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("condition never became true")


def _url(token: str, filename: str) -> str:
    return f"/api/myflix/share/{token}/{quote(filename)}"


async def _link(
    share: ShareRuntime, path: str, **kwargs: object
) -> tuple[ShareLink, str]:
    link, token = await share.links.create(path, expires_in=3600, **kwargs)  # type: ignore[arg-type]
    return link, _url(token, path.rsplit("/", 1)[-1])


async def test_full_download_headers_and_event(
    hass: HomeAssistant, serve_share: ServeShare
) -> None:
    """A full GET sends the file with type, disposition and validators, and counts once."""
    entry, tree, share, client = await serve_share()
    events = async_capture_events(hass, EVENT_DOWNLOADED)
    link, url = await _link(share, "movies/Dune (2021)/Dune.mkv")
    response = await client.get(url)
    body = await response.read()
    assert response.status == 200
    assert body == (tree.movies / "Dune (2021)" / "Dune.mkv").read_bytes()
    # The IANA type (RFC 9559), as Python 3.14 names it.
    assert response.headers["Content-Type"] == "video/matroska"
    assert response.headers["Content-Disposition"] == (
        "inline; filename=\"Dune.mkv\"; filename*=UTF-8''Dune.mkv"
    )
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "ETag" in response.headers
    await _until(lambda: link.downloads == 1)
    assert [e.data for e in events] == [
        {
            "entry_id": entry.entry_id,
            "id": link.id,
            "file": "Dune.mkv",
            "downloads": 1,
            "max_downloads": None,
        }
    ]
    assert share.stats.served_today() == len(body)


async def test_ranges_head_and_if_range(serve_share: ServeShare) -> None:
    """206 for a range, 416 outside, HEAD without body, If-Range falls back to 200."""
    _entry, tree, share, client = await serve_share()
    data = (tree.movies / "Dune (2021)" / "Dune.mkv").read_bytes()
    link, url = await _link(share, "movies/Dune (2021)/Dune.mkv")

    response = await client.get(url, headers={"Range": "bytes=100-199"})
    assert response.status == 206
    assert await response.read() == data[100:200]
    assert response.headers["Content-Range"] == f"bytes 100-199/{len(data)}"
    etag = response.headers["ETag"]

    response = await client.get(url, headers={"Range": "bytes=-10"})
    assert await response.read() == data[-10:]

    response = await client.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert response.status == 416
    assert response.headers["Content-Range"] == f"bytes */{len(data)}"

    response = await client.head(url)
    assert response.status == 200
    assert response.headers["Content-Length"] == str(len(data))
    assert await response.read() == b""

    response = await client.get(url, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert response.status == 206
    response = await client.get(
        url, headers={"Range": "bytes=0-9", "If-Range": '"stale"'}
    )
    assert response.status == 200
    assert len(await response.read()) == len(data)
    modified = formatdate(
        (tree.movies / "Dune (2021)" / "Dune.mkv").stat().st_mtime, usegmt=True
    )
    response = await client.get(
        url, headers={"Range": "bytes=0-9", "If-Range": modified}
    )
    assert response.status == 206
    response = await client.get(url, headers={"Range": "bytes=0-9", "If-Range": "junk"})
    assert response.status == 200
    await response.read()
    # Bytes served: 100 + 10 + 10 + 10 + 2 whole files: two downloads, 130 over.
    await _until(lambda: link.downloads == 2)
    assert link.partial_bytes == 100 + 10 + 10 + 10


async def test_unicode_name_and_attachment(serve_share: ServeShare) -> None:
    """Non-ASCII names get an ASCII fallback and an RFC 5987 ``filename*``."""
    _entry, _tree, share, client = await serve_share()
    _, url = await _link(share, "movies/Ünïcode “film”.mkv")
    response = await client.get(url)
    assert await response.read() == b"unicode"
    assert response.headers["Content-Disposition"] == (
        'inline; filename="_n_code _film_.mkv"; '
        "filename*=UTF-8''%C3%9Cn%C3%AFcode%20%E2%80%9Cfilm%E2%80%9D.mkv"
    )
    _, url = await _link(share, "movies/empty.txt")
    response = await client.get(url)
    assert response.headers["Content-Type"] == "text/plain"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert await response.read() == b""


async def test_refusals_are_404_and_max_downloads(serve_share: ServeShare) -> None:
    """Wrong name, gone file, used-up, revoked and IP-bound links answer 404."""
    _entry, tree, share, client = await serve_share()
    link, url = await _link(share, "movies/trailer.mp4", max_downloads=1)
    assert (await client.get(url.replace("trailer.mp4", "other.mp4"))).status == 404
    assert (await client.get(url)).status == 200
    assert (await client.get(url)).status == 404  # used up
    _, url = await _link(share, "movies/trailer.mp4", client_ip="203.0.113.5")
    assert (await client.get(url)).status == 404
    link, url = await _link(share, "shows/Show/S01/E01.mkv")
    (tree.shows / "Show" / "S01" / "E01.mkv").unlink()
    assert (await client.get(url)).status == 404
    await share.links.revoke(link.id)
    assert (await client.get(url)).status == 404


async def test_scanner_gets_banned(serve_share: ServeShare) -> None:
    """Forged and expired tokens count as failed logins; the IP is then banned."""
    _entry, _tree, share, client = await serve_share(
        http={"ip_ban_enabled": True, "login_attempts_threshold": 3}
    )
    link, url = await _link(share, "movies/trailer.mp4")
    assert (await client.get(url)).status == 200
    expired = ShareLink(**{**link.as_dict(), "expires_at": 1})
    forged = issue_token(b"x" * 32, link.claims())
    assert (await client.get(_url("AAAA", "x"))).status == 404
    assert (await client.get(_url(forged, "trailer.mp4"))).status == 404
    assert (
        await client.get(_url(share.links.token(expired), "trailer.mp4"))
    ).status == 404
    # Third strike: banned. Even the genuine link is now refused to this address.
    assert (await client.get(url)).status == 403


async def test_limits_answer_429_with_retry_after(serve_share: ServeShare) -> None:
    """Over the request rate or the concurrent downloads, 429 with Retry-After."""
    _entry, _tree, share, client = await serve_share(
        options={
            CONF_SHARE_REQUESTS_PER_SECOND: 3,
            CONF_SHARE_DOWNLOADS_PER_IP: 1,
            CONF_SHARE_BANDWIDTH: 0,
        }
    )
    _, url = await _link(share, "movies/trailer.mp4")
    statuses = [(await client.get(url)).status for _ in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert 429 in statuses[3:]
    refused = await client.get(url)
    assert refused.status == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert share.stats.throttled >= 2
    # A second download while one runs: the slot is taken.
    share.server.requests.check = lambda ip: 0.0  # type: ignore[method-assign]
    assert share.server.slots.acquire("127.0.0.1")
    busy = await client.get(url)
    assert busy.status == 429
    assert busy.headers["Retry-After"] == "5"
    share.server.slots.release("127.0.0.1")
    assert (await client.get(url)).status == 200


async def test_bandwidth_cap_paces_a_download(serve_share: ServeShare) -> None:
    """With a cap, the download is sent in chunks with waits in between."""
    _entry, tree, share, client = await serve_share(options=CAPPED)
    (tree.movies / "big.bin").write_bytes(b"\1" * 200_000)
    waits: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(delay: float) -> None:
        waits.append(delay)
        await real_sleep(0)

    _, url = await _link(share, "movies/big.bin")
    share.server.bandwidth.chunk_size = 50_000
    with patch("custom_components.myflix.features.share.server.asyncio.sleep", sleep):
        response = await client.get(url)
        assert len(await response.read()) == 200_000
    assert len(waits) >= 3


CHARS = st.sampled_from(
    ["..", ".", "%2e", "%2f", "/", "\\", "\0", "escape.txt", "escape_dir", "up",
     "secret.txt", "private", "movies", "Dune.mkv", "etc", "passwd", "fifo", "x"]
)  # fmt: skip


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.lists(CHARS, min_size=1, max_size=6).map("/".join),
    filename=st.one_of(CHARS, st.text(min_size=1, max_size=10)),
    token=st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.",
        min_size=1,
        max_size=120,
    ),
)
async def test_fuzzed_requests_never_leak(
    hass: HomeAssistant,
    radarr: Backend,
    hass_client_no_auth: ClientSessionGenerator,
    *,
    path: str,
    filename: str,
    token: str,
) -> None:
    """Signed links to hostile paths, and random tokens, never serve a private byte."""
    if id(hass) not in _FUZZ:
        base = Path(tempfile.mkdtemp())
        _FUZZ[id(hass)] = await _serve(
            hass, radarr.url, base, hass_client_no_auth, options=FAST
        )
    _entry, _tree, share, client = _FUZZ[id(hass)]
    _, url = await _link(share, path)
    for target in (url, _url(token, filename)):
        response: ClientResponse = await client.get(target)
        body = await response.read()
        # 400: aiohttp's parser refuses some raw bytes before the view sees them.
        assert response.status in (200, 400, 404), target
        assert SECRET_TEXT not in body


_FUZZ: dict[int, Served] = {}


async def _start_big_capped_download(
    serve_share: ServeShare,
) -> tuple[Served, ShareLink, ClientResponse]:
    """Start a download of a big file under the cap and read its first bytes."""
    served = await serve_share(options=CAPPED)
    (served.tree.movies / "big.bin").write_bytes(b"\1" * BIG_FILE_SIZE)
    link, url = await _link(served.share, "movies/big.bin")
    response = await served.client.get(url)
    assert len(await response.content.read(1000)) == 1000
    return served, link, response


async def test_client_leaving_mid_file_is_not_a_download(
    serve_share: ServeShare,
) -> None:
    """A download cut off by the client counts its bytes, not a download, and frees the slot."""
    served, link, response = await _start_big_capped_download(serve_share)
    response.close()
    await _until(lambda: served.share.server.slots.active == 0)
    assert link.downloads == 0
    assert 0 < link.partial_bytes < BIG_FILE_SIZE


async def test_server_mounts_in_a_plain_aiohttp_app(
    hass: HomeAssistant,
    radarr: Backend,
    tmp_path: Path,
    aiohttp_client: Callable[[web.Application], Awaitable[HttpClient]],
) -> None:
    """``ShareServer.handle`` serves without HA's view (the benchmark mounts it so)."""
    _entry, _tree, share = await setup_share(hass, radarr.url, tmp_path, options=FAST)

    async def handler(request: web.Request) -> web.StreamResponse:
        info = request.match_info
        return await share.server.handle(request, info["token"], info["filename"])

    app = web.Application()
    app.router.add_get("/api/myflix/share/{token}/{filename}", handler)
    client = await aiohttp_client(app)
    _, url = await _link(share, "movies/trailer.mp4")
    response = await client.get(url)
    assert await response.read() == b"trailer" * 100
    refused: list[web.Request] = []

    async def refuse(request: web.Request) -> None:
        refused.append(request)

    share.server._on_refused_token = refuse
    assert (await client.get(_url("AAAA", "trailer.mp4"))).status == 404
    assert len(refused) == 1
    share.server.requests.check = lambda ip: 2.5  # type: ignore[method-assign]
    limited = await client.get(url)
    assert limited.status == 429
    assert limited.headers["Retry-After"] == "3"


async def test_unload_ends_downloads_in_flight(
    hass: HomeAssistant, serve_share: ServeShare
) -> None:
    """A capped download stops at its next chunk when the entry unloads."""
    served, link, response = await _start_big_capped_download(serve_share)
    entry, share = served.entry, served.share
    assert share.server.slots.active == 1
    with patch("custom_components.myflix.PLATFORMS", []):
        assert await hass.config_entries.async_unload(entry.entry_id)
    await _until(lambda: share.server.slots.active == 0)
    assert link.downloads == 0
    response.close()
