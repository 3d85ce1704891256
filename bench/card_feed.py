"""Card subscription: what one push costs on HA's event loop at 500 downloads.

The feed builds every row from the coordinators' data on each push, then sends
the rows that differ from what it sent. With 500 downloads (Radarr and Sonarr
following them, named and with posters) and 200 releases: the time to build
the rows and diff them when one download moved (a delta), and to build and
serialise the first message (full). Baseline, same run: ``json.dumps`` of the
full message, which HA's websocket pays for any message of that size anyway.
Also the message sizes: the delta holds one row.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
import json
import statistics
import time
from typing import Any

from common import ROOT  # noqa: F401  (puts the repository on sys.path)

from custom_components.myflix.clients.arr.models import Episode, Movie, QueueItem
from custom_components.myflix.clients.qbittorrent import Torrent
from custom_components.myflix.features.card.feed import _diff
from custom_components.myflix.features.card.rows import (
    MediaTitle,
    QueueInputs,
    episode_releases,
    movie_releases,
    queue_rows,
    tracked_downloads,
)

DOWNLOADS = 500
RELEASES = 200
START = date(2026, 12, 7)


def _torrents() -> dict[str, Torrent]:
    return {
        f"{index:040x}": Torrent.from_dict(
            {
                "hash": f"{index:040x}",
                "name": f"Some.Long.Release.Name.{index}.2024.2160p.UHD.BluRay.x265-GRP",
                "state": "downloading",
                "progress": index / DOWNLOADS,
                "dlspeed": 1_000_000 + index,
                "size": 20 * 1024**3,
                "eta": 600 + index,
                "added_on": 1_796_000_000 + index,
            }
        )
        for index in range(DOWNLOADS)
    }


def _queues(torrents: dict[str, Torrent]) -> dict[str, list[QueueItem]]:
    items = [
        QueueItem.from_dict({"id": index, "downloadId": key.upper(), "movieId": index})
        for index, key in enumerate(torrents)
    ]
    return {"radarr": items}


def _releases() -> tuple[list[Movie], list[Episode]]:
    movies = [
        Movie.from_dict(
            {
                "id": index,
                "tmdbId": index,
                "title": f"Movie {index}",
                "year": 2026,
                "digitalRelease": f"{START + timedelta(days=index % 7)}T00:00:00Z",
            }
        )
        for index in range(RELEASES // 2)
    ]
    episodes = [
        Episode.from_dict(
            {
                "id": index,
                "seriesId": index % 20,
                "seasonNumber": 1,
                "episodeNumber": index,
                "title": f"Episode {index}",
                "airDateUtc": f"{START + timedelta(days=index % 7)}T20:00:00Z",
                "series": {"title": f"Series {index % 20}"},
            }
        )
        for index in range(RELEASES // 2)
    ]
    return movies, episodes


# Parsed once, as the calendar coordinators hold them.
RELEASED = _releases()


def _build(
    torrents: dict[str, Torrent], queues: dict[str, list[QueueItem]]
) -> dict[str, Any]:
    def poster(source: str, item_id: int) -> str:
        return f"/api/myflix/posters/01J00000000000000000000000/{source}/{item_id}?authSig=x"

    movies, episodes = RELEASED
    first = datetime(2026, 12, 7, tzinfo=UTC)
    return {
        "queue": queue_rows(
            QueueInputs(
                torrents=torrents,
                tracked=tracked_downloads(queues),
                titles=lambda source, item_id: MediaTitle(f"Movie {item_id}", 2024),
                poster=poster,
                strike_limit=3,
            )
        ),
        "upcoming": movie_releases(movies, START, START + timedelta(days=7), poster)
        | episode_releases(
            episodes, first, first + timedelta(days=7), poster, lambda when: when.date()
        ),
    }


def _median_ms(work: Any, runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the table and the summary line."""
    torrents = _torrents()
    queues = _queues(torrents)
    sent = _build(torrents, queues)
    full = {"full": True, **{key: list(rows.values()) for key, rows in sent.items()}}
    moved = dict(torrents)
    key = next(iter(moved))
    moved[key] = replace(moved[key], progress=0.5)

    def delta() -> dict[str, Any]:
        now = _build(moved, queues)
        return {
            "queue": _diff(sent["queue"], now["queue"]),
            "upcoming": _diff(sent["upcoming"], now["upcoming"]),
        }

    message = delta()
    assert message["upcoming"] is None
    assert len(message["queue"]["changed"]) == 1
    baseline = _median_ms(lambda: json.dumps(full))
    first = _median_ms(lambda: json.dumps({"full": True, **_build(torrents, queues)}))
    push = _median_ms(delta)
    full_bytes, delta_bytes = len(json.dumps(full)), len(json.dumps(message))
    print(f"card feed: {DOWNLOADS} downloads, {RELEASES} releases (median of 30)")
    print(f"  json.dumps of the first message (baseline)  {baseline:6.2f} ms")
    print(
        f"  build + serialise the first message         {first:6.2f} ms  {first / baseline:4.1f}x"
    )
    print(
        f"  build + diff, one download moved            {push:6.2f} ms  {push / baseline:4.1f}x"
    )
    print(
        f"  first message {full_bytes:,} B; the delta {delta_bytes:,} B ({delta_bytes / full_bytes:.2%})"
    )
    print(
        f"summary: card feed at {DOWNLOADS} downloads: a push {push:.1f} ms"
        f" ({push / baseline:.1f}x json.dumps of the first message), delta"
        f" {delta_bytes:,} B of {full_bytes:,} B"
    )


if __name__ == "__main__":
    main()
