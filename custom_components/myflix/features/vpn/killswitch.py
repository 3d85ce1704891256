"""The killswitch in Home Assistant: its store, watch loop, events and actions' hooks."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, replace
import re
from typing import TYPE_CHECKING, Any

from homeassistant.helpers.aiohttp_client import async_get_clientsession

from custom_components.myflix.clients.ipecho import IpEchoClient
from custom_components.myflix.const import (
    CONF_FAIL_CLOSED_AFTER,
    CONF_IP_ECHO_URLS,
    CONF_KILLSWITCH_INTERVAL,
    CONF_RELEASE_AFTER,
    CONF_UNBOUND_IS_LEAK,
    DEFAULT_FAIL_CLOSED_AFTER,
    DEFAULT_IP_ECHO_URLS,
    DEFAULT_KILLSWITCH_INTERVAL,
    DEFAULT_RELEASE_AFTER,
    DOMAIN,
)
from custom_components.myflix.engine.killswitch import (
    Killswitch,
    KillswitchConfig,
    KillswitchEvent,
    KillswitchEventType,
    KillswitchSnapshot,
)
from custom_components.myflix.history import async_record
from custom_components.myflix.storage import EntryStore, entry_store_key

from .adapters import QbittorrentDownloadControl, SignalReader

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.myflix.clients.gluetun import PublicIp, VpnStatus
    from custom_components.myflix.entry import MyflixConfigEntry
    from custom_components.myflix.features.qbittorrent.coordinator import (
        QbittorrentRuntime,
    )

    from .coordinator import VpnRuntime

EVENT_TRIPPED = f"{DOMAIN}_killswitch_tripped"
EVENT_RELEASED = f"{DOMAIN}_killswitch_released"
# The home IP is asked outside the tunnel; a slow echo must not stall a check.
IP_ECHO_TIMEOUT = 2.0
# A gluetun answer slower than this leaves the check unknown (fail-closed counts it).
GLUETUN_READ_TIMEOUT = 2.0


def store_key(entry_id: str) -> str:
    """Return the storage key of an entry's killswitch."""
    return entry_store_key("killswitch", entry_id)


def ip_echo_urls(data: Mapping[str, Any]) -> list[str]:
    """Split the configured echo URLs (comma or newline separated), or the defaults."""
    text = str(data.get(CONF_IP_ECHO_URLS) or "")
    urls = [url.strip() for url in re.split(r"[,\s]+", text) if url.strip()]
    return urls or list(DEFAULT_IP_ECHO_URLS)


def killswitch_config(options: Mapping[str, Any]) -> KillswitchConfig:
    """Build the engine's settings from the entry's options."""
    interval = options.get(CONF_KILLSWITCH_INTERVAL, DEFAULT_KILLSWITCH_INTERVAL)
    return KillswitchConfig(
        check_interval=interval / 1000,
        fail_closed_after=options.get(
            CONF_FAIL_CLOSED_AFTER, DEFAULT_FAIL_CLOSED_AFTER
        ),
        release_after=options.get(CONF_RELEASE_AFTER, DEFAULT_RELEASE_AFTER),
        unbound_is_leak=options.get(CONF_UNBOUND_IS_LEAK, False),
    )


@dataclass(kw_only=True)
class KillswitchRuntime:
    """An entry's killswitch and the reader that feeds it."""

    killswitch: Killswitch
    reader: SignalReader

    @property
    def snapshot(self) -> KillswitchSnapshot:
        """Return the killswitch's observable state."""
        return self.killswitch.snapshot

    async def check_now(self) -> KillswitchEvent | None:
        """Run one check at once, beside the loop (the engine serialises them)."""
        return await self.killswitch.check(await self.reader.read())


async def async_setup_killswitch(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    vpn: VpnRuntime,
    qbittorrent: QbittorrentRuntime,
) -> KillswitchRuntime:
    """Restore the killswitch (a stored halt is enforced at once) and start watching."""

    def qbittorrent_state() -> tuple[str | None, str | None]:
        # What the dashboard coordinators last saw; None = not known (yet).
        main, settings = qbittorrent.sync.data, qbittorrent.settings.data
        return (
            main.server_state.last_external_address_v4 if main else None,
            settings.network_interface if settings else None,
        )

    def gluetun_seen(status: VpnStatus | None, public: PublicIp | None) -> None:
        # The VPN entities show what the watcher just read, not the 30 s poll:
        # "connected" must not stay on while the killswitch trips on the tunnel.
        data = vpn.status.data
        if data is None or not vpn.status.last_update_success:
            return
        # What the watcher just read also stands in for a failed poll of it.
        read = {"status": status, "public_ip": public}
        failed = {k: v for k, v in data.failed.items() if read.get(k) is None}
        seen = replace(
            data,
            status=status or data.status,
            public_ip=public or data.public_ip,
            failed=failed,
        )
        if seen != data:
            vpn.status.async_set_updated_data(seen)

    reader = SignalReader(
        gluetun=vpn.client,
        gluetun_seen=gluetun_seen,
        ip_echo=IpEchoClient(
            urls=ip_echo_urls(entry.data),
            session=async_get_clientsession(hass),
            timeout=IP_ECHO_TIMEOUT,
        ),
        qbittorrent_state=qbittorrent_state,
        read_timeout=GLUETUN_READ_TIMEOUT,
    )

    def torrent_counts() -> tuple[int, int] | None:
        # Only picks the cheaper side for a halt's read: the sync's age is fine.
        if (main := qbittorrent.sync.data) is None:
            return None
        stopped = main.counts.stopped
        return len(main.torrents) - stopped, stopped

    killswitch = Killswitch(
        QbittorrentDownloadControl(qbittorrent.client, torrent_counts),
        EntryStore(hass, "killswitch", entry.entry_id),
        config=killswitch_config(entry.options),
        armed=True,
    )

    def fire(_snapshot: KillswitchSnapshot, event: KillswitchEvent | None) -> None:
        # Reason, counts and timings only: never an address or a secret.
        if event is None:
            return
        data = event.as_data()
        hass.bus.async_fire(
            f"{DOMAIN}_killswitch_{event.type}", {**data, "entry_id": entry.entry_id}
        )
        tripped = event.type is KillswitchEventType.TRIPPED
        async_record(
            entry,
            f"killswitch_{event.type}",
            reason=event.reason.value,
            evidence={k: v for k, v in data.items() if k != "reason"},
            # A halt is taken back by releasing (refused while not clean).
            undo={"action": "release_downloads", "data": {}} if tripped else None,
        )

    entry.async_on_unload(killswitch.add_listener(fire))
    entry.async_on_unload(reader.close)
    runtime = KillswitchRuntime(killswitch=killswitch, reader=reader)
    await killswitch.restore()
    entry.async_create_background_task(
        hass,
        killswitch.run(reader.read, sleep=asyncio.sleep),
        f"{DOMAIN} killswitch {entry.entry_id}",
    )
    return runtime
