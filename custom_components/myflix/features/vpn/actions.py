"""VPN actions: halt downloads by hand, release them, check the VPN now, rotate the server."""

from __future__ import annotations

from collections.abc import Awaitable
import os
from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import homeassistant.helpers.config_validation as cv
from homeassistant.util import dt as dt_util

from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.clients.ipecho import IpEchoClient
from custom_components.myflix.clients.mullvad import MullvadClient
from custom_components.myflix.clients.nordvpn import (
    COUNTRIES,
    TECHNOLOGIES,
    NordVpnClient,
    country_id,
)
from custom_components.myflix.clients.pia import PiaClient
from custom_components.myflix.const import (
    CONF_LATENCY_WEIGHT,
    DEFAULT_LATENCY_WEIGHT,
    DOMAIN,
)
from custom_components.myflix.engine.killswitch import (
    KillswitchEvent,
    KillswitchSnapshot,
    ReleaseRefusedError,
)
from custom_components.myflix.engine.vpn_scoring import Candidate, ScoringConfig
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.history import async_record
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    backend_errors,
    require_backend,
    require_feature,
    resolve_entry,
    validation_error,
)

from . import KILLSWITCH, VPN, rotation
from .coordinator import VpnRuntime
from .killswitch import KillswitchRuntime, ip_echo_urls
from .rotation import (
    RotationError,
    RotationOutcome,
    RotationResult,
    rotate,
    rotate_selection,
)

ATTR_REASON = "reason"
ATTR_COUNTRY = "country"
ATTR_TECHNOLOGY = "technology"
ATTR_CANDIDATES = "candidates"
ATTR_LATENCY_WEIGHT = "latency_weight"
ATTR_HOSTNAMES = "hostnames"
ATTR_COUNTRIES = "countries"
ATTR_CITIES = "cities"
# Where a listed server is timed from here (OpenVPN over TCP answers there).
LISTED_PORT = 443
EVENT_ROTATED = f"{DOMAIN}_vpn_rotated"
# What the history keeps of a rotation: the choice and its score, no address.
_ROTATION_EVIDENCE = frozenset(
    {"server", "load", "latency_ms", "score", "public_ip_changed", "previous",
     "forwarded_port"}
)  # fmt: skip
# NordVPN's public API; the demo (scripts/develop) points it at the simulated
# one through MYFLIX_NORDVPN_API, tests by patching this.
NORDVPN_API = os.environ.get("MYFLIX_NORDVPN_API") or "https://api.nordvpn.com"
# Mullvad's public relay list and PIA's server list, likewise.
MULLVAD_API = os.environ.get("MYFLIX_MULLVAD_API") or "https://api.mullvad.net"
PIA_API = os.environ.get("MYFLIX_PIA_API") or "https://serverlist.piaservers.net"
PIA = "private internet access"
"""gluetun's name for PIA, whose servers it tells apart by name, not hostname."""

HALT_DOWNLOADS_SCHEMA = vol.Schema(
    {**ENTRY_FIELDS, vol.Optional(ATTR_REASON, default=""): cv.string}
)
KILLSWITCH_SCHEMA = vol.Schema(ENTRY_FIELDS)
ROTATE_VPN_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_COUNTRY, default="Switzerland"): cv.string,
        vol.Optional(ATTR_TECHNOLOGY, default="wireguard_udp"): vol.In(TECHNOLOGIES),
        vol.Optional(ATTR_CANDIDATES, default=10): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=50)
        ),
        vol.Optional(ATTR_LATENCY_WEIGHT): vol.All(
            vol.Coerce(float), vol.Range(min=0, max=100)
        ),
        **{
            vol.Optional(key): vol.All(
                cv.ensure_list,
                vol.Length(min=1, max=50),
                [vol.All(cv.string, vol.Strip, vol.Length(min=1, max=253))],
            )
            for key in (ATTR_HOSTNAMES, ATTR_COUNTRIES, ATTR_CITIES)
        },
    }
)


def _killswitch(call: ServiceCall) -> tuple[MyflixConfigEntry, KillswitchRuntime]:
    """Return the call's entry and its killswitch (gluetun and qBittorrent needed)."""
    entry = resolve_entry(call)
    return entry, require_feature(
        entry, entry.runtime_data.get(KILLSWITCH), "killswitch_not_configured"
    )


def _response(
    snapshot: KillswitchSnapshot, event: KillswitchEvent | None
) -> dict[str, Any]:
    """Return the state after the action and what it did (no addresses, no hashes)."""
    return {
        "state": snapshot.state.value,
        "verdict": snapshot.verdict.value,
        "reason": snapshot.reason.value,
        "detail": snapshot.detail,
        "stopped": snapshot.stopped,
        "event": {"type": event.type.value, **event.as_data()} if event else None,
    }


