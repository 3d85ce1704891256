"""``PiaSimulator``: the v6 server list, and controls to take a region offline or garble it."""

from __future__ import annotations

import base64
from collections.abc import Mapping
import hashlib
import json
from typing import Any

from aiohttp import web

from simulators.public_api import PublicApiSimulator, Route

# region id, name, country, port forwarding, server numbers
_REGIONS = (
    ("swiss", "Switzerland", "CH", True, (401, 402, 403)),
    ("de-frankfurt", "DE Frankfurt", "DE", True, (401, 402)),
    ("us_florida", "US Florida", "US", False, (401, 402)),
)
_GROUPS = {
    "ikev2": [{"name": "ikev2", "ports": [500, 4500]}],
    "meta": [{"name": "meta", "ports": [443, 8080]}],
    "ovpntcp": [{"name": "openvpn_tcp", "ports": [80, 443, 853, 8443]}],
    "ovpnudp": [{"name": "openvpn_udp", "ports": [8080, 853, 123, 53]}],
    "wg": [{"name": "wireguard", "ports": [1337]}],
}


def _region(
    index: int, spec: tuple[str, str, str, bool, tuple[int, ...]]
) -> dict[str, Any]:
    region_id, name, country, forwards, numbers = spec
    city = region_id.split("-")[-1].split("_")[-1]
    servers: dict[str, list[dict[str, Any]]] = {}
    for offset, protocol in enumerate(("wg", "ovpnudp", "ovpntcp", "ikev2", "meta")):
        servers[protocol] = []
        for number in numbers:
            entry: dict[str, Any] = {
                "ip": f"198.51.100.{index * 40 + offset * 8 + number - 400}",
                "cn": f"{city}{number}",
            }
            if protocol.startswith("ovpn"):
                entry["van"] = True
            servers[protocol].append(entry)
    return {
        "id": region_id,
        "name": name,
        "country": country,
        "auto_region": True,
        "dns": f"{region_id}.privacy.network",
        "port_forward": forwards,
        "geo": False,
        "offline": False,
        "servers": servers,
    }


class PiaSimulator(PublicApiSimulator):
    """A fake of PIA's server list (no auth; JSON line, blank line, signature)."""

    def __init__(self) -> None:
        """Start with every region online."""
        self.regions = [_region(i, spec) for i, spec in enumerate(_REGIONS)]
        super().__init__()

    def routes(self) -> Mapping[str, Route]:
        """Serve the list on its one route."""
        return {"/vpninfo/servers/v6": self._list}

    async def _list(self, _request: web.Request) -> web.Response:
        body = json.dumps({"groups": _GROUPS, "regions": self.regions})
        signature = base64.b64encode(hashlib.sha512(body.encode()).digest()).decode()
        # The real list is served as text, the JSON on its first line.
        return web.Response(text=f"{body}\n\n{signature}", content_type="text/plain")

    # ------------------------------------------------------------ controls

    def region(self, region_id: str) -> dict[str, Any]:
        """Return the region object of ``region_id`` (KeyError if unknown)."""
        for region in self.regions:
            if region["id"] == region_id:
                return region
        raise KeyError(region_id)

    def set_offline(self, region_id: str, offline: bool) -> None:
        """Take a region offline (out of every choice) or back."""
        self.region(region_id)["offline"] = offline

    def exit_ips(self, protocol: str = "wg") -> dict[str, str]:
        """Server name -> address of every server (for ``GluetunSimulator(servers=)``)."""
        return {
            server["cn"]: server["ip"]
            for region in self.regions
            for server in region["servers"][protocol]
        }
