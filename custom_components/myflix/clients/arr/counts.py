"""Library counts read straight from the JSON, without building the models.

A 10,000-movie library is 21 MB of JSON and 10,000 models with their raw
payloads: far more memory (and garbage-collector work) than three numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from custom_components.myflix.clients.converters import as_bool, as_int


@dataclass(frozen=True, slots=True, kw_only=True)
class LibraryCounts:
    """Items, the monitored ones, and (Sonarr) their episodes."""

    total: int
    monitored: int
    episodes: int | None = None


def monitored_and_episodes(payload: dict[str, Any]) -> tuple[bool, int]:
    """Read what a count needs of one movie or series, as the models read it."""
    statistics = payload.get("statistics")
    episodes = (
        as_int(statistics.get("episodeCount")) if isinstance(statistics, dict) else None
    )
    return as_bool(payload.get("monitored")) or False, episodes or 0


def tally(items: list[tuple[bool, int]], *, episodes: bool) -> LibraryCounts:
    """Sum what ``monitored_and_episodes`` read."""
    return LibraryCounts(
        total=len(items),
        monitored=sum(monitored for monitored, _ in items),
        episodes=sum(count for _, count in items) if episodes else None,
    )
