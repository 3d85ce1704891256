"""A deterministic NordVPN server list in the v1 API's shape (§3 server object).

Switzerland (country 209, Zurich) has 30 servers ``ch200``..``ch229``; the
neighbours Germany, Austria, France and Italy five each. Loads are 5-80 %.
Every server offers OpenVPN UDP/TCP; a few lack WireGuard or have it offline,
and a few are not in the P2P group, so filters have something to remove.
Station IPs come from the documentation ranges (RFC 5737), never real ones;
the technology and group ids follow public fixtures, the city ids are made up.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
import hashlib
import random
from typing import Any

STAMP = "2025-01-01 00:00:00"
TECHNOLOGIES = {
    "openvpn_udp": (3, "OpenVPN UDP"),
    "openvpn_tcp": (5, "OpenVPN TCP"),
    "wireguard_udp": (35, "Wireguard"),
}
GROUPS = {
    "legacy_standard": (11, "Standard VPN servers", "legacy_group_category"),
    "legacy_p2p": (15, "P2P", "legacy_group_category"),
    "europe": (19, "Europe", "regions"),
}
GROUP_TYPES = {
    "legacy_group_category": (3, "Legacy category"),
    "regions": (5, "Regions"),
}


@dataclass(frozen=True, slots=True)
class Site:
    """A country and the one city its fake servers are in."""

    country_id: int
    country: str
    code: str
    city_id: int
    city: str
    latitude: float
    longitude: float
    first: int  # first server number (ch200)
    count: int
    network: str  # station IPs: network + "." + host


SITES = (
    Site(
        209, "Switzerland", "CH", 9001, "Zurich", 47.3667, 8.55, 200, 30, "198.51.100"
    ),
    Site(81, "Germany", "DE", 9002, "Frankfurt", 50.1167, 8.6833, 1000, 5, "203.0.113"),
    Site(14, "Austria", "AT", 9003, "Vienna", 48.2, 16.3667, 80, 5, "203.0.113"),
    Site(74, "France", "FR", 9004, "Paris", 48.8667, 2.3333, 900, 5, "203.0.113"),
    Site(106, "Italy", "IT", 9005, "Milan", 45.4667, 9.2, 200, 5, "203.0.113"),
)


def public_key(hostname: str) -> str:
    """Derive a stable fake WireGuard public key (base64 of 32 bytes) for ``hostname``."""
    return base64.b64encode(hashlib.sha256(hostname.encode()).digest()).decode()


def _city(site: Site) -> dict[str, Any]:
    return {
        "id": site.city_id,
        "name": site.city,
        "latitude": site.latitude,
        "longitude": site.longitude,
        "dns_name": site.city.lower(),
        "hub_score": 0,
    }


def _technology(
    identifier: str, server_id: int, online: bool, hostname: str
) -> dict[str, Any]:
    tech_id, name = TECHNOLOGIES[identifier]
    metadata = (
        [{"name": "public_key", "value": public_key(hostname)}]
        if identifier == "wireguard_udp"
        else []
    )
    return {
        "id": tech_id,
        "name": name,
        "identifier": identifier,
        "created_at": STAMP,
        "updated_at": STAMP,
        "metadata": metadata,
        "pivot": {
            "technology_id": tech_id,
            "server_id": server_id,
            "status": "online" if online else "offline",
        },
    }


def _group(identifier: str) -> dict[str, Any]:
    group_id, title, kind = GROUPS[identifier]
    type_id, type_title = GROUP_TYPES[kind]
    return {
        "id": group_id,
        "created_at": STAMP,
        "updated_at": STAMP,
        "title": title,
        "identifier": identifier,
        "type": {
            "id": type_id,
            "created_at": STAMP,
            "updated_at": STAMP,
            "title": type_title,
            "identifier": kind,
        },
    }


def _server(
    site: Site, index: int, server_id: int, host: int, load: int
) -> dict[str, Any]:
    number = site.first + index
    hostname = f"{site.code.lower()}{number}.nordvpn.com"
    station = f"{site.network}.{host}"
    technologies = [
        _technology("openvpn_udp", server_id, True, hostname),
        _technology("openvpn_tcp", server_id, True, hostname),
    ]
    if index % 7 != 6:  # every 7th server has no WireGuard at all
        online = index % 11 != 10  # and every 11th has it offline
        technologies.append(_technology("wireguard_udp", server_id, online, hostname))
    groups = ["legacy_standard", "europe"]
    if index % 5 != 4:
        groups.insert(1, "legacy_p2p")
    return {
        "id": server_id,
        "created_at": STAMP,
        "updated_at": STAMP,
        "name": f"{site.country} #{number}",
        "station": station,
        "ipv6_station": "",
        "hostname": hostname,
        "load": load,
        "status": "online",
        "locations": [
            {
                "id": site.city_id,
                "created_at": STAMP,
                "updated_at": STAMP,
                "latitude": site.latitude,
                "longitude": site.longitude,
                "country": {
                    "id": site.country_id,
                    "name": site.country,
                    "code": site.code,
                    "city": _city(site),
                },
            }
        ],
        "services": [
            {
                "id": 1,
                "name": "VPN",
                "identifier": "vpn",
                "created_at": STAMP,
                "updated_at": STAMP,
            }
        ],
        "technologies": technologies,
        "groups": [_group(g) for g in groups],
        "specifications": [
            {
                "id": 8,
                "title": "Version",
                "identifier": "version",
                "values": [{"id": 257, "value": "2.1.0"}],
            }
        ],
        "ips": [
            {
                "id": server_id,
                "created_at": STAMP,
                "updated_at": STAMP,
                "server_id": server_id,
                "ip_id": server_id,
                "type": "entry",
                "ip": {"id": server_id, "ip": station, "version": 4},
            }
        ],
    }


def build_servers(seed: int = 209) -> list[dict[str, Any]]:
    """Every fake server, loads drawn from ``seed`` (same seed, same list)."""
    rng = random.Random(seed)
    servers: list[dict[str, Any]] = []
    hosts = {"198.51.100": 10, "203.0.113": 10}
    for site in SITES:
        for index in range(site.count):
            host = hosts[site.network]
            hosts[site.network] += 1
            server_id = 900000 + len(servers)
            servers.append(_server(site, index, server_id, host, rng.randint(5, 80)))
    return servers


def countries() -> list[dict[str, Any]]:
    """``/v1/servers/countries``: each country with its city."""
    return [
        {
            "id": site.country_id,
            "name": site.country,
            "code": site.code,
            "cities": [_city(site)],
        }
        for site in SITES
    ]
