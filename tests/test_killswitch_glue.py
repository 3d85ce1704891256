"""The killswitch in HA: leak → halt → events and entities, release, restart, actions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import json
from typing import Any

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.myflix.const import (
    CONF_FAIL_CLOSED_AFTER,
    CONF_KILLSWITCH_INTERVAL,
    CONF_RELEASE_AFTER,
    DOMAIN,
)
from custom_components.myflix.entry import MyflixRuntimeData
from custom_components.myflix.features.vpn import (
    KILLSWITCH,
    killswitch as killswitch_runner,
)
from custom_components.myflix.features.vpn.killswitch import (
    EVENT_RELEASED,
    EVENT_TRIPPED,
    store_key,
)

from .conftest import QBT_PASS
from .vpn_helpers import GLUETUN_KEY, VpnStack, vpn_stack_fixture  # noqa: F401

# The watcher checks once at start, then not for a minute: tests drive checks.
SLOW = {CONF_KILLSWITCH_INTERVAL: 60000, CONF_RELEASE_AFTER: 2}
ENTRY_ID = "01JKILLSWITCHTESTENTRY0000"


async def _wait_for(condition: Callable[[], bool]) -> None:
    """Let the watcher run until ``condition`` holds (bounded: 5 s)."""
    async with asyncio.timeout(5):
        while not condition():  # noqa: ASYNC110 -- polls simulators, no event to wait on
            await asyncio.sleep(0.02)


async def _setup(
    hass: HomeAssistant, stack: VpnStack, options: dict[str, Any] | None = None
) -> MockConfigEntry:
    entry = MockConfigEntry(
        domain=DOMAIN, entry_id=ENTRY_ID, data=stack.data, options=options or SLOW
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    runtime: MyflixRuntimeData = entry.runtime_data
    assert runtime.get(KILLSWITCH) is not None
    killswitch = runtime.get(KILLSWITCH).killswitch
    await _wait_for(lambda: killswitch.snapshot.last_check is not None)
    return entry


async def _call(hass: HomeAssistant, action: str, **data: Any) -> Any:
    return await hass.services.async_call(
        DOMAIN, action, data, blocking=True, return_response=True
    )


def _no_secret(data: Any) -> None:
    text = json.dumps(data, default=str)
    for secret in (GLUETUN_KEY, QBT_PASS, "192.0.2.10", "198.51.100.21"):
        assert secret not in text


async def test_setup_creates_vpn_entities(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """A clean VPN: connected, no leak, armed, the exit server shown."""
    await _setup(hass, vpn_stack)
    assert hass.states.get("binary_sensor.vpn_connected").state == STATE_ON
    leak = hass.states.get("binary_sensor.vpn_leak")
    assert leak.state == STATE_OFF
    assert leak.attributes["reason"] == "clean"
    assert hass.states.get("sensor.vpn_killswitch").state == "armed"
    assert hass.states.get("switch.vpn_killswitch_armed").state == STATE_ON
    assert hass.states.get("sensor.vpn_server").state == "Switzerland"
    # Diagnostic and disabled by default: the address locates the user.
    assert hass.states.get("sensor.vpn_public_ip") is None


async def test_leak_halts_then_clean_checks_release(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """Leak → every torrent stopped, event and entities; M clean checks → resumed."""
    await _setup(hass, vpn_stack)
    tripped = async_capture_events(hass, EVENT_TRIPPED)
    released = async_capture_events(hass, EVENT_RELEASED)
    assert len(vpn_stack.running()) == 3

    vpn_stack.gluetun.leak()
    response = await _call(hass, "check_vpn_now")
    assert (response["verdict"], response["reason"], response["state"]) == (
        "leak",
        "vpn_ip_is_home",
        "tripped",
    )
    assert vpn_stack.running() == set()
    await hass.async_block_till_done()
    assert len(tripped) == 1
    data = tripped[0].data
    assert (data["reason"], data["torrents"], data["manual"]) == (
        "vpn_ip_is_home",
        3,
        False,
    )
    assert data["latency_ms"] >= 0
    assert data["entry_id"] == ENTRY_ID
    _no_secret(data)
    assert hass.states.get("binary_sensor.vpn_leak").state == STATE_ON
    state = hass.states.get("sensor.vpn_killswitch")
    assert (state.state, state.attributes["reason"]) == ("tripped", "vpn_ip_is_home")

    vpn_stack.gluetun.restore()
    await _call(hass, "check_vpn_now")
    assert vpn_stack.running() == set()  # one clean check is not enough
    response = await _call(hass, "check_vpn_now")
    assert response["state"] == "armed"
    assert len(vpn_stack.running()) == 3
    await hass.async_block_till_done()
    assert [event.data["torrents"] for event in released] == [3]
    assert hass.states.get("binary_sensor.vpn_leak").state == STATE_OFF


async def test_vpn_entities_show_what_the_watcher_sees(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """The tunnel down: "connected" goes off with the same check that trips.

    The VPN coordinator polls every 30 s; the dashboard must not show the
    tunnel connected while the killswitch has tripped on it being down.
    """
    await _setup(hass, vpn_stack)
    polls = len(vpn_stack.gluetun.requests)
    vpn_stack.gluetun.stop_tunnel()
    response = await _call(hass, "check_vpn_now")
    assert (response["reason"], response["state"]) == ("tunnel_down", "tripped")
    await hass.async_block_till_done()
    assert hass.states.get("binary_sensor.vpn_connected").state == STATE_OFF
    assert hass.states.get("binary_sensor.vpn_leak").state == STATE_ON
    assert hass.states.get("sensor.vpn_killswitch").state == "tripped"
    # Only the check's two reads went out: no extra poll of the whole backend.
    assert len(vpn_stack.gluetun.requests) == polls + 2

    vpn_stack.gluetun.start_tunnel()
    await _call(hass, "check_vpn_now")
    await hass.async_block_till_done()
    assert hass.states.get("binary_sensor.vpn_connected").state == STATE_ON
    assert hass.states.get("sensor.vpn_server").state == "Switzerland"


async def test_watcher_loop_halts_on_its_own(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """With a short interval the background watcher trips without any action."""
    await _setup(hass, vpn_stack, {CONF_KILLSWITCH_INTERVAL: 50})
    tripped = async_capture_events(hass, EVENT_TRIPPED)
    vpn_stack.gluetun.crash()
    await _wait_for(lambda: not vpn_stack.running())
    await _wait_for(lambda: bool(tripped))
    assert tripped[0].data["reason"] == "tunnel_down"


async def test_manual_halt_and_release(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """A manual halt holds until released; armed, a release needs a clean check."""
    await _setup(hass, vpn_stack)
    tripped = async_capture_events(hass, EVENT_TRIPPED)
    response = await _call(hass, "halt_downloads", reason="Maintenance")
    assert response["state"] == "tripped"
    assert response["event"]["manual"] is True
    assert vpn_stack.running() == set()
    await hass.async_block_till_done()
    assert tripped[0].data["detail"] == "Maintenance"

    vpn_stack.gluetun.leak()
    await _call(hass, "check_vpn_now")
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "release_downloads")
    assert err.value.translation_key == "release_refused"
    assert err.value.translation_placeholders["reason"] == "vpn_ip_is_home"
    assert vpn_stack.running() == set()

    vpn_stack.gluetun.restore()
    await _call(hass, "check_vpn_now")
    assert vpn_stack.running() == set()  # clean checks never end a manual halt
    response = await _call(hass, "release_downloads")
    assert response["state"] == "armed"
    assert len(vpn_stack.running()) == 3


async def test_disarm_switch_is_stored(
    hass: HomeAssistant, vpn_stack: VpnStack, hass_storage: dict[str, Any]
) -> None:
    """Disarmed, a leak does not halt; the choice is stored for the next start."""
    await _setup(hass, vpn_stack)
    await hass.services.async_call(
        "switch",
        "turn_off",
        {"entity_id": "switch.vpn_killswitch_armed"},
        blocking=True,
    )
    assert hass.states.get("sensor.vpn_killswitch").state == "disarmed"
    assert hass_storage[store_key(ENTRY_ID)]["data"]["armed"] is False
    vpn_stack.gluetun.leak()
    await _call(hass, "check_vpn_now")
    assert len(vpn_stack.running()) == 3
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": "switch.vpn_killswitch_armed"}, blocking=True
    )
    assert hass.states.get("switch.vpn_killswitch_armed").state == STATE_ON


async def test_restart_while_tripped_stays_halted(
    hass: HomeAssistant, vpn_stack: VpnStack, hass_storage: dict[str, Any]
) -> None:
    """A stored trip is enforced at setup, before any check, and released later."""
    held = sorted(vpn_stack.qbittorrent.state.torrents)[:2]
    hass_storage[store_key(ENTRY_ID)] = {
        "version": 1,
        "minor_version": 1,
        "key": store_key(ENTRY_ID),
        "data": {
            "version": 1,
            "armed": True,
            "trip": {
                "reason": "vpn_ip_is_home",
                "detail": "gluetun's public IP is the home IP",
                "since": 1_700_000_000.0,
                "manual": False,
                "hashes": held,
                "halted": True,
            },
        },
    }
    # The VPN still leaks after the restart: nothing may start.
    vpn_stack.gluetun.leak()
    entry = await _setup(hass, vpn_stack)
    assert vpn_stack.running() == set()
    assert hass.states.get("sensor.vpn_killswitch").state == "tripped"

    vpn_stack.gluetun.restore()
    for _ in range(2):
        await _call(hass, "check_vpn_now")
    assert len(vpn_stack.running()) == 3  # the held two and the one started since
    assert hass_storage[store_key(ENTRY_ID)]["data"]["trip"] is None

    # Unload and set up again: the release was stored too.
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.vpn_killswitch").state == "armed"


async def test_actions_need_a_killswitch(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """Without gluetun there is no killswitch: a translated error says so."""
    data = {k: v for k, v in vpn_stack.data.items() if not k.startswith("gluetun")}
    entry = MockConfigEntry(domain=DOMAIN, data=data)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "check_vpn_now")
    assert err.value.translation_key == "killswitch_not_configured"


async def test_torrent_paused_by_user_during_trip_stays_paused(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """pause_downloads during a halt takes that torrent out of what release resumes."""
    await _setup(hass, vpn_stack)
    everything = vpn_stack.running()
    vpn_stack.gluetun.leak()
    await _call(hass, "check_vpn_now")
    assert vpn_stack.running() == set()

    kept = sorted(everything)[0]
    await _call(hass, "pause_downloads", hashes=[kept])
    vpn_stack.gluetun.restore()
    await _call(hass, "check_vpn_now")
    response = await _call(hass, "check_vpn_now")
    assert response["state"] == "armed"
    assert vpn_stack.running() == everything - {kept}


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 401, "body": "Unauthorized\n"},
        {"status": 200, "body": "<html>captive portal</html>"},
        {"status": None, "delay": 1.0},  # hangs past the read bound
    ],
    ids=["401", "garbage", "hang"],
)
async def test_gluetun_failing_fails_closed_after_the_timeout(
    hass: HomeAssistant,
    vpn_stack: VpnStack,
    fault: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Unknown is not clean: after fail_closed_after seconds the downloads stop."""
    read_bound = killswitch_runner.GLUETUN_READ_TIMEOUT
    monkeypatch.setattr(killswitch_runner, "GLUETUN_READ_TIMEOUT", 0.1)
    entry = await _setup(hass, vpn_stack, {**SLOW, CONF_FAIL_CLOSED_AFTER: 1})
    tripped = async_capture_events(hass, EVENT_TRIPPED)
    vpn_stack.gluetun.fail_next(1000, **fault)

    response = await _call(hass, "check_vpn_now")
    assert (response["verdict"], response["state"]) == ("unknown", "armed")
    assert len(vpn_stack.running()) == 3  # not yet: within the timeout

    await asyncio.sleep(1.05)  # the engine's clock is the wall clock
    response = await _call(hass, "check_vpn_now")
    assert (response["verdict"], response["state"]) == ("leak", "fail_closed")
    assert vpn_stack.running() == set()
    await hass.async_block_till_done()
    assert [event.data["reason"] for event in tripped] == ["fail_closed"]

    vpn_stack.gluetun.heal()
    # The real read bound again: on a loaded machine a healthy answer can take
    # longer than 0.1 s, and an unknown check does not count as clean.
    entry.runtime_data.get(KILLSWITCH).reader._timeout = read_bound
    for _ in range(2):
        response = await _call(hass, "check_vpn_now")
    assert response["state"] == "armed"
    assert len(vpn_stack.running()) == 3
    assert GLUETUN_KEY not in caplog.text
