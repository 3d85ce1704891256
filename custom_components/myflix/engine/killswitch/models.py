"""The killswitch's settings, I/O and store protocols, and what it publishes."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from .signals import Reason, Verdict

STORE_VERSION = 1
MAX_DETAIL = 200  # a manual halt's text is the user's; keep events small


class KillswitchState(StrEnum):
    """The published state; a halt in force wins over the armed flag."""

    DISARMED = "disarmed"
    ARMED = "armed"
    TRIPPED = "tripped"
    FAIL_CLOSED = "fail_closed"


class KillswitchEventType(StrEnum):
    """What the killswitch did."""

    TRIPPED = "tripped"
    RELEASED = "released"


@dataclass(frozen=True, slots=True, kw_only=True)
class KillswitchConfig:
    """Tunables; the defaults aim at leak → halt p99 ≤ 300 ms, detection included."""

    check_interval: float = 0.2
    """Seconds between two checks (``Killswitch.run``)."""
    fail_closed_after: float = 15.0
    """Seconds without a known state (clean or leak) that count as a leak."""
    release_after: int = 3
    """Consecutive clean checks that end an automatic trip."""
    unbound_is_leak: bool = False
    """qBittorrent bound to no interface is a leak (off: with gluetun's
    ``network_mode: service:gluetun`` the tunnel is the only way out)."""

    def __post_init__(self) -> None:
        """Reject settings that would never trip or never release."""
        if self.check_interval <= 0 or self.fail_closed_after <= 0:
            raise ValueError("check_interval and fail_closed_after must be > 0")
        if self.release_after < 1:
            raise ValueError("release_after must be at least 1")


@dataclass(frozen=True, slots=True)
class StopAll:
    """What a stop-all knew just before it: the running side or the stopped side.

    Either side is exact; a control reads whichever is cheaper to list. Knowing
    only the stopped side, every torrent listed right after the halt that is
    not in it was running, and is held.
    """

    running: frozenset[str] | None = None
    stopped: frozenset[str] | None = None

    def __post_init__(self) -> None:
        """Exactly one side is known."""
        if (self.running is None) == (self.stopped is None):
            raise ValueError("a StopAll knows exactly one side")


class DownloadControl(Protocol):
    """How the killswitch acts on qBittorrent (pause/resume on 4.x, stop/start on 5.x).

    "Running" means not stopped/paused: downloading, seeding, queued, stalled
    or checking. Failures raise ``MyflixError`` or ``TimeoutError``.
    """

    async def stop_all(self) -> StopAll:
        """Stop every torrent in one call; say which ran (or which did not) before."""

    async def stop(self, hashes: Collection[str]) -> None:
        """Stop these torrents."""

    async def start(self, hashes: Collection[str]) -> None:
        """Start these torrents."""

    async def torrents(self) -> Mapping[str, bool]:
        """Return every torrent's hash and whether it is running."""


class KillswitchStore(Protocol):
    """Where the halt survives a restart (HA's ``Store`` fits)."""

    async def load(self) -> Mapping[str, Any] | None:
        """Return what was saved, or None."""

    async def save(self, data: dict[str, Any]) -> None:
        """Save the state."""


