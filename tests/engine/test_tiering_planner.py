"""The tiering planner: candidates, reasons, hardlink groups, watermarks, relocation."""

from __future__ import annotations

from pathlib import Path

import pytest

from custom_components.myflix.engine.tiering import (
    ArchiveUnavailableError,
    Excluder,
    LibraryFolder,
    ProtectedPaths,
    SkipReason,
    TieringConfig,
    TieringMode,
    build_plan,
    mount_of,
    scan,
    usage_clock,
)
from custom_components.myflix.engine.tiering.models import (
    Batch,
    FileMove,
    PlannedBatches,
    TierUsage,
)
from custom_components.myflix.engine.tiering.planner import remaining_batch

from .tiering_helpers import DAY, NOW, link, write

MOUNTS = (
    "/dev/vda / ext4 rw,relatime 0 0\n"
    "/dev/sdb /mnt/hot\\040disk xfs rw,noatime 0 0\n"
    "/dev/sdc /mnt/strict ext4 rw,strictatime 0 0\n"
    "bogus\n"
)


@pytest.fixture
def tiers(tmp_path: Path) -> tuple[Path, Path]:
    hot, archive = tmp_path / "hot", tmp_path / "archive"
    hot.mkdir()
    archive.mkdir()
    return hot, archive


def _config(hot: Path, archive: Path, **kw: object) -> TieringConfig:
    base: dict[str, object] = {
        "hot_roots": (str(hot),),
        "archive_root": str(archive),
        "min_age": 7 * DAY,
        "archive_reserve": 0,
    }
    return TieringConfig(**(base | kw))  # type: ignore[arg-type]


def test_mount_options_choose_the_clock() -> None:
    assert mount_of("/mnt/hot disk/movies", MOUNTS).mount_point == "/mnt/hot disk"  # type: ignore[union-attr]
    assert usage_clock("/mnt/hot disk/movies", 7 * DAY, MOUNTS) == "mtime"
    assert usage_clock("/mnt/strict/x", 60, MOUNTS) == "atime"
    # relatime refreshes atime once a day: fine for days, not for minutes.
    assert usage_clock("/srv/media", 7 * DAY, MOUNTS) == "atime"
    assert usage_clock("/srv/media", 3600, MOUNTS) == "mtime"
    assert usage_clock("/srv", 60, "") == "atime"


