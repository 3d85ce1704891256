"""A hot/archive folder pair for the demo, with files tiering would and would not move.

``python -m simulators.tiering_demo DIR`` builds it (small files: the demo is
about decisions, not bytes); ``scripts/develop`` points Myflix's tiering at it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
import time
from typing import Any

DAY = 86400
# (relative path, size in bytes, days since last use)
_FILES: tuple[tuple[str, int, float], ...] = (
    ("movies/Metropolis (1927)/Metropolis (1927).mkv", 3 << 20, 400),
    ("movies/Metropolis (1927)/Metropolis (1927).en.srt", 40_000, 400),
    ("movies/Nosferatu (1922)/Nosferatu (1922).mkv", 2 << 20, 120),
    ("movies/Sunrise (1927)/Sunrise (1927).mkv", 2 << 20, 3),
    ("tv/The Twilight Zone/Season 01/S01E01.mkv", 1 << 20, 200),
    ("tv/The Twilight Zone/Season 01/S01E02.mkv", 1 << 20, 190),
    ("downloads/incomplete/Dune.Part.Two.mkv", 1 << 20, 60),
    ("downloads/Big.Buck.Bunny.mkv.!qB", 1 << 20, 60),
)
# Imported with a hardlink, as Radarr does from a completed download.
_LINKED = (
    "movies/Nosferatu (1922)/Nosferatu (1922).mkv",
    "downloads/Nosferatu.1922.mkv",
)


def make_demo_tiers(base: Path) -> dict[str, Any]:
    """Create ``base/hot`` and ``base/archive``; return Myflix's tiering options."""
    hot, archive = base / "hot", base / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for rel, size, days in _FILES:
        path = hot / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(min(size, 4096)) * (size // 4096 or 1))
        os.utime(path, (now - days * DAY, now - days * DAY))
    link = hot / _LINKED[1]
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        os.link(hot / _LINKED[0], link)
    return {
        "tiering_hot_roots": str(hot),
        "archive_path": str(archive),
        "tiering_min_age": 30,
        "tiering_interval": 0,
    }


def main() -> None:
    """Build the folders under the given directory."""
    parser = argparse.ArgumentParser(prog="python -m simulators.tiering_demo")
    parser.add_argument("base", type=Path)
    print(make_demo_tiers(parser.parse_args().base))


if __name__ == "__main__":
    main()
