"""Seed data both simulators share: qualities, profiles, disks, health, releases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import hashlib
from typing import Any

GIB = 1024**3

ENGLISH = {"id": 1, "name": "English"}
REVISION = {"version": 1, "real": 0, "isRepack": False}

# ``add_queue_item`` arguments of the troubled downloads the demo queues show.
STALLED = {
    "status": "warning",
    "tracked_download_status": "warning",
    "error_message": "The download is stalled with no connections",
}
FAILED = {
    "status": "failed",
    "tracked_download_status": "error",
    "tracked_download_state": "failedPending",
    "error_message": "qBittorrent is reporting an error",
}

PROFILE_NAMES = {1: "Any", 4: "HD-1080p", 5: "Ultra-HD"}
INDEXERS = ("Nyaa", "TorrentLeech", "IPTorrents", "TorrentDay")
# The tag a release carries when a second indexer cross-posts it (same hash).
CROSS_POST_SUFFIX = "xpost"
GROUPS = ("FLUX", "SPARKS", "NTb", "playWEB", "EDITH", "KiNGS")


def quality_profiles(
    qualities: dict[str, dict[str, Any]], *, language: bool
) -> list[dict[str, Any]]:
    """Build the three default profiles Myflix users keep: Any, HD-1080p, Ultra-HD."""
    profiles: list[dict[str, Any]] = []
    for pid, name in PROFILE_NAMES.items():
        quality = qualities[name]
        items: list[dict[str, Any]] = [
            {
                "quality": q,
                "items": [],
                "allowed": name == "Any" or q["id"] == quality["id"],
            }
            for q in {q["id"]: q for q in qualities.values()}.values()
        ]
        profile: dict[str, Any] = {
            "id": pid,
            "name": name,
            "upgradeAllowed": name != "Any",
            "cutoff": quality["id"],
            "items": items,
            "minFormatScore": 0,
            "cutoffFormatScore": 0,
            "minUpgradeFormatScore": 1,
            "formatItems": [],
        }
        if language:
            profile["language"] = ENGLISH
        profiles.append(profile)
    return profiles


def disk_space() -> list[dict[str, Any]]:
    """Return the mounts as a Raspberry Pi with an NVMe hot disk and a NAS archive sees them."""
    return [
        {"path": "/", "label": "/", "freeSpace": 38 * GIB, "totalSpace": 58 * GIB},
        {
            "path": "/data/media",
            "label": "media",
            "freeSpace": 412 * GIB,
            "totalSpace": 1863 * GIB,
        },
        {
            "path": "/data/archive",
            "label": "nas",
            "freeSpace": 2210 * GIB,
            "totalSpace": 7452 * GIB,
        },
    ]


def health(app: str) -> list[dict[str, Any]]:
    """Return two realistic warnings (tests replace them with ``set_health``)."""
    slug = app.lower()
    return [
        {
            "source": "IndexerLongTermStatusCheck",
            "type": "warning",
            "message": "Indexers unavailable due to failures for more than 6 hours: TorrentDay",
            "wikiUrl": f"https://wiki.servarr.com/{slug}/system#indexers-are-unavailable-due-to-failures-for-more-than-6-hours",
        },
        {
            "source": "UpdateCheck",
            "type": "notice",
            "message": f"Cannot install update because startup folder '/app/{slug}/bin' is not writable by the user 'abc'.",
            "wikiUrl": f"https://wiki.servarr.com/{slug}/system#cannot-install-update-because-startup-folder-is-not-writable-by-the-user",
        },
    ]


def midnight(now: datetime) -> datetime:
    """Return 00:00 UTC of the day of ``now``."""
    return now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def catalog_date(value: Any, today: datetime) -> datetime | None:
    """Read a seed date: an ISO date (UTC midnight), a day offset from today, or None."""
    if value is None:
        return None
    if isinstance(value, int):
        return today + timedelta(days=value)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def release_titles(
    name: str, year: int, resolution: int, *, tv_suffix: str = ""
) -> list[str]:
    """Return scene-style release names a search would find, best first."""
    dotted = "".join(
        c if c.isalnum() else "." for c in name.replace("&", "and").replace("'", "")
    )
    dotted = ".".join(part for part in dotted.split(".") if part)
    head = f"{dotted}.{tv_suffix}" if tv_suffix else f"{dotted}.{year}"
    source = (
        "WEB-DL.DDP5.1.H.264"
        if resolution == 1080
        else "WEB-DL.DDP5.1.Atmos.DV.HDR.H.265"
    )
    return [f"{head}.{resolution}p.{source}-{group}" for group in GROUPS]


def release_size(title: str, base: int) -> int:
    """Return a stable pseudo-random size around ``base`` bytes for a release."""
    spread = int.from_bytes(hashlib.sha256(title.encode()).digest()[:2]) / 65535
    return int(base * (0.8 + 0.4 * spread))


# fmt: off
def system_status(app: str, version: str, branch: str, url_base: str, started: datetime) -> dict[str, Any]:
    """Return ``system/status`` of a linuxserver.io container on a Raspberry Pi."""
    slug = app.lower()
    return {
        "appName": app, "instanceName": app, "version": version,
        "buildTime": datetime(2024, 12, 1, 12, 0, tzinfo=UTC), "isDebug": False, "isProduction": True,
        "isAdmin": False, "isUserInteractive": False, "startupPath": f"/app/{slug}/bin", "appData": "/config",
        "osName": "alpine", "osVersion": "3.20.3", "isNetCore": True, "isLinux": True, "isOsx": False,
        "isWindows": False, "isDocker": True, "mode": "console", "branch": branch, "databaseType": "sqLite",
        "databaseVersion": "3.45.3", "authentication": "forms", "migrationVersion": 241, "urlBase": url_base,
        "runtimeVersion": "6.0.36", "runtimeName": ".NET", "startTime": started,
        "packageVersion": f"{version}-ls250", "packageAuthor": "[linuxserver.io](https://linuxserver.io)",
        "packageUpdateMechanism": "docker",
    }


COMMAND_BODY = {
    "sendUpdatesToClient": True, "updateScheduledTask": True, "completionMessage": "Completed",
    "requiresDiskAccess": False, "isExclusive": False, "isLongRunning": False, "suppressMessages": False,
}


def backup_config(app: str, api_key: str, url_base: str, branch: str) -> str:
    """Write the ``config.xml`` of a backup archive."""
    return (
        f"<Config>\n  <BindAddress>*</BindAddress>\n  <UrlBase>{url_base}</UrlBase>\n"
        f"  <ApiKey>{api_key}</ApiKey>\n  <AuthenticationMethod>Forms</AuthenticationMethod>\n"
        f"  <Branch>{branch}</Branch>\n  <InstanceName>{app}</InstanceName>\n</Config>\n"
    )
# fmt: on
