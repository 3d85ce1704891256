"""Fixtures shared by the Home Assistant tests of Myflix."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from homeassistant.const import MAJOR_VERSION, MINOR_VERSION
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion
from syrupy.location import PyTestLocation

# Import OUR custom_components package at collection time, otherwise the hass
# fixture mounts the plugin's testing_config first and Myflix is not found.
import custom_components.myflix  # noqa: F401
from custom_components.myflix.const import (
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    CONF_SONARR_API_KEY,
    CONF_SONARR_URL,
)
from simulators.qbittorrent import QbittorrentSimulator
from simulators.radarr import RadarrSimulator
from simulators.server import serve
from simulators.sonarr import SonarrSimulator
from tests.deprecations import myflix_deprecations

RADARR_KEY = "radarr-test-key-0123456789abcdef"
SONARR_KEY = "sonarr-test-key-0123456789abcdef"
QBT_USER = "admin"
QBT_PASS = "correct-horse-battery"


@pytest.fixture(autouse=True)
def fail_on_myflix_deprecations(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail a test during which Myflix used something HA or a library deprecates."""
    yield
    records = [r for when in ("setup", "call") for r in caplog.get_records(when)]
    assert not myflix_deprecations(records)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Make ./custom_components visible to the HA loader."""


@pytest.fixture(autouse=True)
async def setup_homeassistant(
    hass: HomeAssistant, tmp_path: Any
) -> AsyncIterator[None]:
    """Keep HA's files in a temporary folder and set up the core integration.

    At teardown, let reloads that a flow scheduled finish first: the harness
    unloads only loaded entries, and an entry caught mid-reload would leave
    its timers (a calendar's next event end, say) behind.
    """
    hass.config.config_dir = str(tmp_path)
    assert await async_setup_component(hass, "homeassistant", {})
    yield
    await hass.async_block_till_done()


class ReleaseSnapshotExtension(HomeAssistantSnapshotExtension):
    """HA's snapshot format, a folder per HA release line the suite runs on.

    The registry's serialised form changes between releases (aliases,
    object_id_base, …), so each supported line keeps its own snapshots.
    """

    @classmethod
    def dirname(cls, *, test_location: PyTestLocation) -> str:
        """``tests/snapshots/<major>.<minor>`` of the HA under test."""
        base = Path(super().dirname(test_location=test_location))
        return str(base / f"{MAJOR_VERSION}.{MINOR_VERSION}")


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Use HA's snapshot format, per HA release line."""
    return snapshot.use_extension(ReleaseSnapshotExtension)


class Backend:
    """A simulator served on loopback."""

    def __init__(self, sim: Any, url: str) -> None:
        self.sim = sim
        self.url = url


@pytest.fixture
async def radarr(socket_enabled: None) -> AsyncIterator[Backend]:
    """A Radarr simulator on loopback."""
    sim = RadarrSimulator(api_key=RADARR_KEY)
    async with serve(sim.make_app()) as url:
        yield Backend(sim, url)


@pytest.fixture
async def sonarr(socket_enabled: None) -> AsyncIterator[Backend]:
    """A Sonarr simulator on loopback."""
    sim = SonarrSimulator(api_key=SONARR_KEY)
    async with serve(sim.make_app()) as url:
        yield Backend(sim, url)


@pytest.fixture
async def qbittorrent(socket_enabled: None) -> AsyncIterator[Backend]:
    """A qBittorrent 4.5.2 simulator on loopback."""
    sim = QbittorrentSimulator(username=QBT_USER, password=QBT_PASS)
    async with serve(sim.make_app()) as url:
        yield Backend(sim, url)


@pytest.fixture
def stack_data(
    radarr: Backend, sonarr: Backend, qbittorrent: Backend
) -> dict[str, str]:
    """Config entry data pointing at the three simulators."""
    return {
        CONF_RADARR_URL: radarr.url,
        CONF_RADARR_API_KEY: RADARR_KEY,
        CONF_SONARR_URL: sonarr.url,
        CONF_SONARR_API_KEY: SONARR_KEY,
        CONF_QBITTORRENT_URL: qbittorrent.url,
        CONF_QBITTORRENT_USERNAME: QBT_USER,
        CONF_QBITTORRENT_PASSWORD: QBT_PASS,
    }
