"""``MullvadSimulator``: the relay list, and controls to take relays down or garble it."""

from __future__ import annotations

from collections.abc import Mapping
import hashlib
import json
from typing import Any

from aiohttp import web

from simulators.public_api import PublicApiSimulator, Route

# country code, country, city code, city, WireGuard relays, OpenVPN relays
_SITES = (
    ("ch", "Switzerland", "zrh", "Zurich", 4, 1),
    ("ch", "Switzerland", "gva", "Geneva", 2, 0),
    ("de", "Germany", "fra", "Frankfurt", 3, 1),
    ("se", "Sweden", "got", "Gothenburg", 2, 1),
)


def _relay(
    site: tuple[str, str, str, str, int, int], kind: str, number: int, address: str
) -> dict[str, Any]:
    code, country, city_code, city, _wg, _ovpn = site
    short = {"wireguard": "wg", "openvpn": "ovpn", "bridge": "br"}[kind]
    hostname = f"{code}-{city_code}-{short}-{number:03d}"
    relay: dict[str, Any] = {
        "hostname": hostname,
        "country_code": code,
        "country_name": country,
        "city_code": city_code,
        "city_name": city,
        "fqdn": f"{hostname}.relays.mullvad.net",
        "active": True,
        "owned": number % 2 == 1,
        "provider": "31173" if number % 2 else "M247",
        "ipv4_addr_in": address,
        "ipv6_addr_in": None,
        "network_port_speed": 10,
        "stboot": True,
        "type": kind,
        "status_messages": [],
    }
    if kind == "wireguard":
        digest = hashlib.sha256(hostname.encode()).hexdigest()[:43]
        relay |= {
            "pubkey": f"{digest}=",
            "multihop_port": 3000 + number,
            "socks_name": f"{hostname}.relays.mullvad.net",
            "socks_port": 1080,
            "daita": number == 1,
        }
    return relay


def build_relays() -> list[dict[str, Any]]:
    """Build the list: each site's WireGuard and OpenVPN relays, and one bridge."""
    relays: list[dict[str, Any]] = []
    for site in _SITES:
        _code, _country, _city_code, _city, wireguard, openvpn = site
        for kind, count in (("wireguard", wireguard), ("openvpn", openvpn)):
            for number in range(1, count + 1):
                address = f"203.0.113.{len(relays) + 10}"
                relays.append(_relay(site, kind, number, address))
    relays.append(_relay(_SITES[0], "bridge", 1, "203.0.113.250"))
    return relays


class MullvadSimulator(PublicApiSimulator):
    """A fake of ``api.mullvad.net``'s relay list (no auth, one JSON list)."""

    def __init__(self) -> None:
        """Start with every relay active."""
        self.relays = build_relays()
        super().__init__()

    def routes(self) -> Mapping[str, Route]:
        """Serve the list on its one route."""
        return {"/www/relays/all/": self._relays}

    async def _relays(self, _request: web.Request) -> web.Response:
        return web.Response(
            text=json.dumps(self.relays), content_type="application/json"
        )

    # ------------------------------------------------------------ controls

    def relay(self, hostname: str) -> dict[str, Any]:
        """Return the relay object of ``hostname`` (KeyError if unknown)."""
        for relay in self.relays:
            if relay["hostname"] == hostname:
                return relay
        raise KeyError(hostname)

    def set_active(self, hostname: str, active: bool) -> None:
        """Take a relay down (``active: false``) or back."""
        self.relay(hostname)["active"] = active

    def exit_ips(self) -> dict[str, str]:
        """Hostname -> address of every relay (for ``GluetunSimulator(servers=)``)."""
        return {r["hostname"]: r["ipv4_addr_in"] for r in self.relays}