async def async_halt_downloads(call: ServiceCall) -> ServiceResponse:
    """Stop every torrent until ``release_downloads``, whatever the VPN says."""
    entry, runtime = _killswitch(call)
    with backend_errors(call.hass, entry, "qbittorrent"):
        event = await runtime.killswitch.halt(call.data[ATTR_REASON])
    return _response(runtime.snapshot, event)


async def async_release_downloads(call: ServiceCall) -> ServiceResponse:
    """Resume the torrents the killswitch holds; armed, only on a clean VPN."""
    entry, runtime = _killswitch(call)
    try:
        with backend_errors(call.hass, entry, "qbittorrent"):
            event = await runtime.killswitch.release()
    except ReleaseRefusedError as err:
        raise validation_error(
            "release_refused", reason=err.reason.value, detail=runtime.snapshot.detail
        ) from err
    return _response(runtime.snapshot, event)


async def async_check_vpn_now(call: ServiceCall) -> ServiceResponse:
    """Check the VPN once, now, and act on the verdict as the watcher would."""
    entry, runtime = _killswitch(call)
    with backend_errors(call.hass, entry, "qbittorrent"):
        event = await runtime.check_now()
    return _response(runtime.snapshot, event)


def _rotation_error(result: RotationResult) -> HomeAssistantError:
    """Say what failed and whether the previous server selection is back."""
    reason = result.reason.value if result.reason else "unknown"
    key = (
        "rotation_rollback_failed"
        if result.outcome is RotationOutcome.ROLLBACK_FAILED
        else f"rotation_{reason}"
    )
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={
            "server": result.server.hostname if result.server else "",
            "reason": reason,
            "timeout": f"{rotation.TUNNEL_TIMEOUT:g}",
        },
    )


def _scoring(call: ServiceCall, entry: MyflixConfigEntry) -> ScoringConfig:
    """Return the score's weights: the call's latency weight, else the option."""
    latency = call.data.get(
        ATTR_LATENCY_WEIGHT,
        entry.options.get(CONF_LATENCY_WEIGHT, DEFAULT_LATENCY_WEIGHT),
    )
    return ScoringConfig(load_weight=100 - latency, latency_weight=latency)


async def _read_list[T](
    read: Awaitable[T], key: str = "server_list_failed", **placeholders: str
) -> T:
    """Await a provider's server list; its failure, in words, changes nothing."""
    try:
        return await read
    except MyflixError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key=key,
            translation_placeholders={**placeholders, "error": str(err)},
        ) from err


def _first(
    call: ServiceCall, provider: str, fitting: list[Candidate]
) -> list[Candidate]:
    """Return the first ``candidates`` of the fitting servers; none is an error."""
    if not fitting:
        raise validation_error(
            "rotation_no_listed_servers",
            provider=provider,
            country=call.data[ATTR_COUNTRY],
        )
    return fitting[: call.data[ATTR_CANDIDATES]]


async def _pia_candidates(call: ServiceCall, forwarding: bool) -> list[Candidate]:
    """PIA's servers of the country; only forwarding regions while forwarding runs."""
    technology = call.data[ATTR_TECHNOLOGY]
    protocol = (
        "wg"
        if technology.startswith("wireguard")
        else ("ovpntcp" if technology.endswith("tcp") else "ovpnudp")
    )
    client = PiaClient(session=async_get_clientsession(call.hass), base_url=PIA_API)
    servers = await _read_list(client.servers(protocol), provider="PIA")
    country = call.data[ATTR_COUNTRY]
    return _first(
        call,
        "PIA",
        [
            Candidate(hostname=s.name, host=s.address, load=None)
            for s in servers
            if s.serves(country) and (s.port_forward or not forwarding)
        ],
    )


async def _mullvad_candidates(call: ServiceCall) -> list[Candidate]:
    """Mullvad's active relays of the country and technology (no load published)."""
    kind = (
        "wireguard" if call.data[ATTR_TECHNOLOGY].startswith("wireguard") else "openvpn"
    )
    client = MullvadClient(
        session=async_get_clientsession(call.hass), base_url=MULLVAD_API
    )
    relays = await _read_list(client.relays(), provider="Mullvad")
    country = call.data[ATTR_COUNTRY]
    return _first(
        call,
        "Mullvad",
        [
            Candidate(hostname=r.hostname, host=r.address, load=None)
            for r in relays
            if r.serves(country, kind)
        ],
    )


