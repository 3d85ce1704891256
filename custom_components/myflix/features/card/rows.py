"""The card's rows, as plain dicts: a download of the queue, a release coming up.

Built from what the coordinators and parts already hold; nothing here asks a
backend. A row's ``id`` is stable, so the subscription can send only the rows
that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
import re
from typing import Any

from custom_components.myflix.clients.arr.models import Episode, Movie, QueueItem
from custom_components.myflix.clients.qbittorrent import Torrent, TorrentStatus

type Row = dict[str, Any]
type PosterPath = Callable[[str, int], str]
"""The poster path of an item: (``radarr`` or ``sonarr``, movie or series id)."""

# What a torrent's normalised status reads as on the card.
_STATES: dict[TorrentStatus, str] = {
    TorrentStatus.DOWNLOADING: "downloading",
    TorrentStatus.STALLED_DOWNLOADING: "stalled",
    TorrentStatus.METADATA: "metadata",
    TorrentStatus.QUEUED_DOWNLOADING: "queued",
    TorrentStatus.CHECKING: "checking",
    TorrentStatus.STOPPED_DOWNLOADING: "stopped",
    TorrentStatus.ERROR: "error",
    TorrentStatus.MISSING_FILES: "missing_files",
    TorrentStatus.MOVING: "moving",
    TorrentStatus.SEEDING: "seeding",
    TorrentStatus.STALLED_SEEDING: "seeding",
    TorrentStatus.QUEUED_SEEDING: "seeding",
    TorrentStatus.STOPPED_SEEDING: "stopped",
    TorrentStatus.UNKNOWN: "unknown",
}
# Scene names carry the episode: "The.Bear.S03E02.1080p…".
_EPISODE_IN_NAME = re.compile(r"\bS(\d{1,2})E(\d{1,3})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MediaTitle:
    """How Radarr or Sonarr names a movie or series."""

    title: str
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Tracked:
    """A download Radarr or Sonarr follows: which app, which item, its queue record."""

    source: str
    item: QueueItem

    @property
    def item_id(self) -> int | None:
        """The movie or series the download is for."""
        return self.item.movie_id if self.source == "radarr" else self.item.series_id


def tracked_downloads(queues: Mapping[str, Iterable[QueueItem]]) -> dict[str, Tracked]:
    """Index the apps' queue records by the torrent hash they download."""
    return {
        item.download_id.lower(): Tracked(source, item)
        for source, items in queues.items()
        for item in items
        if item.download_id
    }


def _title(torrent: Torrent, tracked: Tracked | None, title: MediaTitle | None) -> str:
    """Name a download as the app does: "Dune (2024)", "The Bear · S03E02"."""
    if tracked is None or title is None:
        return torrent.name
    if tracked.source == "radarr":
        return f"{title.title} ({title.year})" if title.year else title.title
    if found := _EPISODE_IN_NAME.search(torrent.name):
        season, episode = (int(number) for number in found.groups())
        return f"{title.title} · S{season:02d}E{episode:02d}"
    if tracked.item.season_number is not None:
        return f"{title.title} · S{tracked.item.season_number:02d}"
    return title.title


def _state(torrent: Torrent, *, held: bool, strikes: int, tracked: bool) -> str:
    if held:
        return "halted"
    if torrent.is_stopped:
        return "stopped"  # stopped by hand: the healer leaves it alone
    if strikes:
        return "struck"
    if tracked and torrent.is_complete:
        return "importing"  # done downloading; the app has not imported it yet
    return _STATES.get(torrent.status, "unknown")


def in_queue(torrent: Torrent, tracked: Tracked | None) -> bool:
    """Whether a torrent is a download: not complete, or complete but not imported."""
    return tracked is not None or not torrent.is_complete


