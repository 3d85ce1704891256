"""Shared bench plumbing: a simulator in its own process, byte and CPU meters.

The simulator runs in a child process so ``time.process_time()`` in the
bench process measures the client side only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass, field
import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path
import sys
import time
from types import SimpleNamespace
from typing import Any

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as ``python bench/x.py`` from anywhere
    sys.path.insert(0, str(ROOT))

from simulators.server import serve  # noqa: E402


@dataclass
class _Built:
    """An app built in the child, served like a simulator."""

    build: Callable[[], web.Application]

    def make_app(self) -> web.Application:
        return self.build()


@contextmanager
def server_process(build: Callable[[], web.Application]) -> Iterator[str]:
    """Build and serve an app in a forked child; yield its URL."""
    with simulator_process(lambda: {"app": _Built(build)}) as served:
        yield served.urls["app"]


def _controlled_child(build: Callable[[], dict[str, Any]], conn: Connection) -> None:
    async def main() -> None:
        simulators = build()
        async with AsyncExitStack() as stack:
            urls = {
                name: await stack.enter_async_context(serve(simulator.make_app()))
                for name, simulator in simulators.items()
            }
            conn.send(urls)

            def answer() -> None:
                name, attribute, args = conn.recv()
                if name is None:
                    conn.send(time.process_time())
                    return
                value = getattr(simulators[name], attribute)
                conn.send(value(*args) if callable(value) else value)

            asyncio.get_running_loop().add_reader(conn.fileno(), answer)
            await asyncio.Event().wait()

    asyncio.run(main())


class SimulatorProcess:
    """Simulators served by a forked child, steered through a pipe.

    Their CPU then stays out of ``time.process_time()`` of the bench, as the
    real services run apart from Home Assistant; ``cpu_time`` reports it.
    """

    def __init__(self, conn: Connection, urls: dict[str, str]) -> None:
        self._conn = conn
        self.urls = urls

    def call(self, name: str, attribute: str, *args: Any) -> Any:
        """Call a simulator's method (or read an attribute) in the child."""
        self._conn.send((name, attribute, args))
        return self._conn.recv()

    def cpu_time(self) -> float:
        """The child's CPU seconds so far."""
        self._conn.send((None, "", ()))
        result: float = self._conn.recv()
        return result


@contextmanager
def simulator_process(
    build: Callable[[], dict[str, Any]],
) -> Iterator[SimulatorProcess]:
    """Serve each of ``build()``'s simulators (name → one with ``make_app``) apart."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_controlled_child, args=(build, child), daemon=True)
    process.start()
    try:
        if not parent.poll(120):
            raise RuntimeError("the simulators did not start within 120 s")
        yield SimulatorProcess(parent, parent.recv())
    finally:
        process.terminate()
        process.join(10)


def run_against(
    build: Callable[[], web.Application],
    bench: Callable[[str], Coroutine[Any, Any, None]],
) -> None:
    """Serve ``build()`` in a child process and run ``bench(url)`` against it."""
    with server_process(build) as url:
        asyncio.run(bench(url))


@dataclass
class Meter:
    """Response body bytes and requests seen by a client session."""

    requests: int = 0
    _responses: list[aiohttp.ClientResponse] = field(default_factory=list)

    @property
    def bytes(self) -> int:
        """Body bytes received so far.

        Read from each response's stream (``total_bytes``): the clients decode
        bodies as they arrive, and aiohttp signals received chunks only from
        ``read()``, so a chunk trace counted nothing (the benches divided by 0).
        """
        return sum(response.content.total_bytes for response in self._responses)

    def trace_config(self) -> aiohttp.TraceConfig:
        """A trace config that feeds this meter."""

        async def on_end(
            _session: aiohttp.ClientSession, _ctx: SimpleNamespace, params: Any
        ) -> None:
            self.requests += 1
            self._responses.append(params.response)

        config = aiohttp.TraceConfig()
        # aiohttp 3.11 types these signals wrongly (a callback of a callback).
        config.on_request_end.append(on_end)  # type: ignore[arg-type]
        return config

    def session(self) -> aiohttp.ClientSession:
        """A session with an unsafe cookie jar (IP hosts) that this meter watches."""
        return aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            trace_configs=[self.trace_config()],
        )


@dataclass
class Cost:
    """Client CPU seconds, body bytes and requests of a measured block."""

    cpu: float = 0.0
    bytes: int = 0
    requests: int = 0

    def __add__(self, other: Cost) -> Cost:
        return Cost(
            self.cpu + other.cpu,
            self.bytes + other.bytes,
            self.requests + other.requests,
        )

    def __mul__(self, factor: float) -> Cost:
        return Cost(
            self.cpu * factor, int(self.bytes * factor), int(self.requests * factor)
        )


async def measure(meter: Meter, job: Callable[[], Any], times: int = 1) -> Cost:
    """Run ``job`` ``times`` times; return the total client cost."""
    before_bytes, before_requests = meter.bytes, meter.requests
    start = time.process_time()
    for _ in range(times):
        await job()
    return Cost(
        time.process_time() - start,
        meter.bytes - before_bytes,
        meter.requests - before_requests,
    )


def human_bytes(count: float) -> str:
    """1234567 -> '1.2 MB'."""
    for unit in ("B", "kB", "MB", "GB"):
        if abs(count) < 1000 or unit == "GB":
            return f"{count:.1f} {unit}" if unit != "B" else f"{count:.0f} B"
        count /= 1000
    return f"{count:.1f} GB"


def ratio(ours: float, theirs: float) -> str:
    """'1/123' (ours is 123 times smaller)."""
    if ours <= 0:
        return "1/inf"
    return f"1/{theirs / ours:,.0f}" if theirs >= ours else f"{ours / theirs:.1f}x"


def verdict(ours: float, theirs: float, goal: int) -> str:
    """'meets 1/25' or 'MISSES 1/25'."""
    return f"{'meets' if ours * goal <= theirs else 'MISSES'} goal 1/{goal}"