@dataclass(slots=True, kw_only=True)
class Trip:
    """A halt in force: why, since when, and the torrents it holds."""

    reason: Reason
    detail: str
    since: float
    manual: bool = False
    hashes: set[str] = field(default_factory=set)
    halted: bool = False
    """``stop_all`` confirmed; until then every check retries it."""
    kept: set[str] | None = None
    """The torrents already stopped at a halt that knew only that side: the
    user's. Until a listing resolves it, every other torrent counts as held."""
    revealed_at: float = 0.0
    """When the revealing reading was taken (not stored: a restart restarts it)."""
    decided_at: float = 0.0

    @classmethod
    def begin(cls, reason: Reason, detail: str, now: float, revealed: float) -> Trip:
        """Start a trip decided ``now`` on a reading taken at ``revealed``."""
        return cls(
            reason=reason,
            detail=detail,
            since=now,
            revealed_at=revealed,
            decided_at=now,
        )

    def resolve(self, listed: Mapping[str, bool]) -> bool:
        """Hold every listed torrent the user had not stopped; True if resolved now."""
        if self.kept is None:
            return False
        self.hashes |= listed.keys() - self.kept
        self.kept = None
        return True

    def as_dict(self) -> dict[str, Any]:
        """Return the stored form."""
        return {
            "reason": self.reason.value,
            "detail": self.detail,
            "since": self.since,
            "manual": self.manual,
            "hashes": sorted(self.hashes),
            "halted": self.halted,
            "kept": None if self.kept is None else sorted(self.kept),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Trip:
        """Rebuild a stored trip; an unreadable one is still a halt (fail safe)."""
        try:
            reason = Reason(str(data.get("reason")))
        except ValueError:
            reason = Reason.FAIL_CLOSED
        hashes, kept = data.get("hashes"), data.get("kept")
        stored = data.get("since")
        since = float(stored) if isinstance(stored, int | float) else 0.0
        return cls(
            reason=reason,
            detail=str(data.get("detail", ""))[:MAX_DETAIL],
            since=since,
            manual=data.get("manual") is True,
            hashes={h for h in hashes if isinstance(h, str)}
            if isinstance(hashes, list)
            else set(),
            # Not knowing whether the halt was confirmed means doing it again.
            halted=data.get("halted") is True,
            kept={h for h in kept if isinstance(h, str)}
            if isinstance(kept, list)
            else None,
            revealed_at=since,
            decided_at=since,
        )


def dump_state(armed: bool, trip: Trip | None) -> dict[str, Any]:
    """Return what the store keeps."""
    return {
        "version": STORE_VERSION,
        "armed": armed,
        "trip": trip.as_dict() if trip else None,
    }


def load_state(data: Mapping[str, Any] | None) -> tuple[bool | None, Trip | None]:
    """Return the stored armed flag (None = not stored) and halt in force."""
    if not isinstance(data, Mapping) or data.get("version") != STORE_VERSION:
        return None, None
    armed, trip = data.get("armed"), data.get("trip")
    return (
        armed if isinstance(armed, bool) else None,
        Trip.from_dict(trip) if isinstance(trip, Mapping) else None,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class KillswitchSnapshot:
    """What the glue publishes as entities and diagnostics."""

    state: KillswitchState
    armed: bool
    verdict: Verdict
    """The last check's verdict (a fail-closed unknown is a leak)."""
    reason: Reason
    detail: str
    since: float
    """When the current state began (clock seconds)."""
    stopped: int
    """Torrents the killswitch holds stopped and will resume."""
    halt_pending: bool
    """A trip whose ``stop_all`` has not succeeded yet."""
    last_check: float | None
    clean_checks: int
    """Consecutive clean checks (capped at ``release_after``)."""

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-friendly form (no addresses, no hashes)."""
        return {
            "state": self.state.value,
            "armed": self.armed,
            "verdict": self.verdict.value,
            "reason": self.reason.value,
            "detail": self.detail,
            "since": self.since,
            "stopped": self.stopped,
            "halt_pending": self.halt_pending,
            "last_check": self.last_check,
            "clean_checks": self.clean_checks,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class KillswitchEvent:
    """A trip (once its halt is confirmed) or a release."""

    type: KillswitchEventType
    reason: Reason
    detail: str
    manual: bool
    """Tripped by ``halt`` / released by ``release``."""
    torrents: int
    """Torrents stopped (tripped) or started again (released)."""
    latency_ms: float | None = None
    """Tripped: from the revealing reading to the confirmed halt."""
    halt_ms: float | None = None
    """Tripped: from the decision to the confirmed halt."""

    def as_data(self) -> dict[str, Any]:
        """Return the HA event data."""
        data: dict[str, Any] = {
            "reason": self.reason.value,
            "detail": self.detail,
            "manual": self.manual,
            "torrents": self.torrents,
        }
        if self.type is KillswitchEventType.TRIPPED:
            data["latency_ms"] = self.latency_ms
            data["halt_ms"] = self.halt_ms
        return data


class ReleaseRefusedError(Exception):
    """``release`` while armed and the last check was not clean."""

    def __init__(self, reason: Reason) -> None:
        """Keep the reason for a translated error in the glue."""
        super().__init__(f"the VPN is not verified clean ({reason})")
        self.reason = reason
