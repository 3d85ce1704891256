"""Diagnostics: the entry's settings, backend health and compact data summaries.

Summaries are counts and short lists, never whole libraries or torrent
lists; secrets, cookies, tokens and the public IP are left out or redacted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.exceptions import HomeAssistantError
from yarl import URL

from .const import CONF_QBITTORRENT_USERNAME, SECRET_KEYS
from .features.arr import RADARR, SONARR
from .features.healing import HEALING
from .features.qbittorrent import QBITTORRENT
from .features.tiering import TIERING
from .features.vpn import CONNECTABILITY, KILLSWITCH, VPN

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .coordinator import MyflixCoordinator, Parts
    from .entry import MyflixConfigEntry
    from .features.arr.coordinator import ArrRuntime
    from .features.qbittorrent.coordinator import QbittorrentRuntime
    from .features.vpn.coordinator import VpnRuntime

# Matched at any depth, so a secret that slips into a summary is caught too.
TO_REDACT = {
    *SECRET_KEYS,
    CONF_QBITTORRENT_USERNAME,
    "api_key",
    "apikey",
    "password",
    "cookie",
    "token",
    "sid",
    # The VPN exit and home addresses locate the user.
    "ip",
    "public_ip",
    "home_ip",
    "vpn_ip",
    "qbittorrent_ip",
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: MyflixConfigEntry
) -> dict[str, Any]:
    """Return what helps to debug an entry, with secrets redacted."""
    runtime = entry.runtime_data
    radarr, sonarr = runtime.get(RADARR), runtime.get(SONARR)
    qbittorrent, vpn = runtime.get(QBITTORRENT), runtime.get(VPN)
    killswitch, healing = runtime.get(KILLSWITCH), runtime.get(HEALING)
    tiering, connectability = runtime.get(TIERING), runtime.get(CONNECTABILITY)
    data = {
        key: without_userinfo(value) if key.endswith("_url") else value
        for key, value in entry.data.items()
    }
    return async_redact_data(
        {
            "entry": {"title": entry.title, "data": data, "options": entry.options},
            "versions": runtime.versions,
            "coordinators": [_coordinator(c) for c in runtime.coordinators()],
            "radarr": _arr(radarr) if radarr else None,
            "sonarr": _arr(sonarr) if sonarr else None,
            "qbittorrent": _qbittorrent(qbittorrent) if qbittorrent else None,
            "vpn": _vpn(vpn) if vpn else None,
            "killswitch": killswitch.snapshot.as_dict() if killswitch else None,
            # Whether peers can reach qBittorrent, why not, and the ports seen.
            "connectability": (
                connectability.current.as_dict() if connectability else None
            ),
            "healing": healing.diagnostics() if healing else None,
            # Tiering: fill, pending and moved bytes, last run (paths are not secret).
            **({"tiering": tiering.storage_status()} if tiering else {}),
        },
        TO_REDACT,
    )


def without_userinfo(url: Any) -> Any:
    """Drop ``user:password@`` from a URL, should one have been typed in."""
    return str(URL(url).with_user(None)) if isinstance(url, str) else url


def _coordinator(coordinator: MyflixCoordinator[Any]) -> dict[str, Any]:
    """Whether a coordinator works, and the kind (not text) of its last error."""
    err = coordinator.last_exception
    interval = coordinator.update_interval
    return {
        "name": coordinator.name,
        "last_update_success": coordinator.last_update_success,
        "last_exception": type(err).__name__ if err else None,
        # Our errors carry the reason as a key: cannot_connect, timeout_connect...
        "reason": err.translation_key if isinstance(err, HomeAssistantError) else None,
        "update_interval": interval.total_seconds() if interval else None,
    }


def _parts_dict(data: Parts) -> dict[str, Any]:
    """Return the fields of several endpoints' data; which failed, if one did."""
    fields = asdict(data)
    if failed := fields.pop("failed"):
        fields["failed_endpoints"] = failed
    return fields


def _arr(arr: ArrRuntime[Any]) -> dict[str, Any]:
    """Queue, health, disks and library counts of a Radarr or Sonarr."""
    summary: dict[str, Any] = {}
    if (status := arr.status.data) is not None:
        if (queue := status.queue) is not None:
            summary["queue"] = {
                "count": len(queue),
                "by_state": dict(
                    Counter(item.tracked_download_state for item in queue)
                ),
            }
        if status.health is not None:
            summary["health"] = [
                {"source": check.source, "type": check.type, "message": check.message}
                for check in status.health
            ]
        if status.root_folders is not None:
            summary["root_folders"] = [
                {
                    "path": folder.path,
                    "accessible": folder.accessible,
                    "free_space": folder.free_space,
                }
                for folder in status.root_folders
            ]
        if status.disk_space is not None:
            summary["disks"] = len(status.disk_space)
        if status.failed:
            summary["failed_endpoints"] = dict(status.failed)
    if (library := arr.library.data) is not None:
        summary["library"] = _parts_dict(library)
    if (calendar := arr.calendar.data) is not None:
        summary["calendar"] = {
            "start": calendar.start.isoformat(),
            "end": calendar.end.isoformat(),
            "movies": len(calendar.movies),
            "episodes": len(calendar.episodes),
        }
    return summary


def _qbittorrent(qbt: QbittorrentRuntime) -> dict[str, Any]:
    """Torrent counts by status, the transfer state and the global limits."""
    summary: dict[str, Any] = {"api_version": qbt.client.api_version}
    if (main := qbt.sync.data) is not None:
        server = main.server_state
        summary["torrents"] = {
            "count": len(main.torrents),
            "by_status": dict(Counter(str(t.status) for t in main.torrents.values())),
        }
        summary["categories"] = len(main.categories)
        summary["tags"] = len(main.tags)
        # Not the external address: that is the user's home or VPN IP.
        summary["server_state"] = {
            "connection_status": server.connection_status,
            "dl_info_speed": server.dl_info_speed,
            "up_info_speed": server.up_info_speed,
            "free_space_on_disk": server.free_space_on_disk,
            "use_alt_speed_limits": server.use_alt_speed_limits,
            "dht_nodes": server.dht_nodes,
        }
    if (settings := qbt.settings.data) is not None:
        summary["settings"] = _parts_dict(settings)
    return summary


def _vpn(vpn: VpnRuntime) -> dict[str, Any]:
    """Tunnel status, exit location and server selection; never an address or key."""
    if (data := vpn.status.data) is None:
        return {}
    public_ip, settings = data.public_ip, data.settings
    summary: dict[str, Any] = {
        "status": data.status.state.value if data.status else None,
        "public_ip_known": public_ip is not None and public_ip.ip is not None,
        "country": public_ip.country if public_ip else None,
        "server": data.server,
        "forwarded_port": data.forwarded_port,
        # A whitelist of non-secret fields (VpnSettings never reads the keys).
        "settings": asdict(settings) if settings else None,
    }
    if data.failed:
        summary["failed_endpoints"] = dict(data.failed)
    return summary
