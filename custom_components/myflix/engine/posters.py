"""A bounded disk cache of poster images, least recently used evicted first.

Every method does blocking file work: Home Assistant runs them in its
executor. Each image is one file, ``<key>-<hash>.poster``: a header line
(format, content type, length, SHA-256) and the image bytes. A file is
written under a temporary name and renamed into place, so a reader sees a
whole image or none; one that is cut short or damaged anyway (a full disk,
a crash before the data reached it) fails its check, is deleted and reads
as a miss. Reading an image sets its modification time: the oldest time is
the least recently used, and goes first when the cache outgrows its bound.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
import hashlib
import logging
import os
from pathlib import Path
import re
import secrets
import threading
import time

_LOGGER = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_IMAGE_BYTES = 5 * 1024 * 1024
SUFFIX = ".poster"
_TEMP_SUFFIX = ".tmp"
# A temporary file this old was left by a crash: no write takes this long.
_STALE_TEMP_SECONDS = 3600
_MAGIC = b"MYFLIX-POSTER-1"
_HEADER_MAX = 200
_CONTENT_TYPE = re.compile(r"image/[a-z0-9.+-]{1,50}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class CachedImage:
    """An image as cached: its content type and its bytes."""

    content_type: str
    body: bytes

    def __repr__(self) -> str:
        return f"CachedImage({self.content_type!r}, {len(self.body)} bytes)"


def file_name(key: str) -> str:
    """Return the cache file name of ``key``: safe on any file system, unique.

    The readable part keeps letters, digits, ``_`` and ``-`` (no dots, no
    separators, so no ``..``); the hash of the whole key tells apart keys
    that read the same once cleaned.
    """
    readable = _UNSAFE.sub("_", key).strip("_")[:64]
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{readable}-{digest}{SUFFIX}" if readable else f"{digest}{SUFFIX}"


def _encode(image: CachedImage) -> bytes:
    digest = hashlib.sha256(image.body).hexdigest()
    header = f"{image.content_type} {len(image.body)} {digest}".encode("ascii")
    return b"%s %s\n%s" % (_MAGIC, header, image.body)


def _decode(data: bytes) -> CachedImage | None:
    """Return the image a cache file holds, or None when it fails its check."""
    header, newline, body = data.partition(b"\n")
    if not newline or len(header) > _HEADER_MAX:
        return None
    parts = header.split(b" ")
    if len(parts) != 4 or parts[0] != _MAGIC:
        return None
    content_type, length, digest = (p.decode("ascii", "replace") for p in parts[1:])
    if (
        not _CONTENT_TYPE.fullmatch(content_type)
        or not length.isdigit()
        or int(length) != len(body)
        or hashlib.sha256(body).hexdigest() != digest
    ):
        return None
    return CachedImage(content_type, body)


class PosterCache:
    """Poster images in ``directory``, at most ``max_bytes`` of them on disk."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES,
        clock_ns: Callable[[], int] = time.time_ns,
    ) -> None:
        """Keep images in ``directory`` (made on the first write)."""
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.max_image_bytes = min(max_image_bytes, max_bytes)
        self._clock_ns = clock_ns
        self._last_use = 0
        # Executor threads write and evict side by side.
        self._lock = threading.Lock()

    def read(self, key: str) -> CachedImage | None:
        """Return the image cached under ``key``, or None (a miss)."""
        path = self.directory / file_name(key)
        try:
            with path.open("rb") as file:
                data = file.read(self.max_image_bytes + _HEADER_MAX + 2)
        except FileNotFoundError:
            return None
        except OSError as err:
            _LOGGER.warning("Cannot read the cached poster %s: %s", path.name, err)
            return None
        image = _decode(data)
        if image is None:
            _LOGGER.debug("Dropping the damaged cached poster %s", path.name)
            path.unlink(missing_ok=True)
            return None
        self._touch(path)
        return image

    def write(self, key: str, image: CachedImage) -> bool:
        """Cache ``image`` under ``key``; False when it is too big or not storable.

        Older images are evicted, least recently used first, until the cache
        fits its bound again.
        """
        if not _CONTENT_TYPE.fullmatch(image.content_type) or not image.body:
            return False
        if len(image.body) > self.max_image_bytes:
            return False
        path = self.directory / file_name(key)
        temp = path.with_name(f"{path.name}.{secrets.token_hex(4)}{_TEMP_SUFFIX}")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(_encode(image))
            temp.replace(path)
            self._touch(path)
        except OSError as err:
            _LOGGER.warning("Cannot cache the poster %s: %s", path.name, err)
            with suppress(OSError):
                temp.unlink(missing_ok=True)
            return False
        self.evict()
        return True

    def usage(self) -> int:
        """Return the bytes the cached images take on disk."""
        return sum(size for _, size, _ in self._files())

    def evict(self) -> None:
        """Delete the least recently used images until the cache fits its bound."""
        with self._lock:
            files = sorted(self._files(), key=lambda file: file[2])
            total = sum(size for _, size, _ in files)
            for path, size, _ in files:
                if total <= self.max_bytes:
                    break
                path.unlink(missing_ok=True)
                total -= size

    def _files(self) -> list[tuple[Path, int, int]]:
        """Return each cached image's path, size and last use; drop stale temp files."""
        found: list[tuple[Path, int, int]] = []
        stale_before = self._clock_ns() - _STALE_TEMP_SECONDS * 1_000_000_000
        try:
            entries = list(os.scandir(self.directory))
        except OSError:  # not made yet, or not a directory: nothing cached
            return found
        for entry in entries:
            try:
                stat = entry.stat(follow_symlinks=False)
            except FileNotFoundError:  # evicted or replaced meanwhile
                continue
            if entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False):
                found.append((Path(entry.path), stat.st_size, stat.st_mtime_ns))
            elif entry.name.endswith(_TEMP_SUFFIX) and stat.st_mtime_ns < stale_before:
                Path(entry.path).unlink(missing_ok=True)
        return found

    def _touch(self, path: Path) -> None:
        """Mark ``path`` as just used: a later use always gets a later time."""
        with self._lock:
            self._last_use = max(self._clock_ns(), self._last_use + 1)
            used = self._last_use
        with suppress(FileNotFoundError):  # evicted meanwhile
            os.utime(path, ns=(used, used))
