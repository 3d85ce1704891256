"""Serving share links over aiohttp: limits, token check, guard, ranges, sendfile.

No Home Assistant import: the HA view (``ShareView`` in ``runtime.py``) wraps it, and the
benchmark mounts it in a plain aiohttp app. File opens run on a worker thread
(``run_blocking``); the bytes go out with ``loop.sendfile`` (zero copy; asyncio
falls back to reads on its executor under TLS), chunk by chunk when the
bandwidth cap is on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from email.utils import formatdate, parsedate_to_datetime
import math
import mimetypes
import os
import time
from typing import Any
from urllib.parse import quote

from aiohttp import hdrs, web

from custom_components.myflix.engine.share import (
    BandwidthLimiter,
    ByteRange,
    DownloadSlots,
    OpenedFile,
    PathGuard,
    PathRefusedError,
    RangeNotSatisfiableError,
    RequestLimiter,
    ShareLink,
    ShareLinks,
    TokenError,
    TokenRefusal,
    parse_range,
)

type RunBlocking = Callable[[Callable[..., Any], Any], Awaitable[Any]]
# Without a cap, big slices: fewer wake-ups, and bytes are still counted as they go.
UNTHROTTLED_CHUNK = 64 * 1024 * 1024
# A client at its download limit retries after this many seconds.
BUSY_RETRY_AFTER = 5
# Refusals that look like guessing or replay; a link used up is not one.
SUSPICIOUS = frozenset(TokenRefusal) - {TokenRefusal.EXHAUSTED}
_INLINE_TYPES = ("video/", "audio/", "image/")
_SECURITY_HEADERS = {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


# Sensors hear of traffic at most this often: a flood of 429s must not become
# a flood of state writes. They also poll, which brings the last change in.
NOTIFY_INTERVAL = 1.0


@dataclass(kw_only=True)
class ShareStats:
    """What the sensors show: bytes sent today and requests refused by a limit."""

    today: Callable[[], date]
    clock: Callable[[], float] = time.monotonic
    bytes_day: date | None = None
    bytes_today: int = 0
    throttled: int = 0
    listeners: list[Callable[[], None]] = field(default_factory=list)
    _notified: float | None = None

    def add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` on changes (see ``changed``); return the remover."""
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def add_bytes(self, amount: int) -> None:
        """Count bytes sent, starting over each day."""
        if (day := self.today()) != self.bytes_day:
            self.bytes_day, self.bytes_today = day, 0
        self.bytes_today += amount

    def served_today(self) -> int:
        """Return the bytes sent today."""
        return self.bytes_today if self.bytes_day == self.today() else 0

    def changed(self, *, now: bool = False) -> None:
        """Tell the listeners (the sensors), at most once a second unless ``now``."""
        moment = self.clock()
        if (
            not now
            and self._notified is not None
            and moment - self._notified < NOTIFY_INTERVAL
        ):
            return
        self._notified = moment
        for listener in list(self.listeners):
            listener()


@dataclass
class _Progress:
    """Bytes of one response sent so far (kept when the handler is cancelled)."""

    sent: int = 0


def content_disposition(filename: str, content_type: str) -> str:
    """Build an RFC 6266 header: an ASCII fallback and the UTF-8 ``filename*``."""
    kind = "inline" if content_type.startswith(_INLINE_TYPES) else "attachment"
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
        for c in filename
    )
    return (
        f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )


def _etag(opened: OpenedFile) -> str:
    return f'"{opened.inode:x}-{opened.size:x}-{int(opened.mtime * 1e6):x}"'


def _if_range_matches(value: str, etag: str, mtime: float) -> bool:
    if value.startswith(('"', "W/")):
        return value == etag  # strong comparison: weak tags never match
    try:
        return int(parsedate_to_datetime(value).timestamp()) == int(mtime)
    except TypeError, ValueError:
        return False


def _refused(status: int, retry_after: float | None = None) -> web.Response:
    headers = dict(_SECURITY_HEADERS)
    if retry_after is not None:
        headers[hdrs.RETRY_AFTER] = str(max(1, math.ceil(retry_after)))
    return web.Response(status=status, headers=headers)


