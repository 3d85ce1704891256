"""``NordVpnSimulator``: recommendations, server list, countries and IP insights."""

from __future__ import annotations

from collections.abc import Callable, Mapping
import json
from typing import Any

from aiohttp import web

from simulators.public_api import PublicApiSimulator, Route

from .catalog import build_servers, countries

HOME_IP = "192.0.2.10"
HOME_INSIGHTS = {
    "country": "Switzerland",
    "country_code": "CH",
    "city": "Bern",
    "state_code": "BE",
    "zip_code": "3000",
    "latitude": 46.9481,
    "longitude": 7.4474,
    "isp": "Example Home Broadband",
    "isp_asn": 64500,
}


def _first(server: dict[str, Any]) -> dict[str, Any]:
    """Return the country object of the server's first location."""
    country: dict[str, Any] = server["locations"][0]["country"]
    return country


def _has_technology(server: dict[str, Any], identifier: str) -> bool:
    return any(
        tech["identifier"] == identifier and tech["pivot"]["status"] == "online"
        for tech in server["technologies"]
    )


def _matches(server: dict[str, Any], query: dict[str, str]) -> bool:
    """Apply the filters the API knows; it silently ignores any other."""
    country = _first(server)
    checks: dict[str, Callable[[str], bool]] = {
        "filters[country_id]": lambda v: str(country["id"]) == v,
        "filters[country_city_id]": lambda v: str(country["city"]["id"]) == v,
        "filters[servers_technologies][identifier]": lambda v: _has_technology(
            server, v
        ),
        "filters[servers_groups][identifier]": lambda v: any(
            g["identifier"] == v for g in server["groups"]
        ),
    }
    return all(check(query[key]) for key, check in checks.items() if key in query)


class NordVpnSimulator(PublicApiSimulator):
    """A stateful fake of ``api.nordvpn.com`` (no auth, JSON arrays, bracketed filters).

    Recommendations are the online servers matching the filters, lowest load
    first, ``limit`` of them (``default_limit`` when absent, all for 0).
    Insights describe ``caller_ip``: protected when it is a server's station.
    """

    ERROR_BODY = json.dumps({"errors": {"message": "Server Error"}})

    def __init__(
        self,
        *,
        caller_ip: str = HOME_IP,
        seed: int = 209,
        default_limit: int = 10,
        isp_asn_as_text: bool = False,
    ) -> None:
        """Build the fake server list; the caller starts at home (unprotected)."""
        self.servers = build_servers(seed)
        self.caller_ip = caller_ip
        self.default_limit = default_limit
        self.isp_asn_as_text = isp_asn_as_text
        super().__init__()

    def routes(self) -> Mapping[str, Route]:
        """Serve the recommendations, the server list, countries and insights."""
        return {
            "/v1/servers/recommendations": self._recommendations,
            "/v1/servers/countries": self._countries,
            "/v1/servers": self._servers,
            "/v1/helpers/ips/insights": self._insights,
        }

    # ------------------------------------------------------------ routes

    def _select(self, query: dict[str, str], *, by_load: bool) -> list[dict[str, Any]]:
        found = [s for s in self.servers if s["status"] == "online" or not by_load]
        found = [s for s in found if _matches(s, query)]
        if by_load:
            found.sort(key=lambda s: (s["load"], s["id"]))
        try:
            limit = int(query.get("limit", self.default_limit))
        except ValueError:
            limit = self.default_limit
        return found[:limit] if limit > 0 else found

    async def _recommendations(self, request: web.Request) -> web.Response:
        return web.json_response(self._select(dict(request.query), by_load=True))

    async def _servers(self, request: web.Request) -> web.Response:
        return web.json_response(self._select(dict(request.query), by_load=False))

    async def _countries(self, _request: web.Request) -> web.Response:
        return web.json_response(countries())

    async def _insights(self, _request: web.Request) -> web.Response:
        return web.json_response(self.insights())

    # ------------------------------------------------------------ state and controls

    def server(self, hostname: str) -> dict[str, Any]:
        """Return the server object of ``hostname`` (KeyError if unknown)."""
        for server in self.servers:
            if server["hostname"] == hostname:
                return server
        raise KeyError(hostname)

    def exit_ips(self) -> dict[str, str]:
        """Hostname -> station IP of every server (for ``GluetunSimulator(servers=)``)."""
        return {s["hostname"]: s["station"] for s in self.servers}

    def set_load(self, hostname: str, load: int) -> None:
        """Change a server's load (percent)."""
        self.server(hostname)["load"] = load

    def set_online(self, hostname: str, online: bool) -> None:
        """Take a server offline (out of every recommendation) or back."""
        self.server(hostname)["status"] = "online" if online else "offline"

    def insights(self) -> dict[str, Any]:
        """Describe ``caller_ip`` as ``/v1/helpers/ips/insights`` would now."""
        vpn = next((s for s in self.servers if s["station"] == self.caller_ip), None)
        if vpn is None:
            data: dict[str, Any] = {
                "ip": self.caller_ip,
                "protected": False,
                **HOME_INSIGHTS,
            }
        else:
            country = _first(vpn)
            data = {
                "ip": self.caller_ip,
                "country": country["name"],
                "country_code": country["code"],
                "city": country["city"]["name"],
                "state_code": "",
                "zip_code": "",
                "latitude": country["city"]["latitude"],
                "longitude": country["city"]["longitude"],
                "isp": "Example VPN Exit",
                "isp_asn": 64501,
                "protected": True,
            }
        if self.isp_asn_as_text:
            data["isp_asn"] = f"{data['isp']} AS{data['isp_asn']}"
        return data
