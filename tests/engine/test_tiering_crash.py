"""SIGKILL the mover at 200 random points; after recovery every file is there once, intact."""

from __future__ import annotations

import os
from pathlib import Path
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest
import xxhash

from custom_components.myflix.engine.tiering import Mover

from .tiering_helpers import inventory, link, sha, temp_files, write

CHILD = Path(__file__).with_name("tiering_crash_child.py")
# The child runs without site (it starts faster); it is told where xxhash is.
PACKAGES = str(Path(xxhash.__file__).parent.parent)
KILLS = 200
NAMES = ["plain", "with space", "ünïcødé 映画", "new\nline", "tab\there"]


def _dataset(root: Path, rng: random.Random) -> tuple[dict[str, str], list[set[str]]]:
    """Small files of varied names and sizes, and a few hardlink groups."""
    digests: dict[str, str] = {}
    for i in range(14):
        rel = f"{NAMES[i % len(NAMES)]} {i}/{NAMES[(i + 2) % len(NAMES)]}.mkv"
        path = write(root / rel, rng.randbytes(rng.randint(0, 48_000)))
        digests[rel] = sha(path)
    groups: list[set[str]] = []
    for g in range(3):
        first = f"library/group {g}/film {g}.mkv"
        path = write(root / first, rng.randbytes(rng.randint(1, 30_000)))
        group = {first}
        for n in range(1 + g % 3):
            rel = f"downloads/{NAMES[n]} {g}/film {g}.mkv"
            link(path, root / rel)
            group.add(rel)
        digests |= dict.fromkeys(group, sha(path))
        groups.append(group)
    return digests, groups


def _check(a: Path, b: Path, digests: dict[str, str], groups: list[set[str]]) -> str:
    """Assert the invariants; return the root that holds everything, if one does."""
    found = inventory(a, b)
    assert set(found) == set(digests)
    for rel, places in found.items():
        assert len(places) == 1, (rel, places)  # exactly once
        assert places[0][2] == digests[rel], rel  # complete, unchanged
    for group in groups:
        assert len({found[rel][0][:2] for rel in group}) == 1, group  # still one inode
    assert temp_files(a, b) == []
    roots = {places[0][0] for places in found.values()}
    return roots.pop() if len(roots) == 1 else ""


def _run(hot: Path, archive: Path, delay: float | None) -> float | None:
    """Start a mover; kill it ``delay`` s after it is ready.

    Return how long it ran after ready if it finished, None if it was killed.
    """
    child = subprocess.Popen(
        [sys.executable, "-I", "-S", str(CHILD), str(hot), str(archive), PACKAGES],
        stdout=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"ready\n"
    ready = time.monotonic()
    if delay is not None:
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
    code = child.wait(timeout=30)
    elapsed = time.monotonic() - ready
    child.stdout.close()
    assert code in (0, -signal.SIGKILL)
    return elapsed if code == 0 else None


# ~8 s on an idle machine, ~55 s with a load of 6 on 2 cores: headroom for that.
@pytest.mark.timeout(300)
def test_sigkill_at_random_points_never_loses_or_splits(tmp_path: Path) -> None:
    rng = random.Random(6)
    # A SIGKILL leaves the page cache alone, so tmpfs (fsync costs nothing) is
    # as good a witness as a disk, and lets 200 kills fit in seconds.
    shm = Path("/dev/shm")
    base = Path(tempfile.mkdtemp(dir=shm)) if os.access(shm, os.W_OK) else tmp_path
    try:
        _kill_and_recover(base, rng)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _kill_and_recover(base: Path, rng: random.Random) -> None:
    a, b = base / "a", base / "b"
    b.mkdir()
    digests, groups = _dataset(a, rng)
    durations = []
    for hot, archive in ((a, b), (b, a)):
        elapsed = _run(hot, archive, None)
        assert elapsed is not None
        durations.append(elapsed)
        assert _check(a, b, digests, groups) == str(archive)
    duration = min(durations)
    # Moves go back and forth: the archive of one direction is the hot tier of the next.
    hot, archive = a, b
    kills = completed = 0
    while kills < KILLS:
        kills += _run(hot, archive, rng.uniform(0, duration)) is None
        Mover(str(archive)).recover()
        holder = _check(a, b, digests, groups)
        if holder == str(archive):
            completed += 1
            hot, archive = archive, hot
    assert completed >= 2  # kills landed across whole runs, not only their starts
