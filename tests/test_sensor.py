"""Sensors of Radarr, Sonarr and qBittorrent against the simulators."""

from __future__ import annotations

from collections.abc import AsyncIterator

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.myflix.const import (
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    DOMAIN,
)
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from simulators.qbittorrent import QbittorrentSimulator
from simulators.server import serve

from .conftest import QBT_PASS, QBT_USER, RADARR_KEY, Backend
from .entity_helpers import (
    ARR_POLL,
    FROZEN_NOW,
    QBITTORRENT_POLL,
    seed_torrents,
    setup_platform,
    state_of,
    time_travel,
)

pytestmark = pytest.mark.freeze_time(FROZEN_NOW)

QBT_COUNTS = (
    "active_torrents",
    "downloading_torrents",
    "seeding_torrents",
    "stalled_torrents",
    "stopped_torrents",
    "errored_torrents",
    "torrents",
)


def _counts(hass: HomeAssistant) -> dict[str, int]:
    return {
        key: int(state_of(hass, f"sensor.qbittorrent_{key}").state)
        for key in QBT_COUNTS
    }


@pytest.fixture(params=["4.5.2", "5.3.0"])
async def any_qbittorrent(
    request: pytest.FixtureRequest, socket_enabled: None
) -> AsyncIterator[Backend]:
    """A qBittorrent simulator of each major version."""
    sim = QbittorrentSimulator(
        version=request.param, username=QBT_USER, password=QBT_PASS
    )
    async with serve(sim.make_app()) as url:
        yield Backend(sim, url)


