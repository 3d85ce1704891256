"""Build hot/archive trees for the tiering tests and check what they hold."""

from __future__ import annotations

from collections import defaultdict
import hashlib
import os
from pathlib import Path

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
