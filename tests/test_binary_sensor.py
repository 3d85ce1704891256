"""Health-problem binary sensors of Radarr and Sonarr against the simulators."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.myflix.features.arr.entities import MAX_MESSAGE, MAX_PROBLEMS

from .conftest import Backend
from .entity_helpers import ARR_POLL, FROZEN_NOW, setup_platform, state_of, time_travel

pytestmark = pytest.mark.freeze_time(FROZEN_NOW)

RADARR_HEALTH = "binary_sensor.radarr_health_problems"


def _check(kind: str, source: str = "IndexerStatusCheck", message: str = "") -> Any:
    return {
        "source": source,
        "type": kind,
        "message": message or f"{source} says {kind}",
        "wikiUrl": "https://wiki.servarr.com/radarr/system",
    }


async def test_entities(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Radarr and Sonarr each get a health sensor; qBittorrent its playback hold."""
    entry = await setup_platform(
        hass, stack_data, Platform.BINARY_SENSOR, enable_all=True
    )
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)
    assert hass.states.async_entity_ids("binary_sensor") == [
        RADARR_HEALTH,
        "binary_sensor.sonarr_health_problems",
        "binary_sensor.qbittorrent_playback_hold",
    ]
    assert hass.states.get("binary_sensor.qbittorrent_playback_hold").state == "off"


@pytest.mark.parametrize(
    ("checks", "problems"),
    [
        ([], []),
        ([_check("ok"), _check("notice", "UpdateCheck")], []),
        ([_check("warning", "ImportMechanismCheck")], ["ImportMechanismCheck"]),
        ([_check("error", "DownloadClientCheck")], ["DownloadClientCheck"]),
        ([_check("Error", "RootFolderCheck")], ["RootFolderCheck"]),
        (
            [_check("notice"), _check("warning", "SomeCheckAddedLater")],
            ["SomeCheckAddedLater"],
        ),
    ],
)
async def test_every_check_counts(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    radarr: Backend,
    *,
    checks: list[dict[str, Any]],
    problems: list[str],
) -> None:
    """Any warning or error is a problem, whatever its source; notices are not."""
    await setup_platform(hass, stack_data, Platform.BINARY_SENSOR)
    radarr.sim.set_health(checks)
    await time_travel(hass, freezer, ARR_POLL)
    state = state_of(hass, RADARR_HEALTH)
    assert state.state == (STATE_ON if problems else STATE_OFF)
    assert [message.split()[0] for message in state.attributes["problems"]] == problems


async def test_attribute_stays_small(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    radarr: Backend,
) -> None:
    """Only the first problems are named, each message cut short."""
    await setup_platform(hass, stack_data, Platform.BINARY_SENSOR)
    radarr.sim.set_health(
        [_check("error", message="x" * 1000)]
        + [_check("warning", f"Check{i}") for i in range(30)]
    )
    await time_travel(hass, freezer, ARR_POLL)
    state = state_of(hass, RADARR_HEALTH)
    problems = state.attributes["problems"]
    assert len(problems) == MAX_PROBLEMS
    assert problems[0] == "x" * MAX_MESSAGE
    assert problems[1] == "Check0 says warning"


async def test_unavailable_until_the_backend_answers(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    radarr: Backend,
) -> None:
    """A failed health poll is unavailable, not "no problem"."""
    await setup_platform(hass, stack_data, Platform.BINARY_SENSOR)
    radarr.sim.fail_next(path="/api/v3/health")
    await time_travel(hass, freezer, ARR_POLL)
    state = state_of(hass, RADARR_HEALTH)
    assert state.state == STATE_UNAVAILABLE
    assert "problems" not in state.attributes
    await time_travel(hass, freezer, ARR_POLL)
    state = state_of(hass, RADARR_HEALTH)
    assert state.state == STATE_ON
