"""What the killswitch watches, and the pure verdict on one set of readings.

A reading is ``None`` when its source gave no (usable) answer. A known leak
wins over any missing reading; "clean" needs positive proof: the tunnel runs,
the home IP is known, and at least one egress IP of the same family is known
and differs from it. Anything in between is "unknown", which the state
machine turns into a leak once it lasts too long (fail closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
import ipaddress

TUNNEL_RUNNING = "running"
# gluetun's own statuses; anything else is reported as unexpected, never echoed.
TUNNEL_STATUSES = frozenset(
    {"starting", "running", "stopping", "stopped", "crashed", "completed"}
)

type IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Verdict(StrEnum):
    """What one set of readings proves."""

    CLEAN = "clean"
    LEAK = "leak"
    UNKNOWN = "unknown"


class Reason(StrEnum):
    """Why the killswitch is in its state (translation-friendly keys)."""

    CLEAN = "clean"
    UNKNOWN = "unknown"
    TUNNEL_DOWN = "tunnel_down"
    VPN_IP_IS_HOME = "vpn_ip_is_home"
    QBITTORRENT_IP_IS_HOME = "qbittorrent_ip_is_home"
    QBITTORRENT_UNBOUND = "qbittorrent_unbound"
    FAIL_CLOSED = "fail_closed"
    MANUAL = "manual"


@dataclass(frozen=True, slots=True, kw_only=True)
class Signals:
    """One look at the VPN path; ``None`` means no answer from that source."""

    tunnel_status: str | None = None
    """gluetun ``/v1/vpn/status``: running, stopped, crashed, ..."""
    vpn_ip: str | None = None
    """gluetun ``/v1/publicip/ip`` (``""`` while the tunnel is down)."""
    qbittorrent_ip: str | None = None
    """qBittorrent 5.x ``server_state.last_external_address_v4`` (None on 4.x)."""
    qbittorrent_interface: str | None = None
    """qBittorrent's ``current_network_interface``; ``""`` = not bound."""
    home_ip: str | None = None
    """The home IP, from an IP echo asked outside the tunnel."""
    observed_at: float | None = None
    """When the readings were taken (clock seconds); None = at the check."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    """The verdict on one set of readings, with a reason and a detail for humans."""

    verdict: Verdict
    reason: Reason
    detail: str


def unknown(detail: str) -> Assessment:
    """Return an unknown verdict."""
    return Assessment(verdict=Verdict.UNKNOWN, reason=Reason.UNKNOWN, detail=detail)


NO_ANSWER = unknown("no answer from any source")


def fail_closed(result: Assessment, limit: float) -> Assessment:
    """Turn an unknown that lasted ``limit`` seconds into a leak."""
    return Assessment(
        verdict=Verdict.LEAK,
        reason=Reason.FAIL_CLOSED,
        detail=f"VPN state unknown for {limit:g} s ({result.detail})",
    )


def parse_ip(value: str | None) -> IpAddress | None:
    """Return the address, or None for no answer or garbage."""
    if not value:
        return None
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _tunnel_detail(status: str) -> str:
    shown = status if status in TUNNEL_STATUSES else "an unexpected status"
    return f"the VPN tunnel is not running (gluetun reports {shown})"


def assess(signals: Signals, *, unbound_is_leak: bool) -> Assessment:
    """Judge one set of readings; details never contain addresses."""
    leaks: list[tuple[Reason, str]] = []
    missing: list[str] = []
    status = signals.tunnel_status
    if status is None:
        missing.append("tunnel status")
    elif status != TUNNEL_RUNNING:
        leaks.append((Reason.TUNNEL_DOWN, _tunnel_detail(status)))
    home = parse_ip(signals.home_ip)
    verified = False
    egresses = (
        (Reason.VPN_IP_IS_HOME, "gluetun's public IP", signals.vpn_ip),
        (
            Reason.QBITTORRENT_IP_IS_HOME,
            "qBittorrent's external address",
            signals.qbittorrent_ip,
        ),
    )
    for reason, label, value in egresses:
        egress = parse_ip(value)
        if home is None or egress is None or egress.version != home.version:
            continue  # another family proves nothing either way
        if egress == home:
            leaks.append((reason, f"{label} is the home IP"))
        else:
            verified = True
    if home is None:
        missing.append("home IP")
    elif not verified:
        missing.append("VPN public IP")
    interface = signals.qbittorrent_interface
    if unbound_is_leak and interface is None:
        missing.append("qBittorrent interface")
    elif unbound_is_leak and not interface:
        unbound = "qBittorrent is not bound to a network interface"
        leaks.append((Reason.QBITTORRENT_UNBOUND, unbound))
    if leaks:
        return Assessment(
            verdict=Verdict.LEAK,
            reason=leaks[0][0],
            detail="; ".join(detail for _, detail in leaks),
        )
    if missing:
        return unknown(f"no answer for: {', '.join(missing)}")
    return Assessment(
        verdict=Verdict.CLEAN,
        reason=Reason.CLEAN,
        detail="the tunnel runs and the egress IP is not the home IP",
    )
