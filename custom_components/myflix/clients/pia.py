"""Async client for Private Internet Access's public server list (``/vpninfo/servers/v6``).

No key is needed. The reply is one line of JSON (``groups`` and ``regions``)
followed by a blank line and the list's signature. Each region names its
country, whether it forwards a port (``port_forward``) and whether it is
``offline``, and lists its servers per protocol (``wg``, ``ovpnudp``,
``ovpntcp``...), each an address and a common name (``cn``, ``zurich401``,
which gluetun's ``SERVER_NAMES`` takes). PIA publishes no load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import json
from typing import Any

from .converters import as_bool, as_str
from .errors import MyflixResponseError
from .public_api import PublicApiClient

DEFAULT_URL = "https://serverlist.piaservers.net"
SERVER_LIST = "/vpninfo/servers/v6"


@dataclass(frozen=True, slots=True, kw_only=True)
class PiaServer:
    """One server of a region for one protocol."""

    name: str
    """The common name (``cn``): gluetun's server name."""
    address: str
    region: str
    country: str
    port_forward: bool

    def serves(self, country: str) -> bool:
        """Whether the server is in ``country`` (ISO code or region name)."""
        wanted = country.strip().lower()
        return wanted in (self.country.lower(), self.region.lower())


def _regions(text: str) -> list[Mapping[str, Any]]:
    """Read the regions: the first line is the JSON, the rest the signature."""
    try:
        data = json.loads(text.split("\n", 1)[0])
    except ValueError as err:
        raise MyflixResponseError("PIA server list: not JSON") from err
    regions = data.get("regions") if isinstance(data, Mapping) else None
    if not isinstance(regions, list):
        raise MyflixResponseError("PIA server list: no regions")
    return [region for region in regions if isinstance(region, Mapping)]


def servers_of(text: str, protocol: str) -> list[PiaServer]:
    """Every server of ``protocol`` in the regions that are not offline."""
    found: list[PiaServer] = []
    for region in _regions(text):
        if as_bool(region.get("offline")):
            continue
        servers = region.get("servers")
        entries = servers.get(protocol) if isinstance(servers, Mapping) else None
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, Mapping):
                continue
            name, address = as_str(entry.get("cn")), as_str(entry.get("ip"))
            if name and address:
                found.append(
                    PiaServer(
                        name=name,
                        address=address,
                        region=as_str(region.get("name")) or "",
                        country=as_str(region.get("country")) or "",
                        port_forward=bool(as_bool(region.get("port_forward"))),
                    )
                )
    return found


class PiaClient(PublicApiClient):
    """Reads PIA's server list."""

    APP = "PIA"
    DEFAULT_URL = DEFAULT_URL

    async def servers(self, protocol: str) -> list[PiaServer]:
        """Return the servers of ``protocol`` (``wg``, ``ovpnudp``, ``ovpntcp``) online now."""
        return servers_of((await self._fetch(SERVER_LIST)).text, protocol)
