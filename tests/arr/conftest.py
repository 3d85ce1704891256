"""Fixtures: Radarr/Sonarr simulators on loopback, clients, a real qbittorrent-nox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.clients.sonarr import SonarrClient
from simulators.nox import QbittorrentNox
from simulators.radarr import RadarrSimulator
from simulators.server import serve
from simulators.sonarr import SonarrSimulator
from tests.nox_versions import NOX_PARAMS, is_v5, require_nox

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

RADARR_KEY = "0f3c1e9a7b2d4c6e8a0b1c2d3e4f5a6b"
SONARR_KEY = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"
# A Thursday evening, so the seeded calendars have entries in the default window.
FIXED_NOW = datetime(2025, 5, 1, 18, 30, tzinfo=UTC)
QBT_USER = "tester"
QBT_PASS = "test-pass-123"


class Clock:
    """An injectable clock the tests move by hand."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.current = now

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass
class ArrStack:
    """A simulator, the URL it is served at and a client pointed at it."""

    sim: Any
    url: str
    client: Any
    session: aiohttp.ClientSession


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def session(socket_enabled: None) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as http:
        yield http


@pytest.fixture
async def radarr_stack(
    clock: Clock, session: aiohttp.ClientSession
) -> AsyncIterator[ArrStack]:
    sim = RadarrSimulator(api_key=RADARR_KEY, now=clock)
    async with serve(sim.make_app()) as url:
        client = RadarrClient(url=url, api_key=RADARR_KEY, session=session, timeout=5)
        yield ArrStack(sim, url, client, session)


@pytest.fixture
async def sonarr_stack(
    clock: Clock, session: aiohttp.ClientSession
) -> AsyncIterator[ArrStack]:
    sim = SonarrSimulator(api_key=SONARR_KEY, now=clock)
    async with serve(sim.make_app()) as url:
        client = SonarrClient(url=url, api_key=SONARR_KEY, session=session, timeout=5)
        yield ArrStack(sim, url, client, session)


@dataclass
class Nox:
    """A running qbittorrent-nox: its WebUI URL, credentials, version and launcher."""

    url: str
    username: str
    password: str
    version: str
    launcher: QbittorrentNox

    @property
    def api_version(self) -> str:
        """What ``app/webapiVersion`` answers for this version."""
        return {"4.5.2": "2.8.19", "5.3.0": "2.16.2"}[self.version]

    @property
    def is_v5(self) -> bool:
        """Whether it speaks the 5.x vocabulary (``torrents/stop``, ``stoppedDL``)."""
        return is_v5(self.version)


@pytest.fixture(params=NOX_PARAMS)
async def nox(
    request: pytest.FixtureRequest, socket_enabled: None, tmp_path: Path
) -> AsyncIterator[Nox]:
    """Every installed qbittorrent-nox on loopback, per QBITTORRENT_NOX_RECIPE.md."""
    version: str = request.param
    require_nox(version)
    async with QbittorrentNox(
        username=QBT_USER,
        password=QBT_PASS,
        profile_dir=tmp_path / "qbt",
        version=version,
    ) as launcher:
        yield Nox(launcher.url, QBT_USER, QBT_PASS, launcher.version, launcher)