def test_candidates_and_reasons(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    write(hot / "movies/Old (1999)/old.mkv", b"o" * 4000, age_days=60)
    write(hot / "movies/Older/older.mkv", b"p" * 3000, age_days=90)
    write(hot / "movies/New/new.mkv", b"n" * 4000, age_days=1)
    write(hot / "movies/Old (1999)/tiny.nfo", b"x", age_days=60)
    write(hot / "downloads/incomplete/a.mkv", b"i" * 4000, age_days=60)
    write(hot / "downloads/b.mkv.!qB", b"q" * 4000, age_days=60)
    write(hot / "downloads/Seed/s.mkv", b"s" * 4000, age_days=60)
    write(hot / "downloads/Get/g.mkv", b"g" * 4000, age_days=60)
    write(archive / "movies/Clash/c.mkv", b"c", age_days=60)
    write(hot / "movies/Clash/c.mkv", b"c" * 4000, age_days=60)
    (hot / "movies/link").symlink_to(hot / "movies/New")
    protected = ProtectedPaths(
        downloading=[str(hot / "downloads/Get/g.mkv")],
        seeding=[str(hot / "downloads/Seed")],
    )
    config = _config(hot, archive, min_size=100)
    plan = build_plan(
        config, now=NOW, protected=protected, ignore_watermarks=True, mounts_text=""
    )
    moved = [m.sources[0] for b in plan.batches for m in b.moves]
    # Oldest first.
    assert moved == [
        str(hot / "movies/Older/older.mkv"),
        str(hot / "movies/Old (1999)/old.mkv"),
    ]
    assert plan.batches[0].moves[0].targets == (
        str(archive / "movies/Older/older.mkv"),
    )
    assert plan.bytes == 7000
    assert plan.skipped == {
        SkipReason.TOO_RECENT: 1,
        SkipReason.TOO_SMALL: 1,
        SkipReason.EXCLUDED: 2,
        SkipReason.SEEDING: 1,
        SkipReason.DOWNLOADING: 1,
        SkipReason.EXISTS_ON_ARCHIVE: 1,
    }
    data = plan.as_dict(now=NOW, limit=1)
    assert data["moves"][0]["unused_days"] == 90.0
    assert data["left_out"] == 1
    assert data["skipped"]["seeding"]["bytes"] == 4000
    assert data["clocks"] == {str(hot): "atime"}
    # Seeding files may move when the option says so.
    plan = build_plan(
        _config(hot, archive, min_size=100, move_seeding=True),
        now=NOW,
        protected=protected,
        ignore_watermarks=True,
        mounts_text="",
    )
    assert str(hot / "downloads/Seed/s.mkv") in [
        m.sources[0] for b in plan.batches for m in b.moves
    ]


def test_hardlink_groups_move_whole_or_not_at_all(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    lib = write(hot / "movies/A/a.mkv", b"a" * 100, age_days=60)
    link(lib, hot / "downloads/a.mkv")
    seeding = write(hot / "movies/B/b.mkv", b"b" * 100, age_days=60)
    link(seeding, hot / "downloads/b.mkv")
    outside = write(hot / "movies/C/c.mkv", b"c" * 100, age_days=60)
    link(outside, archive.parent / "elsewhere.mkv")
    protected = ProtectedPaths(seeding=[str(hot / "downloads/b.mkv")])
    plan = build_plan(
        _config(hot, archive),
        now=NOW,
        protected=protected,
        ignore_watermarks=True,
        mounts_text="",
    )
    assert len(plan.batches) == 1
    (move,) = plan.batches[0].moves
    assert move.sources == (str(hot / "downloads/a.mkv"), str(lib))
    assert move.size == 100  # counted once
    assert plan.skipped == {SkipReason.SEEDING: 2, SkipReason.HARDLINK_OUTSIDE: 1}


def test_one_file_batches_are_kept_as_rows_and_read_back_as_batches(
    tiers: tuple[Path, Path],
) -> None:
    """A plan keeps one-file batches as plain rows; reading gives the same Batch."""
    hot, archive = tiers
    write(hot / "old.mkv", b"o" * 300, age_days=90)
    lib = write(hot / "movies/linked.mkv", b"l" * 200, age_days=60)
    link(lib, hot / "downloads/linked.mkv")
    write(hot / "newer.mkv", b"n" * 100, age_days=30)
    plan = build_plan(
        _config(hot, archive, min_size=1),
        now=NOW,
        ignore_watermarks=True,
        mounts_text="",
    )
    rows = plan.batches._rows
    assert [type(row) for row in rows] == [tuple, Batch, tuple]
    old = FileMove(
        sources=(str(hot / "old.mkv"),),
        targets=(str(archive / "old.mkv"),),
        size=300,
        last_used=NOW - 90 * DAY,
    )
    assert plan.batches[0] == Batch(moves=(old,), size=300, last_used=old.last_used)
    assert [b.moves[0].sources for b in plan.batches[1:]] == [
        (str(hot / "downloads/linked.mkv"), str(hot / "movies/linked.mkv")),
        (str(hot / "newer.mkv"),),
    ]
    assert (plan.bytes, plan.batches.files, len(plan.batches)) == (600, 3, 3)
    assert plan.as_dict()["files"] == 3
    # Built again from the batches they read as, the rows compare equal.
    assert PlannedBatches(list(plan.batches)) == plan.batches
    assert plan.batches != list(plan.batches)[:2]


def test_watermarks(tiers: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    hot, archive = tiers
    for day in range(10, 20):
        write(hot / f"f{day}.mkv", b"x" * 1000, age_days=day)

    def usage(percent: float) -> None:
        def fake(path: str) -> TierUsage:
            if path == str(archive):
                return TierUsage(path=path, total=10**6, used=0, free=10**6)
            return TierUsage(
                path=path,
                total=100_000,
                used=int(percent * 1000),
                free=100_000 - int(percent * 1000),
            )

        monkeypatch.setattr(
            "custom_components.myflix.engine.tiering.planner.disk_usage", fake
        )

    config = _config(hot, archive, high_watermark=90.0, low_watermark=87.5)
    usage(85.0)
    plan = build_plan(config, now=NOW, mounts_text="")
    assert not plan.triggered
    assert plan.batches == []
    assert plan.eligible_bytes == 10_000
    assert plan.skipped[SkipReason.WATERMARK_REACHED] == 10
    usage(91.0)  # 3.5 % of 100 kB above the low mark: 4 files, the oldest.
    plan = build_plan(config, now=NOW, mounts_text="")
    assert plan.triggered
    assert [m.sources[0][-7:] for b in plan.batches for m in b.moves] == [
        "f19.mkv", "f18.mkv", "f17.mkv", "f16.mkv",
    ]  # fmt: skip
    # The archive's free space (less the reserve) caps the plan.
    plan = build_plan(
        _config(
            hot,
            archive,
            high_watermark=90.0,
            low_watermark=87.5,
            archive_reserve=10**6 - 2500,
        ),
        now=NOW,
        mounts_text="",
    )
    assert len(plan.batches) == 2
    assert plan.skipped[SkipReason.ARCHIVE_FULL] == 2


def test_missing_archive(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    with pytest.raises(ArchiveUnavailableError):
        build_plan(_config(hot, archive / "gone"), now=NOW)


def test_relocate_moves_whole_library_folders(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    write(hot / "movies/Done (2001)/done.mkv", b"d" * 500, age_days=60)
    write(hot / "movies/Done (2001)/done.srt", b"s" * 50, age_days=60)
    write(hot / "movies/Half (2002)/half.mkv", b"h" * 500, age_days=60)
    write(hot / "movies/Half (2002)/extra.mkv", b"e" * 500, age_days=1)
    linked = write(hot / "movies/Linked (2003)/l.mkv", b"l" * 500, age_days=60)
    link(linked, hot / "downloads/l.mkv")
    write(hot / "downloads/other.mkv", b"o" * 500, age_days=60)
    library = [
        LibraryFolder(app="radarr", item_id=1, path=str(hot / "movies/Done (2001)")),
        LibraryFolder(app="radarr", item_id=2, path=str(hot / "movies/Half (2002)")),
        LibraryFolder(app="radarr", item_id=3, path=str(hot / "movies/Linked (2003)")),
        LibraryFolder(app="sonarr", item_id=4, path="/elsewhere/Show"),
    ]
    plan = build_plan(
        _config(hot, archive, mode=TieringMode.RELOCATE),
        now=NOW,
        library=library,
        ignore_watermarks=True,
        mounts_text="",
    )
    (batch,) = plan.batches
    assert batch.relocation is not None
    assert batch.relocation.target == str(archive / "movies/Done (2001)")
    assert batch.size == 550
    assert plan.skipped == {
        SkipReason.TOO_RECENT: 2,  # the folder waits for its newest file
        SkipReason.HARDLINK_OUTSIDE: 2,
        SkipReason.NOT_IN_LIBRARY: 1,
    }
    rest = remaining_batch(batch.relocation)
    assert sorted(m.targets[0] for m in rest.moves) == sorted(
        t for m in batch.moves for t in m.targets
    )


def test_exclusion_patterns_and_missing_mounts(
    tiers: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    hot, archive = tiers
    write(hot / "downloads/tmp/a.mkv", b"a" * 10, age_days=60)
    write(hot / "movies/sample1.mkv", b"s" * 10, age_days=60)
    write(hot / "movies/film.mkv", b"f" * 10, age_days=60)
    excludes = ("downloads/tmp", "sample?.mkv")
    excluder = Excluder(excludes)
    assert excluder("sample2.mkv", "x/sample2.mkv")
    assert excluder("tmp", "downloads/tmp")
    assert not excluder("film.mkv", "movies/film.mkv")
    plan = build_plan(
        _config(hot, archive, excludes=excludes),
        now=NOW,
        ignore_watermarks=True,
        mounts_text="",
    )
    assert [m.sources[0] for b in plan.batches for m in b.moves] == [
        str(hot / "movies/film.mkv")
    ]
    assert plan.skipped == {SkipReason.EXCLUDED: 2}
    monkeypatch.setattr(scan, "PROC_MOUNTS", str(hot / "no such file"))
    assert scan.read_mounts() == ""
