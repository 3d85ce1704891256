"""The alternative speed limits switch against the qBittorrent simulator."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.switch import (
    DOMAIN as SWITCH_DOMAIN,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
)
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from custom_components.myflix.features.qbittorrent.coordinator import SETTINGS_INTERVAL

from .conftest import Backend
from .entity_helpers import (
    FROZEN_NOW,
    flow_sources,
    setup_platform,
    state_of,
    time_travel,
)

pytestmark = pytest.mark.freeze_time(FROZEN_NOW)

ALT_LIMITS = "switch.qbittorrent_alternative_speed_limits"


async def _switch(hass: HomeAssistant, service: str) -> None:
    await hass.services.async_call(
        SWITCH_DOMAIN, service, {ATTR_ENTITY_ID: ALT_LIMITS}, blocking=True
    )


async def test_entities(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """qBittorrent has two switches (self-healing needs an *arr); Radarr and Sonarr none."""
    entry = await setup_platform(hass, stack_data, Platform.SWITCH, enable_all=True)
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)
    assert sorted(hass.states.async_entity_ids("switch")) == [
        ALT_LIMITS,
        "switch.qbittorrent_self_healing",
    ]


async def test_turn_on_and_off(
    hass: HomeAssistant, stack_data: dict[str, str], qbittorrent: Backend
) -> None:
    """Each write reaches qBittorrent and the state is read back at once."""
    await setup_platform(hass, stack_data, Platform.SWITCH)
    assert state_of(hass, ALT_LIMITS).state == STATE_OFF
    await _switch(hass, SERVICE_TURN_ON)
    assert qbittorrent.sim.state.alt_speed is True
    assert state_of(hass, ALT_LIMITS).state == STATE_ON
    # Turning on again is not a toggle.
    await _switch(hass, SERVICE_TURN_ON)
    assert qbittorrent.sim.state.alt_speed is True
    await _switch(hass, SERVICE_TURN_OFF)
    assert qbittorrent.sim.state.alt_speed is False
    assert state_of(hass, ALT_LIMITS).state == STATE_OFF


async def test_follows_changes_made_elsewhere(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stack_data: dict[str, str],
    qbittorrent: Backend,
) -> None:
    """The switch follows the mode changed in qBittorrent's own UI."""
    await setup_platform(hass, stack_data, Platform.SWITCH)
    qbittorrent.sim.state.alt_speed = True
    await time_travel(hass, freezer, SETTINGS_INTERVAL)
    assert state_of(hass, ALT_LIMITS).state == STATE_ON


async def test_write_error_is_translated(
    hass: HomeAssistant, stack_data: dict[str, str], qbittorrent: Backend
) -> None:
    """A failing write raises a translated error and leaves the state alone."""
    await setup_platform(hass, stack_data, Platform.SWITCH)
    qbittorrent.sim.fail_next(path="transfer/toggleSpeedLimitsMode")
    with pytest.raises(HomeAssistantError) as err:
        await _switch(hass, SERVICE_TURN_ON)
    assert err.value.translation_domain == "myflix"
    assert err.value.translation_key == "server_error"
    assert err.value.translation_placeholders["backend"] == "qBittorrent"
    assert state_of(hass, ALT_LIMITS).state == STATE_OFF
    assert not flow_sources(hass)


async def test_refused_password_starts_reauth(
    hass: HomeAssistant, stack_data: dict[str, str], qbittorrent: Backend
) -> None:
    """A password changed in qBittorrent fails the write and asks for the new one."""
    await setup_platform(hass, stack_data, Platform.SWITCH)
    qbittorrent.sim.password = "changed-elsewhere"
    qbittorrent.sim.expire_sessions()
    with pytest.raises(HomeAssistantError) as err:
        await _switch(hass, SERVICE_TURN_ON)
    assert err.value.translation_key == "auth_failed"
    await hass.async_block_till_done()
    assert flow_sources(hass) == ["reauth"]
