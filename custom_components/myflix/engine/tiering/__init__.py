"""Storage tiering: plan what leaves the hot tier, move it crash-safely to the archive."""

from .control import ArchiveFullError, BatchResult, FileSkippedError, MoveControl
from .copy import Copier, CopyAbortedError
from .journal import JOURNAL_DIR, TEMP_PREFIX, TEMP_SUFFIX, Journal, MoveState
from .models import (
    DEFAULT_EXCLUDES,
    Batch,
    FileMove,
    LibraryFolder,
    Plan,
    Relocation,
    SkipReason,
    TieringConfig,
    TieringMode,
    TierUsage,
    disk_usage,
)
from .mover import Mover, StagedMove
from .paths import PathMappingError, PathMappings
from .pipeline import move_batches
from .planner import ArchiveUnavailableError, ProtectedPaths, build_plan
from .restore import (
    UNDO_MAX_FILES,
    RestoreRefusedError,
    RestoreResult,
    recover_restores,
    restore,
    undo_moves,
)
from .scan import Excluder, ScannedFile, mount_of, usage_clock, walk

__all__ = [
    "DEFAULT_EXCLUDES",
    "JOURNAL_DIR",
    "TEMP_PREFIX",
    "TEMP_SUFFIX",
    "UNDO_MAX_FILES",
    "ArchiveFullError",
    "ArchiveUnavailableError",
    "Batch",
    "BatchResult",
    "Copier",
    "CopyAbortedError",
    "Excluder",
    "FileMove",
    "FileSkippedError",
    "Journal",
    "LibraryFolder",
    "MoveControl",
    "MoveState",
    "Mover",
    "PathMappingError",
    "PathMappings",
    "Plan",
    "ProtectedPaths",
    "Relocation",
    "RestoreRefusedError",
    "RestoreResult",
    "ScannedFile",
    "SkipReason",
    "StagedMove",
    "TierUsage",
    "TieringConfig",
    "TieringMode",
    "build_plan",
    "disk_usage",
    "mount_of",
    "move_batches",
    "recover_restores",
    "restore",
    "undo_moves",
    "usage_clock",
    "walk",
]
