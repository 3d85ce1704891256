"""Copy one file in the kernel, hash what was copied, and read the copy back from disk."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
import contextlib
import errno
import hashlib
import os

CHUNK = 8 << 20
# Chunks hash on this many threads (hashlib lets go of the GIL for large
# updates), so hashing a file spreads over the cores while the caller copies.
HASH_THREADS = max(1, min(4, os.cpu_count() or 1))
# Kernels or filesystems without copy_file_range (or across some devices) say so
# with one of these; the next method is tried.
_UNSUPPORTED = frozenset(
    {errno.ENOSYS, errno.EXDEV, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF}
)


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


def _tree_node(chunk: int, *, node_depth: int, node_offset: int = 0) -> hashlib.blake2b:
    # BLAKE2b's tree mode: a leaf per chunk, one root over the leaves' digests.
    return hashlib.blake2b(
        digest_size=32,
        fanout=0,
        depth=2,
        leaf_size=chunk,
        inner_size=32,
        node_depth=node_depth,
        node_offset=node_offset,
        last_node=node_depth == 1,
    )


class _TreeHash:
    """Hash chunks fed in order as BLAKE2b tree leaves, several at a time.

    ``buffer`` hands out the next free buffer (waiting until its last chunk is
    hashed); ``submit`` queues the filled part for a hashing thread. The leaves
    are independent, so chunks hash in parallel while the caller copies. With
    no threads (a file of one chunk) each leaf is hashed on the spot.
    """

    def __init__(self, chunk: int, threads: int) -> None:
        self._chunk = chunk
        # Fresh buffers per file: the copy of one file and the read-back of
        # another run at once. Untouched pages of a large bytearray cost nothing.
        self._ring: deque[tuple[memoryview, Future[bytes] | None]] = deque(
            (memoryview(bytearray(chunk)), None) for _ in range(threads + 1)
        )
        self._pool = (
            ThreadPoolExecutor(threads, "myflix-tiering-hash") if threads else None
        )
        self._leaves: list[Future[bytes]] = []

    def buffer(self) -> memoryview:
        """Return the next buffer to fill, once nothing hashes from it."""
        view, pending = self._ring[0]
        if pending is not None:
            pending.result()
        return view

    def submit(self, data: memoryview) -> None:
        """Hash ``data`` (a slice of the last ``buffer``) as the next leaf."""
        view, _ = self._ring.popleft()
        if self._pool is None:
            leaf: Future[bytes] = Future()
            leaf.set_result(self._leaf(data, len(self._leaves)))
        else:
            leaf = self._pool.submit(self._leaf, data, len(self._leaves))
        self._ring.append((view, leaf))
        self._leaves.append(leaf)

    def _leaf(self, data: memoryview, index: int) -> bytes:
        leaf = _tree_node(self._chunk, node_depth=0, node_offset=index)
        leaf.update(data)
        return leaf.digest()

    def hexdigest(self) -> str:
        """Return the root digest of every leaf so far."""
        root = _tree_node(self._chunk, node_depth=1)
        for leaf in self._leaves:
            root.update(leaf.result())
        return root.hexdigest()

    def close(self) -> None:
        """Let the hashing threads finish and end them."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)


class Copier:
    """Copies with ``copy_file_range``, else ``sendfile``, else read/write."""

    def __init__(self, chunk: int = CHUNK, *, from_disk: bool = True) -> None:
        """Copy ``chunk`` bytes at a time; read copies back from the device.

        One copy and one read-back may run at once (the mover's two stages).
        """
        self.chunk = chunk
        self.from_disk = from_disk
        self.method = "copy_file_range"

    @contextlib.contextmanager
    def _hashing(self, fd: int) -> Iterator[_TreeHash]:
        # A file of one chunk hashes on the spot; threads would cost more.
        threads = HASH_THREADS if os.fstat(fd).st_size > self.chunk else 0
        digest = _TreeHash(self.chunk, threads)
        try:
            yield digest
        finally:
            digest.close()

    def _rw_view(self) -> memoryview:
        # The read/write fallback's own buffer: the hashing buffers belong to the hash.
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
        offset = 0
        with self._hashing(src) as digest:
            while True:
                if aborted():
                    raise CopyAbortedError
                n = self._kernel_copy(src, dst, offset, self.chunk)
                if n == 0:
                    break
                view = digest.buffer()[:n]
                digest.submit(view[: _read_into(src, view, offset)])
                offset += n
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
        try:
            if self.from_disk:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
            offset = 0
            with self._hashing(fd) as digest:
                while True:
                    view = digest.buffer()
                    if not (n := _read_into(fd, view, offset)):
                        break
                    if aborted():
                        raise CopyAbortedError
                    digest.submit(view[:n])
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
