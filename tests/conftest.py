"""Fixtures shared by the Home Assistant tests of Myflix."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

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

RADARR_KEY = "radarr-test-key-0123456789abcdef"
SONARR_KEY = "sonarr-test-key-0123456789abcdef"
QBT_USER = "admin"
QBT_PASS = "correct-horse-battery"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Make ./custom_components visible to the HA loader."""


@pytest.fixture(autouse=True)
async def setup_homeassistant(hass: HomeAssistant, tmp_path: Any) -> None:
    """Keep HA's files in a temporary folder and set up the core integration."""
    hass.config.config_dir = str(tmp_path)
    assert await async_setup_component(hass, "homeassistant", {})


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Use HA's snapshot format."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


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
