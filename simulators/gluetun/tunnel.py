"""The simulated tunnel: status, exit IP, forwarded ports, settings, and their controls.

What gluetun reports when the tunnel goes down (§2.4): the loop status says
so (``stopped`` on request, ``crashed`` on its own), the clean-up clears the
public IP data (``{"public_ip": ""}``) and stops port forwarding. After a
(re)start the public IP stays empty until gluetun has looked it up again
(``ip_lag`` lookups). A leak is the case gluetun cannot see: the status says
``running`` and the public IP is the home IP.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from simulators.qbittorrent.faults import Fault, FaultQueue

from .settings import PRIVATE_KEY, default_settings, forwarding_on

if TYPE_CHECKING:
    from collections.abc import Iterable

# Documentation ranges only (RFC 5737): never a real public address.
HOME_IP = "192.0.2.10"
VPN_IP = "198.51.100.21"
HOME_GEO = {
    "region": "Bern",
    "country": "Switzerland",
    "city": "Bern",
    "location": "46.9481,7.4474",
    "organization": "AS64500 Example Home Broadband",
    "postal_code": "3000",
    "timezone": "Europe/Zurich",
}
VPN_GEO = {
    "region": "Zurich",
    "city": "Zurich",
    "location": "47.3667,8.5500",
    "organization": "AS64501 Example VPN Exit",
    "postal_code": "8001",
    "timezone": "Europe/Zurich",
}


class Tunnel:
    """State of the VPN loop and the test controls that move it."""

    def __init__(
        self,
        *,
        home_ip: str = HOME_IP,
        vpn_ip: str = VPN_IP,
        provider: str = "nordvpn",
        vpn_type: str = "wireguard",
        countries: Iterable[str] = ("Switzerland",),
        private_key: str = PRIVATE_KEY,
        forwarded_ports: Iterable[int] = (),
        port_forwarding: bool = False,
        ip_lag: int = 0,
    ) -> None:
        """Start with the tunnel running and the VPN exit IP as public IP."""
        self.home_ip = home_ip
        self.vpn_ip = vpn_ip
        self.ip_lag = ip_lag
        self.status = "running"
        self.leaking = False
        self.provider_ports = list(forwarded_ports)
        self.restarts = 0
        self._ip_pending = 0
        self._settings = default_settings(
            provider=provider,
            vpn_type=vpn_type,
            countries=list(countries),
            private_key=private_key,
            port_forwarding=port_forwarding,
        )
        self.ports: list[int] = self._handed_out()
        self._faults = FaultQueue()

    def public_ip_data(self) -> dict[str, str]:
        """Answer ``/v1/publicip/ip`` as of now (consumes one pending lookup)."""
        if self.status != "running":
            return {"public_ip": ""}
        if self._ip_pending:
            self._ip_pending -= 1
            return {"public_ip": ""}
        if self.leaking:
            return {"public_ip": self.home_ip, **HOME_GEO}
        selection = self._settings["provider"]["server_selection"]
        country = next(iter(selection.get("countries") or []), "Switzerland")
        return {"public_ip": self.vpn_ip, "country": country, **VPN_GEO}

    @property
    def settings(self) -> dict[str, Any]:
        """A copy of the full settings, secrets included."""
        return copy.deepcopy(self._settings)

    @property
    def private_key(self) -> str:
        """The WireGuard private key the settings carry."""
        return str(self._settings["wireguard"]["private_key"])

    def leak(self) -> None:
        """Report the home IP as public IP while the status stays ``running``."""
        self.leaking = True

    def restore(self) -> None:
        """Report the VPN exit IP again."""
        self.leaking = False

    def stop_tunnel(self) -> None:
        """Tunnel down on request: ``stopped``, public IP and forwarded ports cleared."""
        self.status = "stopped"
        self.ports = []

    def crash(self) -> None:
        """Tunnel down on its own: ``crashed``, public IP and forwarded ports cleared."""
        self.status = "crashed"
        self.ports = []

    def set_status(self, status: str) -> None:
        """Report any loop status (``starting``, ``stopping``, or a made-up word)."""
        self.status = status
        if status != "running":
            self.ports = []

    def start_tunnel(self, vpn_ip: str | None = None) -> None:
        """Tunnel up (again), optionally on a new exit IP; PF ports come back."""
        self.status = "running"
        self.restarts += 1
        if vpn_ip is not None:
            self.vpn_ip = vpn_ip
        self.ports = self._handed_out()
        self._ip_pending = self.ip_lag

    def set_forwarded_ports(self, ports: Iterable[int]) -> None:
        """Ports the provider forwards (now, and after every restart).

        Only while port forwarding runs (``enable_port_forwarding``): NordVPN
        and most providers hand out none, whatever they are asked.
        """
        self.provider_ports = list(ports)
        if self.status == "running":
            self.ports = self._handed_out()

    def set_provider(self, provider: str) -> None:
        """Run another provider (as a recreated container); forwarding as it was set."""
        self._settings["provider"]["name"] = provider
        if self.status == "running":
            self.ports = self._handed_out()

    def enable_port_forwarding(self, provider: str = "protonvpn") -> None:
        """Run ``provider`` with ``VPN_PORT_FORWARDING=on`` (as a recreated container)."""
        self._settings["provider"]["name"] = provider
        self._settings["provider"]["port_forwarding"]["enabled"] = True
        if self.status == "running":
            self.ports = self._handed_out()

    def _handed_out(self) -> list[int]:
        """Return the ports forwarding gets from the provider (none when it is off)."""
        return list(self.provider_ports) if forwarding_on(self._settings) else []

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int | None = 500,
        body: str = "Internal Server Error\n",
        delay: float = 0.0,
        path: str | None = None,
    ) -> None:
        """Answer the next ``count`` requests (ending with ``path``) with ``status``.

        ``status=None`` only delays them by ``delay`` seconds; ``status=200``
        with a ``body`` that is not JSON plays a garbled answer.
        """
        self._faults.add(Fault(status, body, delay, path), count)

    def heal(self) -> None:
        """Forget the failures planned with ``fail_next``."""
        self._faults.clear()
