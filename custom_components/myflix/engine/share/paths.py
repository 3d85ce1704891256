"""The path guard: a share path names a regular file inside a share root, or nothing.

A share path is ``<root name>/<path inside the root>`` with ``/`` separators.
Text checks come first (no I/O); then the path is resolved with ``realpath``
and must stay inside the root; then the file is opened component by component
from the root with ``O_NOFOLLOW``, so a symlink swapped in after the check is
refused too, and ``fstat`` on the open descriptor must say "regular file".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
import errno
import os
import stat
from urllib.parse import unquote

MAX_PATH_LENGTH = 4096
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# O_NONBLOCK: opening a FIFO must not hang; fstat refuses it right after.
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class PathRefusal(StrEnum):
    """Why a share path was refused."""

    INVALID = "invalid"
    UNKNOWN_ROOT = "unknown_root"
    OUTSIDE_ROOT = "outside_root"
    NOT_FOUND = "not_found"
    NOT_A_FILE = "not_a_file"


class PathRefusedError(Exception):
    """A share path was refused; ``reason`` says why."""

    def __init__(self, reason: PathRefusal) -> None:
        """Refuse for ``reason``."""
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, kw_only=True)
class OpenedFile:
    """A regular file opened for reading (the caller closes ``fd``)."""

    fd: int
    size: int
    mtime: float
    inode: int


def _bad_text(text: str) -> bool:
    if "\\" in text or text.startswith("/"):
        return True
    if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text):
        return True
    return any(part in ("", ".", "..") for part in text.split("/"))


def check_text(path: str) -> list[str]:
    """Split a share path into segments; raise if its text alone is unsafe.

    Percent-decoded forms (twice, for double encoding) must be safe too, so
    ``%2e%2e%2f`` is refused wherever it ends up being decoded.
    """
    if not path or len(path) > MAX_PATH_LENGTH or _bad_text(path):
        raise PathRefusedError(PathRefusal.INVALID)
    decoded = path
    for _ in range(2):
        decoded = unquote(decoded)
        if _bad_text(decoded) or decoded.count("/") != path.count("/"):
            raise PathRefusedError(PathRefusal.INVALID)
    parts = path.split("/")
    if len(parts) < 2:
        raise PathRefusedError(PathRefusal.INVALID)
    return parts


def _is_symlink(name: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


class PathGuard:
    """Resolves share paths against named share roots; blocking (run it off the loop)."""

    def __init__(self, roots: Mapping[str, str]) -> None:
        """Guard ``roots`` (name -> directory); each is resolved once, here."""
        self._roots = {name: os.path.realpath(path) for name, path in roots.items()}

    @property
    def roots(self) -> Mapping[str, str]:
        """Return the resolved roots by name."""
        return self._roots

    def share_path(self, path: str) -> str:
        """Turn an absolute path inside a root, or a share path, into a share path.

        The file must exist and pass the guard; the answer is what a token carries.
        """
        if path.startswith("/"):
            real = os.path.realpath(path)
            for name, root in self._roots.items():
                if os.path.commonpath([root, real]) == root and real != root:
                    path = "/".join([name, *os.path.relpath(real, root).split(os.sep)])
                    break
            else:
                raise PathRefusedError(PathRefusal.OUTSIDE_ROOT)
        os.close(self.open(path).fd)
        return path

    def open(self, path: str) -> OpenedFile:
        """Open the regular file a share path names, or raise ``PathRefusedError``."""
        name, *inner = check_text(path)
        if (root := self._roots.get(name)) is None:
            raise PathRefusedError(PathRefusal.UNKNOWN_ROOT)
        real = os.path.realpath(os.path.join(root, *inner))
        if os.path.commonpath([root, real]) != root or real == root:
            raise PathRefusedError(PathRefusal.OUTSIDE_ROOT)
        *dirs, leaf = os.path.relpath(real, root).split(os.sep)
        try:
            fd = os.open(root, _DIR_FLAGS & ~os.O_NOFOLLOW)
        except OSError as err:
            raise PathRefusedError(PathRefusal.NOT_FOUND) from err
        part = leaf
        try:
            for part in dirs:
                next_fd = os.open(part, _DIR_FLAGS, dir_fd=fd)
                os.close(fd)
                fd = next_fd
            part = leaf
            file_fd = os.open(leaf, _FILE_FLAGS, dir_fd=fd)
        except OSError as err:
            # A symlink appeared after realpath resolved the path (ELOOP for the
            # file, ENOTDIR for a folder): someone is racing the check.
            raise PathRefusedError(
                PathRefusal.OUTSIDE_ROOT
                if err.errno == errno.ELOOP or _is_symlink(part, fd)
                else PathRefusal.NOT_FOUND
            ) from err
        finally:
            os.close(fd)
        info = os.fstat(file_fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(file_fd)
            raise PathRefusedError(PathRefusal.NOT_A_FILE)
        return OpenedFile(
            fd=file_fd, size=info.st_size, mtime=info.st_mtime, inode=info.st_ino
        )
