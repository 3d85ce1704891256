"""The global speed limits against the qBittorrent simulator."""

from __future__ import annotations

from homeassistant.components.number import (
    ATTR_VALUE,
    DOMAIN as NUMBER_DOMAIN,
    SERVICE_SET_VALUE,
)
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import snapshot_platform
from syrupy.assertion import SnapshotAssertion

from .conftest import Backend
from .entity_helpers import FROZEN_NOW, flow_sources, setup_platform, state_of

pytestmark = pytest.mark.freeze_time(FROZEN_NOW)

DOWNLOAD = "number.qbittorrent_download_speed_limit"
UPLOAD = "number.qbittorrent_upload_speed_limit"


async def _set(hass: HomeAssistant, entity_id: str, value: float) -> None:
    await hass.services.async_call(
        NUMBER_DOMAIN,
        SERVICE_SET_VALUE,
        {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: value},
        blocking=True,
    )


async def test_entities(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    qbittorrent: Backend,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """qBittorrent has a download and an upload limit, in KiB/s."""
    qbittorrent.sim.state.preferences["up_limit"] = 256 * 1024
    entry = await setup_platform(hass, stack_data, Platform.NUMBER, enable_all=True)
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)
    assert hass.states.async_entity_ids("number") == [DOWNLOAD, UPLOAD]


@pytest.mark.parametrize(
    ("entity_id", "preference"), [(DOWNLOAD, "dl_limit"), (UPLOAD, "up_limit")]
)
async def test_set_limit(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    qbittorrent: Backend,
    entity_id: str,
    preference: str,
) -> None:
    """A limit in KiB/s reaches qBittorrent in bytes/s; 0 lifts it."""
    await setup_platform(hass, stack_data, Platform.NUMBER)
    assert state_of(hass, entity_id).state == "0"
    await _set(hass, entity_id, 512)
    assert qbittorrent.sim.state.preferences[preference] == 512 * 1024
    assert state_of(hass, entity_id).state == "512"
    await _set(hass, entity_id, 0)
    assert qbittorrent.sim.state.preferences[preference] == 0
    assert state_of(hass, entity_id).state == "0"


async def test_limits_in_effect_follow_the_mode(
    hass: HomeAssistant, stack_data: dict[str, str], qbittorrent: Backend
) -> None:
    """While the alternative limits are on, the numbers read and set those."""
    preferences = qbittorrent.sim.state.preferences
    preferences["alt_dl_limit"] = 100 * 1024
    qbittorrent.sim.state.alt_speed = True
    await setup_platform(hass, stack_data, Platform.NUMBER)
    assert state_of(hass, DOWNLOAD).state == "100"
    await _set(hass, DOWNLOAD, 50)
    assert preferences["alt_dl_limit"] == 50 * 1024
    assert preferences["dl_limit"] == 0


async def test_out_of_range_is_refused(
    hass: HomeAssistant, stack_data: dict[str, str], qbittorrent: Backend
) -> None:
    """Negative limits never reach qBittorrent."""
    await setup_platform(hass, stack_data, Platform.NUMBER)
    qbittorrent.sim.requests.clear()
    with pytest.raises(ServiceValidationError):
        await _set(hass, DOWNLOAD, -5)
    assert not any("setDownloadLimit" in path for _, path in qbittorrent.sim.requests)


async def test_write_error_is_translated(
    hass: HomeAssistant, stack_data: dict[str, str], qbittorrent: Backend
) -> None:
    """A failing write raises a translated error; the limit is unchanged."""
    await setup_platform(hass, stack_data, Platform.NUMBER)
    qbittorrent.sim.fail_next(path="transfer/setUploadLimit", status=503)
    with pytest.raises(HomeAssistantError) as err:
        await _set(hass, UPLOAD, 100)
    assert err.value.translation_domain == "myflix"
    assert err.value.translation_key == "server_error"
    assert err.value.translation_placeholders["backend"] == "qBittorrent"
    assert qbittorrent.sim.state.preferences["up_limit"] == 0
    assert state_of(hass, UPLOAD).state == "0"


async def test_refused_password_starts_reauth(
    hass: HomeAssistant, stack_data: dict[str, str], qbittorrent: Backend
) -> None:
    """A refused login during a write asks for the new password."""
    await setup_platform(hass, stack_data, Platform.NUMBER)
    qbittorrent.sim.password = "changed-elsewhere"
    qbittorrent.sim.expire_sessions()
    with pytest.raises(HomeAssistantError) as err:
        await _set(hass, DOWNLOAD, 100)
    assert err.value.translation_key == "auth_failed"
    await hass.async_block_till_done()
    assert flow_sources(hass) == ["reauth"]
