"""Media covers: the ``images`` of a library entry and the poster files behind them.

The apps keep each poster at ``/MediaCover/{id}/poster.jpg`` with resized
copies (``poster-500.jpg``, ``poster-250.jpg``), served there and at
``/api/v3/mediacover/{id}/{filename}``; the ``images`` ``url`` points at the
first with ``?lastWrite=`` (.NET ticks) to bust browser caches. The images
here are real ones, drawn from the title (a colour from its hash, a gradient,
a few discs and the title) and kept in memory: a JPEG with Pillow, else a
PNG written by hand.
"""

from __future__ import annotations

import colorsys
from datetime import datetime
from functools import lru_cache
import hashlib
import io
import struct
import textwrap
from typing import Any, ClassVar
import zlib

from aiohttp import web

from .library import ArrLibrary
from .wire import EPOCH, V3

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:  # pragma: no cover - Home Assistant ships Pillow
    Image = None  # type: ignore[assignment]

type Rgb = tuple[int, int, int]

POSTER_SIZES: dict[str, tuple[int, int]] = {
    "poster.jpg": (500, 750),
    "poster-500.jpg": (500, 750),
    "poster-250.jpg": (250, 375),
}
"""The poster files the apps keep, and their sizes here (2:3, as posters are)."""


def dotnet_ticks(when: datetime) -> int:
    """Return ``when`` in .NET ticks (100 ns since 0001-01-01 UTC), as lastWrite is."""
    delta = when - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 10_000_000 + delta.microseconds * 10


def _palette(title: str) -> tuple[Rgb, Rgb, bytes]:
    """Return the top and bottom colours of a title's poster, and its hash."""
    digest = hashlib.sha256(title.encode()).digest()
    hue = digest[0] / 256

    def rgb(h: float, s: float, v: float) -> Rgb:
        r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
        return round(r * 255), round(g * 255), round(b * 255)

    return rgb(hue, 0.55, 0.9), rgb(hue + 0.08, 0.85, 0.22), digest


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    """Encode RGB rows as a PNG (filter byte 0 on each row)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def render_png(title: str, width: int, height: int) -> bytes:
    """Draw a title's poster as a PNG gradient, without Pillow."""
    top, bottom, _ = _palette(title)
    rows = []
    for y in range(height):
        t = y / max(height - 1, 1)
        pixel = bytes(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        rows.append(pixel * width)
    return _png(width, height, rows)


def _render_jpeg(title: str, width: int, height: int) -> bytes:
    top, bottom, digest = _palette(title)
    fade = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(
        Image.new("RGB", (width, height), bottom),
        Image.new("RGB", (width, height), top),
        fade,
    )
    draw = ImageDraw.Draw(image, "RGBA")
    for i in range(3):  # discs placed by the hash: no two titles look alike
        x, y, r = digest[1 + i] / 255, digest[4 + i] / 255, digest[7 + i] / 255
        cx, cy, radius = x * width, y * height * 0.7, width * (0.1 + 0.25 * r)
        box = (cx - radius, cy - radius, cx + radius, cy + radius)
        draw.ellipse(box, fill=(255, 255, 255, 40 + digest[10 + i] % 60))
    font = ImageFont.load_default(size=max(width // 10, 10))
    lines = textwrap.wrap(title, width=14)[:4]
    step = width // 8
    y = height - (len(lines) + 1) * step
    for line in lines:
        draw.text((width // 16, y), line, fill=(255, 255, 255, 235), font=font)
        y += step
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


@lru_cache(maxsize=256)
def render_poster(title: str, width: int, height: int) -> tuple[str, bytes]:
    """Return the content type and bytes of a title's poster at this size."""
    if Image is None:  # pragma: no cover - Home Assistant ships Pillow
        return "image/png", render_png(title, width, height)
    return "image/jpeg", _render_jpeg(title, width, height)


class MediaCovers(ArrLibrary):
    """The library entries' posters: ``images`` in resources, and the files."""

    #: where the apps find posters online (TMDb, TheTVDB)
    REMOTE_HOST: ClassVar[str] = ""

    def _init_state(self) -> None:
        super()._init_state()
        #: test control: the scheme and host that stand in for ``REMOTE_HOST``
        #: in ``remoteUrl`` (a loopback server), None for the real one
        self.remote_host: str | None = None

    def poster_images(self, entry: dict[str, Any], remote_path: str) -> dict[str, Any]:
        """Describe an entry's poster: ``images`` and ``remotePoster``.

        A lookup result is not in the library: it has no local copy yet.
        """
        remote_url = f"{self.remote_host or self.REMOTE_HOST}{remote_path}"
        url = remote_url
        if entry_id := entry.get("id"):
            ticks = dotnet_ticks(entry.get("added") or self.started)
            url = f"{self.url_base}/MediaCover/{entry_id}/poster.jpg?lastWrite={ticks}"
        image = {"coverType": "poster", "url": url, "remoteUrl": remote_url}
        return {"images": [image], "remotePoster": remote_url}

    def poster_file(self, entry_id: int, filename: str) -> tuple[str, bytes] | None:
        """Return a poster file of a library entry (type, bytes), None if unknown."""
        entry = self._entries().get(entry_id)
        size = POSTER_SIZES.get(filename)
        if entry is None or size is None:
            return None
        return render_poster(entry["title"], *size)

    def _routes(self, router: web.UrlDispatcher) -> None:
        super()._routes(router)
        router.add_get(f"{V3}/mediacover/{{id:\\d+}}/{{filename}}", self._cover)
        router.add_get("/MediaCover/{id:\\d+}/{filename}", self._cover)

    async def _cover(self, request: web.Request) -> web.Response:
        found = self.poster_file(
            int(request.match_info["id"]), request.match_info["filename"]
        )
        if found is None:
            return web.Response(status=404)
        content_type, body = found
        return web.Response(body=body, content_type=content_type)
