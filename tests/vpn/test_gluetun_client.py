"""GluetunClient against the simulator: every method, both auth styles, the PF fallback."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from custom_components.myflix.clients.errors import (
    MyflixAuthenticationError,
    MyflixValidationError,
)
from custom_components.myflix.clients.gluetun import TunnelState
from simulators.gluetun import HOME_IP, VPN_IP, Role
from simulators.nordvpn import NordVpnSimulator

from .conftest import GLUETUN_KEY, Served

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    ServeGluetun = Callable[..., Awaitable[Served]]


async def test_status_follows_the_tunnel(gluetun: Served) -> None:
    status = await gluetun.client.vpn_status()
    assert status.state is TunnelState.RUNNING
    assert status.running
    assert status.raw == "running"

    gluetun.sim.crash()
    status = await gluetun.client.vpn_status()
    assert status.state is TunnelState.CRASHED
    assert not status.running

    gluetun.sim.set_status("reticulating")
    status = await gluetun.client.vpn_status()
    assert status.state is TunnelState.UNKNOWN
    assert status.raw == "reticulating"


async def test_set_vpn_status_stops_and_starts(gluetun: Served) -> None:
    assert await gluetun.client.set_vpn_status(False) == "stopped"
    assert gluetun.sim.status == "stopped"
    assert await gluetun.client.set_vpn_status(False) == "already stopped"
    assert await gluetun.client.set_vpn_status(True) == "running"
    assert (await gluetun.client.vpn_status()).running
    assert await gluetun.client.set_vpn_status(True) == "already running"


async def test_public_ip_vpn_leak_and_down(gluetun: Served) -> None:
    ip = await gluetun.client.public_ip()
    assert ip.ip == VPN_IP
    assert ip.country == "Switzerland"
    assert ip.city == "Zurich"
    assert ip.organization
    assert ip.timezone == "Europe/Zurich"

    gluetun.sim.leak()
    leaked = await gluetun.client.public_ip()
    assert leaked.ip == HOME_IP
    assert (await gluetun.client.vpn_status()).running  # gluetun cannot tell

    gluetun.sim.restore()
    assert (await gluetun.client.public_ip()).ip == VPN_IP

    gluetun.sim.crash()
    down = await gluetun.client.public_ip()
    assert down.ip is None
    assert down.country is None


async def test_public_ip_is_empty_until_looked_up_after_a_restart(
    serve_gluetun: ServeGluetun,
) -> None:
    served = await serve_gluetun(api_key=GLUETUN_KEY, ip_lag=2)
    await served.client.set_vpn_status(False)
    await served.client.set_vpn_status(True)
    assert (await served.client.public_ip()).ip is None
    assert (await served.client.public_ip()).ip is None
    assert (await served.client.public_ip()).ip == VPN_IP


async def test_port_forwarded(gluetun: Served) -> None:
    # NordVPN forwards no port: gluetun answers {"port":0,"ports":null}.
    assert await gluetun.client.port_forwarded() is None
    assert await gluetun.client.forwarded_ports() == ()

    gluetun.sim.set_forwarded_ports([5914, 5915])
    assert await gluetun.client.port_forwarded() is None  # still NordVPN
    gluetun.sim.enable_port_forwarding("protonvpn")
    assert await gluetun.client.port_forwarded() == 5914
    assert await gluetun.client.forwarded_ports() == (5914, 5915)

    gluetun.sim.crash()  # the clean-up stops port forwarding
    assert await gluetun.client.port_forwarded() is None
    gluetun.sim.start_tunnel()  # and the provider hands the ports out again
    assert await gluetun.client.forwarded_ports() == (5914, 5915)


async def test_forwarding_is_refused_for_a_provider_that_cannot(
    gluetun: Served,
) -> None:
    """gluetun refuses VPN_PORT_FORWARDING for NordVPN: the settings stay."""
    change = {"provider": {"port_forwarding": {"enabled": True}}}
    with pytest.raises(MyflixValidationError) as err:
        await gluetun.client._send("PUT", "/v1/vpn/settings", change)
    assert "port forwarding cannot be enabled" in str(err.value)
    assert (await gluetun.client.settings()).port_forwarding is False


async def test_legacy_route_answers_through_the_redirect(gluetun: Served) -> None:
    gluetun.sim.enable_port_forwarding()
    gluetun.sim.set_forwarded_ports([40000])
    assert await gluetun.client._get("/v1/openvpn/portforwarded") == {
        "port": 40000,
        "ports": [40000],
    }


async def test_port_forwarded_falls_back_on_pre_3_40(
    serve_gluetun: ServeGluetun,
) -> None:
    served = await serve_gluetun(
        api_key=GLUETUN_KEY,
        legacy=True,
        provider="private internet access",
        port_forwarding=True,
        forwarded_ports=[51413],
    )
    assert await served.client.port_forwarded() == 51413
    assert served.sim.requests == [
        ("GET", "/v1/portforward"),
        ("GET", "/v1/openvpn/portforwarded"),
    ]


async def test_port_forwarded_falls_back_on_the_old_routers_400(
    gluetun: Served,
) -> None:
    gluetun.sim.enable_port_forwarding()
    gluetun.sim.set_forwarded_ports([6881])
    gluetun.sim.fail_next(
        status=400, body="GET /portforward not found\n", path="/v1/portforward"
    )
    assert await gluetun.client.port_forwarded() == 6881


async def test_port_forwarded_does_not_mask_other_400s(gluetun: Served) -> None:
    gluetun.sim.fail_next(status=400, body="bad request\n", path="/v1/portforward")
    with pytest.raises(MyflixValidationError):
        await gluetun.client.port_forwarded()


async def test_settings_read_only_the_selection(gluetun: Served) -> None:
    settings = await gluetun.client.settings()
    assert settings.vpn_type == "wireguard"
    assert settings.provider == "nordvpn"
    assert settings.countries == ("Switzerland",)
    assert settings.hostnames == ()
    assert settings.cities == ()


async def test_update_settings_sends_only_the_changed_selection(
    gluetun: Served,
) -> None:
    outcome = await gluetun.client.update_settings(
        {"countries": ["Germany"], "cities": []}
    )
    assert outcome == "running"
    assert gluetun.sim.settings_puts == [
        {"provider": {"server_selection": {"countries": ["Germany"], "cities": []}}}
    ]
    assert gluetun.sim.restarts == 1
    settings = await gluetun.client.settings()
    assert settings.countries == ("Germany",)
    # The merge kept everything not sent, the private key included.
    assert gluetun.sim.settings["wireguard"]["private_key"] == gluetun.sim.private_key


async def test_update_settings_unchanged(gluetun: Served) -> None:
    outcome = await gluetun.client.update_settings({"countries": "Switzerland"})
    assert outcome == "settings left unchanged"
    assert gluetun.sim.restarts == 0


async def test_update_settings_vpn_type_goes_to_both_places(gluetun: Served) -> None:
    assert await gluetun.client.update_settings({"vpn_type": "openvpn"}) == "running"
    assert gluetun.sim.settings_puts[-1] == {
        "type": "openvpn",
        "provider": {"server_selection": {"vpn": "openvpn"}},
    }
    assert (await gluetun.client.settings()).vpn_type == "openvpn"


async def test_update_settings_rejected_country(gluetun: Served) -> None:
    with pytest.raises(MyflixValidationError, match="country specified is not valid"):
        await gluetun.client.update_settings({"countries": ["Atlantis"]})
    assert gluetun.sim.restarts == 0


async def test_update_settings_by_hostname_moves_the_exit_ip(
    serve_gluetun: ServeGluetun,
) -> None:
    nord = NordVpnSimulator()
    served = await serve_gluetun(api_key=GLUETUN_KEY, servers=nord.exit_ips())
    station = nord.server("ch203.nordvpn.com")["station"]
    await served.client.update_settings({"hostnames": ["ch203.nordvpn.com"]})
    assert (await served.client.public_ip()).ip == station
    assert (await served.client.settings()).hostnames == ("ch203.nordvpn.com",)
    with pytest.raises(MyflixValidationError, match="hostname"):
        await served.client.update_settings({"hostnames": ["xx1.nordvpn.com"]})


async def test_version(gluetun: Served) -> None:
    assert await gluetun.client.version() == "v3.40.0"


async def test_api_key_travels_in_the_header_only(gluetun: Served) -> None:
    await gluetun.client.vpn_status()
    assert gluetun.sim.requests == [("GET", "/v1/vpn/status")]


async def test_basic_auth(serve_gluetun: ServeGluetun) -> None:
    served = await serve_gluetun(
        {"api_key": None, "username": "myflix", "password": "pa55word"},
        username="myflix",
        password="pa55word",
    )
    assert (await served.client.vpn_status()).running
    assert "pa55word" not in repr(served.client)


async def test_wrong_credentials_are_an_auth_error(
    serve_gluetun: ServeGluetun,
) -> None:
    served = await serve_gluetun({"api_key": "wrong-key"}, api_key=GLUETUN_KEY)
    with pytest.raises(MyflixAuthenticationError) as err:
        await served.client.vpn_status()
    assert "wrong-key" not in str(err.value)
    basic = await serve_gluetun(
        {"api_key": None, "username": "u", "password": "bad-pass"},
        username="u",
        password="good-pass",
    )
    with pytest.raises(MyflixAuthenticationError):
        await basic.client.public_ip()


async def test_no_credentials_on_a_private_server(serve_gluetun: ServeGluetun) -> None:
    served = await serve_gluetun({"api_key": None}, api_key=GLUETUN_KEY)
    with pytest.raises(MyflixAuthenticationError, match="no credentials"):
        await served.client.vpn_status()


async def test_roles_cover_only_their_routes(serve_gluetun: ServeGluetun) -> None:
    # A config.toml like the wiki's: Myflix may watch and steer, qBit reads PF.
    myflix = Role(
        "myflix",
        auth="apikey",
        apikey=GLUETUN_KEY,
        routes=frozenset(
            {"GET /v1/publicip/ip", "GET /v1/vpn/status", "PUT /v1/vpn/status"}
        ),
    )
    qbit = Role(
        "qbittorrent",
        auth="basic",
        username="qbit",
        password="qbit-pass",
        routes=frozenset({"GET /v1/portforward"}),
    )
    served = await serve_gluetun(roles=[myflix, qbit])
    assert (await served.client.vpn_status()).running
    assert (await served.client.public_ip()).ip == VPN_IP
    with pytest.raises(MyflixAuthenticationError):
        await served.client.settings()
    with pytest.raises(MyflixAuthenticationError):
        await served.client.port_forwarded()
