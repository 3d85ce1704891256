"""The ``filter`` parameter of ``torrents/info``, as qBittorrent applies it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .torrent import SimTorrent

FILTERS_V4 = frozenset(
    {"all", "downloading", "seeding", "completed", "paused", "active", "inactive"}
    | {"resumed", "stalled", "stalled_uploading", "stalled_downloading", "checking"}
    | {"moving", "errored"}
)
FILTERS_V5 = (FILTERS_V4 - {"paused", "resumed"}) | {"stopped", "running"}
_ACTIVE = frozenset(
    {"downloading", "metaDL", "forcedMetaDL", "forcedDL", "uploading", "forcedUP"}
    | {"moving"}
)
_DL_STATES = frozenset(
    {"downloading", "metaDL", "forcedMetaDL", "stalledDL", "checkingDL", "queuedDL"}
    | {"forcedDL", "pausedDL", "stoppedDL"}
)
_UP_STATES = frozenset({"uploading", "stalledUP", "checkingUP", "queuedUP", "forcedUP"})


def known_filter(name: str, *, v5: bool) -> str:
    """Return ``name``, or ``all`` for a name this version does not know (as qBittorrent does)."""
    return name if name in (FILTERS_V5 if v5 else FILTERS_V4) else "all"


def is_active(torrent: SimTorrent, *, v5: bool) -> bool:
    """Tell whether the ``active`` filter matches: transferring or moving."""
    return torrent.state(v5) in _ACTIVE or torrent.dlspeed > 0 or torrent.upspeed > 0


def matches_filter(state: str, name: str, *, active: bool, stopped: bool) -> bool:
    """Apply one ``torrents/info`` filter (names already checked for the version).

    The stopped/running filters follow the torrent's stop flag, as qBittorrent's
    ``isPaused()`` does: an errored torrent keeps its ``error`` state when
    stopped but is listed stopped.
    """
    checks = {
        "downloading": state in _DL_STATES,
        "seeding": state in _UP_STATES,
        "completed": state in _UP_STATES or state in ("pausedUP", "stoppedUP"),
        "paused": stopped,
        "stopped": stopped,
        "resumed": not stopped,
        "running": not stopped,
        "active": active,
        "inactive": not active,
        "stalled": state in ("stalledUP", "stalledDL"),
        "stalled_uploading": state == "stalledUP",
        "stalled_downloading": state == "stalledDL",
        "checking": state in ("checkingUP", "checkingDL", "checkingResumeData"),
        "moving": state == "moving",
        "errored": state in ("error", "missingFiles"),
    }
    return checks.get(name, True)
