"""qBittorrent coordinators: incremental sync (fast) and global settings (slow)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from custom_components.myflix.clients.qbittorrent import MainData, QbittorrentClient
from custom_components.myflix.const import (
    CONF_QBITTORRENT_INTERVAL,
    DEFAULT_QBITTORRENT_INTERVAL,
)
from custom_components.myflix.coordinator import MyflixCoordinator, Parts, gather_parts

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.myflix.entry import MyflixConfigEntry

SETTINGS_INTERVAL = timedelta(minutes=1)


# The interface qBittorrent binds its traffic to (empty: any interface).
_INTERFACE_KEY = "current_network_interface"
_LISTEN_PORT_KEY = "listen_port"


@dataclass(frozen=True, kw_only=True)
class QbittorrentSettings(Parts):
    """Speed limits in effect (bytes/s, 0 = none), their mode, interface and port.

    Four endpoints: a field is None when its endpoint failed (``failed`` says
    which); ``network_interface`` and ``listen_port`` are also None when the
    server does not report them.
    """

    download_limit: int | None
    upload_limit: int | None
    alternative_limits: bool | None
    network_interface: str | None
    listen_port: int | None = None


async def _fetch_settings(client: QbittorrentClient) -> QbittorrentSettings:
    values, failed = await gather_parts(
        {
            "download_limit": client.download_limit(),
            "upload_limit": client.upload_limit(),
            "alternative_limits": client.speed_limits_mode(),
            "preferences": client.preferences(),
        }
    )
    preferences = values.pop("preferences") or {}
    interface, port = preferences.get(_INTERFACE_KEY), preferences.get(_LISTEN_PORT_KEY)
    return QbittorrentSettings(
        **values,
        network_interface=interface if isinstance(interface, str) else None,
        listen_port=port
        if isinstance(port, int) and not isinstance(port, bool)
        else None,
        failed=failed,
    )


@dataclass(kw_only=True)
class QbittorrentRuntime:
    """The qBittorrent backend of an entry: its client and coordinators."""

    key: str
    client: QbittorrentClient
    sync: MyflixCoordinator[MainData]
    settings: MyflixCoordinator[QbittorrentSettings]

    def coordinators(self) -> list[MyflixCoordinator[Any]]:
        """Every coordinator of this backend."""
        return [self.sync, self.settings]


def create_qbittorrent_runtime(
    hass: HomeAssistant, entry: MyflixConfigEntry, client: QbittorrentClient
) -> QbittorrentRuntime:
    """Build the coordinators of a qBittorrent.

    ``sync/maindata`` with ``rid`` returns only what changed since the last
    call, so a 5 s poll of an idle client costs a few bytes.
    """
    sync_every = timedelta(
        seconds=entry.options.get(
            CONF_QBITTORRENT_INTERVAL, DEFAULT_QBITTORRENT_INTERVAL
        )
    )
    return QbittorrentRuntime(
        key="qbittorrent",
        client=client,
        sync=MyflixCoordinator(
            hass, entry, backend="qbittorrent", name="sync",
            interval=sync_every, fetch=client.sync_maindata,
        ),
        settings=MyflixCoordinator(
            hass, entry, backend="qbittorrent", name="settings",
            interval=SETTINGS_INTERVAL, fetch=lambda: _fetch_settings(client),
        ),
    )  # fmt: skip
