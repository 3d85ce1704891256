"""Whether qBittorrent can be reached from outside through the VPN, and why not.

qBittorrent's own status only says ``connected`` (peers reached it) or
``firewalled`` (none did). The cause is in gluetun: a provider that cannot
forward a port (NordVPN, Mullvad, ...), forwarding left off, no port handed
out yet, or a forwarded port qBittorrent does not listen on.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

PROVIDERS_THAT_FORWARD = frozenset(
    {"private internet access", "protonvpn", "perfect privacy", "privatevpn"}
)
"""gluetun's native port forwarding; its settings refuse forwarding for any other."""


class ConnectabilityVerdict(StrEnum):
    """Connectable, or the first reason found why not."""

    CONNECTABLE = "connectable"
    NOT_LISTENING = "not_listening"
    """qBittorrent reports no connection at all (no network, or not listening)."""
    PROVIDER_UNKNOWN = "provider_unknown"
    """gluetun does not report its provider, and no port is forwarded."""
    PROVIDER_CANNOT_FORWARD = "provider_cannot_forward"
    FORWARDING_OFF = "forwarding_off"
    NO_FORWARDED_PORT = "no_forwarded_port"
    PORT_NOT_APPLIED = "port_not_applied"
    FIREWALLED = "firewalled"
    """Everything Myflix can see is right, yet no peer got in."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Connectability:
    """The verdict and the figures it was drawn from (None: not known)."""

    verdict: ConnectabilityVerdict | None
    status: str | None
    provider: str | None
    forwarded_port: int | None
    listen_port: int | None

    def as_dict(self) -> dict[str, str | int | None]:
        """Return the figures, for attributes, diagnostics and action answers."""
        return {
            "verdict": self.verdict.value if self.verdict else None,
            "qbittorrent_status": self.status,
            "provider": self.provider,
            "forwarded_port": self.forwarded_port,
            "listen_port": self.listen_port,
        }


def assess(
    *,
    status: str | None,
    provider: str | None,
    forwarding: bool | None,
    forwarded_port: int | None,
    listen_port: int | None,
) -> Connectability:
    """Judge from qBittorrent's status, gluetun's settings and the two ports.

    ``provider`` is the one whose forwarding gluetun runs; ``forwarding`` is
    gluetun's ``VPN_PORT_FORWARDING`` (None: not reported). A port that is
    forwarded settles the provider question whatever the provider's name.
    """
    port = forwarded_port or None  # gluetun reports 0 for none
    verdict = _verdict(
        status=status,
        provider=provider,
        forwarding=forwarding,
        forwarded_port=port,
        listen_port=listen_port,
    )
    return Connectability(
        verdict=verdict,
        status=status,
        provider=provider,
        forwarded_port=port,
        listen_port=listen_port,
    )


def _verdict(
    *,
    status: str | None,
    provider: str | None,
    forwarding: bool | None,
    forwarded_port: int | None,
    listen_port: int | None,
) -> ConnectabilityVerdict | None:
    if status == "connected":
        return ConnectabilityVerdict.CONNECTABLE
    if status == "disconnected":
        return ConnectabilityVerdict.NOT_LISTENING
    if status != "firewalled":
        return None  # not read yet, or a word this version does not know
    if forwarded_port is not None:
        if listen_port is not None and listen_port != forwarded_port:
            return ConnectabilityVerdict.PORT_NOT_APPLIED
        return ConnectabilityVerdict.FIREWALLED
    if provider is None:
        return ConnectabilityVerdict.PROVIDER_UNKNOWN
    if provider.lower() not in PROVIDERS_THAT_FORWARD:
        return ConnectabilityVerdict.PROVIDER_CANNOT_FORWARD
    if forwarding is False:
        return ConnectabilityVerdict.FORWARDING_OFF
    return ConnectabilityVerdict.NO_FORWARDED_PORT
