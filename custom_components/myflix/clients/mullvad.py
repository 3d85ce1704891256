"""Async client for Mullvad's public relay list (``/www/relays/all/``).

No key is needed. The reply is one JSON list of every relay: its hostname
(as gluetun's ``SERVER_HOSTNAMES`` names it, ``ch-zrh-wg-001``), country and
city, whether it is active, its type (``wireguard``, ``openvpn``, ``bridge``)
and its IPv4 address. Mullvad publishes no load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .converters import as_bool, as_str
from .errors import MyflixResponseError
from .public_api import PublicApiClient

DEFAULT_URL = "https://api.mullvad.net"
RELAYS = "/www/relays/all/"


@dataclass(frozen=True, slots=True, kw_only=True)
class MullvadRelay:
    """One relay of the list; unknown keys are ignored, missing ones empty."""

    hostname: str
    country_code: str
    country_name: str
    city_name: str
    address: str
    """``ipv4_addr_in``: where the tunnel connects (and Myflix times a connect)."""
    type: str
    active: bool

    @classmethod
    def from_dict(cls, data: Any) -> MullvadRelay | None:
        """Read a relay; None for an entry that is not one (no hostname or address)."""
        if not isinstance(data, Mapping):
            return None
        hostname, address = (
            as_str(data.get("hostname")),
            as_str(data.get("ipv4_addr_in")),
        )
        if not hostname or not address:
            return None
        return cls(
            hostname=hostname,
            country_code=(as_str(data.get("country_code")) or "").lower(),
            country_name=as_str(data.get("country_name")) or "",
            city_name=as_str(data.get("city_name")) or "",
            address=address,
            type=(as_str(data.get("type")) or "").lower(),
            active=bool(as_bool(data.get("active"))),
        )

    def serves(self, country: str, kind: str) -> bool:
        """Whether the relay is up, of ``kind``, in ``country`` (name or code)."""
        wanted = country.strip().lower()
        return (
            self.active
            and self.type == kind
            and wanted in (self.country_code, self.country_name.lower())
        )


class MullvadClient(PublicApiClient):
    """Reads Mullvad's relay list."""

    APP = "Mullvad"
    DEFAULT_URL = DEFAULT_URL

    async def relays(self) -> list[MullvadRelay]:
        """Every relay the list holds (entries that are not relays are left out)."""
        data = (await self._fetch(RELAYS)).json()
        if not isinstance(data, list):
            raise MyflixResponseError("Mullvad relays: expected a list")
        return [relay for item in data if (relay := MullvadRelay.from_dict(item))]
