"""The download-completed and low-disk-space blueprints, run as real automations."""

from __future__ import annotations

from pathlib import Path

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from .blueprint_helpers import setup_blueprint

DOWNLOADS = "event.qbittorrent_downloads"
RADARR_IMPORTS = "event.radarr_imports"
SONARR_IMPORTS = "event.sonarr_imports"


async def _event(
    hass: HomeAssistant, entity_id: str, stamp: str, **data: object
) -> None:
    hass.states.async_set(entity_id, stamp, data)
    await hass.async_block_till_done()


@pytest.fixture(name="telegram")
def telegram_fixture(hass: HomeAssistant) -> list:
    """A legacy notify service that records what it is sent."""
    return async_mock_service(hass, "notify", "telegram")


async def test_completed_download_is_announced(
    hass: HomeAssistant, tmp_path: Path, telegram: list
) -> None:
    """A completed download is announced with its size; an added one is not."""
    await _event(hass, DOWNLOADS, "2026-11-25T10:00:00+00:00", event_type="added")
    await setup_blueprint(
        hass, tmp_path, "download_completed.yaml", notify_service="telegram"
    )

    await _event(
        hass, DOWNLOADS, "2026-11-25T10:05:00+00:00",
        event_type="added", name="Dune.2021.2160p", category="radarr", size=1,
    )  # fmt: skip
    assert telegram == []
    await _event(
        hass, DOWNLOADS, "2026-11-25T11:00:00+00:00",
        event_type="completed", name="Dune.2021.2160p", category="radarr",
        size=41_234_567_890,
    )  # fmt: skip
    assert [call.data for call in telegram] == [
        {"title": "Myflix", "message": "Downloaded: Dune.2021.2160p (41.2 GB, radarr)."}
    ]


async def test_imports_and_categories(
    hass: HomeAssistant, tmp_path: Path, telegram: list
) -> None:
    """Imports name the movie or the episode; other categories are left out."""
    for entity_id in (DOWNLOADS, RADARR_IMPORTS, SONARR_IMPORTS):
        await _event(hass, entity_id, "2026-11-25T09:00:00+00:00", event_type="x")
    send_message = async_mock_service(hass, "notify", "send_message")
    await setup_blueprint(
        hass, tmp_path, "download_completed.yaml",
        imports_entities=[RADARR_IMPORTS, SONARR_IMPORTS],
        categories=["tv-sonarr"], notify_entities=["notify.phone"],
    )  # fmt: skip

    await _event(
        hass, DOWNLOADS, "2026-11-25T10:00:00+00:00",
        event_type="completed", name="Dune", category="radarr", size=5,
    )  # fmt: skip
    await _event(
        hass, RADARR_IMPORTS, "2026-11-25T10:01:00+00:00",
        event_type="imported", title="Dune", year=2021, quality="Bluray-2160p",
    )  # fmt: skip
    await _event(
        hass, SONARR_IMPORTS, "2026-11-25T10:02:00+00:00",
        event_type="imported", series="Severance", season=2, episode=3,
        title="Who Is Alive?",
    )  # fmt: skip
    assert telegram == []
    assert [call.data["message"] for call in send_message] == [
        "In the library: Dune (2021).",
        "In the library: Severance S02E03 — Who Is Alive?.",
    ]
    assert send_message[0].data["entity_id"] == ["notify.phone"]


async def test_entity_coming_back_is_not_an_event(
    hass: HomeAssistant, tmp_path: Path, telegram: list
) -> None:
    """After a restart the entity goes from unavailable to its last event: silence."""
    await _event(hass, DOWNLOADS, "unavailable")
    await setup_blueprint(
        hass, tmp_path, "download_completed.yaml", notify_service="notify.telegram"
    )
    await _event(
        hass, DOWNLOADS, "2026-11-25T11:00:00+00:00", event_type="completed", name="X"
    )
    assert telegram == []


async def test_low_disk_space_warns_once_and_acts(
    hass: HomeAssistant, tmp_path: Path, telegram: list
) -> None:
    """Below the threshold: a warning and the extra actions; back above: optional."""
    pause = async_mock_service(hass, "myflix", "pause_downloads")
    attributes = {
        "unit_of_measurement": "GB",
        "friendly_name": "qBittorrent free space",
    }
    hass.states.async_set("sensor.qbittorrent_free_space", "120.4", attributes)
    await setup_blueprint(
        hass, tmp_path, "low_disk_space.yaml",
        free_space_sensors=["sensor.qbittorrent_free_space"], threshold=50,
        for_minutes=0, notify_service="telegram", notify_on_recovery=True,
        low_actions=[{"action": "myflix.pause_downloads"}],
    )  # fmt: skip

    for value in ("60", "42.25", "30"):  # one crossing, however far it falls
        hass.states.async_set("sensor.qbittorrent_free_space", value, attributes)
        await hass.async_block_till_done()
    hass.states.async_set("sensor.qbittorrent_free_space", "75", attributes)
    await hass.async_block_till_done()

    assert [call.data["message"] for call in telegram] == [
        "qBittorrent free space is low on space: 42.2 GB free.",
        "qBittorrent free space has room again: 75.0 GB free.",
    ]
    assert len(pause) == 1
