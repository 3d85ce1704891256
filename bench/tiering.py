"""Tiering: scan speed and memory against ``find``, move throughput against ``cp`` + ``sync``.

Scan: a tree of ``--files`` small files (200 folders) is walked by ``find
-printf '%s %A@ %n\\n'`` and planned by ``build_plan`` twice: with no file old
enough (the scan and per-file decisions), and with every file a candidate
(minimum age 0, watermarks ignored: the heaviest plan, a move per file). Both run warm (the tree
was just written and read once), best of ``--repeat``. The planner runs in a
child process so its peak RSS (``ru_maxrss``) is its own, Python included.

Move: ``--move-gib`` GiB in files of 256 MiB are copied by ``cp -r`` then
``sync`` (and once more with the copy then read back from the device, the
same I/O a verified move does); the same files are then moved by the mover (read, xxh3-128, write,
fsync, read-back of the copy from disk with its cache dropped and xxh3-128
again, rename, source removed). Same filesystem for both; this machine cannot
drop the page cache, so both read the source from memory.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
import shutil
import subprocess
import sys
import tempfile
import time

from engine_alone import ROOT, import_engine_alone
import xxhash

# The planner's child imports the engine alone (the integration imports HA),
# without site: it is told where xxhash, the engine's one dependency, is.
PLAN_CHILD = """
import resource, sys, time
sys.path.insert(0, {bench!r})
sys.path.append({packages!r})
from engine_alone import import_engine_alone
import_engine_alone()
from custom_components.myflix.engine.tiering import TieringConfig, build_plan
config = TieringConfig(hot_roots=({hot!r},), archive_root={archive!r},
                       min_age={min_age!r}, archive_reserve=0)
started = time.perf_counter()
plan = build_plan(config, now=time.time() + 60, ignore_watermarks=True)
elapsed = time.perf_counter() - started
print(elapsed, plan.files_scanned, len(plan.batches),
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_tree(root: Path, files: int) -> None:
    folders = 200
    for f in range(folders):
        folder = root / f"Movie {f:03d} (20{f % 25:02d})"
        folder.mkdir(parents=True)
        for i in range(f, files, folders):
            (folder / f"file {i:06d}.mkv").write_bytes(b"x" * (i % 7))


def time_find(root: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["find", str(root), "-printf", "%s %A@ %n\\n"],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def time_plan(hot: Path, archive: Path, min_age: float) -> tuple[float, int, int, int]:
    code = PLAN_CHILD.format(
        bench=str(ROOT / "bench"),
        packages=str(Path(xxhash.__file__).parent.parent),
        hot=str(hot),
        archive=str(archive),
        min_age=min_age,
    )
    out = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]), int(out[3])


def bench_scan(base: Path, files: int, repeat: int) -> None:
    hot, archive = base / "scan-hot", base / "scan-archive"
    archive.mkdir()
    started = time.perf_counter()
    make_tree(hot, files)
    print(f"tree of {files} files written in {time.perf_counter() - started:.1f} s")
    time_find(hot)  # warm the dentry and inode caches
    find_s = min(time_find(hot) for _ in range(repeat))
    print(f"find -printf:      {find_s:.3f} s")
    # Nothing old enough: the walk and the per-file decisions, as on most days.
    # Everything old enough: the plan also holds a move for each of the files.
    for label, min_age in (("scan", 10 * 365 * 86400.0), ("scan + plan all", 0.0)):
        runs = [time_plan(hot, archive, min_age) for _ in range(repeat)]
        plan_s = min(r[0] for r in runs)
        _, scanned, batches, rss_kib = runs[0]
        assert scanned == files, scanned
        print(f"{label + ':':<19}{plan_s:.3f} s ({scanned} files, {batches} to move), "
              f"peak RSS {rss_kib / 1024:.0f} MB")  # fmt: skip
        print(f"summary: tiering {label} {plan_s / find_s:.2f}x find's time "
              f"(goal <= 1.5x), peak RSS {rss_kib / 1024:.0f} MB (goal <= 200 MB)")  # fmt: skip
    shutil.rmtree(hot)


