"""Vault files on disk: atomic writes, our own names only, retention.

Blocking I/O: run these in an executor. ``FileOps`` is injected so tests can
make a write fail half way (a full disk) without filling a real one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
import hashlib
import os
from pathlib import Path
import re
from typing import BinaryIO, Protocol, cast

from .models import FILE_PREFIX, FILE_SUFFIX

# Strict: retention must never touch a file we did not write.
_OURS = re.compile(
    re.escape(FILE_PREFIX) + r"\d{8}T\d{6}Z(?:-\d+)?" + re.escape(FILE_SUFFIX) + "$"
)
_TEMP = re.compile(r"^\." + _OURS.pattern[:-1] + r"\.[0-9a-f]{8}\.tmp$")
CHUNK = 1 << 20
# A temp file this old was left by a crash, not by a write in progress.
STALE_TEMP_SECONDS = 3600


class FileOps(Protocol):
    """The few system calls an atomic write needs."""

    def write(self, fd: int, data: memoryview) -> int:
        """Write some of ``data``; return how much (``os.write``)."""

    def fsync(self, fd: int) -> None:
        """Flush a file or folder to the disk (``os.fsync``)."""


@dataclass(frozen=True)
class OsFileOps:
    """The real system calls."""

    def write(self, fd: int, data: memoryview) -> int:
        """``os.write``."""
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        """``os.fsync``."""
        os.fsync(fd)


def is_vault_name(name: str) -> bool:
    """Whether ``name`` is a vault file name Myflix writes."""
    return bool(_OURS.match(name))


def vault_name(when: datetime, folder: Path) -> str:
    """Return a new file name for ``when`` (UTC), unique in ``folder``."""
    stem = f"{FILE_PREFIX}{when:%Y%m%dT%H%M%SZ}"
    name, counter = f"{stem}{FILE_SUFFIX}", 1
    while (folder / name).exists():
        name, counter = f"{stem}-{counter}{FILE_SUFFIX}", counter + 1
    return name


class _Sink:
    """A writable file object over a descriptor: counts and hashes what passes."""

    def __init__(self, fd: int, ops: FileOps) -> None:
        self._fd, self._ops = fd, ops
        self.size = 0
        self.sha256 = hashlib.sha256()
        self.error: OSError | None = None

    def write(self, data: bytes | memoryview) -> int:
        view = memoryview(data)
        self.sha256.update(view)
        self.size += len(view)
        try:
            while view:
                view = view[self._ops.write(self._fd, view[:CHUNK]) :]
        except OSError as err:
            self.error = err  # the encryptor re-wraps it; keep the errno
            raise
        return len(data)

    def flush(self) -> None:
        """Nothing is buffered here."""


@dataclass(frozen=True)
class Written:
    """Where a file landed, its size and SHA-256."""

    path: Path
    size: int
    sha256: str


def write_atomic(
    folder: Path,
    name: str,
    produce: Callable[[BinaryIO], None],
    ops: FileOps | None = None,
) -> Written:
    """Let ``produce`` stream ``folder/name``: all of it lands, or nothing.

    A temp file in the same folder is written and flushed, renamed over the
    final name, then the folder is flushed so the rename survives a crash.
    Any failure (ENOSPC...) removes the temp file and re-raises.
    """
    ops = ops or OsFileOps()
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".{name}.{os.urandom(4).hex()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            sink = _Sink(fd, ops)
            try:
                produce(cast(BinaryIO, sink))
            except Exception:
                if sink.error is not None:
                    raise sink.error from None
                raise
            ops.fsync(fd)
        finally:
            os.close(fd)
        final = folder / name
        os.replace(temp, final)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        ops.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return Written(final, sink.size, sink.sha256.hexdigest())


def vault_files(folder: Path) -> list[Path]:
    """Our vault files in ``folder``, newest first (names sort by time)."""
    if not folder.is_dir():
        return []
    ours = [p for p in folder.iterdir() if p.is_file() and is_vault_name(p.name)]
    return sorted(ours, key=_age_key, reverse=True)


def _age_key(path: Path) -> tuple[str, int]:
    """Sort key: the UTC time in the name, then the same-second counter."""
    stem = path.name[len(FILE_PREFIX) : -len(FILE_SUFFIX)]
    when, _, counter = stem.partition("-")
    return when, int(counter or 0)


def apply_retention(folder: Path, keep: int, now: float) -> list[str]:
    """Delete our vault files beyond the ``keep`` newest and our stale temp files."""
    deleted: list[str] = []
    for path in vault_files(folder)[max(keep, 1) :]:
        path.unlink(missing_ok=True)
        deleted.append(path.name)
    for path in folder.iterdir():
        if (
            _TEMP.match(path.name)
            and path.is_file()
            and now - path.stat().st_mtime > STALE_TEMP_SECONDS
        ):
            path.unlink(missing_ok=True)
    return deleted
