"""Copy one file in the kernel, hash what was copied, and read the copy back from disk."""

from __future__ import annotations

from collections.abc import Callable
import contextlib
import errno
import hashlib
import os
import threading

CHUNK = 8 << 20
# Smaller chunks hash faster than a thread starts.
_INLINE_HASH = 1 << 20
# Kernels or filesystems without copy_file_range (or across some devices) say so
# with one of these; the next method is tried.
_UNSUPPORTED = frozenset(
    {errno.ENOSYS, errno.EXDEV, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF}
)


class CopyAbortedError(Exception):
    """The copy was told to stop mid-file; the caller rolls it back."""


def _new_hash() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=32)


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
    """Copies with ``copy_file_range``, else ``sendfile``, else read/write."""

    def __init__(self, chunk: int = CHUNK, *, from_disk: bool = True) -> None:
        """Use two buffers of ``chunk`` bytes; read copies back from the device."""
        self.chunk = chunk
        self.from_disk = from_disk
        self.method = "copy_file_range"
        # One is filled while the other is hashed.
        self._views = (memoryview(bytearray(chunk)), memoryview(bytearray(chunk)))

    def _rw_view(self) -> memoryview:
        # The read/write fallback needs a third buffer: both others may be in use.
        if not hasattr(self, "_rw"):
            self._rw = memoryview(bytearray(self.chunk))
        return self._rw

    def _kernel_copy(self, src: int, dst: int, offset: int, count: int) -> int:
        """Copy up to ``count`` bytes at ``offset``; return how many (0 at the end)."""
        while True:
            try:
                if self.method == "copy_file_range":
                    return os.copy_file_range(src, dst, count, offset, offset)
                if self.method == "sendfile":
                    os.lseek(dst, offset, os.SEEK_SET)
                    return os.sendfile(dst, src, offset, count)
            except OSError as err:
                if err.errno not in _UNSUPPORTED:
                    raise
                self.method = "sendfile" if self.method == "copy_file_range" else "rw"
                continue
            view = self._rw_view()[:count]
            n = _read_into(src, view, offset)
            written = 0
            while written < n:
                written += os.pwrite(dst, view[written:n], offset + written)
            return n

    def copy(self, src: int, dst: int, aborted: Callable[[], bool]) -> tuple[int, str]:
        """Copy ``src`` to ``dst`` from the start; return the size and BLAKE2b.

        The hash is of the source bytes, read again right after each chunk is
        copied (from the page cache the copy just filled). A file that changes
        meanwhile hashes differently from its copy, so the read-back catches it.
        """
        digest = _PipelinedHash()
        offset = turn = 0
        try:
            while True:
                if aborted():
                    raise CopyAbortedError
                n = self._kernel_copy(src, dst, offset, self.chunk)
                if n == 0:
                    break
                view = self._views[turn][:n]
                digest.update(view[: _read_into(src, view, offset)])
                offset += n
                turn ^= 1
        finally:
            digest.wait()
        return offset, digest.hexdigest()

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
        digest = _PipelinedHash()
        try:
            if self.from_disk:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
            offset = turn = 0
            while n := _read_into(fd, self._views[turn], offset):
                if aborted():
                    raise CopyAbortedError
                digest.update(self._views[turn][:n])
                offset += n
                turn ^= 1
        finally:
            digest.wait()
            os.close(fd)
        return offset, digest.hexdigest()


class _PipelinedHash:
    """BLAKE2b fed in order, each chunk hashed in a helper thread.

    The caller fills the other buffer meanwhile (hashlib lets go of the GIL
    for large updates), so hashing overlaps the copy and the read-back.
    """

    def __init__(self) -> None:
        self._digest = _new_hash()
        self._thread: threading.Thread | None = None

    def update(self, data: memoryview) -> None:
        """Hash ``data`` after the previous chunk; return before it is done."""
        self.wait()
        if len(data) < _INLINE_HASH:
            self._digest.update(data)
            return
        self._thread = threading.Thread(target=self._digest.update, args=(data,))
        self._thread.start()

    def wait(self) -> None:
        """Wait for the chunk being hashed."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def hexdigest(self) -> str:
        """Return the digest of everything fed."""
        self.wait()
        return self._digest.hexdigest()


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