def write_big(folder: Path, gib: float) -> int:
    folder.mkdir(parents=True)
    chunk = os.urandom(8 << 20)
    size = 256 << 20
    count = max(1, int(gib * 4))
    for n in range(count):
        with (folder / f"film {n}.mkv").open("wb") as file:
            for _ in range(size // len(chunk)):
                file.write(chunk)
    os.sync()
    return count * size


def move_all(hot: Path, archive: Path, *, from_disk: bool) -> float:
    """Plan and move everything under ``hot``; return the seconds."""
    import_engine_alone()
    from custom_components.myflix.engine.tiering import (
        Copier,
        MoveControl,
        Mover,
        TieringConfig,
        build_plan,
    )

    config = TieringConfig(
        hot_roots=(str(hot),), archive_root=str(archive), min_age=0, archive_reserve=0
    )
    started = time.perf_counter()
    plan = build_plan(config, now=time.time() + 60, ignore_watermarks=True)
    mover = Mover(str(archive), Copier(from_disk=from_disk))
    mover.recover()
    for _batch, result in mover.move_batches(plan.batches, MoveControl()):
        assert result.complete, result
    return time.perf_counter() - started


def hash_floor(total: int) -> float:
    """Time xxh3-128 over ``2 * total`` bytes in memory, chunk by chunk, one thread."""
    import_engine_alone()
    from custom_components.myflix.engine.tiering.copy import CHUNK

    data = memoryview(os.urandom(CHUNK))
    digest = xxhash.xxh3_128()
    started = time.perf_counter()
    for _ in range(2 * total // CHUNK):
        digest.update(data)
    return time.perf_counter() - started


def read_from_disk(folder: Path) -> None:
    """Read every file under ``folder`` from the device (its page cache dropped)."""
    buffer = bytearray(4 << 20)
    for path in folder.rglob("*.mkv"):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            while os.readv(fd, [buffer]):
                pass
        finally:
            os.close(fd)


def cp_sync(source: Path, target: Path, *, read_back: bool = False) -> float:
    """Return the seconds of ``cp -r`` plus ``sync`` (and a read-back from disk).

    The copy is removed after.
    """
    os.sync()  # flush what earlier steps left dirty: sync must time only cp's data
    started = time.perf_counter()
    subprocess.run(["cp", "-r", str(source), str(target)], check=True)
    subprocess.run(["sync"], check=True)
    if read_back:
        read_from_disk(target)
    seconds = time.perf_counter() - started
    shutil.rmtree(target)
    os.sync()
    return seconds


def bench_move(base: Path, gib: float) -> None:
    source = base / "move-hot"
    total = write_big(source / "movies", gib)
    cp_first = cp_sync(source, base / "cp-copy")
    # The same I/O as a verified move: the copy read back from the device.
    cp_read = cp_sync(source, base / "cp-copy", read_back=True)
    archive = base / "move-archive"
    archive.mkdir()
    disk_s = move_all(source, archive, from_disk=True)
    assert sum(f.stat().st_size for f in archive.rglob("*.mkv")) == total
    os.sync()
    again = base / "move-archive-2"
    again.mkdir()
    cache_s = move_all(archive, again, from_disk=False)
    assert sum(f.stat().st_size for f in again.rglob("*.mkv")) == total
    # The disk's speed drifts (the host's cache, discards after the scan's
    # tree): cp runs before and after the mover, and the faster is the baseline.
    cp_last = cp_sync(again, base / "cp-copy")
    cp_s = min(cp_first, cp_last)
    cp_rate = total / cp_s / 2**20
    print(f"cp -r + sync:      {cp_first:.2f} s before the mover, {cp_last:.2f} s after; "
          f"baseline {cp_s:.2f} s, {cp_rate:.0f} MiB/s")  # fmt: skip
    hash_s = hash_floor(total)
    print(f"xxh3-128 of the source and the copy ({2 * total / 2**30:.1f} GiB, in memory, "
          f"one thread): {hash_s:.2f} s, so at best {cp_s / hash_s:.2f}x "
          "cp+sync before any I/O")  # fmt: skip
    print(f"cp -r + sync + the copy read back from disk: {cp_read:.2f} s "
          f"({cp_s / cp_read:.2f}x cp+sync: the most a move verified on disk can reach)")  # fmt: skip
    for label, seconds in (("from disk", disk_s), ("from cache", cache_s)):
        rate = total / seconds / 2**20
        print(f"mover, read-back {label}: {seconds:.2f} s, {rate:.0f} MiB/s")
        print(f"summary: tiering move (read-back {label}) {rate / cp_rate:.2f}x "
              f"cp+sync throughput (goal >= 0.9x), {total / 2**30:.1f} GiB")  # fmt: skip
    print(f"summary: tiering move (read-back from disk) {cp_read / disk_s:.2f}x "
          "cp+sync+read-back, the same bytes through the disk")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200_000)
    parser.add_argument("--move-gib", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--dir", default=None, help="where to build (a disk, not tmpfs)"
    )
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="myflix-tiering-bench-", dir=args.dir))
    try:
        bench_scan(base, args.files, args.repeat)
        bench_move(base, args.move_gib)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
