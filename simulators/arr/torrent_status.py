"""The queue fields Radarr and Sonarr derive from one qBittorrent torrent."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .wire import format_timespan

# Real Radarr/Sonarr remember the torrents they grabbed by info-hash, under
# their own category, and build their queue from those still in the client.
# ``queue_fields`` turns one ``torrents/info`` entry into the queue fields the
# apps derive from it.

ETA_INFINITE = 8640000  # qBittorrent's "no estimate": 100 days
# The torrent states, grouped by the queue status the apps give them.
DOWNLOADING = {"downloading", "forcedDL", "moving"}
QUEUED = {"queuedDL", "checkingDL", "checkingResumeData", "allocating"}
METADATA = {"metaDL", "forcedMetaDL"}
PAUSED = {"pausedDL", "stoppedDL"}
COMPLETE = {
    "uploading",
    "stalledUP",
    "pausedUP",
    "stoppedUP",
    "queuedUP",
    "forcedUP",
    "checkingUP",
}


def queue_fields(torrent: dict[str, Any], now: datetime, title: str) -> dict[str, Any]:
    """Derive the queue-record fields an *arr derives from one qBittorrent torrent."""
    state = str(torrent.get("state", "unknown"))
    size = float(torrent.get("size") or 0)
    left = float(torrent.get("amount_left") or 0)
    eta = int(torrent.get("eta") or ETA_INFINITE)
    status, tracked, tracked_state, message = "downloading", "ok", "downloading", None
    if state in COMPLETE:
        status, tracked_state, left = "completed", "importPending", 0.0
    elif state in PAUSED:
        status = "paused"
    elif state in QUEUED:
        status = "queued"
    elif state in METADATA:  # a warning instead when DHT is off
        status, message = "queued", "qBittorrent is downloading metadata"
    elif state == "stalledDL":
        status, message = "warning", "The download is stalled with no connections"
    elif state == "error":
        # A warning on purpose: the apps do not start failed-download handling.
        status, message = "warning", "qBittorrent is reporting an error"
    elif state == "missingFiles":
        status, message = "warning", "qBittorrent is reporting missing files"
    elif state not in DOWNLOADING:
        message = f"Unknown download state: {state}"
    fields: dict[str, Any] = {
        "size": size,
        "sizeleft": left,
        "status": status,
        "trackedDownloadStatus": tracked,
        "trackedDownloadState": tracked_state,
        "errorMessage": message,
        "statusMessages": [{"title": title, "messages": [message]}]
        if tracked != "ok" and message
        else [],
        "downloadClient": "qBittorrent",
        "downloadClientHasPostImportCategory": False,
        "outputPath": torrent.get("content_path") or torrent.get("save_path"),
    }
    if status == "completed":
        fields["timeleft"] = "00:00:00"
    elif status == "downloading" and 0 < eta < ETA_INFINITE:
        fields["timeleft"] = format_timespan(timedelta(seconds=eta))
        fields["estimatedCompletionTime"] = now + timedelta(seconds=eta)
    return fields
