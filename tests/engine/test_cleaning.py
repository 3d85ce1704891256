"""Cleaning decisions and the orphan file work (on a real temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from custom_components.myflix.clients.qbittorrent import Torrent
from custom_components.myflix.engine.healing.cleaning import (
    DAY,
    SeedingGoal,
    delete_paths,
    find_orphans,
    plan_cleaning,
    referenced_paths,
)

from .healing_helpers import CATEGORIES, queue_item

NOW = 1_767_225_600.0


def done(torrent_hash: str, **fields: Any) -> Torrent:
    data = {
        "hash": torrent_hash,
        "name": f"Done.{torrent_hash[:4]}",
        "state": "stalledUP",
        "progress": 1.0,
        "size": 100,
        "ratio": 0.2,
        "seeding_time": 0,
        "category": "radarr",
        "tags": "",
        **fields,
    }
    return Torrent.from_dict(data)


def plan(torrents: list[Torrent], queue: list[Any], imported: set[str]) -> Any:
    return plan_cleaning(
        torrents={t.hash: t for t in torrents},
        queues={"radarr": queue},
        imported=imported,
        categories=CATEGORIES,
        goal=SeedingGoal(ratio=1.0, seconds=7 * DAY),
        category_goals={"tv-sonarr": SeedingGoal(ratio=3.0, seconds=30 * DAY)},
        protected_tag="myflix-keep",
    )


def test_finished_imported_past_goal_is_removed() -> None:
    a, b, c, d, e, f = (ch * 40 for ch in "abcdef")
    torrents = [
        done(a, ratio=1.5),  # ratio goal, imported (queue gone)
        done(b, seeding_time=8 * DAY),  # time goal
        done(c),  # under both goals
        done(d, ratio=2.0, tags="myflix-keep"),  # protected
        done(e, ratio=2.0, category="manual"),  # not an *arr's, not imported
        done(f, ratio=2.0, category="tv-sonarr"),  # its category wants ratio 3
    ]
    result = plan(torrents, [], set())
    assert [t.hash for t in result.torrents] == [a, b]


def test_still_queued_needs_the_history_import() -> None:
    a = "a" * 40
    queued = [queue_item(a, status="completed", trackedDownloadState="importPending")]
    assert plan([done(a, ratio=2.0)], queued, set()).torrents == []
    imported = plan([done(a, ratio=2.0, category="manual")], [], {a.upper()})
    assert [t.hash for t in imported.torrents] == [a]


def test_unfinished_is_never_removed() -> None:
    a = "a" * 40
    torrent = done(a, ratio=5.0, progress=0.5, state="downloading")
    assert plan([torrent], [], {a.upper()}).torrents == []


def test_failed_and_unknown_queue_items() -> None:
    failed = queue_item("a" * 40, trackedDownloadState="failedPending")
    unknown = queue_item("b" * 40, movieId=None)
    fine = queue_item("c" * 40)
    usenet = queue_item("d" * 40, movieId=None, protocol="usenet")
    result = plan([], [failed, unknown, fine, usenet], set())
    assert [(r.queue_id, r.why, r.remove_from_client) for r in result.queue_items] == [
        (failed.id, "failed", True),
        (unknown.id, "unknown", False),
    ]
    assert result.queue_items[0].as_dict()["why"] == "failed"


def _old(path: Path) -> None:
    os.utime(path, (NOW - 2 * DAY, NOW - 2 * DAY))


def test_orphans_are_found_and_deleted_inside_the_folders_only(tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    (downloads / "radarr" / "Kept.Movie").mkdir(parents=True)
    (downloads / "radarr" / "Kept.Movie" / "movie.mkv").write_bytes(b"x" * 10)
    (downloads / "radarr" / "Old.Junk").mkdir()
    (downloads / "radarr" / "Old.Junk" / "a.mkv").write_bytes(b"y" * 7)
    (downloads / "stray.nfo").write_bytes(b"z" * 3)
    (downloads / "fresh.part").write_bytes(b"w")
    for path in (downloads / "radarr" / "Old.Junk", downloads / "stray.nfo"):
        _old(path)
    torrent = done(
        "a" * 40,
        save_path=str(downloads / "radarr"),
        content_path=str(downloads / "radarr" / "Kept.Movie"),
    )
    referenced = referenced_paths([torrent])
    folders = [
        str(downloads),
        str(downloads / "radarr"),
        str(downloads / "radarr" / "Kept.Movie"),  # a torrent's own folder: skipped
        str(tmp_path / "gone"),
    ]
    orphans, missing = find_orphans(folders, referenced, now=NOW, min_age=DAY)
    assert sorted((Path(o.path).name, o.size) for o in orphans) == [
        ("Old.Junk", 7),
        ("stray.nfo", 3),
    ]
    assert missing == [str(tmp_path / "gone")]
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    deleted = delete_paths(
        [o.path for o in orphans] + [str(outside), str(downloads / "nope")],
        [str(downloads)],
    )
    assert sorted(Path(p).name for p in deleted) == ["Old.Junk", "stray.nfo"]
    assert outside.exists()
    assert (downloads / "radarr" / "Kept.Movie" / "movie.mkv").exists()
    assert orphans[0].as_dict()["size"] in (7, 3)
