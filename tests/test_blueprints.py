"""The shipped blueprints: HA's schema, then real automations fed real event data."""

from __future__ import annotations

from pathlib import Path
import shutil
from typing import Any

from homeassistant.components.automation.config import AUTOMATION_BLUEPRINT_SCHEMA
from homeassistant.components.blueprint import Blueprint, BlueprintInputs
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import load_yaml_dict
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from custom_components.myflix import blueprint_installer
from custom_components.myflix.const import DOMAIN
from custom_components.myflix.engine.killswitch import (
    KillswitchEvent,
    KillswitchEventType,
    Reason,
)
from custom_components.myflix.features.vpn.killswitch import (
    EVENT_RELEASED,
    EVENT_TRIPPED,
)

BLUEPRINTS = blueprint_installer.SOURCE
KILLSWITCH = "myflix/killswitch.yaml"
ENTRY_ID = "01JBLUEPRINTENTRY000000000"
# What a blueprint cannot guess; everything else has a default.
REQUIRED_INPUTS = {
    "low_disk_space.yaml": {"free_space_sensors": ["sensor.disk"]},
    "bandwidth_follows_household.yaml": {"media_players": ["media_player.tv"]},
}


def _event(kind: KillswitchEventType, reason: Reason, **fields: Any) -> dict[str, Any]:
    """Event data exactly as the integration fires it."""
    event = KillswitchEvent(
        **{"detail": "", "manual": False, "torrents": 3, **fields},
        type=kind,
        reason=reason,
    )
    return {**event.as_data(), "entry_id": ENTRY_ID}


TRIPPED = _event(
    KillswitchEventType.TRIPPED,
    Reason.VPN_IP_IS_HOME,
    latency_ms=142.6,
    halt_ms=11.2,
)
RELEASED = _event(KillswitchEventType.RELEASED, Reason.CLEAN)
TRIPPED_MESSAGE = (
    "Downloads halted: vpn ip is home. 3 torrent(s) stopped 143 ms after the leak"
    " was seen."
)


@pytest.mark.parametrize("name", sorted(p.name for p in BLUEPRINTS.glob("*.yaml")))
def test_blueprint_schema(name: str) -> None:
    """Every blueprint passes HA's schema; only inherent inputs are required."""
    blueprint = Blueprint(
        load_yaml_dict(BLUEPRINTS / name),
        expected_domain="automation",
        schema=AUTOMATION_BLUEPRINT_SCHEMA,
    )
    assert blueprint.validate() is None
    required = REQUIRED_INPUTS.get(name, {})
    inputs = {"use_blueprint": {"path": f"myflix/{name}", "input": required}}
    BlueprintInputs(blueprint, inputs).validate()


@pytest.fixture(name="setup_killswitch")
async def setup_killswitch_fixture(hass: HomeAssistant, tmp_path: Path) -> Any:
    """Return a setup of the killswitch blueprint from the user's config dir."""
    # Not the plugin's testing_config: automation would populate blueprints there.
    hass.config.config_dir = str(tmp_path)
    target = tmp_path / "blueprints" / "automation" / KILLSWITCH
    await hass.async_add_executor_job(_copy, BLUEPRINTS / "killswitch.yaml", target)

    async def setup(**inputs: Any) -> None:
        config = {"use_blueprint": {"path": KILLSWITCH, "input": inputs}}
        assert await async_setup_component(hass, "automation", {"automation": config})
        await hass.async_block_till_done()

    return setup


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True)
    shutil.copy(source, target)


async def _fire(hass: HomeAssistant, event_type: str, data: dict[str, Any]) -> None:
    hass.bus.async_fire(event_type, data)
    await hass.async_block_till_done()


@pytest.mark.parametrize("service", ["telegram", "notify.telegram", " telegram "])
async def test_trip_notifies_legacy_service(
    hass: HomeAssistant, setup_killswitch: Any, service: str
) -> None:
    """A bare or full notify service name gets the reason, latency and count."""
    telegram = async_mock_service(hass, "notify", "telegram")
    send_message = async_mock_service(hass, "notify", "send_message")
    await setup_killswitch(notify_service=service)

    await _fire(hass, EVENT_TRIPPED, TRIPPED)
    assert [call.data for call in telegram] == [
        {"title": "Myflix killswitch", "message": TRIPPED_MESSAGE}
    ]
    assert send_message == []


async def test_trip_notifies_entities(
    hass: HomeAssistant, setup_killswitch: Any
) -> None:
    """Notify entities get notify.send_message with the same message."""
    send_message = async_mock_service(hass, "notify", "send_message")
    await setup_killswitch(
        notify_entities=["notify.phone", "notify.kitchen"], title="VPN"
    )

    await _fire(hass, EVENT_TRIPPED, TRIPPED)
    assert [call.data for call in send_message] == [
        {
            "entity_id": ["notify.phone", "notify.kitchen"],
            "title": "VPN",
            "message": TRIPPED_MESSAGE,
        }
    ]


