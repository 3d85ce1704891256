"""The qBittorrent login and the request core every API method goes through.

Logs in lazily with the cookie session, reads ``app/webapiVersion`` once to
know the 4.x or 5.x vocabulary, logs in again once on a 403, and maps every
HTTP status to one of our own exceptions.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
import logging
from typing import Any

import aiohttp
import yarl

from custom_components.myflix.clients.errors import (
    MyflixAuthenticationError,
    MyflixBannedError,
    MyflixNotFoundError,
    MyflixResponseError,
    MyflixServerError,
    MyflixValidationError,
)
from custom_components.myflix.clients.http import (
    DEFAULT_TIMEOUT,
    RawResponse,
    StreamedResponse,
    http_exchange,
)
from custom_components.myflix.clients.slices import Each

from .formats import parse_version, shorten

_LOGGER = logging.getLogger(__name__)

V5_API_VERSION = (2, 11, 0)


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """One call to ``/api/v2/<path>``, kept whole so it can be sent again."""

    method: str
    path: str
    params: Mapping[str, str] | None = None
    data: Mapping[str, str] | None = None
    files: Sequence[tuple[str, bytes]] = ()
    multipart: bool = False


def _session_cookie(raw: RawResponse) -> tuple[str, str] | None:
    """Return the session cookie a login reply sets (``SID``, ``QBT_SID_<port>``...)."""
    for header in raw.headers.getall("Set-Cookie", []):
        name, sep, value = header.split(";", 1)[0].partition("=")
        if sep and name.strip() and value.strip():
            return name.strip(), value.strip()
    return None


def _form(request: ApiRequest) -> aiohttp.FormData:
    """Multipart body of ``torrents/add``: the fields plus the .torrent files."""
    form = aiohttp.FormData(default_to_multipart=True)
    for key, value in (request.data or {}).items():
        form.add_field(key, value)
    for filename, content in request.files:
        form.add_field(
            "torrents",
            content,
            filename=filename,
            content_type="application/x-bittorrent",
        )
    return form


def _raise_for_status(raw: RawResponse) -> None:
    """Map a non-2xx status to the exception our callers branch on."""
    status = raw.status
    if 200 <= status < 300:
        return
    text = shorten(raw.text) or f"HTTP {status}"
    if status == 404:
        raise MyflixNotFoundError(text)
    if status in (400, 409, 415):
        raise MyflixValidationError(text, [text])
    if status == 401:
        raise MyflixAuthenticationError(f"qBittorrent refused the request: {text}")
    if status == 403:
        raise MyflixAuthenticationError("qBittorrent answered 403 Forbidden")
    if status >= 500:
        raise MyflixServerError(status, text)
    raise MyflixResponseError(f"Unexpected HTTP {status}: {text}")


class QbittorrentSession:
    """A logged-in WebUI session over an injected aiohttp session."""

    def __init__(
        self,
        *,
        url: str,
        username: str,
        password: str,
        session: aiohttp.ClientSession,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Store the settings; nothing is sent before the first call."""
        base = url.rstrip("/")
        base = base.removesuffix("/api/v2")
        self.url = base
        self._api = f"{base}/api/v2/"
        self._username = username
        self._password = password
        self._session = session
        self._timeout = timeout
        self._cookie: tuple[str, str] | None = None
        self._cookie_name: str | None = None
        self._api_version: tuple[int, ...] | None = None
        self._login_lock = asyncio.Lock()
        # Bumped by every login, so concurrent 403s trigger a single re-login.
        self._generation = 0

    def __repr__(self) -> str:
        """Never show the password."""
        return f"{type(self).__name__}(url={self.url!r}, username={self._username!r})"

    @property
    def api_version(self) -> tuple[int, ...] | None:
        """WebAPI version read after login, e.g. ``(2, 8, 19)``; None before."""
        return self._api_version

    @property
    def is_v5(self) -> bool:
        """True for WebAPI >= 2.11.0 (qBittorrent 5.x: stop/start vocabulary)."""
        return self._api_version is not None and self._api_version >= V5_API_VERSION

    # ------------------------------------------------------------ login

    async def login(self) -> None:
        """Log in and read the WebAPI version (raises on bad credentials or a ban)."""
        async with self._login_lock:
            await self._login()

    async def logout(self) -> None:
        """End the session on the server (the next call logs in again)."""
        if self._api_version is not None:
            await self._send(ApiRequest("POST", "auth/logout"))
        self._cookie = None
        self._api_version = None

    async def _login(self) -> None:
        self._cookie = None
        raw = await self._send(
            ApiRequest(
                "POST",
                "auth/login",
                data={"username": self._username, "password": self._password},
            )
        )
        text = raw.text.strip()
        if raw.status == 403:
            raise MyflixBannedError(f"qBittorrent refused the login: {shorten(text)}")
        if raw.status == 401 or (raw.status == 200 and text == "Fails."):
            raise MyflixAuthenticationError(
                "qBittorrent rejected the username or password"
            )
        _raise_for_status(raw)
        if raw.status == 200 and text not in ("Ok.", ""):
            raise MyflixResponseError(f"Unexpected login reply: {shorten(text)}")
        self._cookie = _session_cookie(raw)
        if self._cookie is not None:
            self._cookie_name = self._cookie[0]
        self._generation += 1
        self._session_renewed()
        version = await self._send(ApiRequest("GET", "app/webapiVersion"))
        _raise_for_status(version)
        parsed = parse_version(version.text)
        if not parsed:
            raise MyflixResponseError(
                f"Unexpected WebAPI version: {shorten(version.text)}"
            )
        self._api_version = parsed
        _LOGGER.debug("Logged in to qBittorrent at %s, WebAPI %s", self.url, parsed)

    def _session_renewed(self) -> None:
        """Drop per-session state: the new server session knows none of it."""

    async def _ensure_login(self) -> int:
        async with self._login_lock:
            if self._api_version is None:
                await self._login()
            return self._generation

    async def _relogin(self, generation: int) -> None:
        async with self._login_lock:
            if generation == self._generation:
                _LOGGER.debug("qBittorrent session expired, logging in again")
                await self._login()

    # ------------------------------------------------------------ requests

    def _cookie_names(self) -> set[str]:
        port = yarl.URL(self.url).port
        names = {"SID", f"QBT_SID_{port}"}
        if self._cookie_name:
            names.add(self._cookie_name)
        return names

    async def _send(self, request: ApiRequest) -> RawResponse:
        async with self._exchange(request) as response:
            return await response.read()

    @asynccontextmanager
    async def _exchange(self, request: ApiRequest) -> AsyncIterator[StreamedResponse]:
        # Our own session cookie is passed per request: it then wins over a
        # same-named cookie the shared jar may hold (another qBittorrent on the
        # same host, or a jar that ignores IP hosts). At login every candidate
        # name is blanked, or a valid jar session would make any password "Ok.".
        if self._cookie is None:
            cookies = dict.fromkeys(self._cookie_names(), "")
        else:
            cookies = {self._cookie[0]: self._cookie[1]}
        body: Any = dict(request.data) if request.data is not None else None
        if request.multipart:
            body = _form(request)
        async with http_exchange(
            self._session,
            request.method,
            self._api + request.path,
            timeout=self._timeout,
            params=request.params,
            data=body,
            cookies=cookies,
        ) as response:
            yield response

    async def _request(self, request: ApiRequest) -> RawResponse:
        """Send logged in; on a 403 log in again (once for all callers) and retry."""
        async with self._open(request) as response:
            return await response.read()

    @asynccontextmanager
    async def _open(self, request: ApiRequest) -> AsyncIterator[StreamedResponse]:
        """``_request`` whose body the caller reads (streamed when large)."""
        generation = await self._ensure_login()
        for retry in (False, True):
            async with self._exchange(request) as response:
                if response.status != 403:
                    if not 200 <= response.status < 300:
                        _raise_for_status(await response.read())
                    yield response
                    return
                if retry:
                    raise MyflixAuthenticationError(
                        f"qBittorrent still answers 403 to {request.path} after logging in again"
                    )
            await self._relogin(generation)

    async def _get_json(
        self,
        path: str,
        params: Mapping[str, str] | None = None,
        item: Each | None = None,
    ) -> Any:
        """GET JSON; ``item`` maps an array's items (or an object's values) as decoded."""
        async with self._open(ApiRequest("GET", path, params=params)) as response:
            return await response.json_sliced(item)

    async def _get_text(self, path: str) -> str:
        return (await self._request(ApiRequest("GET", path))).text.strip()

    async def _post(self, path: str, data: Mapping[str, str] | None = None) -> None:
        await self._request(ApiRequest("POST", path, data=data or {}))
