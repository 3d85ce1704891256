"""NordVpnClient against the simulator: filters on the wire, models, insights, errors."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

import aiohttp
import pytest

from custom_components.myflix.clients.errors import (
    MyflixConnectionError,
    MyflixResponseError,
    MyflixServerError,
    MyflixTimeoutError,
)
from custom_components.myflix.clients.nordvpn import (
    IpInsights,
    NordServer,
    NordVpnClient,
    country_id,
)
from simulators.nordvpn import HOME_IP, public_key
from simulators.server import LOOPBACK, free_port

if TYPE_CHECKING:
    from .conftest import Served

SWISS_STATIONS = ipaddress.ip_network("198.51.100.0/24")


def _query(served: Served) -> list[tuple[str, str]]:
    """The decoded query of the last request the simulator got."""
    return parse_qsl(urlsplit(served.sim.requests[-1][1]).query)


async def test_recommendations_query_format(nordvpn: Served) -> None:
    await nordvpn.client.recommendations()
    assert nordvpn.sim.requests[-1][1].startswith("/v1/servers/recommendations?")
    assert _query(nordvpn) == [
        ("filters[country_id]", "209"),
        ("filters[servers_technologies][identifier]", "wireguard_udp"),
        ("limit", "10"),
    ]
    await nordvpn.client.recommendations(81, "openvpn_tcp", limit=3, group="legacy_p2p")
    assert _query(nordvpn) == [
        ("filters[country_id]", "81"),
        ("filters[servers_technologies][identifier]", "openvpn_tcp"),
        ("filters[servers_groups][identifier]", "legacy_p2p"),
        ("limit", "3"),
    ]


async def test_swiss_wireguard_recommendations(nordvpn: Served) -> None:
    servers = await nordvpn.client.recommendations(limit=0)
    assert servers
    loads = [server.load for server in servers]
    assert loads == sorted(loads)
    assert all(5 <= load <= 80 for load in loads)
    for server in servers:
        assert server.hostname.startswith("ch")
        assert server.hostname.endswith(".nordvpn.com")
        assert server.country == "Switzerland"
        assert server.country_id == 209
        assert server.country_code == "CH"
        assert server.city == "Zurich"
        assert ipaddress.ip_address(server.station) in SWISS_STATIONS
        assert "wireguard_udp" in server.technologies
        assert server.wireguard_public_key == public_key(server.hostname)
    # Servers without WireGuard, or with it offline, are filtered out.
    openvpn = await nordvpn.client.recommendations(technology="openvpn_udp", limit=0)
    assert len(openvpn) > len(servers)
    assert any("wireguard_udp" not in s.technologies for s in openvpn)


async def test_limit_and_load_order(nordvpn: Served) -> None:
    nordvpn.sim.set_load("ch201.nordvpn.com", 1)
    best = await nordvpn.client.recommendations(limit=3)
    assert len(best) == 3
    assert best[0].hostname == "ch201.nordvpn.com"
    assert best[0].load == 1


async def test_offline_servers_are_never_recommended(nordvpn: Served) -> None:
    nordvpn.sim.set_load("ch201.nordvpn.com", 1)
    nordvpn.sim.set_online("ch201.nordvpn.com", False)
    servers = await nordvpn.client.recommendations(limit=0)
    assert "ch201.nordvpn.com" not in {s.hostname for s in servers}


async def test_country_and_group_filters(nordvpn: Served) -> None:
    german = await nordvpn.client.recommendations(country_id("Germany") or 0, limit=0)
    assert german
    assert {s.country for s in german} == {"Germany"}
    p2p = await nordvpn.client.recommendations(group="legacy_p2p", limit=0)
    every = await nordvpn.client.recommendations(limit=0)
    assert 0 < len(p2p) < len(every)
    assert all("legacy_p2p" in s.groups for s in p2p)
    assert await nordvpn.client.recommendations(country_id=1) == []


async def test_ip_insights_home_and_protected(nordvpn: Served) -> None:
    home = await nordvpn.client.ip_insights()
    assert home.ip == HOME_IP
    assert not home.protected
    assert home.country_code == "CH"
    assert home.isp_asn == "64500"

    nordvpn.sim.caller_ip = nordvpn.sim.server("ch210.nordvpn.com")["station"]
    nordvpn.sim.isp_asn_as_text = True
    vpn = await nordvpn.client.ip_insights()
    assert vpn.protected
    assert vpn.ip == nordvpn.sim.caller_ip
    assert vpn.city == "Zurich"
    assert vpn.isp_asn == "Example VPN Exit AS64501"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Switzerland", 209),
        ("ch", 209),
        (" CH ", 209),
        (209, 209),
        ("Germany", 81),
        ("AT", 14),
        ("france", 74),
        ("IT", 106),
        ("NL", 153),
        ("uk", 227),
        ("Atlantis", None),
    ],
)
def test_country_id(value: str | int, expected: int | None) -> None:
    assert country_id(value) == expected


def test_server_model_is_tolerant() -> None:
    server = NordServer.from_dict(
        {
            "hostname": "ch999.nordvpn.com",
            "load": "high",
            "locations": [],
            "technologies": [{"identifier": "openvpn_udp"}, "junk"],
            "groups": [{"title": "P2P"}],
        }
    )
    assert server.name == "ch999.nordvpn.com"
    assert server.load == 0
    assert server.country is None
    assert server.technologies == ("openvpn_udp",)
    assert server.groups == ("P2P",)
    assert server.wireguard_public_key is None
    with pytest.raises(MyflixResponseError):
        NordServer.from_dict({"name": "no hostname"})


def test_insights_model() -> None:
    assert IpInsights.from_dict({"ip": "192.0.2.1"}).protected is False
    with pytest.raises(MyflixResponseError):
        IpInsights.from_dict({"protected": True})


@pytest.mark.parametrize("call", ["recommendations", "ip_insights"])
async def test_server_error(nordvpn: Served, call: str) -> None:
    nordvpn.sim.fail_next(status=502)
    with pytest.raises(MyflixServerError):
        await getattr(nordvpn.client, call)()


@pytest.mark.parametrize(
    "body", ["<html>Just a moment...</html>", '{"servers": []}', "[1]"]
)
async def test_garbage(nordvpn: Served, body: str) -> None:
    nordvpn.sim.fail_next(status=200, body=body, path="/recommendations")
    with pytest.raises(MyflixResponseError):
        await nordvpn.client.recommendations()


async def test_timeout(nordvpn: Served, session: aiohttp.ClientSession) -> None:
    client = NordVpnClient(session=session, base_url=nordvpn.url, timeout=0.05)
    nordvpn.sim.fail_next(status=None, delay=0.3)
    with pytest.raises(MyflixTimeoutError):
        await client.ip_insights()


async def test_unreachable(session: aiohttp.ClientSession) -> None:
    client = NordVpnClient(session=session, base_url=f"http://{LOOPBACK}:{free_port()}")
    with pytest.raises(MyflixConnectionError):
        await client.recommendations()
    assert "api.nordvpn.com" in repr(NordVpnClient(session=session))
