"""Build hot/archive trees for the tiering tests and check what they hold."""

from __future__ import annotations

from collections import defaultdict
import hashlib
import os
from pathlib import Path
from typing import Any

DAY = 86400.0
NOW = 1_750_000_000.0


def write(path: Path, data: bytes, *, age_days: float = 30.0) -> Path:
    """Create a file with ``data``, last used ``age_days`` before NOW."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = NOW - age_days * DAY
    os.utime(path, (stamp, stamp))
    return path


def sha(path: str | Path) -> str:
    """SHA-256 of a file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def inventory(*roots: Path) -> dict[str, list[tuple[str, int, str]]]:
    """Map each relative path to where it is: (root, inode, sha) per copy."""
    found: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".myflix-tiering")]
            for name in files:
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                found[rel].append((str(root), os.lstat(path).st_ino, sha(path)))
    return dict(found)


def temp_files(*roots: Path) -> list[str]:
    """Every tiering temp file left anywhere (journal's own temp included)."""
    return [
        os.path.join(folder, name)
        for root in roots
        for folder, _dirs, files in os.walk(root)
        for name in files
        if name.endswith(".tmp")
    ]


def link(source: Path, path: Path) -> Path:
    """Add a hard link, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.link(source, path)
    return path


def move_record(
    state: str,
    sources: list[Path],
    targets: list[Path],
    temp: Path,
    **extra: Any,
) -> dict[str, Any]:
    """A mover journal record, as a crash at ``state`` leaves it."""
    source = os.stat(sources[0]) if sources[0].exists() else None
    return {
        "state": state,
        "sources": [str(path) for path in sources],
        "targets": [str(path) for path in targets],
        "temp": str(temp),
        "source_dev": source.st_dev if source else 0,
        "source_ino": source.st_ino if source else 0,
        **extra,
    }


def copied_record(state: str, source: Path, copy: Path, temp: Path) -> dict[str, Any]:
    """A record past the copy (``copied``, ``published``): it names the copy's inode."""
    stat = os.stat(copy)
    return move_record(
        state, [source], [copy], temp, dev=stat.st_dev, copy_ino=stat.st_ino
    )
