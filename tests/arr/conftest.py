"""Fixtures: Radarr/Sonarr simulators on loopback, clients, a real qbittorrent-nox."""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
import hashlib
import os
from pathlib import Path
import shutil
import subprocess
import time
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.clients.sonarr import SonarrClient
from simulators.radarr import RadarrSimulator
from simulators.server import LOOPBACK, free_port, serve
from simulators.sonarr import SonarrSimulator

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

RADARR_KEY = "0f3c1e9a7b2d4c6e8a0b1c2d3e4f5a6b"
SONARR_KEY = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"
# A Thursday evening, so the seeded calendars have entries in the default window.
FIXED_NOW = datetime(2025, 5, 1, 18, 30, tzinfo=UTC)
NOX = shutil.which("qbittorrent-nox") or "/usr/bin/qbittorrent-nox"
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
    """A running qbittorrent-nox: its WebUI URL, credentials and process."""

    url: str
    username: str
    password: str
    process: subprocess.Popen[bytes]
    profile: Path


def _pbkdf2(password: str) -> str:
    """qBittorrent's ``WebUI\\Password_PBKDF2`` value (recipe §3)."""
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100000, 64)
    return f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"


def _write_profile(profile: Path, webui_port: int, bt_port: int) -> None:
    """The recipe's config: loopback only, DHT/LSD/PeX/UPnP/GeoIP off, seeded hash."""
    config = profile / "qBittorrent" / "config"
    config.mkdir(parents=True)
    (config / "qBittorrent.conf").write_text(
        "[LegalNotice]\nAccepted=true\n\n"
        "[Network]\nPortForwardingEnabled=false\n\n"
        "[BitTorrent]\n"
        "Session\\DHTEnabled=false\nSession\\LSDEnabled=false\nSession\\PeXEnabled=false\n"
        f"Session\\Port={bt_port}\nSession\\Interface=lo\nSession\\InterfaceName=lo\n"
        f"Session\\InterfaceAddress={LOOPBACK}\nSession\\DefaultSavePath={profile}/downloads\n\n"
        "[Preferences]\n"
        "Connection\\ResolvePeerCountries=false\n"
        f"WebUI\\Address={LOOPBACK}\nWebUI\\Port={webui_port}\nWebUI\\UseUPnP=false\n"
        f"WebUI\\LocalHostAuth=true\nWebUI\\Username={QBT_USER}\n"
        f'WebUI\\Password_PBKDF2="{_pbkdf2(QBT_PASS)}"\n',
        encoding="utf-8",
    )


@pytest.fixture
async def nox(socket_enabled: None, tmp_path: Path) -> AsyncIterator[Nox]:
    """Debian's qbittorrent-nox 4.5.2 on loopback, per QBITTORRENT_NOX_RECIPE.md."""
    if not Path(NOX).is_file():
        pytest.skip("qbittorrent-nox is not installed (scripts/setup installs it)")
    profile = tmp_path / "qbt"
    webui_port, bt_port = free_port(), free_port()
    _write_profile(profile, webui_port, bt_port)
    log = (tmp_path / "nox.out").open("wb")
    process = subprocess.Popen(  # the PID we stop at teardown; no --daemon
        [NOX, f"--profile={profile}"], stdin=subprocess.DEVNULL, stdout=log, stderr=log
    )
    url = f"http://{LOOPBACK}:{webui_port}"
    try:
        deadline = time.monotonic() + 10
        async with aiohttp.ClientSession() as http:
            while True:
                if process.poll() is not None:
                    pytest.fail(
                        f"qbittorrent-nox died: {(tmp_path / 'nox.out').read_text()}"
                    )
                try:
                    async with http.get(f"{url}/api/v2/app/version") as response:
                        await response.read()  # any status (403 here) means it is up
                    break
                except aiohttp.ClientConnectionError:
                    if time.monotonic() > deadline:
                        pytest.fail("qbittorrent-nox did not answer within 10 s")
                    await asyncio.sleep(0.05)
        yield Nox(url, QBT_USER, QBT_PASS, process, profile)
    finally:
        process.terminate()  # SIGTERM: it exits cleanly in a few ms
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
