"""Choose what leaves the hot tier: oldest first, whole inodes, between watermarks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
import heapq
from operator import itemgetter
import os

from .models import (
    Batch,
    FileMove,
    LibraryFolder,
    OneFile,
    Plan,
    PlannedBatches,
    Relocation,
    SkipReason,
    TieringConfig,
    TieringMode,
    disk_usage,
    one_file_target,
)
from .scan import (
    Excluder,
    RawFile,
    ScannedFile,
    read_mounts,
    usage_clock,
    walk,
    walk_folders,
)

MAX_EXAMPLES = 5


class ArchiveUnavailableError(OSError):
    """The archive root cannot be measured: missing, unmounted or unreadable."""


class ProtectedPaths:
    """Files and folders of torrents qBittorrent still downloads or seeds."""

    def __init__(
        self, downloading: Iterable[str] = (), seeding: Iterable[str] = ()
    ) -> None:
        """Take the torrents' file paths or content folders."""
        self._reasons: dict[str, SkipReason] = {
            os.path.normpath(p): SkipReason.SEEDING for p in seeding
        }
        # A torrent still downloading wins: its files are incomplete.
        for path in downloading:
            self._reasons[os.path.normpath(path)] = SkipReason.DOWNLOADING

    def reason(self, path: str) -> SkipReason | None:
        """Return why the file (or a folder above it) is protected, if it is."""
        if not self._reasons:
            return None
        while True:
            if (reason := self._reasons.get(path)) is not None:
                return reason
            parent = os.path.dirname(path)
            if parent == path:
                return None
            path = parent


@dataclass(kw_only=True)
class _Folder:
    """Relocate mode: one library folder and what was found in it."""

    library: LibraryFolder
    root: str
    files: list[tuple[tuple[ScannedFile, ...], float]] = field(default_factory=list)
    blocked: SkipReason | None = None


def _root_of(path: str, roots: Sequence[str]) -> str:
    return next(r for r in roots if path == r or path.startswith(r.rstrip("/") + "/"))


def _target(archive: str, root: str, path: str) -> str:
    return os.path.join(archive, os.path.relpath(path, root))


