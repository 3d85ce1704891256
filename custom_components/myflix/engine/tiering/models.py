"""What tiering decides on and what it decides: settings, the plan, its reasons."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
import os
from typing import Any, overload

from .paths import PathMappings


class TieringMode(StrEnum):
    """Where a moved file lands and who must be told."""

    UNION = "union"
    """Same relative path on the archive; a union mount (mergerfs) shows both tiers."""
    RELOCATE = "relocate"
    """Whole library folders move; Radarr/Sonarr are given the new folder path."""


class SkipReason(StrEnum):
    """Why a file on the hot tier is not in the plan."""

    EXCLUDED = "excluded"
    TOO_SMALL = "too_small"
    TOO_RECENT = "too_recent"
    DOWNLOADING = "downloading"
    SEEDING = "seeding"
    HARDLINK_OUTSIDE = "hardlink_outside"
    """Some links of the inode are not under the scanned roots (or the folder)."""
    EXISTS_ON_ARCHIVE = "exists_on_archive"
    NOT_IN_LIBRARY = "not_in_library"
    """Relocate mode: the file is in no Radarr/Sonarr folder."""
    WATERMARK_REACHED = "watermark_reached"
    ARCHIVE_FULL = "archive_full"


DEFAULT_EXCLUDES: tuple[str, ...] = ("*.!qB", "*.part", "*.parts", "incomplete")


@dataclass(frozen=True, kw_only=True)
class TieringConfig:
    """How to choose what leaves the hot tier."""

    hot_roots: tuple[str, ...]
    archive_root: str
    mode: TieringMode = TieringMode.UNION
    high_watermark: float = 80.0
    """Start when a hot filesystem is used above this percent."""
    low_watermark: float = 60.0
    """Stop once it is at or below this percent."""
    min_age: float = 7 * 86400
    """Seconds since last use (atime, or mtime where atime is not kept)."""
    min_size: int = 0
    excludes: tuple[str, ...] = DEFAULT_EXCLUDES
    """Shell patterns on names or relative paths; a matching folder is not entered."""
    move_seeding: bool = False
    archive_reserve: int = 1 << 30
    """Bytes the plan leaves free on the archive."""
    path_mappings: PathMappings = field(default_factory=PathMappings)
    """How qBittorrent, Radarr and Sonarr name the folders Home Assistant sees."""


@dataclass(frozen=True, kw_only=True)
class Relocation:
    """A library folder that moves as a whole; its app is told the new path."""

    app: str
    """``radarr`` or ``sonarr``."""
    item_id: int
    source: str
    target: str

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form (journal, responses)."""
        return {
            "app": self.app,
            "item_id": self.item_id,
            "source": self.source,
            "target": self.target,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Relocation:
        """Read the JSON form back."""
        return cls(
            app=str(data["app"]),
            item_id=int(data["item_id"]),
            source=str(data["source"]),
            target=str(data["target"]),
        )


@dataclass(frozen=True, kw_only=True)
class LibraryFolder:
    """A movie or series folder as Radarr/Sonarr know it."""

    app: str
    item_id: int
    path: str


# Plans hold one of each per file of the hot tier: slots, and not frozen
# (a frozen init costs a setattr call per field). Treat them as read-only.
@dataclass(kw_only=True, slots=True)
class FileMove:
    """One inode: every hot path linking it, and the archive path of each."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    size: int
    last_used: float


@dataclass(kw_only=True, slots=True)
class Batch:
    """What moves together: one inode (union) or one library folder (relocate)."""

    moves: tuple[FileMove, ...]
    size: int
    """Bytes freed on the hot tier."""
    last_used: float
    """The most recent use of any of its files."""
    relocation: Relocation | None = None

    @classmethod
    def of(
        cls, moves: tuple[FileMove, ...], relocation: Relocation | None = None
    ) -> Batch:
        """Build a batch, totalling its moves."""
        return cls(
            moves=moves,
            size=sum(move.size for move in moves),
            last_used=max((move.last_used for move in moves), default=0.0),
            relocation=relocation,
        )


@dataclass(frozen=True, kw_only=True)
class TierUsage:
    """One filesystem's fill, as ``df`` shows it."""

    path: str
    total: int
    used: int
    free: int
    """Bytes an unprivileged writer may still use."""

    @property
    def percent(self) -> float:
        """Used percent of what is usable (``df``'s Use%)."""
        usable = self.used + self.free
        return round(100 * self.used / usable, 2) if usable else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "path": self.path,
            "used_percent": self.percent,
            "free_bytes": self.free,
            "total_bytes": self.total,
        }


def disk_usage(path: str) -> TierUsage:
    """Measure the filesystem holding ``path`` (``OSError`` if it is missing)."""
    st = os.statvfs(path)
    return TierUsage(
        path=path,
        total=st.f_blocks * st.f_frsize,
        used=(st.f_blocks - st.f_bfree) * st.f_frsize,
        free=st.f_bavail * st.f_frsize,
    )


type OneFile = tuple[float, int, str, int, int]
"""A batch of one unlinked file (union mode), as plain values.

Last used, filesystem, source path, length of its hot root (the target is
the archive root and the rest of the path), size.
"""


