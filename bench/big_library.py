"""The big library the event-loop bench runs against, and its hot tier.

Radarr with 10,000 movies, Sonarr with 2,000 series (50,000 episodes),
qBittorrent with 5,000 torrents, gluetun and an IP echo: built and served in
a spawned child process (not forked: Home Assistant's process has threads).
No Home Assistant import here, so the child starts light.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
import multiprocessing
import os
from pathlib import Path
import time
from typing import Any

from bench.common import SimulatorProcess, _controlled_child
from simulators.bulk import GENRES, add_torrents, big_radarr
from simulators.gluetun import GluetunSimulator
from simulators.ipecho import IpEchoSimulator
from simulators.qbittorrent import QbittorrentSimulator
from simulators.sonarr import SonarrSimulator
from simulators.sonarr.catalog import _series

MOVIES = int(os.environ.get("BENCH_MOVIES", "10000"))
SERIES = int(os.environ.get("BENCH_SERIES", "2000"))
EPISODES_PER_SERIES = 25  # 2,000 series = 50,000 episodes
TORRENTS = int(os.environ.get("BENCH_TORRENTS", "5000"))

RADARR_KEY = "bench-radarr-key-0123456789abcdef"
SONARR_KEY = "bench-sonarr-key-0123456789abcdef"
GLUETUN_KEY = "bench-gluetun-key"
USER, PASSWORD = "admin", "bench-password"


class BigSonarr(SonarrSimulator):
    """Sonarr whose per-series episode lookup is indexed (the simulator scans all).

    The simulator answers in its own process; with 50,000 episodes its linear
    scan per series would make ``/series`` take minutes, not Sonarr's speed.
    """

    _by_series: dict[int, list[dict[str, Any]]]
    _indexed: tuple[int, int] = (0, 0)

    def _episodes_of(
        self, series_id: int, season: int | None = None
    ) -> list[dict[str, Any]]:
        key = (id(self.episodes), len(self.episodes))
        if key != self._indexed:
            start = self._indexed[1] if key[0] == self._indexed[0] else 0
            if start == 0:
                self._by_series = defaultdict(list)
            for ep in list(self.episodes.values())[start:]:
                self._by_series[ep["seriesId"]].append(ep)
            self._indexed = key
        return [
            e
            for e in self._by_series.get(series_id, ())
            if season in (None, e["seasonNumber"])
        ]


def _sonarr() -> BigSonarr:
    sim = BigSonarr(api_key=SONARR_KEY)
    now = datetime.now(UTC)
    for index in range(SERIES - len(sim.series)):
        year = 1990 + index % 35
        # Two aired seasons of 10, a third of 5 whose weekly run spans today.
        seasons = [
            (1, 10, f"{year}-01-0{1 + index % 9}", 7, (), 10),
            (2, 10, f"{year + 1}-01-0{1 + index % 9}", 7, (), 8),
            (3, EPISODES_PER_SERIES - 20, -(index % 40), 7, (), 0),
        ]
        row = (
            f"Series Number {index}", year, 1_000_000 + index, f"tt{8_000_000 + index}",
            3_000_000 + index, "Some Network", ("continuing", "ended")[index % 2],
            45, GENRES[index % 4], seasons,
        )  # fmt: skip
        template, episodes = _series(row, now)
        sim.add_to_library(template, episodes, monitored=index % 10 != 0)
    return sim


def _qbittorrent() -> QbittorrentSimulator:
    sim = QbittorrentSimulator(username=USER, password=PASSWORD)
    add_torrents(sim, TORRENTS)
    return sim


def build_simulators() -> dict[str, Any]:
    """Every backend at the big library's size (runs in the child process)."""
    gluetun = GluetunSimulator(api_key=GLUETUN_KEY)
    return {
        "radarr": big_radarr(MOVIES, RADARR_KEY),
        "sonarr": _sonarr(),
        "qbittorrent": _qbittorrent(),
        "gluetun": gluetun,
        "ipecho": IpEchoSimulator(ip=gluetun.home_ip),
    }


def make_hot_tier(base: Path) -> dict[str, Any]:
    """A hot tier holding every movie and episode (sparse files); the options."""
    hot, archive = base / "hot", base / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    old = time.time() - 400 * 86400
    for index in range(MOVIES):
        folder = hot / "movies" / f"Movie Number {index} ({1970 + index % 55})"
        folder.mkdir(parents=True)
        path = folder / f"Movie Number {index}.mkv"
        with path.open("wb") as file:
            file.truncate(2_000_000_000 + index)
        if index % 2:
            os.utime(path, (old, old))
    for index in range(SERIES):
        for season in (1, 2, 3):
            folder = hot / "tv" / f"Series Number {index}" / f"Season {season:02d}"
            folder.mkdir(parents=True)
            count = 10 if season < 3 else EPISODES_PER_SERIES - 20
            for number in range(1, count + 1):
                path = folder / f"S{season:02d}E{number:02d}.mkv"
                with path.open("wb") as file:
                    file.truncate(1_600_000_000)
                if season == 1:
                    os.utime(path, (old, old))
    return {
        "tiering_hot_roots": str(hot),
        "archive_path": str(archive),
        "tiering_min_age": 30,
        "tiering_interval": 0,
    }


@contextmanager
def spawned_simulators() -> Iterator[SimulatorProcess]:
    """Serve ``build_simulators()`` from a spawned child, steered through a pipe."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    process = ctx.Process(
        target=_controlled_child, args=(build_simulators, child), daemon=True
    )
    process.start()
    try:
        if not parent.poll(600):
            raise RuntimeError("the simulators did not start within 600 s")
        yield SimulatorProcess(parent, parent.recv())
    finally:
        process.terminate()
        process.join(10)
