"""The ``rotate_vpn`` action: rank, apply through gluetun, verify, roll back; its sensors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
import json
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.myflix.const import (
    CONF_GLUETUN_API_KEY,
    CONF_GLUETUN_URL,
    CONF_IP_ECHO_URLS,
    DOMAIN,
)
from custom_components.myflix.features.vpn import (
    KILLSWITCH,
    actions as services_vpn,
    rotation as vpn_rotation,
)
from custom_components.myflix.features.vpn.actions import EVENT_ROTATED
from simulators.gluetun import GluetunSimulator
from simulators.ipecho import IpEchoSimulator
from simulators.mullvad import MullvadSimulator
from simulators.nordvpn import NordVpnSimulator
from simulators.pia import PiaSimulator
from simulators.server import serve

from .vpn_helpers import GLUETUN_KEY, VpnStack, vpn_stack_fixture  # noqa: F401

LAST = "sensor.vpn_last_server_rotation"
LOAD = "sensor.vpn_server_load"
LATENCY = "sensor.vpn_server_latency"


@dataclass
class RotationStack:
    """NordVPN, gluetun (knowing NordVPN's hostnames) and an IP echo on loopback."""

    nordvpn: NordVpnSimulator
    gluetun: GluetunSimulator
    data: dict[str, Any]
    latency: dict[str, float | None]
    """Station -> measured ms; a station not listed answers in 40 ms."""

    def selection(self) -> list[str]:
        """The hostnames gluetun is pinned to."""
        hostnames = self.gluetun.settings["provider"]["server_selection"]["hostnames"]
        return list(hostnames or [])


@pytest.fixture(name="stack")
async def stack_fixture(
    socket_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[RotationStack]:
    """Serve the simulators; point the action at them and fake the TCP probe."""
    nordvpn = NordVpnSimulator()
    gluetun = GluetunSimulator(api_key=GLUETUN_KEY, servers=nordvpn.exit_ips())
    echo = IpEchoSimulator(ip=gluetun.home_ip)
    latency: dict[str, float | None] = {}

    async def fake_latency(host: str, _port: int) -> float | None:
        return latency.get(host, 40.0)

    monkeypatch.setattr(vpn_rotation, "measure_latency", fake_latency)
    monkeypatch.setattr(vpn_rotation, "TUNNEL_POLL", 0.01)
    async with AsyncExitStack() as exit_stack:
        nord_url, gluetun_url, echo_url = [
            await exit_stack.enter_async_context(serve(sim.make_app()))
            for sim in (nordvpn, gluetun, echo)
        ]
        monkeypatch.setattr(services_vpn, "NORDVPN_API", nord_url)
        yield RotationStack(
            nordvpn,
            gluetun,
            {
                CONF_GLUETUN_URL: gluetun_url,
                CONF_GLUETUN_API_KEY: GLUETUN_KEY,
                CONF_IP_ECHO_URLS: echo_url + "/",
            },
            latency,
        )


async def _setup(hass: HomeAssistant, data: dict[str, Any]) -> MockConfigEntry:
    entry = MockConfigEntry(domain=DOMAIN, data=data)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def _gluetun_data(gluetun_url: str, echo_url: str) -> dict[str, str]:
    """Entry data with gluetun and an IP echo only."""
    return {
        CONF_GLUETUN_URL: gluetun_url,
        CONF_GLUETUN_API_KEY: GLUETUN_KEY,
        CONF_IP_ECHO_URLS: echo_url + "/",
    }


async def _rotate(hass: HomeAssistant, **data: Any) -> Any:
    return await hass.services.async_call(
        DOMAIN, "rotate_vpn", data, blocking=True, return_response=True
    )


def _no_address(data: Any, stack: RotationStack) -> None:
    text = json.dumps(data, default=str)
    for secret in (GLUETUN_KEY, stack.gluetun.home_ip, stack.gluetun.vpn_ip):
        assert secret not in text


async def test_rotation_applies_the_best_server(
    hass: HomeAssistant, stack: RotationStack
) -> None:
    """The fastest, least loaded server wins; gluetun exits through it; sensors follow."""
    entry = await _setup(hass, stack.data)
    assert hass.states.get(LAST).state == "unknown"
    recommended = stack.nordvpn._select(
        {
            "filters[country_id]": "209",
            "filters[servers_technologies][identifier]": "wireguard_udp",
            "limit": "10",
        },
        by_load=True,
    )
    # The busiest recommendation is much faster: it wins on latency.
    winner = recommended[-1]
    stack.latency.update({s["station"]: 200.0 for s in recommended})
    stack.latency[winner["station"]] = 5.0
    events = async_capture_events(hass, EVENT_ROTATED)

    response = await _rotate(hass, country="CH")

    assert response["result"] == "rotated"
    assert response["server"] == winner["hostname"]
    assert response["load"] == winner["load"]
    assert response["latency_ms"] == 5.0
    assert response["public_ip_changed"] is True
    assert response["previous"] == []
    assert stack.selection() == [winner["hostname"]]
    assert stack.gluetun.public_ip_data()["public_ip"] == winner["station"]
    await hass.async_block_till_done()
    assert hass.states.get(LAST).state == "rotated"
    assert hass.states.get(LAST).attributes["server"] == winner["hostname"]
    assert float(hass.states.get(LOAD).state) == winner["load"]
    assert float(hass.states.get(LATENCY).state) == 5.0
    assert len(events) == 1
    assert events[0].data["server"] == winner["hostname"]
    assert events[0].data["entry_id"] == entry.entry_id
    _no_address([response, events[0].data], stack)


async def test_home_ip_after_the_switch_rolls_back(
    hass: HomeAssistant, stack: RotationStack
) -> None:
    """A server whose exit is the home IP is undone: the previous pin comes back."""
    await _setup(hass, stack.data)
    stack.gluetun._settings["provider"]["server_selection"]["hostnames"] = [
        previous := stack.nordvpn.servers[0]["hostname"]
    ]
    assert stack.gluetun.servers is not None
    for hostname in stack.gluetun.servers:
        if hostname != previous:
            stack.gluetun.servers[hostname] = stack.gluetun.home_ip
    stack.latency[stack.nordvpn.server(previous)["station"]] = None

    with pytest.raises(HomeAssistantError, match="home IP") as err:
        await _rotate(hass)

    assert err.value.translation_key == "rotation_home_ip_exposed"
    assert "restored" in str(err.value)
    assert stack.selection() == [previous]
    await hass.async_block_till_done()
    assert hass.states.get(LAST).state == "rolled_back"
    assert hass.states.get(LAST).attributes["reason"] == "home_ip_exposed"
    # Only successful rotations feed the load and latency.
    assert hass.states.get(LOAD).state == "unknown"


async def test_tunnel_that_never_comes_up_rolls_back(
    hass: HomeAssistant, stack: RotationStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No public IP within the timeout: rolled back to gluetun's own choice."""
    await _setup(hass, stack.data)
    monkeypatch.setattr(vpn_rotation, "TUNNEL_TIMEOUT", 0.2)
    stack.gluetun.ip_lag = 10**6  # every lookup after the restart comes back empty
    restarts = stack.gluetun.restarts

    with pytest.raises(HomeAssistantError) as err:
        await _rotate(hass)

    assert err.value.translation_key == "rotation_tunnel_timeout"
    assert stack.selection() == []
    assert stack.gluetun.restarts == restarts + 2  # the switch, then the rollback
    await hass.async_block_till_done()
    assert hass.states.get(LAST).state == "rolled_back"


async def test_no_reachable_server_changes_nothing(
    hass: HomeAssistant, stack: RotationStack
) -> None:
    """Every probe fails: a translated error, and gluetun is left alone."""
    await _setup(hass, stack.data)
    stack.latency.update({s["station"]: None for s in stack.nordvpn.servers})

    with pytest.raises(HomeAssistantError) as err:
        await _rotate(hass)

    assert err.value.translation_key == "rotation_unreachable"
    assert stack.gluetun.settings_puts == []
    await hass.async_block_till_done()
    assert hass.states.get(LAST).state == "failed"


async def test_nordvpn_failure_changes_nothing(
    hass: HomeAssistant, stack: RotationStack
) -> None:
    """The API answering 500 is a translated error before anything changes."""
    await _setup(hass, stack.data)
    stack.nordvpn.fail_next(status=500)

    with pytest.raises(HomeAssistantError) as err:
        await _rotate(hass)

    assert err.value.translation_key == "nordvpn_failed"
    assert stack.gluetun.settings_puts == []


@pytest.mark.parametrize("country", ["Atlantis", "XX"])
async def test_unknown_country_is_a_validation_error(
    hass: HomeAssistant, stack: RotationStack, country: str
) -> None:
    """A country NordVPN does not know is the caller's to fix."""
    await _setup(hass, stack.data)

    with pytest.raises(ServiceValidationError) as err:
        await _rotate(hass, country=country)

    assert err.value.translation_key == "unknown_country"
    assert stack.nordvpn.requests == []


async def test_killswitch_supplies_the_home_ip(
    hass: HomeAssistant,
    stack: RotationStack,
    vpn_stack: VpnStack,
) -> None:
    """With qBittorrent too, the killswitch's home IP is used; the exit IP is verified."""
    entry = MockConfigEntry(
        domain=DOMAIN, data=vpn_stack.data, options={"killswitch_interval": 60000}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.runtime_data.get(KILLSWITCH) is not None
    # This gluetun keeps its exit IP whatever the server: still not the home IP.
    response = await _rotate(hass)

    assert response["result"] == "rotated"
    assert response["public_ip_changed"] is False
    selection = vpn_stack.gluetun.settings["provider"]["server_selection"]
    assert selection["hostnames"] == [response["server"]]


def _recommended(stack: RotationStack) -> list[dict[str, Any]]:
    """NordVPN's default recommendations for Switzerland, least loaded first."""
    return stack.nordvpn._select(
        {
            "filters[country_id]": "209",
            "filters[servers_technologies][identifier]": "wireguard_udp",
            "limit": "10",
        },
        by_load=True,
    )


@pytest.mark.parametrize(
    ("option", "field", "winner_index"),
    [
        (0, None, 0),  # load only: the least loaded, however slow
        (100, None, -1),  # latency only: the fastest, however busy
        (100, 0, 0),  # the action's field overrides the option
    ],
)
async def test_weights_choose_between_load_and_latency(
    hass: HomeAssistant,
    stack: RotationStack,
    option: int,
    field: int | None,
    winner_index: int,
) -> None:
    """The latency weight option (and the action's field) sets the trade-off."""
    entry = MockConfigEntry(
        domain=DOMAIN, data=stack.data, options={"rotation_latency_weight": option}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    recommended = _recommended(stack)
    assert recommended[0]["load"] < recommended[-1]["load"]
    stack.latency.update({s["station"]: 200.0 for s in recommended})
    stack.latency[recommended[-1]["station"]] = 5.0  # the busiest is the fastest

    response = await _rotate(
        hass, **({} if field is None else {"latency_weight": field})
    )

    assert response["server"] == recommended[winner_index]["hostname"]


async def test_failed_rollback_says_so(
    hass: HomeAssistant, stack: RotationStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rollback's own failure is reported apart: gluetun needs a look now."""
    await _setup(hass, stack.data)
    monkeypatch.setattr(vpn_rotation, "TUNNEL_TIMEOUT", 0.2)
    stack.gluetun.ip_lag = 10**6  # the new tunnel never shows a public IP
    wait = vpn_rotation._wait_for_tunnel

    async def wait_then_break(gluetun: Any) -> str | None:
        result = await wait(gluetun)
        stack.gluetun.fail_next(1, status=500, path="/v1/vpn/settings")
        return result

    monkeypatch.setattr(vpn_rotation, "_wait_for_tunnel", wait_then_break)

    with pytest.raises(HomeAssistantError) as err:
        await _rotate(hass)

    assert err.value.translation_key == "rotation_rollback_failed"
    assert "check gluetun now" in str(err.value)
    await hass.async_block_till_done()
    state = hass.states.get(LAST)
    assert (state.state, state.attributes["reason"]) == (
        "rollback_failed",
        "tunnel_timeout",
    )


async def test_last_rotation_survives_a_restart(
    hass: HomeAssistant, stack: RotationStack, hass_storage: dict[str, Any]
) -> None:
    """The sensors show the last attempts again after a reload; nothing secret kept."""
    entry = await _setup(hass, stack.data)
    response = await _rotate(hass)
    await hass.async_block_till_done()
    load = hass.states.get(LOAD).state

    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    assert hass.states.get(LAST).state == "rotated"
    assert hass.states.get(LAST).attributes["server"] == response["server"]
    assert hass.states.get(LOAD).state == load
    assert float(hass.states.get(LATENCY).state) == response["latency_ms"]
    stored = hass_storage[f"{DOMAIN}.rotation.{entry.entry_id}"]["data"]
    assert stored["last"]["server"]["hostname"] == response["server"]
    _no_address(stored, stack)  # the station address is not kept

    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert f"{DOMAIN}.rotation.{entry.entry_id}" not in hass_storage


async def test_unreadable_stored_rotation_is_unknown(
    hass: HomeAssistant, stack: RotationStack, hass_storage: dict[str, Any]
) -> None:
    """A damaged store shows unknown sensors, not an error."""
    entry = MockConfigEntry(
        domain=DOMAIN, data=stack.data, entry_id="01JROTATIONSTORE0000000000"
    )
    hass_storage[f"{DOMAIN}.rotation.{entry.entry_id}"] = {
        "version": 1,
        "key": f"{DOMAIN}.rotation.{entry.entry_id}",
        "data": {"last": {"result": "exploded"}, "last_success": "nonsense"},
    }
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(LAST).state == "unknown"
    assert hass.states.get(LOAD).state == "unknown"


async def test_any_provider_rotates_among_listed_servers(
    hass: HomeAssistant, socket_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Perfect Privacy: the fastest listed server is applied, verified, forwarding re-read."""
    servers = {"zurich401": "198.51.100.41", "zurich402": "198.51.100.42"}
    gluetun = GluetunSimulator(
        api_key=GLUETUN_KEY,
        servers=servers,
        provider="perfect privacy",
        port_forwarding=True,
        forwarded_ports=[47001],
    )
    echo = IpEchoSimulator(ip=gluetun.home_ip)
    latency = {"zurich401": 90.0, "zurich402": 12.0, "madrid401": None}

    async def fake_latency(host: str, _port: int) -> float | None:
        return latency[host]

    monkeypatch.setattr(vpn_rotation, "measure_latency", fake_latency)
    monkeypatch.setattr(vpn_rotation, "TUNNEL_POLL", 0.01)
    async with AsyncExitStack() as exit_stack:
        gluetun_url, echo_url = [
            await exit_stack.enter_async_context(serve(sim.make_app()))
            for sim in (gluetun, echo)
        ]
        entry = await _setup(hass, _gluetun_data(gluetun_url, echo_url))

        # No list, and no list Myflix can read for this provider: in words.
        with pytest.raises(ServiceValidationError) as err:
            await _rotate(hass)
        assert err.value.translation_key == "rotation_needs_hostnames"
        assert "perfect privacy" in str(err.value)

        gluetun.set_forwarded_ports([47002])  # the new server forwards another port
        response = await _rotate(
            hass, hostnames=["zurich401", "zurich402", "madrid401", "zurich402"]
        )
        assert (response["result"], response["server"]) == ("rotated", "zurich402")
        assert response["latency_ms"] == 12.0
        assert response["load"] is None  # no load is published: unknown, not 0 %
        await hass.async_block_till_done()
        assert hass.states.get(LOAD).state == "unknown"
        assert response["forwarded_port"] == 47002
        assert gluetun.public_ip_data()["public_ip"] == servers["zurich402"]
        selection = gluetun.settings["provider"]["server_selection"]["hostnames"]
        assert selection == ["zurich402"]

        # None answers: nothing changes, and the answer says why.
        latency.update(dict.fromkeys(latency))
        with pytest.raises(HomeAssistantError) as err:
            await _rotate(hass, hostnames=["zurich401"])
        assert err.value.translation_key == "rotation_unreachable"
        assert gluetun.settings["provider"]["server_selection"]["hostnames"] == [
            "zurich402"
        ]
        assert await hass.config_entries.async_unload(entry.entry_id)


async def test_mullvad_rotates_from_its_relay_list(
    hass: HomeAssistant, socket_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mullvad: active relays of the country and technology; a bad list changes nothing."""
    mullvad = MullvadSimulator()
    gluetun = GluetunSimulator(
        api_key=GLUETUN_KEY, servers=mullvad.exit_ips(), provider="mullvad"
    )
    echo = IpEchoSimulator(ip=gluetun.home_ip)
    fastest = mullvad.relay("ch-zrh-wg-003")
    mullvad.set_active("ch-zrh-wg-002", False)
    timed: list[str] = []

    async def fake_latency(host: str, _port: int) -> float | None:
        timed.append(host)
        return 8.0 if host == fastest["ipv4_addr_in"] else 60.0

    monkeypatch.setattr(vpn_rotation, "measure_latency", fake_latency)
    monkeypatch.setattr(vpn_rotation, "TUNNEL_POLL", 0.01)
    async with AsyncExitStack() as exit_stack:
        mullvad_url, gluetun_url, echo_url = [
            await exit_stack.enter_async_context(serve(sim.make_app()))
            for sim in (mullvad, gluetun, echo)
        ]
        monkeypatch.setattr(services_vpn, "MULLVAD_API", mullvad_url)
        entry = await _setup(hass, _gluetun_data(gluetun_url, echo_url))

        response = await _rotate(hass, country="ch")
        assert (response["result"], response["server"]) == ("rotated", "ch-zrh-wg-003")
        # Only active WireGuard relays in Switzerland were timed (Zurich, Geneva).
        ch_wireguard = {
            r["ipv4_addr_in"]
            for r in mullvad.relays
            if (r["country_code"], r["type"], r["active"]) == ("ch", "wireguard", True)
        }
        assert set(timed) == ch_wireguard
        assert gluetun.public_ip_data()["public_ip"] == fastest["ipv4_addr_in"]

        # A garbled list, or a country it does not serve: words, nothing changed.
        mullvad.fail_next(status=200, body="<html>maintenance</html>")
        with pytest.raises(HomeAssistantError) as err:
            await _rotate(hass, country="ch")
        assert err.value.translation_key == "server_list_failed"
        with pytest.raises(ServiceValidationError) as err:
            await _rotate(hass, country="Atlantis")
        assert err.value.translation_key == "rotation_no_listed_servers"
        selection = gluetun.settings["provider"]["server_selection"]["hostnames"]
        assert selection == ["ch-zrh-wg-003"]
        assert await hass.config_entries.async_unload(entry.entry_id)


async def test_listed_countries_are_tried_in_turn(
    hass: HomeAssistant, socket_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Countries: the next one after the current; a leaking exit rolls back."""
    gluetun = GluetunSimulator(
        api_key=GLUETUN_KEY, provider="surfshark", countries=["Switzerland"]
    )
    echo = IpEchoSimulator(ip=gluetun.home_ip)
    monkeypatch.setattr(vpn_rotation, "TUNNEL_POLL", 0.01)
    monkeypatch.setattr(vpn_rotation, "TUNNEL_TIMEOUT", 0.5)
    async with AsyncExitStack() as exit_stack:
        gluetun_url, echo_url = [
            await exit_stack.enter_async_context(serve(sim.make_app()))
            for sim in (gluetun, echo)
        ]
        entry = await _setup(hass, _gluetun_data(gluetun_url, echo_url))

        def countries() -> list[str]:
            return list(gluetun.settings["provider"]["server_selection"]["countries"])

        listed = ["Switzerland", "Germany", "Sweden"]
        response = await _rotate(hass, countries=listed)
        assert (response["result"], response["server"]) == ("rotated", "Germany")
        assert countries() == ["Germany"]
        assert (await _rotate(hass, countries=listed))["server"] == "Sweden"
        assert (await _rotate(hass, countries=listed))["server"] == "Switzerland"

        # Every country exits on the home IP: each is tried, then rolled back.
        gluetun.leak()
        with pytest.raises(HomeAssistantError) as err:
            await _rotate(hass, countries=listed)
        assert err.value.translation_key == "rotation_home_ip_exposed"
        assert countries() == ["Switzerland"]
        puts = [p["provider"]["server_selection"] for p in gluetun.settings_puts[-4:]]
        assert [p.get("countries") for p in puts] == [
            ["Germany"], ["Sweden"], ["Switzerland"], ["Switzerland"],
        ]  # fmt: skip
        assert await hass.config_entries.async_unload(entry.entry_id)


async def test_pia_rotates_by_server_name_among_forwarding_regions(
    hass: HomeAssistant, socket_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PIA with forwarding on: only forwarding regions; the pin is a server name."""
    pia = PiaSimulator()
    gluetun = GluetunSimulator(
        api_key=GLUETUN_KEY,
        servers=pia.exit_ips(),
        provider="private internet access",
        port_forwarding=True,
        forwarded_ports=[47001],
    )
    echo = IpEchoSimulator(ip=gluetun.home_ip)
    fastest = pia.region("swiss")["servers"]["wg"][2]

    async def fake_latency(host: str, _port: int) -> float | None:
        return 9.0 if host == fastest["ip"] else 70.0

    monkeypatch.setattr(vpn_rotation, "measure_latency", fake_latency)
    monkeypatch.setattr(vpn_rotation, "TUNNEL_POLL", 0.01)
    async with AsyncExitStack() as exit_stack:
        pia_url, gluetun_url, echo_url = [
            await exit_stack.enter_async_context(serve(sim.make_app()))
            for sim in (pia, gluetun, echo)
        ]
        monkeypatch.setattr(services_vpn, "PIA_API", pia_url)
        entry = await _setup(hass, _gluetun_data(gluetun_url, echo_url))

        response = await _rotate(hass, country="CH")
        assert (response["result"], response["server"]) == ("rotated", fastest["cn"])
        selection = gluetun.settings["provider"]["server_selection"]
        assert selection["names"] == [fastest["cn"]]
        assert gluetun.public_ip_data()["public_ip"] == fastest["ip"]
        assert response["forwarded_port"] == 47001

        # Florida forwards no port: with forwarding on, none fits.
        with pytest.raises(ServiceValidationError) as err:
            await _rotate(hass, country="US")
        assert err.value.translation_key == "rotation_no_listed_servers"
        pia.fail_next(status=200, body="not json")
        with pytest.raises(HomeAssistantError) as err:
            await _rotate(hass, country="CH")
        assert err.value.translation_key == "server_list_failed"
        assert selection["names"] == [fastest["cn"]]
        assert await hass.config_entries.async_unload(entry.entry_id)