class PlannedBatches(Sequence[Batch]):
    """A plan's batches in order; a batch of one file is kept as a ``OneFile`` row.

    Planning 60,000 files at once made 60,000 batches of four objects the
    garbage collector follows: some 30 MB, and enough new objects to set off
    a full collection of HA's whole heap, a 300 ms pause. A row of plain
    values is half the memory and the collector soon stops looking at it;
    its ``Batch`` is built when it is read.
    """

    __slots__ = ("_archive", "_rows", "bytes", "files")

    def __init__(
        self, batches: Iterable[Batch | OneFile] = (), *, archive: str = ""
    ) -> None:
        """Hold ``batches``, in order; ``archive``: where the rows' files go."""
        self._archive = archive
        self._rows: list[Batch | OneFile] = []
        self.bytes = 0
        """Bytes the batches free on the hot tier."""
        self.files = 0
        """Inodes the batches move."""
        for batch in batches:
            self.append(batch)

    def append(self, batch: Batch | OneFile) -> None:
        """Add a batch (or the row of a one-file batch) at the end."""
        self._rows.append(batch)
        if isinstance(batch, Batch):
            self.bytes += batch.size
            self.files += len(batch.moves)
        else:
            self.bytes += batch[4]
            self.files += 1

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Batch: ...
    @overload
    def __getitem__(self, index: slice) -> list[Batch]: ...
    def __getitem__(self, index: int | slice) -> Batch | list[Batch]:
        if isinstance(index, slice):
            return [self._batch(row) for row in self._rows[index]]
        return self._batch(self._rows[index])

    def __iter__(self) -> Iterator[Batch]:
        return map(self._batch, self._rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(
            mine == theirs for mine, theirs in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PlannedBatches({list(self)!r})"

    def _batch(self, row: Batch | OneFile) -> Batch:
        if isinstance(row, Batch):
            return row
        last_used, _dev, source, _cut, size = row
        move = FileMove(
            sources=(source,),
            targets=(one_file_target(self._archive, row),),
            size=size,
            last_used=last_used,
        )
        return Batch(moves=(move,), size=size, last_used=last_used)


def one_file_target(archive: str, row: OneFile) -> str:
    """Where a one-file batch's file lands: the archive, then its path below the root."""
    _last_used, _dev, source, cut, _size = row
    return archive + source[cut:]


@dataclass(kw_only=True)
class Plan:
    """A dry run: what would move, in order, how much, and what stays and why."""

    batches: PlannedBatches = field(default_factory=PlannedBatches)
    skipped: dict[SkipReason, int] = field(default_factory=dict)
    skipped_bytes: dict[SkipReason, int] = field(default_factory=dict)
    examples: dict[SkipReason, list[str]] = field(default_factory=dict)
    clocks: dict[str, str] = field(default_factory=dict)
    """Per hot root: ``atime`` or ``mtime``, the time that says a file was used."""
    usage: list[TierUsage] = field(default_factory=list)
    archive: TierUsage | None = None
    files_scanned: int = 0
    eligible_bytes: int = 0
    """Bytes old enough to move, whatever the watermarks."""
    triggered: bool = False
    """A hot filesystem was above the high watermark (or watermarks ignored)."""

    @property
    def bytes(self) -> int:
        """Bytes the plan frees on the hot tier."""
        return self.batches.bytes

    def skip(self, reason: SkipReason, path: str, size: int) -> None:
        """Count a file left where it is, keeping a few examples."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        self.skipped_bytes[reason] = self.skipped_bytes.get(reason, 0) + size
        examples = self.examples.setdefault(reason, [])
        if len(examples) < 5:  # as planner.MAX_EXAMPLES
            examples.append(path)

    def as_dict(self, *, limit: int = 50, now: float | None = None) -> dict[str, Any]:
        """Return a compact JSON form: totals, the first moves, skip reasons."""
        moves: list[dict[str, Any]] = []
        for batch in self.batches[:limit]:
            item: dict[str, Any] = {
                "paths": [p for move in batch.moves for p in move.sources][:20],
                "files": len(batch.moves),
                "bytes": batch.size,
                "reason": "watermark" if self.triggered else "forced",
            }
            if now is not None:
                item["unused_days"] = round((now - batch.last_used) / 86400, 1)
            if batch.relocation is not None:
                item["relocation"] = batch.relocation.as_dict()
            moves.append(item)
        return {
            "triggered": self.triggered,
            "bytes": self.bytes,
            "eligible_bytes": self.eligible_bytes,
            "batches": len(self.batches),
            "files": self.batches.files,
            "files_scanned": self.files_scanned,
            "clocks": dict(self.clocks),
            "hot": [usage.as_dict() for usage in self.usage],
            "archive": self.archive.as_dict() if self.archive else None,
            "moves": moves,
            "left_out": max(len(self.batches) - limit, 0),
            "skipped": {
                reason.value: {
                    "files": count,
                    "bytes": self.skipped_bytes[reason],
                    "examples": self.examples[reason],
                }
                for reason, count in self.skipped.items()
            },
        }
