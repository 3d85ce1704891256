"""Moving files back from the archive to the hot tier: the undo of a tiering run.

The same crash-safe mover, pointed the other way: the hot root becomes the
target and keeps the journal of the moves back (``<hot>/.myflix-tiering/``,
which the scan never lists), so a crash mid-restore is settled at the next
start as a crash mid-move is. Every path must lie inside the tiers this
entry manages: a stored record is data, not an instruction to touch any file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
import os
from typing import Any

from .control import MoveControl
from .journal import JOURNAL_DIR
from .models import Batch, FileMove
from .mover import Mover

UNDO_MAX_FILES = 50
"""A run that moved more files is not offered back (its record stays small)."""


class RestoreRefusedError(ValueError):
    """A path lies outside the archive or the hot roots."""


@dataclass(kw_only=True)
class RestoreResult:
    """What a move back did."""

    moved_files: int = 0
    moved_bytes: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def undo_moves(moves: Iterable[FileMove]) -> list[dict[str, Any]]:
    """List the moves back of files that reached the archive (archive → hot paths)."""
    return [
        {"from": list(move.targets), "to": list(move.sources), "size": move.size}
        for move in moves
    ]


def _inside(path: str, root: str) -> bool:
    path, root = os.path.normpath(path), os.path.normpath(root)
    return os.path.isabs(path) and os.path.commonpath([path, root]) == root != path


def _hot_root(paths: Sequence[str], hot_roots: Sequence[str]) -> str:
    for root in hot_roots:
        if all(_inside(path, root) for path in paths):
            return os.path.normpath(root)
    raise RestoreRefusedError(f"{paths[0]} is not inside a hot folder")


def restore(
    archive_root: str, hot_roots: Sequence[str], moves: Sequence[Mapping[str, Any]]
) -> RestoreResult:
    """Move ``moves`` back (blocking: run it in an executor)."""
    by_root: dict[str, list[FileMove]] = {}
    for move in moves:
        sources, targets = list(move["from"]), list(move["to"])
        if not sources or len(sources) != len(targets):
            raise RestoreRefusedError("a move needs as many targets as sources")
        if not all(_inside(path, archive_root) for path in sources):
            raise RestoreRefusedError(f"{sources[0]} is not inside the archive")
        root = _hot_root(targets, hot_roots)
        by_root.setdefault(root, []).append(
            FileMove(
                sources=tuple(sources),
                targets=tuple(targets),
                size=int(move.get("size") or 0),
                last_used=0.0,
            )
        )
    result = RestoreResult()
    for root, files in by_root.items():
        mover = Mover(root, hot_roots=(archive_root,))
        mover.recover()
        for _batch, moved in mover.move_batches(
            [Batch.of(tuple(files))], MoveControl()
        ):
            result.moved_files += moved.moved_files
            result.moved_bytes += moved.moved_bytes
            result.skipped += moved.skipped
    return result


def recover_restores(archive_root: str, hot_roots: Sequence[str]) -> None:
    """Settle a move back that a crash cut short (each hot root keeps its journal)."""
    for root in hot_roots:
        if os.path.isdir(os.path.join(root, JOURNAL_DIR)):
            Mover(root, hot_roots=(archive_root,)).recover()
