"""Copy one file through a buffer, hash what was written, and read the copy back from disk.

The copy and its read-back are compared by xxh3-128: the check guards against
a disk or a file changing underneath, not against an attacker, so it needs no
cryptographic hash, and xxh3 outruns a disk on one core, so hashing needs no
threads of its own.
"""

from __future__ import annotations

from collections.abc import Callable
import contextlib
import os

import xxhash

# Small enough that a chunk is still in the CPU cache when it is hashed and
# written (8 MiB measured slower), large enough for a disk's writeback.
CHUNK = 4 << 20
HASH = "xxh3_128"
"""The hash a copy is verified by; each journal record names it."""
# A file that grows mid-copy is still read in chunks of at least this size.
_MIN_BUFFER = 64 << 10


class CopyAbortedError(Exception):
    """The copy was told to stop mid-file; the caller rolls it back."""


def _read_into(fd: int, view: memoryview, offset: int) -> int:
    """Read exactly ``len(view)`` bytes at ``offset`` unless the file ends first."""
    done = 0
    while done < len(view):
        n = os.preadv(fd, [view[done:]], offset + done)
        if n == 0:
            break
        done += n
    return done


class Copier:
    """Copies by reads and writes of one buffer, hashing each chunk in between.

    The hash needs every byte in memory anyway: reading once and writing what
    was hashed does less than a kernel copy (``copy_file_range``) followed by a
    second read of the source, and measured faster.
    """

    hash_name = HASH

    def __init__(self, chunk: int = CHUNK, *, from_disk: bool = True) -> None:
        """Copy ``chunk`` bytes at a time; with ``from_disk``, through the disk.

        That is: each chunk goes to the disk as it is written, and the copy is
        read back from the device, not the page cache. One copy and one
        read-back may run at once (the mover's two stages).
        """
        self.chunk = chunk
        self.from_disk = from_disk

    def _buffer(self, fd: int) -> memoryview:
        """Return a new buffer for one file, as large as it up to ``chunk``.

        New per file: a copy and a read-back run at once. Sized to the file: a
        small file's is cheap to create.
        """
        size = os.fstat(fd).st_size
        return memoryview(bytearray(min(self.chunk, max(size, _MIN_BUFFER))))

    def _write(self, dst: int, data: memoryview, offset: int) -> None:
        """Write ``data`` at ``offset``; with ``from_disk``, send it to the disk now.

        ``POSIX_FADV_DONTNEED`` starts writeback of the dirty range (and drops
        what is clean): the disk writes while the next chunk is read, instead
        of all at the fsync after the copy.
        """
        written = 0
        while written < len(data):
            written += os.pwrite(dst, data[written:], offset + written)
        if self.from_disk:
            os.posix_fadvise(dst, offset, len(data), os.POSIX_FADV_DONTNEED)

    def copy(self, src: int, dst: int, aborted: Callable[[], bool]) -> tuple[int, str]:
        """Copy ``src`` to ``dst`` from the start; return the size and xxh3-128.

        The hash is of the bytes written. A source that changes meanwhile is
        caught by its size and mtime (the mover checks them after the copy).
        """
        buffer, digest, offset = self._buffer(src), xxhash.xxh3_128(), 0
        while True:
            if aborted():
                raise CopyAbortedError
            if not (n := _read_into(src, buffer, offset)):
                return offset, digest.hexdigest()
            digest.update(buffer[:n])
            self._write(dst, buffer[:n], offset)
            offset += n

    def read_back(self, path: str, aborted: Callable[[], bool]) -> tuple[int, str]:
        """Hash a written, fsynced file as the disk holds it.

        With ``from_disk`` its page cache is dropped first, so the bytes come
        from the device, not from memory.
        """
        flags = os.O_RDONLY | getattr(os, "O_NOATIME", 0)
        try:
            fd = os.open(path, flags)
        except PermissionError:  # O_NOATIME needs the file's owner
            fd = os.open(path, os.O_RDONLY)
        try:
            if self.from_disk:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
            buffer, digest, offset = self._buffer(fd), xxhash.xxh3_128(), 0
            while n := _read_into(fd, buffer, offset):
                if aborted():
                    raise CopyAbortedError
                digest.update(buffer[:n])
                offset += n
            return offset, digest.hexdigest()
        finally:
            os.close(fd)


def copy_metadata(src_stat: os.stat_result, dst: int, src_path: str) -> None:
    """Give ``dst`` the source's mode, owner and extended attributes (best effort)."""
    os.fchmod(dst, src_stat.st_mode & 0o7777)
    with contextlib.suppress(PermissionError):  # not root: the copy keeps our owner
        os.fchown(dst, src_stat.st_uid, src_stat.st_gid)
    try:
        names = os.listxattr(src_path, follow_symlinks=False)
    except OSError:
        return
    for name in names:
        try:
            value = os.getxattr(src_path, name, follow_symlinks=False)
            os.setxattr(dst, name, value)
        except OSError:
            continue
    # setuid/setgid bits are cleared by chown; set the mode again after it.
    os.fchmod(dst, src_stat.st_mode & 0o7777)
