"""Healing: one decision pass over 5,000 torrents and 2,000 *arr queue items.

The pass is the engine's pure ``decide`` (rules, protections, strikes, slow
samples, loop guard) on a warm book: a first pass has set the progress
samples, a third of the flagged torrents already carry strikes, some hashes
were replaced before. Each timed run works on a copy of that book, so every
run does the same work (the copy is timed too: a dry run pays for it).

Baseline, same data, same run: a plain loop that only indexes the queue by
upper-case hash and reads each torrent's state, category, tags and bytes,
i.e. the floor any pass over this data pays. Allocations: ``tracemalloc``
peak and the number of blocks still alive after one pass (the book's new
samples and strikes).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
import tracemalloc
from typing import Any

from common import ROOT  # noqa: F401  (puts the repository on sys.path)

from custom_components.myflix.clients.arr.models import QueueItem
from custom_components.myflix.clients.qbittorrent import Torrent
from custom_components.myflix.engine.healing import (
    HealingConfig,
    Replaced,
    Snapshot,
    StrikeBook,
    decide,
)

GOAL_MS = 20.0
STATES = (
    ["downloading"] * 30
    + ["stalledDL"] * 10
    + ["uploading", "stalledUP", "pausedUP"] * 15
    + ["metaDL", "queuedDL", "error", "missingFiles", "checkingDL", "moving"]
)
NOW = 1_767_225_600.0


def build(torrents: int, queue: int, seed: int = 7) -> tuple[Snapshot, Snapshot]:
    """Return (first look, second look 10 minutes later) of one stack."""
    rng = random.Random(seed)
    raw: list[dict[str, Any]] = []
    for index in range(torrents):
        size = rng.randint(1, 60) << 30
        state = rng.choice(STATES)
        done = size if state.endswith("UP") else rng.randint(0, size - 1)
        raw.append(
            {
                "hash": f"{index:040x}",
                "name": f"Some.Release.{index}.2160p.WEB-DL",
                "state": state,
                "size": size,
                "completed": done,
                "amount_left": size - done,
                "progress": done / size,
                "category": rng.choice(["radarr", "tv-sonarr", "manual", ""]),
                "tags": rng.choice(["", "", "", "myflix-keep", "4k"]),
                "added_on": int(NOW - rng.randint(0, 30 * 86400)),
                "private": rng.random() < 0.1,
                "tracker": "" if rng.random() < 0.3 else "https://t.example/ann",
            }
        )
    items = []
    for index in range(queue):
        picked = raw[rng.randrange(torrents)]
        items.append(
            QueueItem.from_dict(
                {
                    "id": index + 1,
                    "movieId": index + 1,
                    "title": picked["name"],
                    "status": "warning",
                    "trackedDownloadStatus": rng.choice(["ok"] * 9 + ["warning"]),
                    "trackedDownloadState": rng.choice(
                        ["downloading"] * 8 + ["importBlocked", "failedPending"]
                    ),
                    "downloadId": picked["hash"].upper(),
                    "protocol": "torrent",
                }
            )
        )
    looks = []
    for step in range(2):
        torrents_now: dict[str, Torrent] = {}
        for data in raw:
            moved = dict(data)
            if step and moved["state"] == "downloading":
                moved["completed"] = min(
                    moved["size"], moved["completed"] + rng.randint(0, 200_000_000)
                )
            torrent = Torrent.from_dict(moved)
            torrents_now[torrent.hash] = torrent
        looks.append(
            Snapshot(
                now=NOW + 600 * step,
                torrents=torrents_now,
                queues={"radarr": items[: queue // 2], "sonarr": items[queue // 2 :]},
                categories={"radarr": "radarr", "tv-sonarr": "sonarr"},
                dl_speed=5_000_000,
                dl_limit=0,
            )
        )
    return looks[0], looks[1]


def baseline(snapshot: Snapshot) -> int:
    """The floor: index the queue, read every torrent's deciding fields."""
    index: dict[str, list[QueueItem]] = {}
    for items in snapshot.queues.values():
        for item in items:
            if item.download_id:
                index.setdefault(item.download_id, []).append(item)
    flagged = 0
    for torrent_hash, torrent in snapshot.torrents.items():
        queued = index.get(torrent_hash.upper())
        managed = queued is not None or torrent.category in snapshot.categories
        if managed and torrent.state in (
            "stalledDL",
            "metaDL",
            "error",
            "missingFiles",
        ):
            flagged += "myflix-keep" not in torrent.tags and torrent.completed >= 0
    return flagged


def warm_book(first: Snapshot, config: HealingConfig) -> StrikeBook:
    """A book after one look, with some older strikes and replacements."""
    book = StrikeBook()
    decide(first, book, config)
    for number, torrent_hash in enumerate(list(first.torrents)[:200]):
        if number % 2:
            book.replaced[torrent_hash.upper()] = Replaced(
                at=NOW - 3600, title="old", app="radarr"
            )
    return book


def timed(fn: Any, repeats: int) -> list[float]:
    """Milliseconds of each call, GC collected before and paused during each."""
    times = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        gc.enable()
    return times


def main() -> None:
    """Measure and print; never fails on a figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--torrents", type=int, default=5000)
    parser.add_argument("--queue", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    config = HealingConfig(strike_spacing=0)
    first, second = build(args.torrents, args.queue)
    book = warm_book(first, config)

    def one_pass() -> None:
        decide(second, book.copy(), config)

    one_pass()  # warm caches and enum lookups
    mine = timed(one_pass, args.repeats)
    theirs = timed(lambda: baseline(second), args.repeats)

    tracemalloc.start()
    kept = book.copy()
    snapshot_before = tracemalloc.take_snapshot()
    decisions, watched = decide(second, kept, config)
    peak = tracemalloc.get_traced_memory()[1]
    alive = sum(
        stat.count
        for stat in tracemalloc.take_snapshot().compare_to(snapshot_before, "filename")
        if stat.count_diff > 0
    )
    tracemalloc.stop()

    median, p95 = statistics.median(mine), sorted(mine)[int(0.95 * len(mine)) - 1]
    base = statistics.median(theirs)
    print(f"healing pass: {args.torrents} torrents, {args.queue} queue items")
    print(f"  decisions {len(decisions)}, watched {watched}")
    print(
        f"  pass      median {median:7.2f} ms   p95 {p95:7.2f} ms   (goal <= {GOAL_MS} ms)"
    )
    print(f"  baseline  median {base:7.2f} ms   (plain loop over the same data)")
    print(f"  ratio     {median / base:7.1f}x the baseline")
    print(
        f"  memory    peak {peak / 1024:7.0f} KiB during one pass, {alive} blocks alive after"
    )
    verdict = "within" if median <= GOAL_MS else "OVER"
    print(
        f"summary: healing pass ({args.torrents} torrents, {args.queue} queue): "
        f"{median:.1f} ms median ({verdict} the {GOAL_MS:.0f} ms goal), "
        f"{median / base:.1f}x a plain loop, peak {peak / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
