"""A grab: one release sent to the download client, and what its records share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import catalog


@dataclass
class Grab:
    """A release sent to the download client; one queue record per entity."""

    download_id: str
    title: str
    size: int
    quality: dict[str, Any]
    added: datetime
    record_ids: list[int]
    movie_id: int | None = None
    series_id: int | None = None
    episode_ids: list[int] = field(default_factory=list)
    season_number: int | None = None
    #: whether the release lives in the linked qBittorrent (else in ``state``)
    linked: bool = False
    #: the queue fields of a download outside qBittorrent
    state: dict[str, Any] = field(default_factory=dict)
    active: bool = True

    @property
    def indexer(self) -> str:
        """Name the indexer the release came from (stable per release)."""
        return catalog.INDEXERS[len(self.title) % len(catalog.INDEXERS)]

    @property
    def known(self) -> bool:
        """Tell whether the download is matched to a library item."""
        return self.movie_id is not None or self.series_id is not None


def release_fields(quality: dict[str, Any]) -> dict[str, Any]:
    """Fields every queue, history and blocklist record of a release carries."""
    revised = {"quality": quality, "revision": catalog.REVISION}
    return {"languages": [catalog.ENGLISH], "quality": revised, "customFormats": []}
