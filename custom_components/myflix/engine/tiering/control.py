"""How a move run is steered, what it reports, and why a file stays behind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
import threading

from .models import FileMove


class ArchiveFullError(OSError):
    """The archive ran out of space; the file that hit it was rolled back."""


class FileSkippedError(Exception):
    """A file was left on the hot tier (rolled back if it was started)."""

    def __init__(self, reason: str) -> None:
        """Say why: vanished, changed, exists, links_changed, verify_failed, …."""
        super().__init__(reason)
        self.reason = reason


@dataclass(kw_only=True)
class MoveControl:
    """How the caller steers a run from another thread."""

    stop: threading.Event = field(default_factory=threading.Event)
    """Finish the files in flight (at most two), then return."""
    abort: threading.Event = field(default_factory=threading.Event)
    """Roll the files in flight back now, then return."""
    progress: Callable[[FileMove, int], None] = lambda _move, _bytes: None


@dataclass(kw_only=True)
class BatchResult:
    """What one batch did."""

    moved_files: int = 0
    moved_bytes: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    stopped: bool = False

    @property
    def complete(self) -> bool:
        """Every file of the batch is on the archive."""
        return not self.skipped and not self.stopped
