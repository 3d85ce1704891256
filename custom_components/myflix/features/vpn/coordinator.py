"""The VPN backend (gluetun): tunnel status, exit IP and forwarded port for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from custom_components.myflix.clients.gluetun import (
    GluetunClient,
    PublicIp,
    VpnSettings,
    VpnStatus,
)
from custom_components.myflix.coordinator import MyflixCoordinator, Parts, gather_parts

from .rotation import RotationTracker

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.myflix.entry import MyflixConfigEntry

# The dashboard's pace; the killswitch watches on its own, much faster.
VPN_INTERVAL = timedelta(seconds=30)


@dataclass(frozen=True, kw_only=True)
class VpnData(Parts):
    """One look at gluetun; ``settings`` holds no secret (a whitelist).

    Four endpoints: a field is None when its endpoint failed (``failed`` says
    which); ``forwarded_port`` is also None when nothing is forwarded.
    """

    status: VpnStatus | None
    public_ip: PublicIp | None
    forwarded_port: int | None
    settings: VpnSettings | None

    @property
    def server(self) -> str | None:
        """The exit server: its hostname when known, else the country."""
        public_ip, settings = self.public_ip, self.settings
        hostname = (public_ip.hostname if public_ip else None) or (
            next(iter(settings.hostnames), None) if settings else None
        )
        return hostname or (public_ip.country if public_ip else None)


async def _fetch(client: GluetunClient) -> VpnData:
    values, failed = await gather_parts(
        {
            "status": client.vpn_status(),
            "public_ip": client.public_ip(),
            "forwarded_port": client.port_forwarded(),
            "settings": client.settings(),
        }
    )
    return VpnData(**values, failed=failed)


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
