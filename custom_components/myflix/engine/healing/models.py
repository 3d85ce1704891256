"""The healer's settings, what it reads, and the decisions it publishes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from custom_components.myflix.clients.arr.models import QueueItem
    from custom_components.myflix.clients.qbittorrent import Torrent, Tracker

MIB = 1024 * 1024


class Reason(StrEnum):
    """Why a download is flagged (translation-friendly keys)."""

    UNREGISTERED = "unregistered"
    FAILED = "failed"
    MISSING_FILES = "missing_files"
    FAILED_IMPORT = "failed_import"
    METADATA = "metadata"
    STALLED = "stalled"
    SLOW = "slow"


class Action(StrEnum):
    """What one pass did (or, in a dry run, would do) about a flagged download."""

    STRIKE = "strike"
    """One more strike, still under the limit."""
    WAIT = "wait"
    """Flagged again too soon after the last strike: no new strike yet."""
    REPLACE = "replace"
    """At the limit: removed from the *arr (and client), blocklisted, searched."""
    RELEASE = "release"
    """At the limit, private: removed from the *arr only; the data keeps seeding."""
    REPORT = "report"
    """At the limit but no *arr queue item: reported, never deleted."""
    LOOP = "loop"
    """A replaced release came back: stop and ask the user (repair issue)."""
    SKIP = "skip"
    """Flagged but protected (see ``Decision.protection``)."""
    RESET = "reset"
    """Real progress since the last strike: strikes cleared."""


class Protection(StrEnum):
    """Why a flagged download was left alone."""

    UNMANAGED = "unmanaged"
    TAG = "tag"
    PRIVATE = "private"
    YOUNG = "young"
    BANDWIDTH = "bandwidth"
    STORAGE = "storage"


class PrivateHandling(StrEnum):
    """What to do with a private-tracker torrent at the limit."""

    SKIP = "skip"
    RELEASE = "release"
    """Remove it from the *arr (blocklist, search) but keep it seeding."""


class Gate(StrEnum):
    """Whether a pass may strike at all."""

    OPEN = "open"
    VPN = "vpn"
    QBITTORRENT = "qbittorrent"
    ARR = "arr"


@dataclass(frozen=True, slots=True, kw_only=True)
class HealingConfig:
    """Tunables; the defaults err on the side of leaving downloads alone."""

    max_strikes: int = 3
    """Strikes at which a download is replaced (the 3rd flagged look)."""
    strike_spacing: float = 600.0
    """Seconds between two strikes of one download (a manual pass adds none sooner)."""
    forget_after: float = 86400.0
    """Seconds without a new strike after which a download's strikes are dropped."""
    progress_reset: int = 50 * MIB
    """Bytes downloaded since the last strike that clear the strikes."""
    min_speed: int = 100_000
    """Bytes/s under which a downloading torrent is slow."""
    min_sample: float = 60.0
    """Seconds between two progress samples for a speed to count."""
    bandwidth_guard: float = 0.8
    """Share of qBittorrent's global download limit above which nothing is slow."""
    min_age: float = 3600.0
    """Seconds after being added during which a torrent gets no strike."""
    protected_tag: str = "myflix-keep"
    private_handling: PrivateHandling = PrivateHandling.SKIP
    stop_instead_of_delete: bool = False
    """At the limit, stop the torrent and leave it (and its data) to the user,
    rather than have the app delete it; the app's item is replaced either way."""
    searches_per_hour: int = 6
    tracker_reads: int = 20
    """Tracker lists read per pass (suspects only; those with no ``tracker`` first)."""
    storage_guard: int = 3
    """More ``error``/``missingFiles`` torrents than this (and half the watched
    ones) at once is a storage outage, not broken downloads: no strikes."""
    remember_replaced: float = 30 * 86400.0
    """Seconds a replaced release hash is remembered by the loop guard."""

    def __post_init__(self) -> None:
        """Reject settings that would remove on the first look or never count."""
        if self.max_strikes < 2:
            raise ValueError("max_strikes must be at least 2")
        if self.strike_spacing < 0 or self.forget_after <= 0 or self.min_sample <= 0:
            raise ValueError("strike_spacing, forget_after and min_sample must be > 0")
        if self.searches_per_hour < 1:
            raise ValueError("searches_per_hour must be at least 1")


@dataclass(frozen=True, slots=True, kw_only=True)
class Snapshot:
    """One look at the stack: what a pass decides on."""

    now: float
    """Epoch seconds."""
    torrents: Mapping[str, Torrent]
    """qBittorrent's torrents by lower-case hash."""
    queues: Mapping[str, Sequence[QueueItem]]
    """Each *arr's queue (``radarr`` / ``sonarr``)."""
    categories: Mapping[str, str]
    """qBittorrent categories the *arr apps file their downloads under → app."""
    gate: Gate = Gate.OPEN
    dl_speed: int = 0
    """qBittorrent's global download speed, bytes/s."""
    dl_limit: int = 0
    """qBittorrent's global download limit in effect, bytes/s (0 = none)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Details:
    """What is read only for suspects: privacy and tracker messages."""

    private: bool | None = None
    trackers: Sequence[Tracker] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchRequest:
    """A search command to send to one *arr."""

    app: str
    name: str
    fields: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        """Return the stored form."""
        return {"app": self.app, "name": self.name, "fields": dict(self.fields)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """What a pass decided about one flagged download."""

    hash: str
    title: str
    action: Action
    reason: Reason | None = None
    app: str | None = None
    strikes: int = 0
    protection: Protection | None = None
    queue_id: int | None = None
    search: SearchRequest | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return a compact JSON-able form (no secrets, no addresses)."""
        data: dict[str, Any] = {
            "hash": self.hash,
            "title": self.title,
            "action": self.action.value,
            "reason": self.reason.value if self.reason else None,
            "app": self.app,
            "strikes": self.strikes,
        }
        if self.protection is not None:
            data["protection"] = self.protection.value
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class PassResult:
    """The outcome of one pass."""

    at: float
    dry_run: bool
    gate: Gate
    watched: int
    decisions: list[Decision] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Hashes whose replacement failed (tried again on the next pass)."""

    def as_dict(self, limit: int = 200) -> dict[str, Any]:
        """Return the action response: actions first, skips last, at most ``limit``."""
        ordered = sorted(self.decisions, key=lambda d: d.action is Action.SKIP)
        return {
            "dry_run": self.dry_run,
            "paused": None if self.gate is Gate.OPEN else self.gate.value,
            "watched": self.watched,
            "decisions": [decision.as_dict() for decision in ordered[:limit]],
            "left_out": max(len(ordered) - limit, 0),
            "errors": list(self.errors),
        }
