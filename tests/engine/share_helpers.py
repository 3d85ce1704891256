"""A share tree for the engine and HTTP tests: roots, files and traps outside."""

from __future__ import annotations

from dataclasses import dataclass
import os
from pathlib import Path
import socket

SECRET_TEXT = b"the family photos must never leave\n"


@dataclass
class ShareTree:
    """Two share roots and, beside them, what must never be served."""

    base: Path
    movies: Path
    shows: Path
    outside: Path

    def roots(self) -> dict[str, str]:
        """The roots by name, as the runtime names them."""
        return {"movies": str(self.movies), "shows": str(self.shows)}


def make_share_tree(base: Path) -> ShareTree:
    """Build roots with files, allowed symlinks, escaping symlinks and special files."""
    movies, shows, outside = base / "movies", base / "shows", base / "private"
    for folder in (movies / "Dune (2021)", shows / "Show" / "S01", outside):
        folder.mkdir(parents=True)
    (movies / "Dune (2021)" / "Dune.mkv").write_bytes(bytes(range(256)) * 64)
    (movies / "trailer.mp4").write_bytes(b"trailer" * 100)
    (movies / "empty.txt").write_bytes(b"")
    (movies / "Ünïcode “film”.mkv").write_bytes(b"unicode")
    (shows / "Show" / "S01" / "E01.mkv").write_bytes(b"episode one")
    (outside / "secret.txt").write_bytes(SECRET_TEXT)
    # Symlinks inside a root, staying inside: allowed.
    (movies / "latest.mkv").symlink_to(movies / "Dune (2021)" / "Dune.mkv")
    # Escapes: to a file outside, a folder outside, the root's parent, /etc.
    (movies / "escape.txt").symlink_to(outside / "secret.txt")
    (movies / "escape_dir").symlink_to(outside)
    (movies / "up").symlink_to("..")
    (movies / "etc").symlink_to("/etc")
    (movies / "dangling").symlink_to(base / "nowhere")
    # Not regular files.
    os.mkfifo(movies / "fifo")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(movies / "socket"))
    sock.close()
    (movies / "devnull").symlink_to("/dev/null")  # outside anyway
    return ShareTree(base=base, movies=movies, shows=shows, outside=outside)
