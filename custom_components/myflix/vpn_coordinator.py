"""The VPN backend (gluetun): tunnel status, exit IP and forwarded port for the dashboard."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from .clients.gluetun import GluetunClient, PublicIp, VpnSettings, VpnStatus
from .coordinator import MyflixCoordinator
from .vpn_rotation import RotationTracker

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .coordinator import MyflixConfigEntry

# The dashboard's pace; the killswitch watches on its own, much faster.
VPN_INTERVAL = timedelta(seconds=30)


@dataclass(frozen=True, kw_only=True)
class VpnData:
    """One look at gluetun; ``settings`` holds no secret (a whitelist)."""

    status: VpnStatus
    public_ip: PublicIp
    forwarded_port: int | None
    settings: VpnSettings

    @property
    def server(self) -> str | None:
        """The exit server: its hostname when known, else the country."""
        hostname = self.public_ip.hostname or next(iter(self.settings.hostnames), None)
        return hostname or self.public_ip.country


async def _fetch(client: GluetunClient) -> VpnData:
    status, public_ip, port, settings = await asyncio.gather(
        client.vpn_status(),
        client.public_ip(),
        client.port_forwarded(),
        client.settings(),
    )
    return VpnData(
        status=status, public_ip=public_ip, forwarded_port=port, settings=settings
    )


@dataclass(kw_only=True)
class VpnRuntime:
    """The gluetun backend of an entry: its client and coordinator."""

    key: str
    client: GluetunClient
    status: MyflixCoordinator[VpnData]
    rotation: RotationTracker = field(default_factory=RotationTracker)
    """The last ``rotate_vpn`` attempt, for its sensors."""

    def coordinators(self) -> list[MyflixCoordinator[Any]]:
        """Every coordinator of this backend."""
        return [self.status]


def create_vpn_runtime(
    hass: HomeAssistant, entry: MyflixConfigEntry, client: GluetunClient
) -> VpnRuntime:
    """Build the coordinator of a gluetun."""
    return VpnRuntime(
        key="gluetun",
        client=client,
        status=MyflixCoordinator(
            hass,
            entry,
            backend="gluetun",
            name="status",
            interval=VPN_INTERVAL,
            fetch=lambda: _fetch(client),
        ),
    )
