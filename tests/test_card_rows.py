"""The card's rows from plain models: which torrents are downloads, names, states, dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from custom_components.myflix.clients.arr.models import Episode, Movie, QueueItem
from custom_components.myflix.clients.qbittorrent import Torrent
from custom_components.myflix.features.card.rows import (
    MediaTitle,
    QueueInputs,
    episode_releases,
    movie_releases,
    queue_rows,
    tracked_downloads,
)

HASH = "a" * 40


def _poster(source: str, item_id: int) -> str:
    return f"/poster/{source}/{item_id}"


def _torrent(
    name: str, state: str, progress: float, torrent_hash: str = HASH
) -> Torrent:
    return Torrent.from_dict(
        {"hash": torrent_hash, "name": name, "state": state, "progress": progress}
    )


def _queue(
    torrents: list[Torrent],
    records: dict[str, list[dict[str, Any]]] | None = None,
    **inputs: Any,
) -> dict[str, dict[str, Any]]:
    tracked = tracked_downloads(
        {
            source: [QueueItem.from_dict(record) for record in items]
            for source, items in (records or {}).items()
        }
    )
    titles = {
        ("radarr", 7): MediaTitle("Dune: Part Two", 2024),
        ("sonarr", 3): MediaTitle("The Bear"),
    }
    return queue_rows(
        QueueInputs(
            torrents={torrent.hash: torrent for torrent in torrents},
            tracked=tracked,
            titles=lambda source, item_id: titles.get((source, item_id)),
            poster=_poster,
            **inputs,
        )
    )


def test_downloads_are_unfinished_torrents_and_those_an_app_has_not_imported() -> None:
    """A finished torrent no app follows is a seed, not a download."""
    done, running = "b" * 40, "c" * 40
    rows = _queue(
        [
            _torrent("Seed", "uploading", 1.0, HASH),
            _torrent("Dune.Part.Two.2024.2160p", "stalledUP", 1.0, done),
            _torrent("Linux.iso", "downloading", 0.5, running),
        ],
        {"radarr": [{"id": 1, "downloadId": done.upper(), "movieId": 7}]},
    )
    assert set(rows) == {done, running}
    assert rows[done]["state"] == "importing"
    assert rows[done]["title"] == "Dune: Part Two (2024)"
    assert rows[done]["poster"] == "/poster/radarr/7"
    assert rows[running]["title"] == "Linux.iso"
    assert rows[running]["poster"] is None


@pytest.mark.parametrize(
    ("name", "season", "title"),
    [
        ("The.Bear.S03E02.1080p.WEB", 3, "The Bear · S03E02"),
        ("The.Bear.S02.1080p.WEB", 2, "The Bear · S02"),
        ("The Bear complete", None, "The Bear"),
    ],
)
def test_an_episode_is_named_from_the_release(
    name: str, season: int | None, title: str
) -> None:
    """Sonarr's series title, with the episode the release name carries."""
    record = {"id": 1, "downloadId": HASH, "seriesId": 3, "seasonNumber": season}
    rows = _queue([_torrent(name, "downloading", 0.2)], {"sonarr": [record]})
    assert rows[HASH]["title"] == title


def test_a_title_not_yet_looked_up_shows_the_release_name() -> None:
    """Until the app answers, the row is named by the torrent."""
    record = {"id": 1, "downloadId": HASH, "movieId": 99}
    rows = _queue(
        [_torrent("Unknown.2025.1080p", "downloading", 0.2)], {"radarr": [record]}
    )
    assert rows[HASH]["title"] == "Unknown.2025.1080p"
    assert rows[HASH]["poster"] == "/poster/radarr/99"


@pytest.mark.parametrize(
    ("state", "held", "strikes", "shown"),
    [
        ("stoppedDL", True, 2, "halted"),  # the killswitch holds it
        ("pausedDL", False, 2, "stopped"),  # stopped by hand: not the healer's
        ("stalledDL", False, 2, "struck"),
        ("stalledDL", False, 0, "stalled"),
        ("metaDL", False, 0, "metadata"),
        ("queuedDL", False, 0, "queued"),
        ("missingFiles", False, 0, "missing_files"),
        ("allocating", False, 0, "unknown"),
    ],
)
def test_the_state_in_words(state: str, held: bool, strikes: int, shown: str) -> None:
    """A halt comes first, then a stop by hand, then strikes, then qBittorrent's state."""
    rows = _queue(
        [_torrent("X", state, 0.3)],
        held=frozenset({HASH}) if held else frozenset(),
        strikes={HASH: strikes} if strikes else {},
        strike_limit=3,
    )
    assert rows[HASH]["state"] == shown
    assert rows[HASH]["strikes"] == strikes
    assert rows[HASH]["stopped"] is (state in ("stoppedDL", "pausedDL"))


def test_movie_release_dates_are_calendar_dates_in_the_window() -> None:
    """Each of a movie's dates in [start, end) is a row; the date is never shifted."""
    movie = Movie.from_dict(
        {
            "id": 5,
            "tmdbId": 1,
            "title": "Furiosa",
            "year": 2024,
            "inCinemas": "2026-12-08T00:00:00Z",
            "digitalRelease": "2026-12-20T00:00:00Z",
            "physicalRelease": "2026-12-01T00:00:00Z",
            "hasFile": True,
        }
    )
    rows = movie_releases([movie], date(2026, 12, 7), date(2026, 12, 14), _poster)
    assert list(rows) == ["radarr:5:cinema"]
    assert rows["radarr:5:cinema"] | {"poster": None} == {
        "id": "radarr:5:cinema",
        "source": "radarr",
        "title": "Furiosa",
        "detail": "",
        "release": "cinema",
        "date": "2026-12-08",
        "at": None,
        "has_file": True,
        "poster": None,
        "year": 2024,
    }


def test_an_episode_is_dated_in_the_home_time_zone() -> None:
    """01:30 UTC on the 8th airs on the 7th in New York; the instant goes along."""
    zone = ZoneInfo("America/New_York")
    aired = datetime(2026, 12, 8, 1, 30, tzinfo=UTC)
    episode = Episode.from_dict(
        {
            "id": 42,
            "seriesId": 3,
            "seasonNumber": 2,
            "episodeNumber": 5,
            "title": "Chikhai Bardo",
            "airDateUtc": aired.isoformat(),
            "series": {"title": "Severance"},
        }
    )
    first = datetime(2026, 12, 7, tzinfo=zone)
    rows = episode_releases(
        [episode],
        first,
        first + timedelta(days=1),
        _poster,
        lambda when: when.astimezone(zone).date(),
    )
    assert rows["sonarr:42"]["date"] == "2026-12-07"
    assert rows["sonarr:42"]["at"] == "2026-12-08T01:30:00+00:00"
    assert rows["sonarr:42"]["detail"] == "S02E05 · Chikhai Bardo"
    assert rows["sonarr:42"]["poster"] == "/poster/sonarr/3"
    # Outside the window: no row.
    assert not episode_releases(
        [episode],
        first + timedelta(days=1),
        first + timedelta(days=2),
        _poster,
        lambda w: w.date(),
    )