async def test_entities(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    qbittorrent: Backend,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every sensor of the three backends, with its state and registry entry."""
    device_registry = dr.async_get(hass)
    seed_torrents(qbittorrent.sim)
    entry = await setup_platform(hass, stack_data, Platform.SENSOR, enable_all=True)
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)
    for entity in er.async_entries_for_config_entry(entity_registry, entry.entry_id):
        device = device_registry.async_get(entity.device_id or "")
        assert device is not None
        backend = entity.unique_id.removeprefix(f"{entry.entry_id}_").split("_")[0]
        assert device.identifiers == {(DOMAIN, f"{entry.entry_id}_{backend}")}


async def test_disabled_by_default(
    hass: HomeAssistant, stack_data: dict[str, str], entity_registry: er.EntityRegistry
) -> None:
    """Versions, monitored movies and the upload speed are opt-in."""
    await setup_platform(hass, stack_data, Platform.SENSOR)
    for entity_id in (
        "sensor.radarr_version",
        "sensor.sonarr_version",
        "sensor.qbittorrent_version",
        "sensor.radarr_monitored_movies",
        "sensor.qbittorrent_upload_speed",
    ):
        entity = entity_registry.async_get(entity_id)
        assert entity is not None
        assert entity.disabled_by is er.RegistryEntryDisabler.INTEGRATION
        assert hass.states.get(entity_id) is None
    assert state_of(hass, "sensor.radarr_movies").state == "10"


async def test_values_follow_the_backends(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    radarr: Backend,
    qbittorrent: Backend,
) -> None:
    """A poll later, the sensors show what changed in qBittorrent and Radarr."""
    hashes = seed_torrents(qbittorrent.sim)
    await setup_platform(hass, stack_data, Platform.SENSOR)
    assert _counts(hass) == {
        "active_torrents": 2,
        "downloading_torrents": 2,
        "seeding_torrents": 1,
        "stalled_torrents": 1,
        "stopped_torrents": 1,
        "errored_torrents": 1,
        "torrents": 5,
    }
    assert state_of(hass, "sensor.radarr_queue").state == "4"

    sim = qbittorrent.sim
    sim.set_torrent(hashes["stalled"], state="downloading", dlspeed=1_048_576)
    sim.set_torrent(hashes["errored"], state="pausedDL")
    sim.add_torrent(name="Severance.S02E05", progress=0.2, state="error")
    sim.set_free_space(100 * 1024**3)
    radarr.sim.add_queue_item("Nosferatu.2024.1080p.WEB-DL")
    await time_travel(hass, freezer, QBITTORRENT_POLL)

    assert _counts(hass) == {
        "active_torrents": 3,
        "downloading_torrents": 2,
        "seeding_torrents": 1,
        "stalled_torrents": 0,
        "stopped_torrents": 2,
        "errored_torrents": 1,
        "torrents": 6,
    }
    # 2 MB/s + 1 MiB/s, shown in MiB/s.
    assert float(
        state_of(hass, "sensor.qbittorrent_download_speed").state
    ) == pytest.approx((2_000_000 + 1_048_576) / 1024**2)
    assert float(
        state_of(hass, "sensor.qbittorrent_free_space").state
    ) == pytest.approx(107.374, abs=0.001)
    # Radarr polls less often than qBittorrent.
    assert state_of(hass, "sensor.radarr_queue").state == "4"
    await time_travel(hass, freezer, ARR_POLL)
    assert state_of(hass, "sensor.radarr_queue").state == "5"


async def test_stopped_counted_on_both_versions(
    hass: HomeAssistant, any_qbittorrent: Backend
) -> None:
    """4.x reports pausedDL/UP, 5.x stoppedDL/UP: both are counted as stopped."""
    sim = any_qbittorrent.sim
    sim.add_torrent(name="Half.Done", progress=0.5, state="pausedDL")
    sim.add_torrent(name="Finished", progress=1.0, state="pausedUP")
    sim.add_torrent(name="Running", progress=1.0, state="uploading", upspeed=1000)
    entry = await setup_platform(
        hass,
        {
            CONF_QBITTORRENT_URL: any_qbittorrent.url,
            CONF_QBITTORRENT_USERNAME: QBT_USER,
            CONF_QBITTORRENT_PASSWORD: QBT_PASS,
        },
        Platform.SENSOR,
    )
    runtime = entry.runtime_data.get(QBITTORRENT)
    assert runtime is not None
    word = "stopped" if sim.version.startswith("5") else "paused"
    assert {t.state for t in runtime.sync.data.torrents.values()} == {
        f"{word}DL",
        f"{word}UP",
        "uploading",
    }
    counts = _counts(hass)
    assert counts["stopped_torrents"] == 2
    assert counts["downloading_torrents"] == 0
    assert counts["seeding_torrents"] == 1


async def test_connection_status(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    qbittorrent: Backend,
) -> None:
    """The connection status follows qBittorrent; an unknown word is unknown."""
    await setup_platform(hass, stack_data, Platform.SENSOR)
    entity_id = "sensor.qbittorrent_connection_status"
    assert state_of(hass, entity_id).state == "connected"
    for status, expected in (
        ("firewalled", "firewalled"),
        ("disconnected", "disconnected"),
        ("something-new", STATE_UNKNOWN),
    ):
        qbittorrent.sim.set_connection_status(status)
        await time_travel(hass, freezer, QBITTORRENT_POLL)
        assert state_of(hass, entity_id).state == expected


async def test_unavailable_while_a_backend_fails(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    radarr: Backend,
    qbittorrent: Backend,
) -> None:
    """A failing poll makes that coordinator's sensors unavailable, until it answers."""
    await setup_platform(hass, stack_data, Platform.SENSOR)
    qbittorrent.sim.fail_next(path="sync/maindata")
    await time_travel(hass, freezer, QBITTORRENT_POLL)
    assert state_of(hass, "sensor.qbittorrent_torrents").state == STATE_UNAVAILABLE
    assert (
        state_of(hass, "sensor.qbittorrent_download_speed").state == STATE_UNAVAILABLE
    )
    await time_travel(hass, freezer, QBITTORRENT_POLL)
    assert state_of(hass, "sensor.qbittorrent_torrents").state == "0"

    radarr.sim.fail_next(4)  # queue, health, disk space, root folders
    await time_travel(hass, freezer, ARR_POLL)
    assert state_of(hass, "sensor.radarr_queue").state == STATE_UNAVAILABLE
    assert state_of(hass, "sensor.radarr_free_space_data_media_movies").state == (
        STATE_UNAVAILABLE
    )
    # The library is polled by its own, slower coordinator.
    assert state_of(hass, "sensor.radarr_movies").state == "10"
    assert state_of(hass, "sensor.sonarr_queue").state == "4"
    await time_travel(hass, freezer, ARR_POLL)
    assert state_of(hass, "sensor.radarr_queue").state == "4"


async def test_root_folders_come_and_go(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    radarr: Backend,
    entity_registry: er.EntityRegistry,
) -> None:
    """A new root folder gets a sensor, no reload; a removed one goes unavailable."""
    entry = await setup_platform(hass, stack_data, Platform.SENSOR)
    archive = "sensor.radarr_free_space_data_archive_movies"
    assert hass.states.get(archive) is None
    folder = {
        "id": 2,
        "path": "/data/archive/movies",
        "accessible": True,
        "freeSpace": 2_000_000_000_000,
        "unmappedFolders": [],
    }
    radarr.sim.root_folders.append(folder)
    await time_travel(hass, freezer, ARR_POLL)
    assert state_of(hass, archive).state == "2000.0"
    registered = entity_registry.async_get(archive)
    assert registered is not None
    assert registered.unique_id == (
        f"{entry.entry_id}_radarr_root_folder_free_space_/data/archive/movies"
    )

    radarr.sim.root_folders.remove(folder)
    await time_travel(hass, freezer, ARR_POLL)
    assert state_of(hass, archive).state == STATE_UNAVAILABLE
    assert state_of(hass, "sensor.radarr_free_space_data_media_movies").state != (
        STATE_UNAVAILABLE
    )

    radarr.sim.root_folders.append({**folder, "freeSpace": 1_000_000_000_000})
    await time_travel(hass, freezer, ARR_POLL)
    assert state_of(hass, archive).state == "1000.0"


async def test_backend_down_at_setup_joins_later(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    sonarr: Backend,
) -> None:
    """A backend that failed at setup has unavailable sensors until it answers."""
    sonarr.sim.fail_next()
    await setup_platform(hass, stack_data, Platform.SENSOR)
    assert state_of(hass, "sensor.sonarr_queue").state == STATE_UNAVAILABLE
    assert state_of(hass, "sensor.sonarr_series").state == STATE_UNAVAILABLE
    assert hass.states.get("sensor.sonarr_free_space_data_media_tv") is None
    assert state_of(hass, "sensor.radarr_queue").state == "4"

    await time_travel(hass, freezer, ARR_POLL)
    assert state_of(hass, "sensor.sonarr_queue").state == "4"
    assert (
        state_of(hass, "sensor.sonarr_free_space_data_media_tv").state
        == "442.381631488"
    )


@pytest.mark.parametrize(
    "platform",
    [Platform.SENSOR, Platform.BINARY_SENSOR, Platform.SWITCH, Platform.NUMBER],
)
async def test_only_configured_backends_get_entities(
    hass: HomeAssistant,
    radarr: Backend,
    entity_registry: er.EntityRegistry,
    platform: Platform,
) -> None:
    """With only Radarr configured, only Radarr has entities (no switch, no numbers)."""
    data = {CONF_RADARR_URL: radarr.url, CONF_RADARR_API_KEY: RADARR_KEY}
    entry = await setup_platform(hass, data, platform)
    entities = er.async_entries_for_config_entry(entity_registry, entry.entry_id)
    assert all(e.unique_id.startswith(f"{entry.entry_id}_radarr_") for e in entities)
    assert bool(entities) is (platform in (Platform.SENSOR, Platform.BINARY_SENSOR))
