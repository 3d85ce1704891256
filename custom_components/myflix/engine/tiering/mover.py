"""Move planned files to the archive so that any crash leaves each file exactly once.

Per inode: journal ``copying`` → copy to a temp name beside the target →
fsync → read back and compare BLAKE2b → owner, mode, times → fsync →
journal ``copied`` → rename to the first target, ``os.link`` the others →
fsync → journal ``published`` → unlink every source → journal cleared.
``recover`` undoes a move cut before ``published`` and finishes one after it.

A batch runs in two stages: while one file is read back, published and its
sources removed (on a second thread), the next one is copied. Each has its own
journal record, so a crash settles both independently.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
import contextlib
from dataclasses import dataclass, field
import errno
import os
import secrets
import threading
from typing import Any

from .copy import Copier, CopyAbortedError, copy_metadata
from .journal import TEMP_PREFIX, TEMP_SUFFIX, Journal, MoveState, fsync_dir
from .models import Batch, FileMove, Relocation

FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
# What link() says on filesystems that have no hard links (FAT, some FUSE/SMB).
_NO_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK})


class ArchiveFullError(OSError):
    """The archive ran out of space; the file in flight was rolled back."""


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
    """Finish the file in flight, then return."""
    abort: threading.Event = field(default_factory=threading.Event)
    """Roll the file in flight back now, then return."""
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


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def _unlink(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _fsync_dirs(paths: tuple[str, ...] | list[str]) -> None:
    for folder in dict.fromkeys(os.path.dirname(p) for p in paths):
        fsync_dir(folder)


def _publish(temp: str, target: str) -> None:
    """Give the verified copy its name, never replacing a file that appeared there.

    ``link`` fails if the name is taken (``rename`` would clobber it); on
    filesystems without hard links the rename is the fallback.
    """
    try:
        os.link(temp, target)
    except OSError as err:
        if err.errno not in _NO_LINKS:
            raise
        os.rename(temp, target)
    else:
        os.unlink(temp)


class Mover:
    """Moves batches onto one archive and keeps its journal there."""

    def __init__(
        self,
        archive_root: str,
        copier: Copier | None = None,
        *,
        hot_roots: tuple[str, ...] = (),
    ) -> None:
        """Work on ``archive_root``; ``recover`` must run before the first move.

        Folders under ``hot_roots`` that a move empties are removed, except
        the first level (library and category folders the apps expect).
        """
        self.archive_root = archive_root
        self.journal = Journal(archive_root)
        self.copier = copier or Copier()
        self.hot_roots = tuple(os.path.normpath(root) for root in hot_roots)

    def recover(self) -> list[Relocation]:
        """Settle a move a crash cut short; return folders still to be relocated."""
        self.journal.load()
        for move in list(self.journal.moves.values()):
            self._settle(move)
            self.journal.drop_move(move)
        return list(self.journal.relocations)

    def _settle(self, move: dict[str, Any]) -> None:
        sources, targets = move["sources"], move["targets"]
        state = MoveState(move["state"])
        copy_id = (move.get("dev"), move.get("copy_ino"))
        published = [
            t for t in targets if (s := _lstat(t)) and (s.st_dev, s.st_ino) == copy_id
        ]
        if state is MoveState.PUBLISHED and len(published) == len(targets):
            source_id = (move["source_dev"], move["source_ino"])
            for path in sources:
                if (s := _lstat(path)) and (s.st_dev, s.st_ino) == source_id:
                    os.unlink(path)
            _fsync_dirs(sources)
            return
        # Not (fully) published: the sources are intact; undo every trace of the copy.
        _unlink(move["temp"])
        for target in published:
            os.unlink(target)
        _fsync_dirs([move["temp"], *targets])

    def move_batch(self, batch: Batch, control: MoveControl) -> BatchResult:
        """Move one batch file by file; stop between files when told."""
        return next(self.move_batches([batch], control))[1]

    def move_batches(
        self, batches: Iterable[Batch], control: MoveControl
    ) -> Iterator[tuple[Batch, BatchResult]]:
        """Move batches in order; yield each once every file of it is settled.

        The next file (of the same batch or the next one) copies while the one
        before is verified and published. Stops between files when told, and
        yields the batch it stopped in as ``stopped``.
        """
        settling: deque[tuple[Batch, BatchResult]] = deque()
        publishing: tuple[FileMove, Future[None], BatchResult] | None = None
        try:
            for batch in batches:
                result = BatchResult()
                if batch.relocation is not None:
                    self.journal.add_relocation(batch.relocation)
                for move in batch.moves:
                    if control.stop.is_set() or control.abort.is_set():
                        result.stopped = True
                        break
                    try:
                        staged = self._start(move, control)
                    except FileSkippedError as err:
                        if not self._skipped(move, err, result):
                            break
                        continue
                    if publishing is not None:
                        self._collect(*publishing, control)
                    publishing = move, self._finish_soon(staged, control), result
                    # Nothing of the batches before is in flight any more.
                    while settling:
                        yield settling.popleft()
                settling.append((batch, result))
                if result.stopped:
                    break
        except BaseException:
            # Never leave a file publishing behind an error (or a closed run).
            if publishing is not None and not publishing[1].done():
                publishing[1].exception()
            raise
        if publishing is not None:
            self._collect(*publishing, control)
        yield from settling

    def _finish_soon(self, staged: _Staged, control: MoveControl) -> Future[None]:
        """Finish a large file on a thread of its own; a small one right away.

        A thread per file (not a pool) ends with its file, so a run abandoned
        between files leaves no thread behind.
        """
        done: Future[None] = Future()

        def finish() -> None:
            try:
                self._finish(staged, control)
            except BaseException as err:  # noqa: BLE001 - handed to the caller
                done.set_exception(err)
            else:
                done.set_result(None)

        if staged.size <= self.copier.chunk:
            finish()
        else:
            threading.Thread(target=finish, name="myflix-tiering-publish").start()
        return done

    @staticmethod
    def _skipped(move: FileMove, err: FileSkippedError, result: BatchResult) -> bool:
        """Count a file left behind; return whether the batch goes on."""
        if err.reason == "aborted":
            result.stopped = True
            return False
        result.skipped.append((move.sources[0], err.reason))
        return True

    def _collect(
        self,
        move: FileMove,
        publishing: Future[None],
        result: BatchResult,
        control: MoveControl,
    ) -> None:
        """Wait for a file's second stage and count it."""
        try:
            publishing.result()
        except FileSkippedError as err:
            self._skipped(move, err, result)
            return
        result.moved_files += 1
        result.moved_bytes += move.size
        control.progress(move, move.size)

    def finish_relocation(self, relocation: Relocation) -> None:
        """Forget a folder once its app knows the new path; drop the empty hot folder."""
        for folder, _dirs, _files in os.walk(relocation.source, topdown=False):
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        self.journal.finish_relocation(relocation)

    def move_file(self, move: FileMove, control: MoveControl) -> None:
        """Move one inode with all its links, or leave it untouched and say why."""
        self._finish(self._start(move, control), control)

    def _start(self, move: FileMove, control: MoveControl) -> _Staged:
        """Record the move and copy the file to its temp name, fsynced."""
        source = _lstat(move.sources[0])
        if source is None:
            raise FileSkippedError("vanished")
        self._check_links(move, source)
        if any(os.path.lexists(t) for t in move.targets):
            raise FileSkippedError("exists")
        try:
            for folder in dict.fromkeys(os.path.dirname(t) for t in move.targets):
                os.makedirs(folder, exist_ok=True)
        except OSError as err:
            raise self._error(err) from err
        folder = os.path.dirname(move.targets[0])
        temp = os.path.join(folder, f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}")
        record: dict[str, Any] = {
            "state": MoveState.COPYING.value,
            "sources": list(move.sources),
            "targets": list(move.targets),
            "temp": temp,
            "source_dev": source.st_dev,
            "source_ino": source.st_ino,
        }
        try:
            self.journal.put_move(record)
        except OSError as err:
            raise self._error(err) from err
        staged = _Staged(move, source, record)
        try:
            self._copy(staged, control.abort.is_set)
        except BaseException as err:
            staged.close()
            self._rollback(record)
            if replacement := self._replacement(err):
                raise replacement from err
            raise
        return staged

    def _finish(self, staged: _Staged, control: MoveControl) -> None:
        """Verify the copy, publish it under every target, remove the sources."""
        move, record = staged.move, staged.record
        try:
            with contextlib.closing(staged):
                copy_stat = self._verify(staged, control.abort.is_set)
            record |= {
                "state": MoveState.COPIED.value,
                "dev": copy_stat.st_dev,
                "copy_ino": copy_stat.st_ino,
            }
            self.journal.put_move(record)
            self._check_links(move, staged.source)
            _publish(record["temp"], move.targets[0])
            for target in move.targets[1:]:
                os.link(move.targets[0], target)
            _fsync_dirs(move.targets)
            record["state"] = MoveState.PUBLISHED.value
            self.journal.put_move(record)
        except BaseException as err:
            self._rollback(record)
            if replacement := self._replacement(err):
                raise replacement from err
            raise
        for path in move.sources:
            _unlink(path)
        _fsync_dirs(move.sources)
        self.journal.drop_move(record)
        self._prune(move.sources)

    def _prune(self, sources: tuple[str, ...]) -> None:
        """Remove the folders the move left empty, deepest first, up to the first level."""
        for source in sources:
            root = next((r for r in self.hot_roots if source.startswith(r + "/")), None)
            if root is None:
                continue
            folder = os.path.dirname(source)
            # Below the root and its first level: ``root/movies`` stays.
            while folder.count("/") > root.count("/") + 1:
                try:
                    os.rmdir(folder)
                except OSError:  # not empty (or gone, or not ours): stop here
                    break
                folder = os.path.dirname(folder)

    def _replacement(self, err: BaseException) -> Exception | None:
        """Say what a rolled-back move raises instead of ``err`` (None: itself)."""
        if isinstance(err, CopyAbortedError):
            return FileSkippedError("aborted")
        if isinstance(err, OSError) and not isinstance(err, ArchiveFullError):
            return self._error(err)
        return None

    def _rollback(self, record: dict[str, Any]) -> None:
        """Undo a move that did not reach ``published`` and clear it from the journal."""
        if "copy_ino" in record:
            record["state"] = MoveState.COPIED.value
        self._settle(record)
        self.journal.drop_move(record)

    @staticmethod
    def _error(err: OSError) -> Exception:
        if err.errno in FULL_ERRNOS:
            return ArchiveFullError(err.errno, err.strerror, err.filename)
        if isinstance(err, FileNotFoundError):
            return FileSkippedError("vanished")
        if isinstance(err, FileExistsError):
            return FileSkippedError("exists")
        return FileSkippedError(errno.errorcode.get(err.errno or 0, "error").lower())

    @staticmethod
    def _check_links(move: FileMove, source: os.stat_result) -> None:
        """Every planned link still names the inode, and it has no other link."""
        for path in move.sources:
            st = _lstat(path)
            if st is None:
                raise FileSkippedError("vanished")
            if (st.st_dev, st.st_ino) != (source.st_dev, source.st_ino):
                raise FileSkippedError("changed")
            if st.st_nlink != len(move.sources):
                raise FileSkippedError("links_changed")

    def _copy(self, staged: _Staged, aborted: Callable[[], bool]) -> None:
        """Copy the source to the temp file and fsync it; hash the source meanwhile."""
        source = staged.source
        staged.src = os.open(staged.move.sources[0], os.O_RDONLY | os.O_NOFOLLOW)
        before = os.fstat(staged.src)
        if (before.st_dev, before.st_ino) != (source.st_dev, source.st_ino):
            raise FileSkippedError("changed")
        staged.dst = os.open(
            staged.record["temp"], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600
        )
        staged.size, staged.digest = self.copier.copy(staged.src, staged.dst, aborted)
        os.fsync(staged.dst)
        after = os.fstat(staged.src)
        if (after.st_size, after.st_mtime_ns) != (staged.size, before.st_mtime_ns):
            raise FileSkippedError("changed")
        staged.before = before

    def _verify(self, staged: _Staged, aborted: Callable[[], bool]) -> os.stat_result:
        """Read the copy back, compare, give it the source's metadata; return its stat."""
        temp = staged.record["temp"]
        if aborted():  # told while it waited for the first stage
            raise CopyAbortedError
        if self.copier.read_back(temp, aborted) != (staged.size, staged.digest):
            raise FileSkippedError("verify_failed")
        before, dst = staged.before, staged.dst
        copy_metadata(before, dst, staged.move.sources[0])
        os.utime(dst, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.fsync(dst)
        copy_stat = os.fstat(dst)
        fsync_dir(os.path.dirname(temp))
        return copy_stat


class _Staged:
    """A file between the mover's stages: copied and fsynced, not yet verified."""

    def __init__(
        self, move: FileMove, source: os.stat_result, record: dict[str, Any]
    ) -> None:
        self.move = move
        self.source = source
        self.record = record
        self.before = source
        self.src = self.dst = -1
        self.size = 0
        self.digest = ""

    def close(self) -> None:
        """Close the source and the copy."""
        for fd in (self.src, self.dst):
            if fd >= 0:
                os.close(fd)
        self.src = self.dst = -1
