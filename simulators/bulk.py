"""Made-up bulk data for the benchmarks: a big Radarr library, many torrents."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest.mock import patch

from simulators.arr.catalog import midnight
from simulators.qbittorrent import QbittorrentSimulator
from simulators.radarr import RadarrSimulator
from simulators.radarr.catalog import _movie

GENRES = (["Drama"], ["Comedy", "Romance"], ["Action", "Adventure"], ["Horror"])
STATES = ("uploading", "stalledUP", "pausedUP", "stalledDL", "downloading", "queuedDL")


def big_radarr(movies: int, api_key: str) -> RadarrSimulator:
    """Radarr's seeded demo library grown to ``movies`` made-up movies (1% upcoming)."""
    sim = RadarrSimulator(api_key=api_key)
    today = midnight(datetime.now(UTC))
    for index in range(movies - len(sim.movies)):
        year = 1970 + index % 55
        upcoming = index % 100 == 1
        dates = (
            (index % 30 - 20, index % 30 + 10, index % 30 + 40)
            if upcoming
            else (f"{year}-03-14", f"{year}-07-01", f"{year}-09-15")
        )
        row = (
            f"Movie Number {index}", year, 2_000_000 + index, f"tt{9_000_000 + index}",
            90 + index % 60, "Some Studio", GENRES[index % 4], *dates,
        )  # fmt: skip
        sim.add_to_library(
            _movie(row, today),
            hasFile=not upcoming and index % 7 != 0,
            monitored=index % 20 != 0,
            qualityProfileId=4,
        )
    return sim


def add_torrents(sim: QbittorrentSimulator, count: int) -> None:
    """Add ``count`` made-up torrents in a mix of states, categories and tags."""
    with patch.object(sim.state, "refresh"):  # one refresh at the end
        for index in range(count):
            state = STATES[index % len(STATES)]
            sim.add_torrent(
                name=f"Some.Movie.{index:05d}.2019.1080p.BluRay.x264-GROUP",
                size=2_000_000_000 + index * 1_000,
                progress=1.0 if state.endswith("UP") else 0.5,
                state=state,
                category=("radarr", "tv-sonarr", "")[index % 3],
                tags=("myflix",) if index % 5 == 0 else (),
                trackers=(f"udp://tracker{index % 7}.example.org:1337/announce",),
            )
    sim.state.refresh()