class ShareServer:
    """Serves the links of one registry from the files one guard allows."""

    def __init__(
        self,
        *,
        links: ShareLinks,
        guard: PathGuard,
        requests: RequestLimiter,
        slots: DownloadSlots,
        bandwidth: BandwidthLimiter,
        stats: ShareStats,
        run_blocking: RunBlocking,
        on_refused_token: Callable[[web.Request], Awaitable[None]],
        on_download: Callable[[ShareLink, int], None],
    ) -> None:
        """Wire the engine's parts and the host's hooks."""
        self.links = links
        self.guard = guard
        self.requests = requests
        self.slots = slots
        self.bandwidth = bandwidth
        self.stats = stats
        self._run_blocking = run_blocking
        self._on_refused_token = on_refused_token
        self._on_download = on_download
        self._closed = False

    def close(self) -> None:
        """End the downloads in flight at their next chunk (unload, HA stop)."""
        self._closed = True
        self.links.close()

    def throttle(self, ip: str) -> web.Response | None:
        """Count a request; return a 429 when the IP is over its request rate."""
        if (wait := self.requests.check(ip)) > 0:
            self.stats.throttled += 1
            self.stats.changed()
            return _refused(429, wait)
        return None

    async def refuse_token(self, request: web.Request, err: TokenError) -> web.Response:
        """Answer a refused token with 404; guessing counts toward the IP ban."""
        if err.reason in SUSPICIOUS:
            await self._on_refused_token(request)
        return _refused(404)

    async def handle(
        self, request: web.Request, token: str, filename: str
    ) -> web.StreamResponse:
        """Serve one request: the gateway in full (limits, token, file)."""
        ip = request.remote or ""
        if (limited := self.throttle(ip)) is not None:
            return limited
        try:
            link = self.links.authorize(token, ip)
        except TokenError as err:
            return await self.refuse_token(request, err)
        return await self.serve_link(request, link, filename)

    async def serve_link(
        self, request: web.Request, link: ShareLink, filename: str
    ) -> web.StreamResponse:
        """Serve the file of an authorised link (HEAD, ranges, limits)."""
        if filename != link.path.rsplit("/", 1)[-1]:
            return _refused(404)
        try:
            opened: OpenedFile = await self._run_blocking(self.guard.open, link.path)
        except PathRefusedError:
            return _refused(404)
        try:
            return await self._respond(request, link, filename, opened)
        finally:
            os.close(opened.fd)

    async def _respond(
        self, request: web.Request, link: ShareLink, filename: str, opened: OpenedFile
    ) -> web.StreamResponse:
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        etag = _etag(opened)
        headers = {
            **_SECURITY_HEADERS,
            hdrs.CONTENT_TYPE: content_type,
            hdrs.CONTENT_DISPOSITION: content_disposition(filename, content_type),
            hdrs.ACCEPT_RANGES: "bytes",
            hdrs.ETAG: etag,
            hdrs.LAST_MODIFIED: formatdate(opened.mtime, usegmt=True),
        }
        header = request.headers.get(hdrs.RANGE)
        if_range = request.headers.get(hdrs.IF_RANGE)
        if if_range is not None and not _if_range_matches(if_range, etag, opened.mtime):
            header = None  # the file changed: send all of it
        try:
            byte_range = parse_range(header, opened.size)
        except RangeNotSatisfiableError:
            headers[hdrs.CONTENT_RANGE] = f"bytes */{opened.size}"
            return web.Response(status=416, headers=headers)
        if byte_range is None:
            byte_range, status = ByteRange(0, opened.size - 1, opened.size), 200
        else:
            status = 206
            headers[hdrs.CONTENT_RANGE] = byte_range.content_range()
        response = web.StreamResponse(status=status, headers=headers)
        response.content_length = byte_range.length
        if request.method == hdrs.METH_HEAD:
            await response.prepare(request)
            await response.write_eof()
            return response
        ip = request.remote or ""
        if not self.slots.acquire(ip):
            self.stats.throttled += 1
            self.stats.changed()
            return _refused(429, BUSY_RETRY_AFTER)
        progress = _Progress()
        try:
            await response.prepare(request)
            await self._send(request, opened, byte_range, ip, progress)
            with suppress(ConnectionError):
                await response.write_eof()
        finally:
            # Also when HA cancels the handler because the client left.
            self.slots.release(ip)
            if progress.sent or opened.size == 0:
                completed = await self.links.record(link, progress.sent, opened.size)
                if completed:
                    self._on_download(link, completed)
                self.stats.changed()
        return response

    async def _send(
        self,
        request: web.Request,
        opened: OpenedFile,
        byte_range: ByteRange,
        ip: str,
        progress: _Progress,
    ) -> None:
        """Send the range, paced by the bandwidth cap, counting into ``progress``."""
        loop = asyncio.get_running_loop()
        chunk = self.bandwidth.chunk_size or UNTHROTTLED_CHUNK
        # Wraps the open descriptor: no file system access here.
        with open(opened.fd, "rb", buffering=0, closefd=False) as file:  # noqa: ASYNC230
            while progress.sent < byte_range.length:
                transport = request.transport
                if self._closed or transport is None or transport.is_closing():
                    return
                size = min(chunk, byte_range.length - progress.sent)
                if delay := self.bandwidth.reserve(ip, size):
                    await asyncio.sleep(delay)
                offset = byte_range.start + progress.sent
                file.seek(offset)
                try:
                    await loop.sendfile(transport, file, offset, size)
                except BaseException as err:
                    # Cut off mid-chunk: asyncio left the file position after
                    # the bytes it did send.
                    self._count(progress, max(0, min(file.tell() - offset, size)))
                    if isinstance(err, ConnectionError | RuntimeError):
                        return  # the client went away
                    raise
                self._count(progress, size)

    def _count(self, progress: _Progress, size: int) -> None:
        progress.sent += size
        self.stats.add_bytes(size)
