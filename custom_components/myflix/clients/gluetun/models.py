"""Typed, tolerant replies of the gluetun control server.

Unknown keys are ignored and optional ones may be missing; only the field a
reply is about (``status``, ``public_ip``) is required. ``VpnSettings`` keeps a
whitelist of non-secret fields: gluetun's ``/v1/vpn/settings`` also carries the
WireGuard private key and the OpenVPN credentials, which are never read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
import ipaddress
from typing import Any

from custom_components.myflix.clients.converters import as_int, as_str
from custom_components.myflix.clients.errors import MyflixResponseError


class TunnelState(StrEnum):
    """gluetun's loop statuses; ``unknown`` stands for any other word."""

    STARTING = "starting"
    RUNNING = "running"
    STOPPING = "stopping"
    STOPPED = "stopped"
    CRASHED = "crashed"
    COMPLETED = "completed"
    UNKNOWN = "unknown"


def _object(data: Any, what: str) -> Mapping[str, Any]:
    """Return ``data`` if it is a JSON object (never echo it: it may hold secrets)."""
    if not isinstance(data, Mapping):
        raise MyflixResponseError(f"{what}: expected an object")
    return data


def _key(data: Mapping[str, Any], name: str) -> Any:
    """Read ``name`` like Go's decoder: exact key first, then any case."""
    if name in data:
        return data[name]
    lowered = name.lower()
    return next((v for k, v in data.items() if k.lower() == lowered), None)


def _text(data: Mapping[str, Any], name: str) -> str | None:
    """Read a non-empty string field, or None."""
    return as_str(_key(data, name)) or None


def _strings(data: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """Read a list of strings (gluetun sends ``null`` for an unset filter)."""
    value = _key(data, name)
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str) and item)


@dataclass(frozen=True, slots=True, kw_only=True)
class VpnStatus:
    """``GET /v1/vpn/status``: the tunnel loop's state, and the word gluetun used."""

    state: TunnelState
    raw: str

    @property
    def running(self) -> bool:
        """True only while gluetun reports ``running``."""
        return self.state is TunnelState.RUNNING

    @classmethod
    def from_dict(cls, data: Any) -> VpnStatus:
        """Build from ``{"status": "running"}``; an unknown word is ``UNKNOWN``."""
        raw = as_str(_key(_object(data, "vpn status"), "status"))
        if raw is None:
            raise MyflixResponseError("vpn status: missing 'status'")
        try:
            state = TunnelState(raw.strip().lower())
        except ValueError:
            state = TunnelState.UNKNOWN
        return cls(state=state, raw=raw)


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicIp:
    """``GET /v1/publicip/ip``: the tunnel's exit IP and where it is.

    ``ip`` is None while the tunnel is down: gluetun then clears the data and
    answers ``{"public_ip": ""}``. Every other field is omitempty upstream.
    """

    ip: str | None
    country: str | None = None
    region: str | None = None
    city: str | None = None
    hostname: str | None = None
    location: str | None = None
    organization: str | None = None
    postal_code: str | None = None
    timezone: str | None = None

    @classmethod
    def from_dict(cls, data: Any) -> PublicIp:
        """Build from the JSON object; a malformed address is a response error."""
        data = _object(data, "public ip")
        value = as_str(_key(data, "public_ip"))
        if value is None:
            raise MyflixResponseError("public ip: missing 'public_ip'")
        ip: str | None = None
        if value.strip():
            try:
                ip = str(ipaddress.ip_address(value.strip()))
            except ValueError as err:
                raise MyflixResponseError(
                    f"public ip: not an IP address: {value[:50]!r}"
                ) from err
        return cls(
            ip=ip,
            **{
                name: _text(data, name)
                for name in (
                    "country",
                    "region",
                    "city",
                    "hostname",
                    "location",
                    "organization",
                    "postal_code",
                    "timezone",
                )
            },
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class VpnSettings:
    """The non-secret part of ``GET /v1/vpn/settings``: provider and server selection.

    Built from a whitelist, so the private key, pre-shared key, OpenVPN user,
    password and keys are never read, stored or shown.
    """

    vpn_type: str | None
    provider: str | None
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    hostnames: tuple[str, ...] = ()
    server_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    port_forwarding: bool | None = None
    """``VPN_PORT_FORWARDING``; None when the reply does not say."""
    port_forwarding_provider: str | None = None
    """``VPN_PORT_FORWARDING_PROVIDER``: whose forwarding code runs (None: the provider's)."""

    @property
    def forwarding_provider(self) -> str | None:
        """The provider whose port forwarding gluetun would use."""
        return self.port_forwarding_provider or self.provider

    @classmethod
    def from_dict(cls, data: Any) -> VpnSettings:
        """Build from ``settings.VPN`` as JSON (Go field names or lower case)."""
        data = _object(data, "vpn settings")
        provider = _object(_key(data, "provider") or {}, "vpn settings provider")
        selection = _object(
            _key(provider, "server_selection") or {}, "vpn settings server selection"
        )
        # Only these two: the block also holds the PIA user name and password.
        forwarding = _object(
            _key(provider, "port_forwarding") or {}, "vpn settings port forwarding"
        )
        enabled = _key(forwarding, "enabled")
        return cls(
            vpn_type=_text(data, "type") or _text(selection, "vpn"),
            provider=_text(provider, "name"),
            countries=_strings(selection, "countries"),
            regions=_strings(selection, "regions"),
            cities=_strings(selection, "cities"),
            hostnames=_strings(selection, "hostnames"),
            server_names=_strings(selection, "names"),
            categories=_strings(selection, "categories"),
            port_forwarding=enabled if isinstance(enabled, bool) else None,
            port_forwarding_provider=_text(forwarding, "provider"),
        )


def forwarded_ports(data: Any) -> tuple[int, ...]:
    """Ports of ``{"port": 5914, "ports": [5914]}`` (legacy: ``port`` only); 0 = none."""
    data = _object(data, "port forward")
    ports, port = _key(data, "ports"), _key(data, "port")
    if ports is None and port is None:
        raise MyflixResponseError("port forward: missing 'port' and 'ports'")
    if not isinstance(ports, list | None) or (
        port is not None and as_int(port) is None
    ):
        raise MyflixResponseError("port forward: 'port' or 'ports' of the wrong type")
    candidates = ports if isinstance(ports, list) and ports else [port]
    return tuple(p for p in map(as_int, candidates) if p is not None and 0 < p < 65536)
