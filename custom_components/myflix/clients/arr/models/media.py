"""Media covers: the poster of a library item, and a poster image as downloaded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from custom_components.myflix.clients.converters import as_str

# The types a poster may be served as. SVG is left out on purpose: it can
# carry scripts, and posters are shown on Home Assistant's own origin.
POSTER_CONTENT_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


@dataclass(frozen=True, slots=True)
class MediaCover:
    """One cover of a movie or series: the app's copy and the original online.

    ``url`` is a path on the app (``/MediaCover/12/poster.jpg?lastWrite=…``,
    below its URL base); ``remote_url`` the image at TMDb or TheTVDB.
    """

    url: str | None
    remote_url: str | None


def as_poster(value: Any) -> MediaCover | None:
    """Pick the poster out of an ``images`` list; None without a usable one."""
    if not isinstance(value, list):
        return None
    for image in value:
        if not isinstance(image, dict) or image.get("coverType") != "poster":
            continue
        url, remote_url = as_str(image.get("url")), as_str(image.get("remoteUrl"))
        if url or remote_url:
            return MediaCover(url=url or None, remote_url=remote_url or None)
    return None


@dataclass(frozen=True, slots=True)
class PosterImage:
    """A downloaded poster: its content type (``image/jpeg``) and its bytes."""

    content_type: str
    body: bytes = b""

    def __repr__(self) -> str:
        return f"PosterImage({self.content_type!r}, {len(self.body)} bytes)"
