"""Which backends an entry configures, how to build their clients, how to check them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

from .clients.errors import (
    MyflixAuthenticationError,
    MyflixBannedError,
    MyflixConnectionError,
    MyflixError,
    MyflixServerError,
    MyflixTimeoutError,
    MyflixTLSError,
)
from .clients.gluetun import GluetunClient
from .clients.qbittorrent import QbittorrentClient
from .clients.radarr import RadarrClient
from .clients.sonarr import SonarrClient
from .const import (
    CONF_GLUETUN_API_KEY,
    CONF_GLUETUN_URL,
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    CONF_SONARR_API_KEY,
    CONF_SONARR_URL,
)

type BackendClient = RadarrClient | SonarrClient | QbittorrentClient | GluetunClient

# Seconds a backend gets to answer one request.
REQUEST_TIMEOUT = 10.0


@dataclass(frozen=True, kw_only=True)
class BackendDescription:
    """One backend: its config fields, its client and its connection check."""

    key: str
    url_field: str
    secret_field: str
    create_fn: Callable[[aiohttp.ClientSession, Mapping[str, Any]], BackendClient]
    version_fn: Callable[[Any], Awaitable[str]]
    needs_cookies: bool = False


async def _arr_version(client: RadarrClient | SonarrClient) -> str:
    return (await client.system_status()).version


async def _qbittorrent_version(client: QbittorrentClient) -> str:
    await client.login()
    return await client.app_version()


BACKENDS: tuple[BackendDescription, ...] = (
    BackendDescription(
        key="radarr",
        url_field=CONF_RADARR_URL,
        secret_field=CONF_RADARR_API_KEY,
        create_fn=lambda session, data: RadarrClient(
            url=data[CONF_RADARR_URL],
            api_key=data[CONF_RADARR_API_KEY],
            session=session,
            timeout=REQUEST_TIMEOUT,
        ),
        version_fn=_arr_version,
    ),
    BackendDescription(
        key="sonarr",
        url_field=CONF_SONARR_URL,
        secret_field=CONF_SONARR_API_KEY,
        create_fn=lambda session, data: SonarrClient(
            url=data[CONF_SONARR_URL],
            api_key=data[CONF_SONARR_API_KEY],
            session=session,
            timeout=REQUEST_TIMEOUT,
        ),
        version_fn=_arr_version,
    ),
    BackendDescription(
        key="qbittorrent",
        url_field=CONF_QBITTORRENT_URL,
        secret_field=CONF_QBITTORRENT_PASSWORD,
        create_fn=lambda session, data: QbittorrentClient(
            url=data[CONF_QBITTORRENT_URL],
            username=data.get(CONF_QBITTORRENT_USERNAME, ""),
            password=data.get(CONF_QBITTORRENT_PASSWORD, ""),
            session=session,
            timeout=REQUEST_TIMEOUT,
        ),
        version_fn=_qbittorrent_version,
        needs_cookies=True,
    ),
    BackendDescription(
        key="gluetun",
        url_field=CONF_GLUETUN_URL,
        secret_field=CONF_GLUETUN_API_KEY,
        create_fn=lambda session, data: GluetunClient(
            url=data[CONF_GLUETUN_URL],
            api_key=data.get(CONF_GLUETUN_API_KEY),
            session=session,
            timeout=REQUEST_TIMEOUT,
        ),
        # The version route needs the same role as every other one we call.
        version_fn=lambda client: client.version(),
    ),
)


def configured_backends(data: Mapping[str, Any]) -> list[BackendDescription]:
    """Return the backends whose URL is filled in."""
    return [backend for backend in BACKENDS if data.get(backend.url_field)]


def error_key(err: MyflixError) -> str:
    """Translate a client exception into a flow error key (most specific first)."""
    for error_type, key in (
        (MyflixBannedError, "banned"),
        (MyflixAuthenticationError, "invalid_auth"),
        (MyflixTimeoutError, "timeout_connect"),
        (MyflixTLSError, "ssl_error"),
        (MyflixConnectionError, "cannot_connect"),
        (MyflixServerError, "server_error"),
    ):
        if isinstance(err, error_type):
            return key
    return "invalid_response"


def create_clients(
    data: Mapping[str, Any],
    session_for: Callable[[BackendDescription], aiohttp.ClientSession],
) -> dict[str, BackendClient]:
    """One client per configured backend, keyed by backend key."""
    return {
        backend.key: backend.create_fn(session_for(backend), data)
        for backend in configured_backends(data)
    }


def _abandon(tasks: Iterable[asyncio.Future[Any]]) -> None:
    """Cancel what still runs; mark what failed as seen (no "never retrieved" log)."""
    for task in tasks:
        if not task.done():
            task.cancel()
        elif not task.cancelled():
            task.exception()


async def async_check_clients(
    clients: Mapping[str, BackendClient], *, deadline: float | None = None
) -> tuple[dict[str, str], dict[str, MyflixError]]:
    """Contact every backend at once.

    Returns the version of each backend that answered and the error of each
    that did not, both keyed by backend key. A backend still silent after
    ``deadline`` seconds counts as timed out, so one dead host cannot hold up
    Home Assistant's start for a whole request timeout.
    """
    by_key = {backend.key: backend for backend in BACKENDS}
    tasks = {
        key: asyncio.ensure_future(by_key[key].version_fn(client))
        for key, client in clients.items()
    }
    try:
        if tasks:
            await asyncio.wait(tasks.values(), timeout=deadline)
    except asyncio.CancelledError:
        _abandon(tasks.values())
        raise
    versions: dict[str, str] = {}
    errors: dict[str, MyflixError] = {}
    for key, task in tasks.items():
        if not task.done():
            task.cancel()
            errors[key] = MyflixTimeoutError(f"No answer within {deadline:g} s")
        elif isinstance(err := task.exception(), MyflixError):
            errors[key] = err
        elif err is not None:
            _abandon(tasks.values())  # an unexpected error leaves nothing running
            raise err
        else:
            versions[key] = task.result()
    return versions, errors


def field_errors(errors: Mapping[str, MyflixError]) -> dict[str, str]:
    """Attach each backend's error to the field the user has to fix."""
    by_key = {backend.key: backend for backend in BACKENDS}
    result: dict[str, str] = {}
    for key, err in errors.items():
        backend = by_key[key]
        code = error_key(err)
        field = (
            backend.secret_field
            if code in {"invalid_auth", "banned"}
            else backend.url_field
        )
        result[field] = code
    return result
