"""Strikes per torrent hash, progress samples and replaced releases, as stored."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from .models import Reason, SearchRequest

STORE_VERSION = 1


class HealingStore(Protocol):
    """Where the strikes survive a restart (HA's ``Store`` fits)."""

    async def load(self) -> Mapping[str, Any] | None:
        """Return what was saved, or None."""

    async def save(self, data: dict[str, Any]) -> None:
        """Save the book."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Strike:
    """A download's strikes: how many, why, when, and its bytes at the last one."""

    count: int
    reason: Reason
    first: float
    last: float
    completed: int
    title: str = ""

    def as_list(self) -> list[Any]:
        """Return the compact stored form."""
        return [
            self.count,
            self.reason.value,
            self.first,
            self.last,
            self.completed,
            self.title,
        ]

    @classmethod
    def from_list(cls, data: Any) -> Strike | None:
        """Rebuild a stored strike; None when unreadable (dropped, never guessed up)."""
        try:
            count, reason, first, last, completed, title = data
            return cls(
                count=int(count),
                reason=Reason(reason),
                first=float(first),
                last=float(last),
                completed=int(completed),
                title=str(title),
            )
        except TypeError, ValueError:
            return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Replaced:
    """A release the healer removed; its hash coming back means a loop."""

    at: float
    title: str
    app: str
    looped: bool = False

    def as_list(self) -> list[Any]:
        """Return the compact stored form."""
        return [self.at, self.title, self.app, self.looped]

    @classmethod
    def from_list(cls, data: Any) -> Replaced | None:
        """Rebuild a stored entry; None when unreadable."""
        try:
            at, title, app, looped = data
            return cls(
                at=float(at), title=str(title), app=str(app), looped=looped is True
            )
        except TypeError, ValueError:
            return None


@dataclass(slots=True, kw_only=True)
class StrikeBook:
    """Everything a pass remembers; copied for dry runs, stored after real ones."""

    strikes: dict[str, Strike] = field(default_factory=dict)
    samples: dict[str, tuple[float, int]] = field(default_factory=dict)
    """Hash → (when, completed bytes) of the last look, for the speed floor."""
    replaced: dict[str, Replaced] = field(default_factory=dict)
    """Upper-case release hash → the replacement."""
    searches: list[float] = field(default_factory=list)
    """When our own searches were sent (the last hour's, for the rate limit)."""
    pending: list[SearchRequest] = field(default_factory=list)
    """Searches waiting for the rate limit."""

    def copy(self) -> StrikeBook:
        """Return an independent copy (records are immutable)."""
        return replace(
            self,
            strikes=dict(self.strikes),
            samples=dict(self.samples),
            replaced=dict(self.replaced),
            searches=list(self.searches),
            pending=list(self.pending),
        )

    def forget(self, now: float, *, after: float, remember: float) -> None:
        """Drop strikes with no new one for ``after`` s, and old replacements."""
        self.strikes = {h: s for h, s in self.strikes.items() if now - s.last < after}
        self.replaced = {
            h: r for h, r in self.replaced.items() if now - r.at < remember
        }
        self.searches = [t for t in self.searches if now - t < 3600]

    def replaced_since(self, since: float) -> int:
        """Count the replacements at or after ``since``."""
        return sum(1 for r in self.replaced.values() if r.at >= since)

    def dump(self) -> dict[str, Any]:
        """Return what the store keeps."""
        return {
            "version": STORE_VERSION,
            "strikes": {h: s.as_list() for h, s in self.strikes.items()},
            "samples": {h: [t, b] for h, (t, b) in self.samples.items()},
            "replaced": {h: r.as_list() for h, r in self.replaced.items()},
            "searches": list(self.searches),
            "pending": [p.as_dict() for p in self.pending],
        }

    @classmethod
    def load(cls, data: Mapping[str, Any] | None) -> StrikeBook:
        """Rebuild the book; anything unreadable is dropped (fewer strikes, never more)."""
        book = cls()
        if not isinstance(data, Mapping) or data.get("version") != STORE_VERSION:
            return book
        for key, stored in _mapping(data.get("strikes")).items():
            if (strike := Strike.from_list(stored)) is not None:
                book.strikes[str(key)] = strike
        for key, stored in _mapping(data.get("samples")).items():
            if isinstance(stored, list) and len(stored) == 2:
                with suppress(TypeError, ValueError):
                    book.samples[str(key)] = (float(stored[0]), int(stored[1]))
        for key, stored in _mapping(data.get("replaced")).items():
            if (entry := Replaced.from_list(stored)) is not None:
                book.replaced[str(key)] = entry
        searches = data.get("searches")
        if isinstance(searches, list):
            book.searches = [float(t) for t in searches if isinstance(t, int | float)]
        pending = data.get("pending")
        for item in pending if isinstance(pending, list) else []:
            if isinstance(item, Mapping) and isinstance(item.get("fields"), Mapping):
                book.pending.append(
                    SearchRequest(
                        app=str(item.get("app")),
                        name=str(item.get("name")),
                        fields=dict(item["fields"]),
                    )
                )
        return book


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
