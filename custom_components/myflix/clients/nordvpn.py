"""Async client for NordVPN's public API: server recommendations and IP insights.

No key is needed. Filters are bracketed query parameters
(``filters[country_id]=209``); the API silently ignores filters it does not
know, so only the documented ones are sent. Recommendations come lowest load
first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .converters import as_bool, as_int, as_str
from .errors import MyflixResponseError
from .public_api import PublicApiClient

DEFAULT_URL = "https://api.nordvpn.com"
SWITZERLAND = 209
TECHNOLOGIES = (
    "openvpn_udp",
    "openvpn_tcp",
    "openvpn_dedicated_udp",
    "openvpn_dedicated_tcp",
    "wireguard_udp",
)


@dataclass(frozen=True, slots=True)
class NordCountry:
    """A NordVPN country: its API id, English name and ISO code."""

    id: int
    name: str
    code: str


# Switzerland and the countries a Swiss user would fall back to. CH, DE, NL,
# SE, GB and US are confirmed by several public sources; AT, FR and IT come
# from one public third-party id table.
COUNTRIES: tuple[NordCountry, ...] = (
    NordCountry(209, "Switzerland", "CH"),
    NordCountry(81, "Germany", "DE"),
    NordCountry(14, "Austria", "AT"),
    NordCountry(74, "France", "FR"),
    NordCountry(106, "Italy", "IT"),
    NordCountry(153, "Netherlands", "NL"),
    NordCountry(208, "Sweden", "SE"),
    NordCountry(227, "United Kingdom", "GB"),
    NordCountry(228, "United States", "US"),
)
_BY_KEY: Mapping[str, NordCountry] = {
    key: country
    for country in COUNTRIES
    for key in (country.name.lower(), country.code.lower(), str(country.id))
} | {"uk": COUNTRIES[7], "usa": COUNTRIES[8]}


def country_id(value: str | int) -> int | None:
    """Return NordVPN's id for a country name, ISO code or id (``"CH"`` -> 209); None if unknown."""
    country = _BY_KEY.get(str(value).strip().lower())
    return country.id if country else None


def _object(data: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise MyflixResponseError(f"NordVPN {what}: expected an object")
    return data


def _required(data: Mapping[str, Any], key: str, what: str) -> str:
    """Read the string a reply is about; a response error when it is missing."""
    value = as_str(data.get(key))
    if not value:
        raise MyflixResponseError(f"NordVPN {what}: missing {key!r}")
    return value


def _objects(items: Any) -> list[Mapping[str, Any]]:
    """Keep the objects of a JSON list (nothing for anything else)."""
    return (
        [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []
    )


def _label(item: Mapping[str, Any]) -> str | None:
    """Name a technology or group: its ``identifier``, else its ``title``."""
    return as_str(item.get("identifier")) or as_str(item.get("title")) or None


def _online(tech: Mapping[str, Any]) -> bool:
    """Whether a server's technology is up (``pivot.status``; absent = online)."""
    pivot = tech.get("pivot")
    return not isinstance(pivot, Mapping) or pivot.get("status", "online") == "online"


def _public_key(technologies: list[Mapping[str, Any]]) -> str | None:
    """Find the WireGuard peer key: ``wireguard_udp`` metadata ``public_key``."""
    for tech in technologies:
        if tech.get("identifier") == "wireguard_udp":
            for meta in _objects(tech.get("metadata")):
                if meta.get("name") == "public_key":
                    return as_str(meta.get("value"))
    return None


def _country(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Find the ``country`` object of the server's first location."""
    locations = _objects(data.get("locations"))
    country = locations[0].get("country") if locations else None
    return country if isinstance(country, Mapping) else {}


@dataclass(frozen=True, slots=True, kw_only=True)
class NordServer:
    """One server of ``/v1/servers/recommendations``."""

    hostname: str
    name: str
    station: str
    load: int
    country: str | None
    country_id: int | None
    country_code: str | None
    city: str | None
    technologies: tuple[str, ...]
    """Identifiers of the technologies online on it (``wireguard_udp``...)."""
    groups: tuple[str, ...]
    """Group identifiers (``legacy_p2p``...), the title where there is none."""
    wireguard_public_key: str | None = None
    status: str = "online"

    @classmethod
    def from_dict(cls, data: Any) -> NordServer:
        """Build from a v1 server object; only ``hostname`` is required."""
        data = _object(data, "server")
        hostname = _required(data, "hostname", "server")
        country = _country(data)
        city = country.get("city")
        technologies = [t for t in _objects(data.get("technologies")) if _online(t)]
        return cls(
            hostname=hostname,
            name=as_str(data.get("name")) or hostname,
            station=as_str(data.get("station")) or "",
            load=as_int(data.get("load")) or 0,
            country=as_str(country.get("name")),
            country_id=as_int(country.get("id")),
            country_code=as_str(country.get("code")),
            city=as_str(city.get("name")) if isinstance(city, Mapping) else None,
            technologies=tuple(filter(None, map(_label, technologies))),
            groups=tuple(filter(None, map(_label, _objects(data.get("groups"))))),
            wireguard_public_key=_public_key(technologies),
            status=as_str(data.get("status")) or "online",
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class IpInsights:
    """``/v1/helpers/ips/insights``: the caller's public IP, and whether NordVPN carries it."""

    ip: str
    protected: bool
    country: str | None = None
    country_code: str | None = None
    city: str | None = None
    isp: str | None = None
    isp_asn: str | None = None
    """An integer in one source and a name in another: kept as text."""

    @classmethod
    def from_dict(cls, data: Any) -> IpInsights:
        """Build from the JSON object; ``ip`` is required, ``protected`` defaults False."""
        data = _object(data, "insights")
        asn = data.get("isp_asn")
        return cls(
            ip=_required(data, "ip", "insights"),
            protected=as_bool(data.get("protected")) or False,
            country=as_str(data.get("country")),
            country_code=as_str(data.get("country_code")),
            city=as_str(data.get("city")),
            isp=as_str(data.get("isp")),
            isp_asn=str(asn) if isinstance(asn, int | str) and asn != "" else None,
        )


class NordVpnClient(PublicApiClient):
    """Typed calls to NordVPN's public (unauthenticated) API."""

    APP = "NordVPN"
    DEFAULT_URL = DEFAULT_URL

    async def _get(self, path: str, params: list[tuple[str, str]] | None = None) -> Any:
        return (await self._fetch(path, params)).json()

    async def recommendations(
        self,
        country_id: int = SWITZERLAND,
        technology: str = "wireguard_udp",
        limit: int = 10,
        group: str | None = None,
    ) -> list[NordServer]:
        """Recommended servers of a country with a technology, lowest load first.

        ``group`` is a group identifier such as ``legacy_p2p``.
        """
        params = [
            ("filters[country_id]", str(country_id)),
            ("filters[servers_technologies][identifier]", technology),
        ]
        if group:
            params.append(("filters[servers_groups][identifier]", group))
        params.append(("limit", str(limit)))
        data = await self._get("/v1/servers/recommendations", params)
        if not isinstance(data, list):
            raise MyflixResponseError("NordVPN recommendations: expected a list")
        return [NordServer.from_dict(item) for item in data]

    async def ip_insights(self) -> IpInsights:
        """Ask what NordVPN sees of the caller: its public IP and ``protected``."""
        return IpInsights.from_dict(await self._get("/v1/helpers/ips/insights"))
