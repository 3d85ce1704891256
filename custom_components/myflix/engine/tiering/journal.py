"""The mover's journal: a small JSON file on the archive, replaced atomically and fsynced.

It holds the file moves in flight (how far each got; the mover copies one
file while it verifies and publishes the one before) and the library folders
whose new path Radarr/Sonarr have not been told yet. Each state is on
disk before the step it allows is taken, so a restart knows what to undo or
finish. Each move names the hash its copy is verified by; records written
before they did (versions 1 and 2) were verified by BLAKE2b.
"""

from __future__ import annotations

import contextlib
from enum import StrEnum
import json
import os
import threading
from typing import Any

from .models import Relocation

JOURNAL_DIR = ".myflix-tiering"
JOURNAL_NAME = "journal.json"
TEMP_PREFIX = ".myflix-tiering-"
TEMP_SUFFIX = ".tmp"
UNNAMED_HASH = "blake2b"
"""The hash of a record that names none (journal versions 1 and 2)."""


class MoveState(StrEnum):
    """How far the move in flight got."""

    COPYING = "copying"
    """The temp file may exist, partial: remove it."""
    COPIED = "copied"
    """The copy is verified; targets may be published: undo them, sources are intact."""
    PUBLISHED = "published"
    """Every target is in place: finish removing the sources."""


def fsync_dir(path: str) -> None:
    """Make a directory's entries (a create, rename or unlink) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Journal:
    """The persisted state of one archive's mover."""

    def __init__(self, archive_root: str) -> None:
        """Keep the journal in ``<archive>/.myflix-tiering/``."""
        self.folder = os.path.join(archive_root, JOURNAL_DIR)
        self.path = os.path.join(self.folder, JOURNAL_NAME)
        # Keyed by the move's temp file, which is unique.
        self.moves: dict[str, dict[str, Any]] = {}
        self.relocations: list[Relocation] = []
        # The mover's two stages record their moves from two threads.
        self._lock = threading.Lock()

    def load(self) -> None:
        """Read the journal; a missing one is empty (a torn write never replaces it)."""
        try:
            with open(self.path, encoding="utf-8") as file:
                data = json.load(file)
        except FileNotFoundError:
            data = {}
        moves = data.get("moves", [])
        if data.get("move"):  # a version 1 journal held a single move
            moves.append(data["move"])
        self.moves = {move["temp"]: {"hash": UNNAMED_HASH} | move for move in moves}
        self.relocations = [
            Relocation.from_dict(r) for r in data.get("relocations", [])
        ]
        # A write cut off before its rename leaves its temp file.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path + TEMP_SUFFIX)

    def _save(self) -> None:
        os.makedirs(self.folder, exist_ok=True)
        data = {
            "version": 3,
            "moves": list(self.moves.values()),
            "relocations": [r.as_dict() for r in self.relocations],
        }
        temp = self.path + TEMP_SUFFIX
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(data).encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, self.path)
        fsync_dir(self.folder)

    def put_move(self, move: dict[str, Any]) -> None:
        """Record a move in flight, or how far it got now."""
        with self._lock:
            self.moves[move["temp"]] = dict(move)
            self._save()

    def drop_move(self, move: dict[str, Any]) -> None:
        """Forget a move once it is finished or undone."""
        with self._lock:
            if self.moves.pop(move["temp"], None) is not None:
                self._save()

    def add_relocation(self, relocation: Relocation) -> None:
        """Remember a folder whose app must be told its new path."""
        with self._lock:
            if relocation not in self.relocations:
                self.relocations.append(relocation)
                self._save()

    def finish_relocation(self, relocation: Relocation) -> None:
        """Forget a folder once its app has its new path."""
        with self._lock:
            if relocation in self.relocations:
                self.relocations.remove(relocation)
                self._save()