class _Planner:
    """One planning pass (the state of a scan)."""

    def __init__(
        self,
        config: TieringConfig,
        protected: ProtectedPaths,
        library: Sequence[LibraryFolder],
        now: float,
    ) -> None:
        self.config = config
        self.protected = protected
        self.now = now
        self.plan = Plan()
        self.roots = tuple(os.path.normpath(r) for r in config.hot_roots)
        self.folders = [
            _Folder(library=f, root=_root_of(os.path.normpath(f.path), self.roots))
            for f in library
            if any(
                os.path.normpath(f.path).startswith(r.rstrip("/") + "/")
                for r in self.roots
            )
        ]
        # (inode, last used) per candidate; links kept until the group is complete.
        self.candidates: list[tuple[tuple[ScannedFile, ...], float, str]] = []
        # Union mode's one-link candidates, already in their plan form.
        self.singles: list[OneFile] = []
        self.links: dict[tuple[int, int], list[tuple[ScannedFile, str, float]]] = {}

    def folder_of(self, path: str) -> _Folder | None:
        for folder in self.folders:
            base = os.path.normpath(folder.library.path)
            if path.startswith(base + "/"):
                return folder
        return None

    def verdict(self, file: ScannedFile, used: float) -> SkipReason | None:
        if file.size < self.config.min_size:
            return SkipReason.TOO_SMALL
        if used > self.now - self.config.min_age:
            return SkipReason.TOO_RECENT
        reason = self.protected.reason(file.path)
        if reason is SkipReason.SEEDING and self.config.move_seeding:
            return None
        return reason

    def skip(self, files: Iterable[ScannedFile], reason: SkipReason) -> None:
        for file in files:
            self.plan.skip(reason, file.path, file.size)
            if (
                self.config.mode is TieringMode.RELOCATE
                and (folder := self.folder_of(file.path)) is not None
                and folder.blocked is None
            ):
                folder.blocked = reason

    def _scan_root(
        self, root: str, use_atime: bool, folders: Iterable[list[RawFile]]
    ) -> None:
        """Sort each file into candidates, links or skips (the per-file hot loop).

        Files come as plain tuples, a list per folder; a ``ScannedFile`` is
        only built for the few kept (candidates, links) or skipped for an
        unusual reason.
        """
        min_size, cutoff = self.config.min_size, self.now - self.config.min_age
        # Relocate mode must mark each skipped file's folder: no shortcut there.
        fast = self.config.mode is TieringMode.UNION
        links, candidates, singles = self.links, self.candidates, self.singles
        cut = 0 if root == "/" else len(root)  # paths are root + "/" + rel
        small_n = small_bytes = recent_n = recent_bytes = scanned = 0
        small_examples: list[str] = []
        recent_examples: list[str] = []
        for files in folders:
            scanned += len(files)
            for raw in files:
                path, size, atime, mtime, dev, ino, nlink = raw
                used = (atime if atime > mtime else mtime) if use_atime else mtime
                if nlink > 1:
                    links.setdefault((dev, ino), []).append(
                        (ScannedFile(*raw), root, used)
                    )
                elif size < min_size and fast:
                    small_n += 1
                    small_bytes += size
                    if small_n <= MAX_EXAMPLES:
                        small_examples.append(path)
                elif used > cutoff and fast:
                    recent_n += 1
                    recent_bytes += size
                    if recent_n <= MAX_EXAMPLES:
                        recent_examples.append(path)
                else:
                    file = ScannedFile(*raw)
                    if size < min_size:
                        reason: SkipReason | None = SkipReason.TOO_SMALL
                    elif used > cutoff:
                        reason = SkipReason.TOO_RECENT
                    else:
                        reason = self.verdict(file, used)
                    if reason is None and fast:
                        singles.append((used, dev, path, cut, size))
                    elif reason is None:
                        candidates.append(((file,), used, root))
                    else:
                        self.skip((file,), reason)
        plan = self.plan
        plan.files_scanned += scanned
        for reason, count, size_sum, examples in (
            (SkipReason.TOO_SMALL, small_n, small_bytes, small_examples),
            (SkipReason.TOO_RECENT, recent_n, recent_bytes, recent_examples),
        ):
            if count:
                plan.skipped[reason] = plan.skipped.get(reason, 0) + count
                plan.skipped_bytes[reason] = (
                    plan.skipped_bytes.get(reason, 0) + size_sum
                )
                kept = plan.examples.setdefault(reason, [])
                kept += examples[: MAX_EXAMPLES - len(kept)]

    def scan(self, mounts_text: str) -> None:
        excluder = Excluder(self.config.excludes)
        for root in self.roots:
            clock = usage_clock(root, self.config.min_age, mounts_text)
            self.plan.clocks[root] = clock
            excluded: list[str] = []
            folders = walk_folders(root, excluder, excluded)
            self._scan_root(root, clock == "atime", folders)
            for path in excluded:
                self.plan.skip(SkipReason.EXCLUDED, path, 0)
                if (folder := self.folder_of(path)) is not None:
                    folder.blocked = folder.blocked or SkipReason.EXCLUDED
        for group in self.links.values():
            files = tuple(sorted((f for f, _, _ in group), key=lambda f: f.path))
            if len(files) < files[0].nlink or len({r for _, r, _ in group}) > 1:
                self.skip(files, SkipReason.HARDLINK_OUTSIDE)
                continue
            used = max(u for _, _, u in group)
            reasons = [self.verdict(f, used) for f in files]
            if (reason := next((r for r in reasons if r), None)) is not None:
                self.skip(files, reason)
            else:
                self.candidates.append((files, used, group[0][1]))

    def batches(self) -> Iterator[tuple[float, int, Batch] | OneFile]:
        """Yield the candidate batches, oldest first.

        Each is (last used, filesystem, batch), or in union mode, for a file
        with one link, its ``OneFile`` row (which starts the same way).
        """
        archive = self.config.archive_root
        found: list[tuple[float, int, Batch]] = []
        if self.config.mode is TieringMode.UNION:
            for files, used, root in reversed(self.candidates):  # hard-link groups
                cut = 0 if root == "/" else len(root)
                first = files[0]
                sources = tuple(f.path for f in files)
                targets = tuple(archive + p[cut:] for p in sources)
                move = FileMove(
                    sources=sources, targets=targets, size=first.size, last_used=used
                )
                batch = Batch(moves=(move,), size=first.size, last_used=used)
                found.append((used, first.dev, batch))
            self.candidates = []
        else:
            for files, used, _root in self.candidates:
                folders = {
                    id(f): f for f in map(self.folder_of, (f.path for f in files))
                }
                if len(folders) > 1:
                    self.skip(files, SkipReason.HARDLINK_OUTSIDE)
                elif (folder := next(iter(folders.values()))) is None:
                    self.skip(files, SkipReason.NOT_IN_LIBRARY)
                else:
                    folder.files.append((files, used))
            for folder in self.folders:
                if not folder.files:
                    continue
                if folder.blocked is not None:
                    self.skip((f for fs, _ in folder.files for f in fs), folder.blocked)
                    continue
                moves = tuple(
                    FileMove(
                        sources=tuple(f.path for f in files),
                        targets=tuple(
                            _target(archive, folder.root, f.path) for f in files
                        ),
                        size=files[0].size,
                        last_used=used,
                    )
                    for files, used in folder.files
                )
                source = os.path.normpath(folder.library.path)
                relocation = Relocation(
                    app=folder.library.app,
                    item_id=folder.library.item_id,
                    source=source,
                    target=_target(archive, folder.root, source),
                )
                dev = folder.files[0][0][0].dev
                batch = Batch.of(moves, relocation)
                found.append((batch.last_used, dev, batch))
        # Sorted as they stand, equal times keep the order they were found in
        # (last found first); the rows are not copied into another list.
        last_used = itemgetter(0)
        found.sort(key=last_used)
        singles, self.singles = self.singles, []
        singles.reverse()
        singles.sort(key=last_used)
        return heapq.merge(found, singles, key=last_used)