async def test_manual_halt_has_no_latency(
    hass: HomeAssistant, setup_killswitch: Any
) -> None:
    """A halt by the action measures no leak: the message says n/a, not None."""
    telegram = async_mock_service(hass, "notify", "telegram")
    await setup_killswitch(
        notify_service="telegram",
        tripped_message="{{ reason }} / {{ torrents }} / {{ latency_ms }}",
    )
    manual = _event(KillswitchEventType.TRIPPED, Reason.MANUAL, manual=True, torrents=0)

    await _fire(hass, EVENT_TRIPPED, manual)
    assert telegram[0].data["message"] == "manual / 0 / n/a"


@pytest.mark.parametrize(("on_release", "expected"), [(False, 0), (True, 1)])
async def test_release_toggle(
    hass: HomeAssistant, setup_killswitch: Any, on_release: bool, expected: int
) -> None:
    """A release notifies only when asked to, and runs no extra action."""
    telegram = async_mock_service(hass, "notify", "telegram")
    extra = async_mock_service(hass, "switch", "turn_off")
    await setup_killswitch(
        notify_service="telegram",
        notify_on_release=on_release,
        extra_actions=[{"action": "switch.turn_off", "target": {"entity_id": "all"}}],
    )

    await _fire(hass, EVENT_RELEASED, RELEASED)
    assert len(telegram) == expected
    if expected:
        assert telegram[0].data["message"] == "VPN clean again: 3 torrent(s) resumed."
    assert extra == []


async def test_entry_filter(hass: HomeAssistant, setup_killswitch: Any) -> None:
    """With an instance chosen, another instance's trip is ignored."""
    telegram = async_mock_service(hass, "notify", "telegram")
    await setup_killswitch(notify_service="telegram", myflix_entry=ENTRY_ID)

    await _fire(hass, EVENT_TRIPPED, {**TRIPPED, "entry_id": "another"})
    assert telegram == []
    await _fire(hass, EVENT_TRIPPED, TRIPPED)
    assert len(telegram) == 1


async def test_extra_actions_survive_a_failed_notification(
    hass: HomeAssistant, setup_killswitch: Any
) -> None:
    """Extra actions run on a trip, with the event data, even if notify fails."""
    light = async_mock_service(hass, "light", "turn_on")

    def fail(call: ServiceCall) -> None:
        raise HomeAssistantError("Telegram is down")

    hass.services.async_register("notify", "telegram", fail)
    await setup_killswitch(
        notify_service="telegram",
        extra_actions=[
            {
                "action": "light.turn_on",
                "target": {"entity_id": "light.hall"},
                "data": {"flash": "{{ 'long' if torrents > 0 else 'short' }}"},
            }
        ],
    )

    await _fire(hass, EVENT_TRIPPED, TRIPPED)
    assert [call.data for call in light] == [
        {"entity_id": ["light.hall"], "flash": "long"}
    ]


async def test_blueprints_are_installed_and_edits_kept(
    hass: HomeAssistant, tmp_path: Path, hass_storage: dict[str, Any]
) -> None:
    """Setup installs every blueprint; an edited copy survives, a stale one updates."""
    hass.config.config_dir = str(tmp_path)
    target = tmp_path / "blueprints" / "automation" / "myflix"
    assert await async_setup_component(hass, DOMAIN, {})
    shipped = sorted(p.name for p in BLUEPRINTS.glob("*.yaml"))
    assert sorted(p.name for p in target.glob("*.yaml")) == shipped
    for name in shipped:
        assert (target / name).read_bytes() == (BLUEPRINTS / name).read_bytes()
    assert not list(target.glob(".*"))  # no temporary file left
    stored = hass_storage[blueprint_installer.STORE_KEY]["data"]
    assert set(stored) == set(shipped)

    # The user edits one; another is an older Myflix version (unedited).
    edited, stale = target / shipped[0], tmp_path / "old.yaml"
    edited.write_text(edited.read_text() + "\n# my change\n")
    installed = {**stored, "older.yaml": "0" * 64}
    source = tmp_path / "source"
    source.mkdir()
    for name in shipped:
        shutil.copy(BLUEPRINTS / name, source / name)
    stale.write_text("blueprint: {name: older}\n")
    shutil.copy(stale, source / "older.yaml")
    shutil.copy(stale, target / "older.yaml")
    installed["older.yaml"] = blueprint_installer._sha256(stale)
    (source / "older.yaml").write_text("blueprint: {name: newer}\n")

    result = await hass.async_add_executor_job(
        blueprint_installer.install, source, target, installed
    )

    assert edited.read_text().endswith("# my change\n")
    assert (target / "older.yaml").read_text() == "blueprint: {name: newer}\n"
    assert result["older.yaml"] == blueprint_installer._sha256(source / "older.yaml")
    assert result[shipped[0]] == installed[shipped[0]]  # still the hash Myflix wrote


async def test_blueprint_install_failure_does_not_block_setup(
    hass: HomeAssistant, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A read-only or broken config dir is logged; Myflix still sets up."""
    hass.config.config_dir = str(tmp_path)
    (tmp_path / "blueprints").write_text("not a directory")
    assert await async_setup_component(hass, DOMAIN, {})
    assert "Could not install the Myflix blueprints" in caplog.text
