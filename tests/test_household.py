"""The playback hold's actions: exact restore, holds that repeat or change, bad input."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest

from custom_components.myflix.const import CONF_RADARR_API_KEY, CONF_RADARR_URL
from custom_components.myflix.features.household import HOLD

from .conftest import RADARR_KEY, Backend
from .services_helpers import call, call_fails, setup_entry

KIB = 1024


def _limits(qbittorrent: Backend) -> tuple[bool, int, int]:
    """The mode and the global (not alternative) limits, in bytes/s."""
    state = qbittorrent.sim.state
    return (
        state.alt_speed,
        int(state.preferences["dl_limit"]),
        int(state.preferences["up_limit"]),
    )


async def test_hold_and_release(
    hass: HomeAssistant, stack_data: dict[str, str], qbittorrent: Backend
) -> None:
    """Alternative limits by default; the same hold again changes nothing."""
    entry = await setup_entry(hass, stack_data)
    qbittorrent.sim.state.preferences["dl_limit"] = 700 * KIB
    before = _limits(qbittorrent)
    assert (await call(hass, "end_playback_hold"))["held"] is False  # nothing held

    answer = await call(hass, "hold_for_playback")
    assert answer == {
        "held": True,
        "throttle": {"alternative": True, "download_limit": None, "upload_limit": None},
        "saved": {"alternative": False, "download_limit": None, "upload_limit": None},
    }
    assert _limits(qbittorrent)[0] is True
    assert (await call(hass, "hold_for_playback"))["saved"] == answer["saved"]

    # Another throttle: the first is put back, then the new one saves afresh.
    limited = await call(
        hass, "hold_for_playback", {"download_limit": 100, "upload_limit": 20}
    )
    assert limited["saved"] == {
        "alternative": False,
        "download_limit": 700,
        "upload_limit": 0,
    }
    assert _limits(qbittorrent) == (False, 100 * KIB, 20 * KIB)
    released = await call(hass, "end_playback_hold")
    assert released["held"] is False
    assert released["restored"] == limited["saved"]
    assert _limits(qbittorrent) == before
    hold = entry.runtime_data.get(HOLD)
    assert hold is not None
    assert not hold.active


async def test_bad_input_and_backend_errors_change_nothing(
    hass: HomeAssistant,
    radarr: Backend,
    stack_data: dict[str, str],
    qbittorrent: Backend,
) -> None:
    """No qBittorrent: a translated error; qBittorrent failing: the hold is not taken."""
    await setup_entry(
        hass, {CONF_RADARR_URL: radarr.url, CONF_RADARR_API_KEY: RADARR_KEY}, "Radarr"
    )
    entry = await setup_entry(hass, stack_data)
    await call_fails(
        hass,
        "hold_for_playback",
        {"config_entry_id": hass.config_entries.async_entries("myflix")[0].entry_id},
        ServiceValidationError,
        "backend_not_configured",
    )
    qbittorrent.sim.fail_next(1, path="transfer/speedLimitsMode")
    before = _limits(qbittorrent)
    with pytest.raises(HomeAssistantError):
        await call(hass, "hold_for_playback", {"config_entry_id": entry.entry_id})
    assert _limits(qbittorrent) == before
    hold = entry.runtime_data.get(HOLD)
    assert hold is not None
    assert not hold.active
