"""Connectability: follow gluetun and qBittorrent, judge, and explain in repairs.

The verdict is redrawn on every VPN and qBittorrent poll. A reason that lasts
``SUSTAINED`` becomes one repair issue per entry: a reconnect that changes the
forwarded port, or the minutes before the first peer gets in, raise nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util

from custom_components.myflix.const import DOMAIN
from custom_components.myflix.engine.connectability import (
    Connectability,
    ConnectabilityVerdict,
    assess,
)

if TYPE_CHECKING:
    from custom_components.myflix.entry import MyflixConfigEntry
    from custom_components.myflix.features.qbittorrent.coordinator import (
        QbittorrentRuntime,
    )

    from .coordinator import VpnRuntime

SUSTAINED = timedelta(minutes=10)
# The reasons a person can act on (or should know of), each with its issue.
ISSUE_VERDICTS = frozenset(
    {
        ConnectabilityVerdict.NOT_LISTENING,
        ConnectabilityVerdict.PROVIDER_UNKNOWN,
        ConnectabilityVerdict.PROVIDER_CANNOT_FORWARD,
        ConnectabilityVerdict.FORWARDING_OFF,
        ConnectabilityVerdict.NO_FORWARDED_PORT,
        ConnectabilityVerdict.PORT_NOT_APPLIED,
    }
)
LEARN_MORE_URL = (
    "https://github.com/qdm12/gluetun-wiki/blob/main/setup/advanced/"
    "vpn-port-forwarding.md"
)


class ConnectabilityWatch:
    """The entry's connectability, redrawn whenever one of its sources polls."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: MyflixConfigEntry,
        vpn: VpnRuntime,
        qbittorrent: QbittorrentRuntime,
    ) -> None:
        """Judge from ``vpn``'s status poll and ``qbittorrent``'s sync and settings."""
        self._hass = hass
        self._entry = entry
        self._vpn = vpn
        self._qbittorrent = qbittorrent
        self._listeners: list[Callable[[], None]] = []
        self._since: datetime = dt_util.utcnow()
        self.issue_id = f"connectability_{entry.entry_id}"
        self.current = Connectability(
            verdict=None,
            status=None,
            provider=None,
            forwarded_port=None,
            listen_port=None,
        )

    def add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` when the connectability changes; return the remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Judge now and after every poll of the three coordinators."""
        sources = (self._vpn.status, self._qbittorrent.sync, self._qbittorrent.settings)
        removers = [source.async_add_listener(self._async_update) for source in sources]
        self._async_update()

        @callback
        def stop() -> None:
            for remove in removers:
                remove()
            ir.async_delete_issue(self._hass, DOMAIN, self.issue_id)

        return stop

    @callback
    def _async_update(self) -> None:
        found = self._assess()
        now = dt_util.utcnow()
        if found.verdict is not self.current.verdict:
            # A new reason is judged afresh: the old one's repair goes at once.
            self._since = now
            ir.async_delete_issue(self._hass, DOMAIN, self.issue_id)
        if found != self.current:
            self.current = found
            for listener in list(self._listeners):
                listener()
        self._async_raise_or_clear(now)

    def _assess(self) -> Connectability:
        """Judge what the coordinators last read; a failed part counts as unknown."""
        vpn = self._vpn.status.fresh_data
        sync = self._qbittorrent.sync.fresh_data
        settings = self._qbittorrent.settings.fresh_data
        gluetun = vpn.settings if vpn is not None else None
        return assess(
            status=sync.server_state.connection_status if sync is not None else None,
            provider=gluetun.forwarding_provider if gluetun is not None else None,
            forwarding=gluetun.port_forwarding if gluetun is not None else None,
            forwarded_port=vpn.forwarded_port if vpn is not None else None,
            listen_port=settings.listen_port if settings is not None else None,
        )

    @callback
    def _async_raise_or_clear(self, now: datetime) -> None:
        verdict = self.current.verdict
        if verdict not in ISSUE_VERDICTS:
            ir.async_delete_issue(self._hass, DOMAIN, self.issue_id)
            return
        if now - self._since < SUSTAINED:
            return
        figures = self.current.as_dict()
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            self.issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.WARNING,
            learn_more_url=LEARN_MORE_URL,
            translation_key=f"connectability_{verdict}",
            translation_placeholders={
                key: "?" if value is None else str(value)
                for key, value in figures.items()
                if key != "verdict"
            },
        )
