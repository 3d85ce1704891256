"""Coordinators: one per backend and refresh rate, plus the entry's runtime data."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.exceptions import ConfigEntryAuthFailed, HomeAssistantError
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .backends import error_key
from .clients.errors import MyflixAuthenticationError, MyflixError
from .const import BACKEND_NAMES, DOMAIN, LOGGER

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .arr_coordinator import ArrRuntime
    from .clients.radarr import RadarrClient
    from .clients.sonarr import SonarrClient
    from .healing_runner import HealingRuntime
    from .killswitch_runner import KillswitchRuntime
    from .qbittorrent_coordinator import QbittorrentRuntime
    from .share_runtime import ShareRuntime
    from .tiering_runner import TieringRuntime
    from .vpn_coordinator import VpnRuntime


def backend_error[ErrorT: HomeAssistantError](
    error_type: type[ErrorT], err: MyflixError, backend: str
) -> ErrorT:
    """Build a translated HA error saying which backend failed and why."""
    key = (
        "auth_failed" if isinstance(err, MyflixAuthenticationError) else error_key(err)
    )
    return error_type(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={"backend": BACKEND_NAMES[backend], "error": str(err)},
    )


class MyflixCoordinator[DataT](DataUpdateCoordinator[DataT]):
    """Polls one backend at one rate; maps client errors to HA's outcomes.

    A refused credential starts reauth; any other client error marks the
    entities unavailable, logged once when it starts and once when it ends
    (DataUpdateCoordinator does the logging).
    """

    config_entry: MyflixConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: MyflixConfigEntry,
        *,
        backend: str,
        name: str,
        interval: timedelta,
        fetch: Callable[[], Awaitable[DataT]],
    ) -> None:
        """Poll ``fetch`` every ``interval`` for ``backend``."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{backend} {name}",
            update_interval=interval,
        )
        self.backend = backend
        self._fetch = fetch

    async def _async_update_data(self) -> DataT:
        """Fetch once, translating client errors."""
        try:
            return await self._fetch()
        except MyflixAuthenticationError as err:
            raise backend_error(ConfigEntryAuthFailed, err, self.backend) from err
        except MyflixError as err:
            raise backend_error(UpdateFailed, err, self.backend) from err


@dataclass(kw_only=True)
class MyflixRuntimeData:
    """What a loaded entry holds: per configured backend, its client and coordinators."""

    radarr: ArrRuntime[RadarrClient] | None = None
    sonarr: ArrRuntime[SonarrClient] | None = None
    qbittorrent: QbittorrentRuntime | None = None
    vpn: VpnRuntime | None = None
    killswitch: KillswitchRuntime | None = None
    """Only with both gluetun and qBittorrent."""
    tiering: TieringRuntime | None = None
    """Only when the options name hot roots and an archive."""
    versions: dict[str, str] = field(default_factory=dict)
    share: ShareRuntime | None = None
    """Only with share roots configured."""
    vault_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    """One vault run at a time per entry."""
    healing: HealingRuntime | None = None
    """Only with qBittorrent and at least one of Radarr and Sonarr."""

    def backends(self) -> list[ArrRuntime[Any] | QbittorrentRuntime]:
        """Return the configured media backends (the VPN is apart: one coordinator)."""
        return [
            b for b in (self.radarr, self.sonarr, self.qbittorrent) if b is not None
        ]

    def coordinators(self) -> list[MyflixCoordinator[Any]]:
        """Every coordinator of the entry."""
        vpn = self.vpn.coordinators() if self.vpn else []
        return [c for backend in self.backends() for c in backend.coordinators()] + vpn


type MyflixConfigEntry = ConfigEntry[MyflixRuntimeData]
