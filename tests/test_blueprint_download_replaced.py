"""The download-replaced blueprint, fed the exact event data the healer fires."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.myflix.engine.healing import (
    Action,
    Decision,
    HealingConfig,
    Reason,
)
from custom_components.myflix.features.healing.runner import (
    EVENT_REPLACED,
    EVENT_STALLED,
    event_data,
)

from .blueprint_helpers import setup_blueprint

ENTRY_ID = "01JBLUEPRINTENTRY000000000"


def _data(action: Action, app: str = "radarr", strikes: int = 3) -> dict[str, Any]:
    decision = Decision(
        hash="ab" * 20,
        title="Dune.Part.Two.2024.2160p.WEB",
        action=action,
        reason=Reason.MISSING_FILES,
        app=app,
        strikes=strikes,
    )
    return event_data(decision, ENTRY_ID, HealingConfig(max_strikes=3))


@pytest.fixture(name="setup_blueprint")
def setup_blueprint_fixture(hass: HomeAssistant, tmp_path: Path) -> Any:
    async def setup(**inputs: Any) -> None:
        await setup_blueprint(hass, tmp_path, "download_replaced.yaml", **inputs)

    return setup


async def _fire(hass: HomeAssistant, event_type: str, data: dict[str, Any]) -> None:
    hass.bus.async_fire(event_type, data)
    await hass.async_block_till_done()


async def test_replacement_notifies_service_and_entities(
    hass: HomeAssistant, setup_blueprint: Any
) -> None:
    telegram = async_mock_service(hass, "notify", "telegram")
    send_message = async_mock_service(hass, "notify", "send_message")
    await setup_blueprint(notify_service="telegram", notify_entities=["notify.phone"])
    await _fire(hass, EVENT_REPLACED, _data(Action.REPLACE))
    message = (
        "Radarr: replaced Dune.Part.Two.2024.2160p.WEB (missing files, 3 strikes)."
        " A new search has been started."
    )
    assert [c.data for c in telegram] == [
        {"title": "Myflix self-healing", "message": message}
    ]
    assert [c.data for c in send_message] == [
        {
            "entity_id": ["notify.phone"],
            "title": "Myflix self-healing",
            "message": message,
        }
    ]


async def test_private_release_says_the_data_keeps_seeding(
    hass: HomeAssistant, setup_blueprint: Any
) -> None:
    telegram = async_mock_service(hass, "notify", "telegram")
    await setup_blueprint(notify_service="notify.telegram")
    await _fire(hass, EVENT_REPLACED, _data(Action.RELEASE, app="sonarr"))
    assert telegram[0].data["message"].startswith("Sonarr: replaced")
    assert "data kept seeding" in telegram[0].data["message"]


@pytest.mark.parametrize(("on_strike", "expected"), [(False, 0), (True, 1)])
async def test_strikes_only_when_asked(
    hass: HomeAssistant, setup_blueprint: Any, on_strike: bool, expected: int
) -> None:
    telegram = async_mock_service(hass, "notify", "telegram")
    await setup_blueprint(notify_service="telegram", notify_on_strike=on_strike)
    await _fire(hass, EVENT_STALLED, _data(Action.STRIKE, strikes=1))
    assert len(telegram) == expected
    if expected:
        assert telegram[0].data["message"] == (
            "Dune.Part.Two.2024.2160p.WEB: missing files (strike 1/3)."
        )


async def test_entry_filter(hass: HomeAssistant, setup_blueprint: Any) -> None:
    telegram = async_mock_service(hass, "notify", "telegram")
    await setup_blueprint(notify_service="telegram", myflix_entry=ENTRY_ID)
    await _fire(hass, EVENT_REPLACED, {**_data(Action.REPLACE), "entry_id": "other"})
    assert telegram == []
    await _fire(hass, EVENT_REPLACED, _data(Action.REPLACE))
    assert len(telegram) == 1
