"""Runtime data of a Myflix entry: the connected clients of each backend."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Self

from homeassistant.config_entries import ConfigEntry

from .clients.qbittorrent import QbittorrentClient
from .clients.radarr import RadarrClient
from .clients.sonarr import SonarrClient


@dataclass(kw_only=True)
class MyflixRuntimeData:
    """What a loaded entry holds: one client per configured backend."""

    radarr: RadarrClient | None = None
    sonarr: SonarrClient | None = None
    qbittorrent: QbittorrentClient | None = None
    versions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_clients(
        cls,
        clients: Iterable[RadarrClient | SonarrClient | QbittorrentClient],
        versions: dict[str, str],
    ) -> Self:
        """Sort connected clients into their typed slots."""
        runtime = cls(versions=versions)
        for client in clients:
            match client:
                case RadarrClient():
                    runtime.radarr = client
                case SonarrClient():
                    runtime.sonarr = client
                case QbittorrentClient():
                    runtime.qbittorrent = client
        return runtime


type MyflixConfigEntry = ConfigEntry[MyflixRuntimeData]
