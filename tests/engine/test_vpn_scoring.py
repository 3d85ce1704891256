"""VPN server scoring: weights, normalization, unreachable servers, ties."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from custom_components.myflix.engine.vpn_scoring import (
    Candidate,
    ConnectMs,
    ScoringConfig,
    rank,
    rank_servers,
    tcp_connect_ms,
)
from simulators.server import free_port


def _server(name: str, load: float) -> Candidate:
    return Candidate(hostname=f"{name}.nordvpn.com", host=f"10.0.0.{load:g}", load=load)


def _latencies(table: Mapping[str, list[float | None] | float | None]) -> ConnectMs:
    """A fake connect: fixed answers per host, one per sample when a list."""
    answers = {
        host: list(value) if isinstance(value, list) else [value]
        for host, value in table.items()
    }

    async def connect_ms(host: str, port: int) -> float | None:
        assert port == 443
        values = answers[host]
        return values.pop(0) if len(values) > 1 else values[0]

    return connect_ms


def _order(
    candidates: Sequence[tuple[Candidate, float | None]], **config: Any
) -> list[str]:
    return [s.hostname for s in rank(candidates, ScoringConfig(**config)).servers]


def test_the_score_shows_its_parts() -> None:
    ranking = rank(
        [(_server("ch1", 40), 100.0), (_server("ch2", 10), 50.0)], ScoringConfig()
    )
    assert ranking.as_dict() == {
        "servers": [
            {
                "rank": 1,
                "hostname": "ch2.nordvpn.com",
                "load": 10,
                "latency_ms": 50.0,
                "load_penalty": 0.1,
                "latency_penalty": 0.2,
                "score": 0.85,
            },
            {
                "rank": 2,
                "hostname": "ch1.nordvpn.com",
                "load": 40,
                "latency_ms": 100.0,
                "load_penalty": 0.4,
                "latency_penalty": 0.4,
                "score": 0.6,
            },
        ],
        "unreachable": [],
    }
    assert ranking.best is ranking.servers[0]


def test_weights_choose_what_matters() -> None:
    busy_but_near = (_server("near", 80), 10.0)
    idle_but_far = (_server("far", 5), 200.0)
    both = [busy_but_near, idle_but_far]
    assert _order(both, load_weight=1, latency_weight=0)[0] == "far.nordvpn.com"
    assert _order(both, load_weight=0, latency_weight=1)[0] == "near.nordvpn.com"
    # 0.5 / 0.5: near = 1 - (0.8 + 0.04) / 2 = 0.58; far = 1 - (0.05 + 0.8) / 2 = 0.575
    assert _order(both)[0] == "near.nordvpn.com"
    assert _order(both, latency_ceiling_ms=1000)[0] == "far.nordvpn.com"


def test_penalties_are_clamped_to_fixed_scales() -> None:
    ranking = rank(
        [(_server("odd", 150), 5000.0), (_server("fast", 0), -3.0)], ScoringConfig()
    )
    worst, best = ranking.servers[1], ranking.servers[0]
    assert (worst.load_penalty, worst.latency_penalty, worst.score) == (1.0, 1.0, 0.0)
    assert (best.latency_ms, best.score) == (0.0, 1.0)


def test_ties_break_on_latency_then_load_then_hostname() -> None:
    # Both score 0.8: 0.5 * (0.2 + 0.2) and 0.5 * (0.3 + 0.1).
    assert _order([(_server("a", 20), 50.0), (_server("b", 30), 25.0)]) == [
        "b.nordvpn.com",
        "a.nordvpn.com",
    ]
    # Latency-only weights: equal scores, the lower load wins.
    assert _order(
        [(_server("a", 30), 25.0), (_server("b", 20), 25.0)],
        load_weight=0,
        latency_weight=1,
    ) == ["b.nordvpn.com", "a.nordvpn.com"]
    same = [(Candidate(hostname=name, host="h", load=9), 9.0) for name in "zya"]
    assert _order(same) == ["a", "y", "z"]


async def test_unreachable_servers_are_left_out_and_listed() -> None:
    servers = [_server("ch1", 10), _server("ch2", 20), _server("ch3", 30)]
    connect = _latencies(
        {
            "10.0.0.10": None,
            "10.0.0.20": [None, 80.0, 60.0],  # the fastest answer counts
            "10.0.0.30": [90.0, None, 70.0],
        }
    )
    ranking = await rank_servers(servers, connect)
    assert [(s.hostname, s.latency_ms) for s in ranking.servers] == [
        ("ch2.nordvpn.com", 60.0),
        ("ch3.nordvpn.com", 70.0),
    ]
    assert ranking.unreachable == ("ch1.nordvpn.com",)
    nothing = await rank_servers(servers[:1], connect)
    assert (nothing.best, nothing.as_dict()["unreachable"]) == (
        None,
        ["ch1.nordvpn.com"],
    )


async def test_measures_each_hostname_once_and_within_the_concurrency() -> None:
    seen: list[str] = []
    running = peak = 0

    async def connect_ms(host: str, port: int) -> float:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        seen.append(host)
        await asyncio.sleep(0)
        running -= 1
        return 10.0

    servers = [_server(f"ch{n}", n) for n in range(1, 7)]
    config = ScoringConfig(samples=2, concurrency=2)
    ranking = await rank_servers([*servers, servers[0]], connect_ms, config)
    assert len(ranking.servers) == 6
    assert len(seen) == 12
    assert peak == 2


@pytest.mark.parametrize(
    "changes",
    [
        {"load_weight": -1},
        {"load_weight": 0, "latency_weight": 0},
        {"latency_ceiling_ms": 0},
        {"samples": 0},
        {"concurrency": 0},
    ],
)
def test_config_rejects_what_cannot_rank(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must be"):
        ScoringConfig(**changes)


async def test_tcp_connect_ms_measures_a_real_listener(socket_enabled: None) -> None:
    accepted = asyncio.Event()

    async def handle(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        accepted.set()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        latency = await tcp_connect_ms("127.0.0.1", port)
        assert latency is not None
        assert latency >= 0
        await accepted.wait()
        # The default measurer is the real one.
        local = Candidate(hostname="local", host="127.0.0.1", load=1, port=port)
        ranking = await rank_servers([local], config=ScoringConfig(samples=1))
        assert [s.hostname for s in ranking.servers] == ["local"]
    assert await tcp_connect_ms("127.0.0.1", free_port()) is None  # refused


async def test_tcp_connect_ms_gives_up_after_the_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def never(host: str, port: int) -> None:
        await asyncio.Event().wait()

    monkeypatch.setattr("asyncio.open_connection", never)
    assert await tcp_connect_ms("192.0.2.1", 443, timeout=0.01) is None
