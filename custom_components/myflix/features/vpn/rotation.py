"""Rotate the VPN server: rank NordVPN's recommendations, apply the best, verify, roll back.

Home Assistant free: the action in ``actions.py`` gives it the clients, the
home IP and a latency probe. The tunnel restarts on a new server, so the
killswitch sees it down and halts downloads, then releases them after its
clean checks: that is the safe behaviour, and a rotation does not hide it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
import time
from typing import Any, Protocol

from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.clients.gluetun import GluetunClient
from custom_components.myflix.engine.vpn_scoring import (
    Candidate,
    ScoredServer,
    ScoringConfig,
    rank_servers,
    tcp_connect_ms,
)

# Seconds the new tunnel gets to run and find its public IP, and the poll pace.
TUNNEL_TIMEOUT = 30.0
TUNNEL_POLL = 0.5


class RotationOutcome(StrEnum):
    """How a rotation ended."""

    ROTATED = "rotated"
    FAILED = "failed"
    """Nothing was changed."""
    ROLLED_BACK = "rolled_back"
    ROLLBACK_FAILED = "rollback_failed"


class FailureReason(StrEnum):
    """Why a rotation failed."""

    NO_SERVERS = "no_servers"
    UNREACHABLE = "unreachable"
    HOME_IP_UNKNOWN = "home_ip_unknown"
    APPLY_FAILED = "apply_failed"
    TUNNEL_TIMEOUT = "tunnel_timeout"
    HOME_IP_EXPOSED = "home_ip_exposed"


@dataclass(frozen=True, slots=True, kw_only=True)
class RotationResult:
    """One rotation attempt: the winner (if any), the outcome and why it failed."""

    outcome: RotationOutcome
    finished_at: datetime
    previous: tuple[str, ...]
    """The hostnames gluetun was pinned to before (empty: any of its countries)."""
    server: ScoredServer | None = None
    reason: FailureReason | None = None
    public_ip_changed: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the response and event data: no address, no secret."""
        server = self.server
        return {
            "result": self.outcome.value,
            "reason": self.reason.value if self.reason else None,
            "server": server.hostname if server else None,
            "load": server.load if server else None,
            "latency_ms": round(server.latency_ms, 1) if server else None,
            "score": round(server.score, 4) if server else None,
            "public_ip_changed": self.public_ip_changed,
            "previous": list(self.previous),
        }

    def as_stored(self) -> dict[str, Any]:
        """Return what survives a restart (the server's address is not kept)."""
        return {
            **self.as_dict(),
            "finished_at": self.finished_at.isoformat(),
            "server": self.server.as_dict() if self.server else None,
        }

    @classmethod
    def from_stored(cls, data: Any) -> RotationResult | None:
        """Rebuild a stored attempt; anything unreadable is None (shown unknown)."""
        if not isinstance(data, Mapping):
            return None
        with suppress(KeyError, TypeError, ValueError):
            server = data["server"]
            return cls(
                outcome=RotationOutcome(data["result"]),
                finished_at=datetime.fromisoformat(data["finished_at"]),
                previous=tuple(str(name) for name in data["previous"]),
                server=None if server is None else ScoredServer.from_dict(server),
                reason=FailureReason(data["reason"]) if data["reason"] else None,
                public_ip_changed=data["public_ip_changed"] is True,
            )
        return None


class RotationStore(Protocol):
    """Where the last attempts survive a restart (an HA ``Store`` fits)."""

    async def load(self) -> Mapping[str, Any] | None:
        """Return what was saved, or None."""

    async def save(self, data: dict[str, Any]) -> None:
        """Save the attempts."""


class RotationError(Exception):
    """A rotation failed; ``result`` says whether anything was rolled back."""

    def __init__(self, result: RotationResult) -> None:
        """Carry the failed attempt."""
        super().__init__(f"{result.outcome}: {result.reason}")
        self.result = result


