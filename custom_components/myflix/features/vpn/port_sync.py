"""Keep qBittorrent's listen port equal to the port the VPN provider forwards.

Without it, peers reach the old port through the tunnel and downloads seed
and connect poorly after every reconnect that changes the forwarded port.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from homeassistant.core import HomeAssistant, callback

from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.const import DOMAIN, LOGGER
from custom_components.myflix.history import async_record

if TYPE_CHECKING:
    from custom_components.myflix.clients.qbittorrent import QbittorrentClient
    from custom_components.myflix.entry import MyflixConfigEntry
    from custom_components.myflix.features.qbittorrent.coordinator import (
        QbittorrentRuntime,
    )

    from .coordinator import VpnRuntime


class PortSync:
    """Sets qBittorrent's ``listen_port``, remembering the last port it saw there."""

    def __init__(
        self,
        client: QbittorrentClient,
        on_change: Callable[[int | None, int], None] = lambda _old, _new: None,
    ) -> None:
        """Sync through ``client``; the current port is read on first use.

        ``on_change(old, new)`` hears of each port set.
        """
        self._client = client
        self._on_change = on_change
        self._lock = asyncio.Lock()
        self.listen_port: int | None = None
        """qBittorrent's listen port as last read or set; None = read it again."""

    def needs(self, port: int) -> bool:
        """Whether ``port`` may differ from qBittorrent's listen port."""
        return port != self.listen_port

    async def async_sync(self, port: int) -> None:
        """Make ``port`` the listen port; a failure is retried on the next call."""
        async with self._lock:  # one sync at a time: polls may overlap a slow call
            if not self.needs(port):
                return
            try:
                if self.listen_port is None:
                    prefs = await self._client.preferences()
                    self.listen_port = prefs.get("listen_port")
                if (old := self.listen_port) != port:
                    await self._client.set_preferences(listen_port=port)
                    self.listen_port = port
                    self._on_change(old, port)
                    LOGGER.info("qBittorrent listen port set to the forwarded %s", port)
            except MyflixError as err:
                self.listen_port = None  # unknown now: read it again next time
                LOGGER.debug("Setting qBittorrent's listen port failed: %s", err)


@callback
def async_setup_port_sync(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    vpn: VpnRuntime,
    qbittorrent: QbittorrentRuntime,
) -> None:
    """Follow the VPN coordinator's forwarded port until the entry unloads."""
    coordinator = vpn.status

    def changed(old: int | None, new: int) -> None:
        async_record(
            entry,
            "port_changed",
            reason="forwarded_port_changed",
            evidence={"listen_port_before": old, "forwarded_port": new},
        )

    sync = PortSync(qbittorrent.client, changed)

    @callback
    def _on_update() -> None:
        data = coordinator.fresh_data
        # No forwarded port (or no answer): leave qBittorrent as the user set it.
        if data is None or data.forwarded_port is None:
            return
        if sync.needs(port := data.forwarded_port):
            entry.async_create_task(
                hass, sync.async_sync(port), f"{DOMAIN} port sync {entry.entry_id}"
            )

    entry.async_on_unload(coordinator.async_add_listener(_on_update))
    _on_update()  # the first refresh already happened
