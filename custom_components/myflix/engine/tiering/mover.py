"""Move planned files to the archive so that any crash leaves each file exactly once.

Per inode: journal ``copying`` → copy to a temp name beside the target →
fsync → read back and compare xxh3-128 → owner, mode, times → fsync →
journal ``copied`` → rename to the first target, ``os.link`` the others →
fsync → journal ``published`` → unlink every source → journal cleared.
``recover`` undoes a move cut before ``published`` and finishes one after it;
it decides by the state and the inodes, never by hashing again, so a record
recovers the same whatever hash verified its copy (``hash``; BLAKE2b before).

A move has two stages, ``start`` (record and copy) and ``finish`` (verify,
publish, remove the sources); ``pipeline`` overlaps the second stage of one
file with the first of the next. Each file has its own journal record, so a
crash settles both independently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
import contextlib
import errno
import os
import secrets
from typing import Any

from .control import (
    ArchiveFullError,
    BatchResult,
    FileSkippedError,
    MoveControl,
)
from .copy import Copier, CopyAbortedError, copy_metadata
from .journal import TEMP_PREFIX, TEMP_SUFFIX, Journal, MoveState, fsync_dir
from .models import Batch, FileMove, Relocation
from .pipeline import move_batches

FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
# What link() says on filesystems that have no hard links (FAT, some FUSE/SMB).
_NO_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK})


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
        return next(move_batches(self, [batch], control))[1]

    def move_batches(
        self, batches: Iterable[Batch], control: MoveControl
    ) -> Iterator[tuple[Batch, BatchResult]]:
        """Move batches in order, two files in flight (see ``pipeline``)."""
        return move_batches(self, batches, control)

    def finish_relocation(self, relocation: Relocation) -> None:
        """Forget a folder once its app knows the new path; drop the empty hot folder."""
        for folder, _dirs, _files in os.walk(relocation.source, topdown=False):
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        self.journal.finish_relocation(relocation)

    def start(self, move: FileMove, control: MoveControl) -> StagedMove:
        """First stage: record the move, copy the file to its temp name, fsync.

        Raises ``FileSkippedError`` (rolled back) or ``ArchiveFullError``.
        """
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
            "hash": self.copier.hash_name,
        }
        try:
            self.journal.put_move(record)
        except OSError as err:
            raise self._error(err) from err
        staged = StagedMove(move, source, record)
        try:
            self._copy(staged, control.abort.is_set)
        except BaseException as err:
            staged.close()
            self._rollback(record)
            if replacement := self._replacement(err):
                raise replacement from err
            raise
        return staged

    def finish(self, staged: StagedMove, control: MoveControl) -> None:
        """Second stage: verify the copy, publish it under every target, remove the sources.

        Raises ``FileSkippedError`` (rolled back) or ``ArchiveFullError``.
        """
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

    def _copy(self, staged: StagedMove, aborted: Callable[[], bool]) -> None:
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

    def _verify(
        self, staged: StagedMove, aborted: Callable[[], bool]
    ) -> os.stat_result:
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


class StagedMove:
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
