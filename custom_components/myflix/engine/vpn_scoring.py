"""Rank VPN servers by their load and the TCP connect latency measured from here.

Normalization, on fixed scales so a score means the same every night and a
lone candidate still gets one (min-max over the candidates would not):

- load penalty = load / 100, clamped to [0, 1] (NordVPN loads are percents);
- latency penalty = latency_ms / latency_ceiling_ms, clamped to [0, 1]
  (anything slower than the ceiling is as bad as it gets);
- score = 1 - (w_load * load penalty + w_latency * latency penalty)
  / (w_load + w_latency), in [0, 1], higher is better.

Unreachable servers (no successful connect) are left out and listed apart.
Ties go to the lower latency, then the lower load, then the hostname.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
import time
from typing import Any

type ConnectMs = Callable[[str, int], Awaitable[float | None]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A server from the provider's API."""

    hostname: str
    host: str
    """The address to connect to (NordVPN's ``station``)."""
    load: float | None
    """Load in percent, from the API; None where the provider publishes none."""
    port: int = 443


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoringConfig:
    """Weights and measurement settings."""

    load_weight: float = 0.5
    latency_weight: float = 0.5
    latency_ceiling_ms: float = 250.0
    samples: int = 3
    """Connects per server; the fastest counts (the others saw queueing)."""
    concurrency: int = 8
    """Servers measured at once, so they do not slow each other down."""

    def __post_init__(self) -> None:
        """Reject weights and settings that cannot rank anything."""
        if min(self.load_weight, self.latency_weight) < 0:
            raise ValueError("weights must be >= 0")
        if self.load_weight + self.latency_weight <= 0:
            raise ValueError("at least one weight must be > 0")
        if self.latency_ceiling_ms <= 0 or self.samples < 1 or self.concurrency < 1:
            raise ValueError("ceiling, samples and concurrency must be > 0")


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoredServer:
    """A reachable server, its measurements and the parts of its score."""

    rank: int
    hostname: str
    host: str
    load: float | None
    latency_ms: float
    load_penalty: float
    latency_penalty: float
    score: float

    def as_dict(self) -> dict[str, Any]:
        """Return a compact, JSON-friendly form for a sensor or a response."""
        return {
            "rank": self.rank,
            "hostname": self.hostname,
            "load": self.load,
            "latency_ms": round(self.latency_ms, 1),
            "load_penalty": round(self.load_penalty, 4),
            "latency_penalty": round(self.latency_penalty, 4),
            "score": round(self.score, 4),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoredServer:
        """Rebuild a stored server (its address is not stored: empty)."""
        return cls(
            rank=int(data["rank"]),
            hostname=str(data["hostname"]),
            host="",
            # As stored: NordVPN's loads are whole; None where none is published.
            load=None if data["load"] is None else _number(data["load"]),
            latency_ms=float(data["latency_ms"]),
            load_penalty=float(data["load_penalty"]),
            latency_penalty=float(data["latency_penalty"]),
            score=float(data["score"]),
        )


def _number(value: Any) -> float:
    """Return a stored number unchanged; anything else is a TypeError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"not a number: {value!r}")
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class Ranking:
    """The reachable servers, best first, and the unreachable hostnames."""

    servers: tuple[ScoredServer, ...]
    unreachable: tuple[str, ...]

    @property
    def best(self) -> ScoredServer | None:
        """Return the winner, if any server answered."""
        return self.servers[0] if self.servers else None

    def as_dict(self) -> dict[str, Any]:
        """Return the ranking for an action response."""
        return {
            "servers": [server.as_dict() for server in self.servers],
            "unreachable": list(self.unreachable),
        }


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def rank(
    measured: Iterable[tuple[Candidate, float | None]], config: ScoringConfig
) -> Ranking:
    """Score measured candidates (latency None = unreachable) and rank them."""
    total = config.load_weight + config.latency_weight
    scored: list[ScoredServer] = []
    unreachable: set[str] = set()
    for candidate, measured_ms in measured:
        if measured_ms is None:
            unreachable.add(candidate.hostname)
            continue
        latency = max(measured_ms, 0.0)
        # No published load: latency alone tells the servers apart.
        load_penalty = _clamp((candidate.load or 0.0) / 100)
        latency_penalty = _clamp(latency / config.latency_ceiling_ms)
        penalty = config.load_weight * load_penalty
        penalty += config.latency_weight * latency_penalty
        scored.append(
            ScoredServer(
                rank=0,
                hostname=candidate.hostname,
                host=candidate.host,
                load=candidate.load,
                latency_ms=latency,
                load_penalty=load_penalty,
                latency_penalty=latency_penalty,
                score=1.0 - penalty / total,
            )
        )
    # Rounded, so equal scores reached through float noise still tie.
    scored.sort(
        key=lambda s: (-round(s.score, 9), s.latency_ms, s.load or 0.0, s.hostname)
    )
    return Ranking(
        servers=tuple(replace(s, rank=i) for i, s in enumerate(scored, start=1)),
        unreachable=tuple(sorted(unreachable)),
    )


async def measure(
    candidates: Sequence[Candidate], connect_ms: ConnectMs, config: ScoringConfig
) -> list[tuple[Candidate, float | None]]:
    """Measure each candidate: the fastest of ``samples`` connects, None if none worked."""
    gate = asyncio.Semaphore(config.concurrency)

    async def best_of(candidate: Candidate) -> float | None:
        async with gate:
            times = [
                await connect_ms(candidate.host, candidate.port)
                for _ in range(config.samples)
            ]
        answered = [value for value in times if value is not None]
        return min(answered) if answered else None

    latencies = await asyncio.gather(*(best_of(c) for c in candidates))
    return list(zip(candidates, latencies, strict=True))


async def rank_servers(
    candidates: Sequence[Candidate],
    connect_ms: ConnectMs | None = None,
    config: ScoringConfig | None = None,
) -> Ranking:
    """Measure and rank candidates; the same hostname twice is measured once."""
    config = config or ScoringConfig()
    unique: dict[str, Candidate] = {}
    for candidate in candidates:
        unique.setdefault(candidate.hostname, candidate)
    measured = await measure(
        list(unique.values()), connect_ms or tcp_connect_ms, config
    )
    return rank(measured, config)


async def tcp_connect_ms(host: str, port: int, *, timeout: float = 2.0) -> float | None:
    """Return how long a TCP connect to ``host:port`` takes in ms; None if it fails."""
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            _, writer = await asyncio.open_connection(host, port)
    except OSError:  # refused, unreachable, DNS, and TimeoutError
        return None
    elapsed = (time.perf_counter() - started) * 1000
    writer.close()
    with suppress(OSError):  # the peer may reset; the measurement is done
        async with asyncio.timeout(timeout):
            await writer.wait_closed()
    return elapsed