def build_plan(
    config: TieringConfig,
    *,
    now: float,
    protected: ProtectedPaths | None = None,
    library: Sequence[LibraryFolder] = (),
    ignore_watermarks: bool = False,
    mounts_text: str | None = None,
) -> Plan:
    """Scan the hot roots and choose what to move (blocking: run it in an executor).

    Above the high watermark on a hot filesystem, the oldest eligible batches
    on it are chosen until the low watermark would be reached; the archive
    keeps ``archive_reserve`` bytes free. Nothing is moved here.
    """
    try:
        archive = disk_usage(config.archive_root)
    except OSError as err:
        raise ArchiveUnavailableError(
            err.errno, err.strerror, config.archive_root
        ) from err
    planner = _Planner(config, protected or ProtectedPaths(), library, now)
    plan = planner.plan
    plan.archive = archive
    to_free: dict[int, float] = {}
    for root in planner.roots:
        dev = os.stat(root).st_dev
        if dev in to_free:
            continue
        usage = disk_usage(root)
        plan.usage.append(usage)
        usable = usage.used + usage.free
        if ignore_watermarks:
            to_free[dev] = float("inf")
        elif usage.percent > config.high_watermark:
            to_free[dev] = usage.used - config.low_watermark / 100 * usable
        else:
            to_free[dev] = 0.0
    plan.triggered = any(v > 0 for v in to_free.values())
    planner.scan(read_mounts() if mounts_text is None else mounts_text)
    room = archive.free - config.archive_reserve
    archive_names = _ArchiveNames()
    plan.batches = PlannedBatches(archive=config.archive_root)
    for item in planner.batches():
        batch: Batch | OneFile
        if len(item) == 3:  # (last used, filesystem, batch)
            _used, dev, batch = item
            size = batch.size
        else:
            batch = item
            dev, size = batch[1], batch[4]
        plan.eligible_bytes += size
        if to_free.get(dev, 0.0) <= 0:
            reason: SkipReason | None = SkipReason.WATERMARK_REACHED
        elif size > room:
            reason = SkipReason.ARCHIVE_FULL
            to_free[dev] -= size  # it would have been needed
        elif archive_names.taken(batch, config.archive_root):
            reason = SkipReason.EXISTS_ON_ARCHIVE
        else:
            reason = None
        if reason is None:
            plan.batches.append(batch)
            room -= size
            to_free[dev] -= size
        elif isinstance(batch, Batch):
            for move in batch.moves:
                plan.skip(reason, move.sources[0], move.size)
        else:
            plan.skip(reason, batch[2], size)
    return plan


class _ArchiveNames:
    """What the archive already holds, one listing per folder (not a stat per file)."""

    def __init__(self) -> None:
        self._folders: dict[str, frozenset[str]] = {}

    def exists(self, path: str) -> bool:
        folder, _, name = path.rpartition("/")
        if (names := self._folders.get(folder)) is None:
            try:
                names = frozenset(os.listdir(folder))
            except OSError:
                names = frozenset()
            self._folders[folder] = names
        return name in names

    def taken(self, batch: Batch | OneFile, archive: str) -> bool:
        """Tell whether something is already where the batch would land."""
        if not isinstance(batch, Batch):
            return self.exists(one_file_target(archive, batch))
        if batch.relocation is not None:
            return os.path.lexists(batch.relocation.target)
        if len(batch.moves) == 1 and len(batch.moves[0].targets) == 1:
            return self.exists(batch.moves[0].targets[0])
        return any(self.exists(t) for move in batch.moves for t in move.targets)


def remaining_batch(relocation: Relocation) -> Batch:
    """Build the batch of what is left of a folder a crash or a stop cut short."""
    groups: dict[tuple[int, int], list[ScannedFile]] = {}
    for raw in walk(relocation.source, Excluder(())):
        file = ScannedFile(*raw)
        groups.setdefault((file.dev, file.ino), []).append(file)
    moves = tuple(
        FileMove(
            sources=tuple(f.path for f in files),
            targets=tuple(
                _target(relocation.target, relocation.source, f.path) for f in files
            ),
            size=files[0].size,
            last_used=files[0].mtime,
        )
        for files in groups.values()
    )
    return Batch.of(moves, relocation)
