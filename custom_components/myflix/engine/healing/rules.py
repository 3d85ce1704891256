"""The rules: why a torrent (and its *arr queue records) looks broken.

Detection reads qBittorrent's ``state`` first: the *arr strings drift between
versions ("The download is missing files" vs "qBittorrent is reporting
missing files"), and the *arr deliberately reports qBittorrent's ``error``
as a mere warning. The queue only adds what qBittorrent cannot know: a
failed import, or a download the *arr itself gave up on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .models import Reason, SearchRequest

if TYPE_CHECKING:
    from custom_components.myflix.clients.arr.models import QueueItem
    from custom_components.myflix.clients.qbittorrent import Torrent, Tracker

STALLED_STATES = frozenset({"stalledDL"})
METADATA_STATES = frozenset({"metaDL", "forcedMetaDL"})
DOWNLOADING_STATES = frozenset({"downloading", "forcedDL"})
# Where a tracker's "this torrent is gone" message shows up.
SUSPECT_STATES = STALLED_STATES | METADATA_STATES | {"error"}
FAILED_IMPORT_STATES = frozenset({"importBlocked", "importPending", "importFailed"})
ARR_FAILED_STATES = frozenset({"failed", "failedPending"})
TRACKER_WORKING = 2
# ``torrents/trackers`` status of a tracker that answered with an error: 4 "not
# working" on 4.x; 5.x splits it into 4 (not working), 5 (tracker error, e.g.
# "Unregistered torrent") and 6 (unreachable). Only 2 means it works.

# After qbit_manage: what trackers answer for a torrent they no longer know.
UNREGISTERED_PATTERNS = (
    "UNREGISTERED",
    "TORRENT NOT FOUND",
    "TORRENT IS NOT FOUND",
    "NOT REGISTERED",
    "NOT EXIST",
    "UNKNOWN TORRENT",
    "TRUMP",
    "RETITLED",
    "TRUNCATED",
    "TORRENT IS NOT AUTHORIZED FOR USE ON THIS TRACKER",
    "INFOHASH NOT FOUND",
    "TORRENT HAS BEEN DELETED",
)
# Outages and account problems look alike but are not the torrent's fault.
IGNORED_PATTERNS = (
    "YOU HAVE REACHED THE CLIENT LIMIT",
    "PASSKEY",
    "MISSING INFO_HASH",
    "GATEWAY TIMEOUT",
    "ANNOUNCE IS CURRENTLY UNAVAILABLE",
    "520 (UNKNOWN HTTP ERROR)",
)


def is_unregistered(trackers: Iterable[Tracker]) -> bool:
    """Tell whether no tracker works and one says it does not know the torrent."""
    listed = list(trackers)
    if not listed or any(t.status == TRACKER_WORKING for t in listed):
        return False
    for tracker in listed:
        message = tracker.msg.upper()
        if any(p in message for p in IGNORED_PATTERNS):
            continue
        if any(p in message for p in UNREGISTERED_PATTERNS):
            return True
    return False


def queue_reason(items: Sequence[QueueItem]) -> Reason | None:
    """Return what the *arr queue says is wrong, beyond qBittorrent."""
    for item in items:
        if item.tracked_download_state in ARR_FAILED_STATES or item.status == "failed":
            return Reason.FAILED
        if (
            item.tracked_download_status == "warning"
            and item.tracked_download_state in FAILED_IMPORT_STATES
        ):
            return Reason.FAILED_IMPORT
    return None


def state_reason(torrent: Torrent) -> Reason | None:
    """Return what qBittorrent's state alone says (slow needs two looks)."""
    state = torrent.state
    if state == "error":
        return Reason.FAILED
    if state == "missingFiles":
        return Reason.MISSING_FILES
    if state in METADATA_STATES:
        return Reason.METADATA
    if state in STALLED_STATES:
        return Reason.STALLED
    return None


def may_be_slow(torrent: Torrent) -> bool:
    """Tell whether a torrent downloads with bytes left (never moving/queued)."""
    return (
        torrent.state in DOWNLOADING_STATES
        and torrent.size > 0
        and torrent.amount_left > 0
    )


def measured_speed(
    previous: tuple[float, int] | None, now: float, completed: int, min_sample: float
) -> float | None:
    """Return bytes/s from two progress samples; None without a long enough baseline."""
    if previous is None:
        return None
    elapsed = now - previous[0]
    if elapsed < min_sample:
        return None
    return max(0, completed - previous[1]) / elapsed


def search_for(app: str, items: Sequence[QueueItem]) -> SearchRequest | None:
    """Return our own search replacing a removed download (None when nothing to search).

    Radarr: ``MoviesSearch``. Sonarr: ``SeasonSearch`` for a season pack (several
    records of one season), else ``EpisodeSearch`` with every episode it covered.
    """
    if app == "radarr":
        movies = sorted({i.movie_id for i in items if i.movie_id})
        return (
            SearchRequest(app=app, name="MoviesSearch", fields={"movieIds": movies})
            if movies
            else None
        )
    episodes = sorted({i.episode_id for i in items if i.episode_id})
    seasons = {(i.series_id, i.season_number) for i in items}
    if len(episodes) > 1 and len(seasons) == 1:
        ((series_id, season),) = seasons
        if series_id and season is not None:
            return SearchRequest(
                app=app,
                name="SeasonSearch",
                fields={"seriesId": series_id, "seasonNumber": season},
            )
    if episodes:
        return SearchRequest(
            app=app, name="EpisodeSearch", fields={"episodeIds": episodes}
        )
    return None


def index_queues(
    queues: Mapping[str, Sequence[QueueItem]],
) -> dict[str, tuple[str, list[QueueItem]]]:
    """Group torrent queue records by upper-case download id → (app, records)."""
    index: dict[str, tuple[str, list[QueueItem]]] = {}
    for app, items in queues.items():
        for item in items:
            if item.download_id and item.protocol != "usenet":
                index.setdefault(item.download_id, (app, []))[1].append(item)
    return index
