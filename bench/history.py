"""History: the store at its bound, a search, and what an undo asks of the backends.

A history at its bound (``MAX_RECORDS``) of realistic records (long release
names, healing and killswitch evidence, undo data): the stored JSON's size,
the time to serialise it (what a delayed save does, off the loop), the time to
read it back, and a title search over all of it. Baseline, same run:
``json.dumps`` of the same records as plain dicts built once, i.e. the floor
any store of this data pays.

An undo's cost is in backend calls, counted against the simulators: a halt's
undo is one release (qBittorrent resumes what the halt stopped); a
replacement's undo reads the app's blocklist (one request per 200 items),
deletes the matching item and sends one search.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import json
import statistics
import time

from common import ROOT  # noqa: F401  (puts the repository on sys.path)

from custom_components.myflix.engine.history import MAX_RECORDS, History, Query, Record

T0 = datetime(2026, 12, 7, tzinfo=UTC)
KINDS = ("healing_replaced", "healing_strike", "killswitch_tripped", "tiering_run")


def _filled() -> History:
    history = History()
    for index in range(MAX_RECORDS + 200):  # past the bound: the oldest drop
        kind = KINDS[index % len(KINDS)]
        history.add(
            at=T0 + timedelta(minutes=index),
            kind=kind,
            title=f"Some.Long.Release.Name.{index}.2024.2160p.UHD.BluRay.x265.HDR-GROUP",
            hash=f"{index:040x}",
            reason="stalled",
            evidence={"strikes": 3, "max_strikes": 3, "min_speed": 100_000,
                      "app": "radarr", "kept_data": False},
            undo={"action": "retry_release", "data": {
                "app": "radarr", "title": f"Some.Long.Release.Name.{index}",
                "search": {"name": "MoviesSearch", "fields": {"movieIds": [index]}}}},
        )  # fmt: skip
    return history


def _best_ms(work: object, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def main() -> None:
    history = _filled()
    stored = history.as_list()
    text = json.dumps(stored)
    plain = json.loads(text)
    dump_ms = _best_ms(lambda: json.dumps(history.as_list()))
    floor_ms = _best_ms(lambda: json.dumps(plain))
    load_ms = _best_ms(
        lambda: History(Record.from_dict(item) for item in json.loads(text))
    )
    search_ms = statistics.median(
        _best_ms(lambda: history.find(Query(title="release name 999"), 20), 5)
        for _ in range(3)
    )
    print(
        f"history at its bound: {len(history)} records (of {MAX_RECORDS + 200} added)"
    )
    print(
        f"  stored JSON: {len(text) / 1024:.0f} KiB ({len(text) / len(history):.0f} B/record)"
    )
    print(
        f"  serialise: {dump_ms:.1f} ms ({dump_ms / floor_ms:.1f}x json.dumps of plain dicts, {floor_ms:.1f} ms)"
    )
    print(f"  read back: {load_ms:.1f} ms; title search over all: {search_ms:.2f} ms")
    print(
        f"summary: history {len(history)} records, {len(text) / 1024:.0f} KiB stored,"
        f" save {dump_ms:.1f} ms ({dump_ms / floor_ms:.1f}x plain json), load {load_ms:.1f} ms,"
        f" search {search_ms:.2f} ms"
    )


if __name__ == "__main__":
    main()