def queue_row(
    torrent: Torrent,
    *,
    tracked: Tracked | None,
    title: MediaTitle | None,
    poster: str | None,
    held: bool,
    strikes: int,
    strike_limit: int | None,
) -> Row:
    """Describe one download for the card."""
    return {
        "id": torrent.hash,
        "hash": torrent.hash,
        "title": _title(torrent, tracked, title),
        "name": torrent.name,
        "source": tracked.source if tracked else None,
        "poster": poster,
        "progress": round(100 * torrent.progress, 1),
        "size": torrent.size,
        "download_speed": torrent.dlspeed,
        "eta": torrent.eta,
        "state": _state(torrent, held=held, strikes=strikes, tracked=bool(tracked)),
        "strikes": strikes,
        "strike_limit": strike_limit,
        "stopped": torrent.is_stopped,
        "added_on": torrent.added_on.isoformat() if torrent.added_on else None,
    }


@dataclass(frozen=True, kw_only=True)
class QueueInputs:
    """What the queue is built from, gathered from the entry's parts."""

    torrents: Mapping[str, Torrent]
    tracked: Mapping[str, Tracked]
    titles: Callable[[str, int], MediaTitle | None]
    """A movie's or series' title, when known (asking for it may look it up later)."""
    poster: PosterPath
    held: Collection[str] = ()
    strikes: Mapping[str, int] = field(default_factory=dict)
    strike_limit: int | None = None


def queue_rows(inputs: QueueInputs) -> dict[str, Row]:
    """Every download, by id."""
    rows: dict[str, Row] = {}
    for torrent_hash, torrent in inputs.torrents.items():
        tracked = inputs.tracked.get(torrent_hash)
        if not in_queue(torrent, tracked):
            continue
        title = poster = None
        if tracked is not None and (item_id := tracked.item_id):
            title = inputs.titles(tracked.source, item_id)
            poster = inputs.poster(tracked.source, item_id)
        rows[torrent_hash] = queue_row(
            torrent,
            tracked=tracked,
            title=title,
            poster=poster,
            held=torrent_hash in inputs.held,
            strikes=inputs.strikes.get(torrent_hash, 0),
            strike_limit=inputs.strike_limit,
        )
    return rows


def movie_releases(
    movies: Iterable[Movie], start: date, end: date, poster: PosterPath
) -> dict[str, Row]:
    """Return the release dates of ``movies`` in ``[start, end)``, by id.

    A release date is a calendar date (``Movie.release_days``): shown as it is
    in every time zone.
    """
    rows: dict[str, Row] = {}
    for movie in movies:
        for kind, day in movie.release_days():
            if not start <= day < end:
                continue
            rows[f"radarr:{movie.id}:{kind}"] = {
                "id": f"radarr:{movie.id}:{kind}",
                "source": "radarr",
                "title": movie.title,
                "detail": "",
                "release": kind,
                "date": day.isoformat(),
                "at": None,
                "has_file": movie.has_file,
                "poster": poster("radarr", movie.id) if movie.id else None,
                "year": movie.year or None,
            }
    return rows


def episode_releases(
    episodes: Iterable[Episode],
    first: datetime,
    after: datetime,
    poster: PosterPath,
    local_date: Callable[[datetime], date],
) -> dict[str, Row]:
    """Return the episodes airing in ``[first, after)``, by id (the card shows the time)."""
    rows: dict[str, Row] = {}
    for episode in episodes:
        if (aired := episode.air_date_utc) is None or not first <= aired < after:
            continue
        number = f"S{episode.season_number:02d}E{episode.episode_number:02d}"
        rows[f"sonarr:{episode.id}"] = {
            "id": f"sonarr:{episode.id}",
            "source": "sonarr",
            "title": episode.series_title or "",
            "detail": f"{number} · {episode.title}" if episode.title else number,
            "release": None,
            "date": local_date(aired).isoformat(),
            "at": aired.isoformat(),
            "has_file": episode.has_file,
            "poster": poster("sonarr", episode.series_id)
            if episode.series_id
            else None,
            "year": None,
        }
    return rows
