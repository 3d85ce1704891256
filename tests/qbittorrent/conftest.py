"""Fixtures: one logged-in client against the simulator (4.x, 5.x) or real qbittorrent-nox.

The real one runs in every installed version (ids ``nox-4.5.2``, ``nox-5.3.0``).
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass
import os
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from simulators.nox import QbittorrentNox
from simulators.qbittorrent import QbittorrentSimulator, make_torrent
from simulators.server import serve
from tests.nox_versions import NOX_KINDS, require_nox

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable
    from pathlib import Path

    from custom_components.myflix.clients.qbittorrent import Torrent

USERNAME = "tester"
PASSWORD = "s3cret-Pass!"
SIMULATORS = ["sim-4.5.2", "sim-5.3.0"]
BACKENDS = [*SIMULATORS, *NOX_KINDS]
NOX_MISSING = "qbittorrent-nox is not installed (apt-get install qbittorrent-nox)"


@dataclass
class Backend:
    """What a test needs to drive one backend, whatever it is."""

    kind: str
    url: str
    session: aiohttp.ClientSession
    data_dir: Path
    sim: QbittorrentSimulator | None = None
    nox: QbittorrentNox | None = None

    @property
    def version(self) -> str:
        """The qBittorrent version the backend claims."""
        if self.sim is not None:
            return self.sim.version
        assert self.nox is not None
        return self.nox.version

    @property
    def is_v5(self) -> bool:
        """Whether the backend speaks the 5.x vocabulary."""
        return int(self.version.split(".")[0]) >= 5

    @property
    def is_v52(self) -> bool:
        """Whether the backend speaks the 5.2+ wire (204/401 login, ``QBT_SID_<port>``)."""
        major, minor = (int(p) for p in self.version.split(".")[:2])
        return (major, minor) >= (5, 2)

    @property
    def is_nox(self) -> bool:
        """Whether this is a real qbittorrent-nox."""
        return self.nox is not None

    def client(self, *, password: str = PASSWORD, **kwargs: Any) -> QbittorrentClient:
        """A new client for this backend (shares the aiohttp session)."""
        kwargs.setdefault("session", self.session)
        return QbittorrentClient(
            url=self.url, username=USERNAME, password=password, **kwargs
        )

    def torrent(
        self, name: str, *, with_data: bool, size: int = 40_000
    ) -> tuple[bytes, str]:
        """A tiny trackerless .torrent; with its data on disk it seeds (stalledUP)."""
        content = os.urandom(size)
        if with_data:
            (self.data_dir / name).write_bytes(content)
        return make_torrent(name, content)

    async def drop_sessions(self, client: QbittorrentClient) -> None:
        """Make the server forget the client's session (the client must log in again)."""
        if self.sim is not None:
            self.sim.expire_sessions()
            return
        assert client._cookie is not None
        name, value = client._cookie
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as raw:
            async with raw.post(
                f"{self.url}/api/v2/auth/logout", headers={"Cookie": f"{name}={value}"}
            ) as response:
                assert response.status == 200
            async with raw.get(
                f"{self.url}/api/v2/app/version", headers={"Cookie": f"{name}={value}"}
            ) as response:
                assert response.status == 403


async def eventually[T](
    probe: Callable[[], Awaitable[T]],
    check: Callable[[T], bool],
    *,
    within: float = 10.0,
) -> T:
    """Poll ``probe`` until ``check`` holds (the real server changes states asynchronously)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        value = await probe()
        if check(value) or loop.time() > deadline:
            assert check(value), f"condition not met within {within} s: {value!r}"
            return value
        await asyncio.sleep(0.05)


async def wait_states(
    client: QbittorrentClient, expected: dict[str, str], *, within: float = 10.0
) -> dict[str, Torrent]:
    """Wait until each hash has the given normalised status; return the torrents."""

    async def probe() -> dict[str, Torrent]:
        return {t.hash: t for t in await client.torrents(hashes=list(expected))}

    return await eventually(
        probe,
        lambda ts: all(h in ts and ts[h].status == s for h, s in expected.items()),
        within=within,
    )


@dataclass
class Env:
    """A logged-in client plus the backend behind it."""

    client: QbittorrentClient
    backend: Backend


@asynccontextmanager
async def open_backend(
    kind: str, tmp_path: Path, *, max_auth_failures: int = 5
) -> AsyncIterator[Backend]:
    """Start one backend and clean it up.

    ``kind``: ``sim-<version>`` or ``nox-<version>`` (a missing nox version is
    skipped locally, a failure under CI).
    """
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    nox_version = kind.removeprefix("nox-") if kind.startswith("nox-") else None
    if nox_version is not None:
        require_nox(nox_version)
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        if nox_version is not None:
            async with QbittorrentNox(
                version=nox_version,
                username=USERNAME,
                password=PASSWORD,
                profile_dir=tmp_path / "profile",
                max_auth_failures=max_auth_failures,
                ban_duration=60,
            ) as nox:
                yield Backend(kind, nox.url, session, data_dir, nox=nox)
            return
        sim = QbittorrentSimulator(
            version=kind.removeprefix("sim-"),
            username=USERNAME,
            password=PASSWORD,
            max_auth_failures=max_auth_failures,
        )
        async with serve(sim.make_app()) as url:
            yield Backend(kind, url, session, data_dir, sim=sim)


@pytest.fixture(params=BACKENDS)
async def backend(
    request: pytest.FixtureRequest, socket_enabled: None, tmp_path: Path
) -> AsyncIterator[Backend]:
    """Each backend in turn: simulator 4.5.2 and 5.3.0, every real qbittorrent-nox."""
    async with open_backend(request.param, tmp_path) as started:
        yield started


@pytest.fixture
async def qbt(backend: Backend) -> Env:
    """A logged-in client on each backend."""
    client = backend.client()
    await client.login()
    return Env(client, backend)


@pytest.fixture(params=["sim-5.1.4", "sim-5.3.0"])
async def sim5(
    request: pytest.FixtureRequest, socket_enabled: None, tmp_path: Path
) -> AsyncIterator[Env]:
    """A logged-in client on the 5.x simulator."""
    async with open_backend(request.param, tmp_path) as started:
        client = started.client()
        await client.login()
        yield Env(client, started)


@pytest.fixture
async def sim4(socket_enabled: None, tmp_path: Path) -> AsyncIterator[Env]:
    """A logged-in client on the 4.5.2 simulator."""
    async with open_backend("sim-4.5.2", tmp_path) as started:
        client = started.client()
        await client.login()
        yield Env(client, started)