@dataclass
class RotationTracker:
    """The last rotation of an entry, for the sensors; one attempt at a time."""

    last: RotationResult | None = None
    last_success: RotationResult | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _listeners: list[Callable[[], None]] = field(default_factory=list)
    _store: RotationStore | None = None

    async def restore(self, store: RotationStore) -> None:
        """Load the attempts kept before a restart, and keep later ones there."""
        self._store = store
        data = await store.load() or {}
        self.last = RotationResult.from_stored(data.get("last"))
        self.last_success = RotationResult.from_stored(data.get("last_success"))

    def add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` after every attempt; return the remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def record(self, result: RotationResult) -> None:
        """Keep an attempt, tell the listeners, and store it."""
        self.last = result
        if result.outcome is RotationOutcome.ROTATED:
            self.last_success = result
        for listener in list(self._listeners):
            listener()
        if self._store is not None:
            success = self.last_success
            await self._store.save(
                {
                    "last": result.as_stored(),
                    "last_success": success.as_stored() if success else None,
                }
            )


async def measure_latency(host: str, port: int) -> float | None:
    """Time a TCP connect from here (tests patch it: the fake stations are unroutable)."""
    return await tcp_connect_ms(host, port)


async def _public_ip(gluetun: GluetunClient) -> str | None:
    """Return the tunnel's exit IP once it runs, None while it (re)starts or does not answer."""
    try:
        if not (await gluetun.vpn_status()).running:
            return None
        return (await gluetun.public_ip()).ip
    except MyflixError:
        return None


async def _wait_for_tunnel(gluetun: GluetunClient) -> str | None:
    """Poll until the tunnel runs with a public IP; None after ``TUNNEL_TIMEOUT``."""
    try:
        async with asyncio.timeout(TUNNEL_TIMEOUT):
            while (ip := await _public_ip(gluetun)) is None:  # noqa: ASYNC110 -- gluetun pushes nothing
                await asyncio.sleep(TUNNEL_POLL)
    except TimeoutError:
        return None
    return ip


async def _switch(
    gluetun: GluetunClient, change: Mapping[str, Any], home: str
) -> tuple[str | None, FailureReason | None]:
    """Apply ``change``; return the new exit IP when it is safe, else why not."""
    try:
        await gluetun.update_settings(change)
    except MyflixError:
        return None, FailureReason.APPLY_FAILED
    ip = await _wait_for_tunnel(gluetun)
    if ip is not None and ip != home:
        return ip, None
    return None, (
        FailureReason.TUNNEL_TIMEOUT if ip is None else FailureReason.HOME_IP_EXPOSED
    )


async def _roll_back(
    gluetun: GluetunClient,
    change: Mapping[str, Any],
    failed: Callable[[RotationOutcome], RotationError],
) -> RotationError:
    """Put the previous selection back; return the error that says how it went."""
    try:
        await gluetun.update_settings(change)
    except MyflixError as err:
        error = failed(RotationOutcome.ROLLBACK_FAILED)
        error.__cause__ = err
        return error
    return failed(RotationOutcome.ROLLED_BACK)


async def rotate(
    *,
    candidates: Sequence[Candidate],
    gluetun: GluetunClient,
    home_ip: Callable[[], Awaitable[str | None]],
    now: Callable[[], datetime],
    scoring: ScoringConfig | None = None,
    pin: str = "hostnames",
) -> RotationResult:
    """Apply the best of ``candidates``; RotationError (rolled back) on any failure.

    ``pin``: the selection field a candidate's name goes into: ``hostnames``,
    or ``server_names`` for providers gluetun tells apart by server name (PIA).

    A client error reading gluetun's settings, before anything changed, propagates.
    """
    previous: tuple[str, ...] = getattr(await gluetun.settings(), pin)
    best: ScoredServer | None = None

    def failed(reason: FailureReason, outcome: RotationOutcome) -> RotationError:
        return RotationError(
            RotationResult(
                outcome=outcome,
                finished_at=now(),
                previous=previous,
                server=best,
                reason=reason,
            )
        )

    if not candidates:
        raise failed(FailureReason.NO_SERVERS, RotationOutcome.FAILED)
    ranking = await rank_servers(candidates, measure_latency, scoring)
    if (best := ranking.best) is None:
        raise failed(FailureReason.UNREACHABLE, RotationOutcome.FAILED)
    if not (home := await home_ip()):
        raise failed(FailureReason.HOME_IP_UNKNOWN, RotationOutcome.FAILED)
    before = await _public_ip(gluetun)
    ip, reason = await _switch(gluetun, {pin: [best.hostname]}, home)
    if ip is not None:
        return RotationResult(
            outcome=RotationOutcome.ROTATED,
            finished_at=now(),
            previous=previous,
            server=best,
            public_ip_changed=ip != before,
        )
    assert reason is not None
    # [] clears the pin: gluetun picks from its countries again, as before.
    raise await _roll_back(
        gluetun, {pin: list(previous)}, lambda outcome: failed(reason, outcome)
    )


async def rotate_selection(
    *,
    key: str,
    values: Sequence[str],
    gluetun: GluetunClient,
    home_ip: Callable[[], Awaitable[str | None]],
    now: Callable[[], datetime],
) -> RotationResult:
    """Move gluetun to the next of ``values`` (its ``countries`` or ``cities``) that works.

    For providers whose servers Myflix cannot list: each value is applied in
    turn, starting after the current one, until the tunnel comes up on an
    exit IP that is not the home IP; the time that took is its latency. If
    none works the previous selection comes back (RotationError).
    """
    settings = await gluetun.settings()
    current: tuple[str, ...] = getattr(settings, key)
    previous = settings.hostnames
    order = list(dict.fromkeys(values))
    if current and current[0] in order:  # round robin: the current one goes last
        start = order.index(current[0]) + 1
        order = order[start:] + order[:start]
    reason = FailureReason.NO_SERVERS

    def failed(outcome: RotationOutcome) -> RotationError:
        result = RotationResult(
            outcome=outcome, finished_at=now(), previous=previous, reason=reason
        )
        return RotationError(result)

    if not order:
        raise failed(RotationOutcome.FAILED)
    if not (home := await home_ip()):
        reason = FailureReason.HOME_IP_UNKNOWN
        raise failed(RotationOutcome.FAILED)
    before = await _public_ip(gluetun)
    for rank, value in enumerate(order, start=1):
        started = time.monotonic()
        # A hostname pin would win over the selection: it is cleared.
        ip, failure = await _switch(gluetun, {key: [value], "hostnames": []}, home)
        if ip is None:
            reason = failure or reason
            continue
        return RotationResult(
            outcome=RotationOutcome.ROTATED,
            finished_at=now(),
            previous=previous,
            server=ScoredServer(
                rank=rank,
                hostname=value,
                host="",
                load=None,
                latency_ms=(time.monotonic() - started) * 1000,
                load_penalty=0.0,
                latency_penalty=0.0,
                score=0.0,
            ),
            public_ip_changed=ip != before,
        )
    raise await _roll_back(
        gluetun, {key: list(current), "hostnames": list(previous)}, failed
    )