async def _nordvpn_candidates(call: ServiceCall) -> list[Candidate]:
    """NordVPN's recommended servers of the country, with their load."""
    if (country := country_id(call.data[ATTR_COUNTRY])) is None:
        raise validation_error(
            "unknown_country",
            country=call.data[ATTR_COUNTRY],
            countries=", ".join(c.name for c in COUNTRIES),
        )
    client = NordVpnClient(
        session=async_get_clientsession(call.hass), base_url=NORDVPN_API
    )
    servers = await _read_list(
        client.recommendations(
            country, call.data[ATTR_TECHNOLOGY], call.data[ATTR_CANDIDATES]
        ),
        "nordvpn_failed",
    )
    return [
        Candidate(hostname=s.hostname, host=s.station, load=s.load) for s in servers
    ]


async def _candidates(
    call: ServiceCall, vpn: VpnRuntime
) -> tuple[list[Candidate], str]:
    """Return the servers to rank, and the selection field the winner is pinned in.

    Any gluetun provider rotates among the hostnames the call lists. Without
    a list: Mullvad's and PIA's published lists for them (PIA's servers are
    pinned by name), NordVPN's recommendations for NordVPN (also when gluetun
    does not say its provider, as before); another provider needs the list.
    """
    if hostnames := call.data.get(ATTR_HOSTNAMES):
        listed = [
            Candidate(hostname=name, host=name, load=None, port=LISTED_PORT)
            for name in dict.fromkeys(hostnames)
        ]
        return listed, "hostnames"
    settings = vpn.status.data.settings if vpn.status.data else None
    named = settings.provider if settings else None
    provider = (named or "").lower()
    if provider == "mullvad":
        return await _mullvad_candidates(call), "hostnames"
    if provider == PIA:
        forwarding = bool(settings and settings.port_forwarding)
        return await _pia_candidates(call, forwarding), "server_names"
    if provider in ("", "nordvpn"):
        return await _nordvpn_candidates(call), "hostnames"
    raise validation_error("rotation_needs_hostnames", provider=str(named))


async def async_rotate_vpn(call: ServiceCall) -> ServiceResponse:
    """Switch gluetun to the best server (listed, or recommended); verify, else roll back."""
    hass = call.hass
    entry = resolve_entry(call)
    vpn = require_backend(entry, "gluetun", entry.runtime_data.get(VPN))
    if (tracker := vpn.rotation).lock.locked():
        raise validation_error("rotation_in_progress")
    session = async_get_clientsession(hass)
    killswitch = entry.runtime_data.get(KILLSWITCH)

    async def home_ip() -> str | None:
        # The killswitch's cached answer, else one echo round outside the tunnel.
        if killswitch is not None:
            return (
                killswitch.reader.home_ip or await killswitch.reader.refresh_home_ip()
            )
        try:
            return await IpEchoClient(
                urls=ip_echo_urls(entry.data), session=session
            ).public_ip()
        except MyflixError:
            return None

    # Countries or cities listed: tried in turn (nothing to time beforehand).
    selection = next(
        (
            (key, call.data[key])
            for key in (ATTR_COUNTRIES, ATTR_CITIES)
            if call.data.get(key)
        ),
        None,
    )
    candidates, pin = ([], "hostnames") if selection else await _candidates(call, vpn)
    async with tracker.lock:
        try:
            with backend_errors(hass, entry, "gluetun"):
                if selection is not None:
                    result = await rotate_selection(
                        key=selection[0],
                        values=selection[1],
                        gluetun=vpn.client,
                        home_ip=home_ip,
                        now=dt_util.utcnow,
                    )
                else:
                    result = await rotate(
                        candidates=candidates,
                        gluetun=vpn.client,
                        home_ip=home_ip,
                        now=dt_util.utcnow,
                        scoring=_scoring(call, entry),
                        pin=pin,
                    )
        except RotationError as err:
            await tracker.record(err.result)
            raise _rotation_error(err.result) from err
    await tracker.record(result)
    # Port forwarding is checked again on the new server (port sync and the
    # connectability sensor follow this poll).
    await vpn.status.async_refresh()
    status = vpn.status.fresh_data
    data = result.as_dict() | {
        "forwarded_port": status.forwarded_port if status is not None else None
    }
    hass.bus.async_fire(EVENT_ROTATED, {**data, "entry_id": entry.entry_id})
    async_record(
        entry,
        "vpn_rotated",
        title=data.get("server"),
        reason="asked",
        evidence={k: v for k, v in data.items() if k in _ROTATION_EVIDENCE},
    )
    return data
