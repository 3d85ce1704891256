"""Share gateway under load: a flood beside a download, the bandwidth cap, throughput.

The share server (``ShareServer``, the code behind HA's view) is mounted in a
plain aiohttp app in a child process; clients bind distinct loopback
addresses (127.0.0.2, 127.0.0.3) so the per-IP limits tell them apart.

1. Flood: one process floods at full speed while a second client seeks in a
   video (1 MiB ranges at 8 requests a second). The flooder must get 429s,
   the second client's requests must all succeed; its p99 latency is compared
   with the same client alone.
2. Bandwidth cap: one and then two downloads from one address under a cap;
   the measured rate must be the cap within ±10%.
3. Throughput: a 1 GiB file, unthrottled, through the gateway vs aiohttp's
   plain ``FileResponse`` in the same app (alternating, median of 3). The file
   is sparse, so the disk is out of the picture for both.

Run: ``.venv/bin/python bench/share_load.py`` (about 40 s).
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from datetime import UTC, datetime
import multiprocessing
from multiprocessing.connection import Connection
import os
from pathlib import Path
import random
import socket
import statistics
import tempfile
import time
from typing import Any

import aiohttp
from aiohttp import web
from common import server_process  # puts the repository on sys.path

from custom_components.myflix.engine.share import (
    BandwidthLimiter,
    DownloadSlots,
    PathGuard,
    RequestLimiter,
    ShareLinks,
)
from custom_components.myflix.features.share.server import ShareServer, ShareStats

MIB = 1024 * 1024
DOWNLOADER = "127.0.0.2"
FLOODER = "127.0.0.3"


class MemoryStore:
    """The share store protocol over a dict (the child starts from the parent's)."""

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self.data = dict(data) if data else None

    async def load(self) -> Mapping[str, Any] | None:
        return self.data

    async def save(self, data: dict[str, Any]) -> None:
        self.data = data


async def _run_blocking(function: Callable[..., Any], *args: Any) -> Any:
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


async def _no_ban(_request: web.Request) -> None:
    return None


def build_app(
    root: Path, store: Mapping[str, Any], *, rate: float, slots: int, bandwidth: int
) -> web.Application:
    """The gateway and a plain ``FileResponse`` route over the same folder."""
    links = ShareLinks(MemoryStore(store), time.time)
    server = ShareServer(
        links=links,
        guard=PathGuard({"media": str(root)}),
        requests=RequestLimiter(rate, time.monotonic),
        slots=DownloadSlots(slots),
        bandwidth=BandwidthLimiter(bandwidth, time.monotonic),
        stats=ShareStats(today=lambda: datetime.now(UTC).date()),
        run_blocking=_run_blocking,
        on_refused_token=_no_ban,
        on_download=lambda _link, _completed: None,
    )

    async def restore(_app: web.Application) -> AsyncIterator[None]:
        await links.restore()
        yield

    async def share(request: web.Request) -> web.StreamResponse:
        info = request.match_info
        return await server.handle(request, info["token"], info["filename"])

    async def plain(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(root / request.match_info["filename"])

    app = web.Application()
    app.cleanup_ctx.append(restore)
    app.router.add_get("/api/myflix/share/{token}/{filename}", share)
    app.router.add_get("/plain/{filename}", plain)
    return app


async def make_links(files: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Sign a link per file; return the store for the child and the URL paths."""
    store = MemoryStore()
    links = ShareLinks(store, time.time)
    await links.restore()
    paths = {}
    for name in files:
        _link, token = await links.create(f"media/{name}", expires_in=3600)
        paths[name] = f"/api/myflix/share/{token}/{name}"
    assert store.data is not None
    return store.data, paths


# --- 1. flood beside a download ------------------------------------------------


def _flood(url: str, seconds: float, conn: Connection) -> None:
    async def main() -> None:
        statuses: dict[int, int] = {}
        connector = aiohttp.TCPConnector(local_addr=(FLOODER, 0), limit=64)
        async with aiohttp.ClientSession(connector=connector) as session:
            deadline = time.monotonic() + seconds

            async def worker() -> None:
                while time.monotonic() < deadline:
                    async with session.get(url) as response:
                        await response.read()
                        statuses[response.status] = statuses.get(response.status, 0) + 1

            await asyncio.gather(*(worker() for _ in range(48)))
        conn.send(statuses)

    asyncio.run(main())


async def _seek(url: str, size: int, requests: int, per_second: float) -> list[float]:
    """Fetch 1 MiB ranges at random offsets, paced; return each latency (s)."""
    latencies = []
    rng = random.Random(7)
    connector = aiohttp.TCPConnector(local_addr=(DOWNLOADER, 0))
    async with aiohttp.ClientSession(connector=connector) as session:
        for _ in range(requests):
            start = rng.randrange(0, size - MIB)
            began = time.perf_counter()
            headers = {"Range": f"bytes={start}-{start + MIB - 1}"}
            async with session.get(url, headers=headers) as response:
                body = await response.read()
                if response.status != 206 or len(body) != MIB:
                    raise RuntimeError(f"downloader refused: {response.status}")
            latencies.append(time.perf_counter() - began)
            await asyncio.sleep(max(0.0, 1 / per_second - latencies[-1]))
    return latencies


def _p99(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=100, method="inclusive")[98]


async def flood_phase(base: str, paths: dict[str, str], seconds: float) -> str:
    """Measure the downloader alone, then under a flood."""
    size = 64 * MIB
    requests = int(seconds * 8)
    alone = await _seek(base + paths["video.mkv"], size, requests, 8)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    flooder = ctx.Process(
        target=_flood, args=(base + paths["small.txt"], seconds, child), daemon=True
    )
    flooder.start()
    await asyncio.sleep(0.3)  # let the flood ramp up
    flooded = await _seek(base + paths["video.mkv"], size, requests, 8)
    statuses: dict[int, int] = await asyncio.get_running_loop().run_in_executor(
        None, parent.recv
    )
    flooder.join(10)
    total = sum(statuses.values())
    rate = total / seconds
    refused = statuses.get(429, 0) / total
    print(
        f"flood: flooder {rate:,.0f} req/s, {refused:.1%} answered 429 "
        f"({statuses}); downloader {len(flooded)}/{requests} ranges OK"
    )
    p99, p99_alone = _p99(flooded), _p99(alone)
    print(
        f"flood: downloader p99 {p99 * 1000:.1f} ms flooded vs "
        f"{p99_alone * 1000:.1f} ms alone ({p99 / p99_alone:.2f}x); "
        f"p50 {statistics.median(flooded) * 1000:.1f} ms"
    )
    ok = rate >= 1000 and refused > 0.9 and len(flooded) == requests
    return (
        f"flood {rate:,.0f} req/s {refused:.0%} 429, downloader all OK, "
        f"p99 {p99 * 1000:.1f} ms ({p99 / p99_alone:.2f}x alone)"
        + ("" if ok else " MISSES goal")
    )


# --- 2. bandwidth cap ------------------------------------------------------------


async def _download(url: str, local: str) -> int:
    connector = aiohttp.TCPConnector(local_addr=(local, 0))
    received = 0
    async with (
        aiohttp.ClientSession(connector=connector) as session,
        session.get(url) as response,
    ):
        async for chunk in response.content.iter_chunked(MIB):
            received += len(chunk)
    return received


async def cap_phase(base: str, paths: dict[str, str], cap: int) -> str:
    """One, then two parallel downloads from one address under the cap."""
    results = []
    for parallel in (1, 2):
        url = base + paths["capped.bin"]
        began = time.perf_counter()
        received = sum(
            await asyncio.gather(*(_download(url, DOWNLOADER) for _ in range(parallel)))
        )
        rate = received / (time.perf_counter() - began)
        results.append(rate / cap)
        print(
            f"cap: {parallel} download(s) {rate / MIB:.2f} MiB/s "
            f"for a cap of {cap / MIB:.0f} MiB/s ({rate / cap:.3f}x)"
        )
    ok = all(0.9 <= r <= 1.1 for r in results)
    return (
        "cap "
        + "/".join(f"{r:.3f}x" for r in results)
        + (" within ±10%" if ok else " MISSES ±10%")
    )


# --- 3. throughput ---------------------------------------------------------------


def _raw_get(base: str, path: str) -> tuple[int, float]:
    """GET with a bare socket (the client must not be the bottleneck)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        began = time.perf_counter()
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        view = memoryview(bytearray(4 * MIB))
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(65536)
        header, _, body = head.partition(b"\r\n\r\n")
        if not header.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(header.split(b"\r\n")[0].decode())
        length = next(
            int(line.split(b":")[1])
            for line in header.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        received = len(body)
        while received < length:
            if not (got := sock.recv_into(view)):
                raise RuntimeError("connection closed early")
            received += got
    return received, time.perf_counter() - began


def throughput_phase(base: str, paths: dict[str, str], rounds: int) -> str:
    """Alternate gateway and plain ``FileResponse``; compare the median rates."""
    ours: list[float] = []
    plain: list[float] = []
    gateway = (paths["big.bin"], ours)
    baseline = ("/plain/big.bin", plain)
    for turn in range(rounds):
        # Alternate who goes first: caches and CPU neighbours favour neither.
        for path, rates in (gateway, baseline) if turn % 2 else (baseline, gateway):
            size, elapsed = _raw_get(base, path)
            rates.append(size / elapsed)
    ratio = statistics.median(ours) / statistics.median(plain)
    print(
        f"throughput: gateway {statistics.median(ours) / MIB:,.0f} MiB/s vs "
        f"FileResponse {statistics.median(plain) / MIB:,.0f} MiB/s "
        f"(1 GiB, median of {rounds}): {ratio:.2f}x"
    )
    return f"1 GiB {ratio:.2f}x FileResponse" + (
        " (meets goal 0.8x)" if ratio >= 0.8 else " (MISSES goal 0.8x)"
    )


def _write_files(root: Path, cap: int) -> None:
    (root / "small.txt").write_bytes(b"x" * 1024)
    (root / "video.mkv").write_bytes(os.urandom(64 * MIB))
    (root / "capped.bin").write_bytes(b"\0" * int(cap * 3))
    with (root / "big.bin").open("wb") as big:
        big.truncate(1024 * MIB)  # sparse: the disk stays out of it


def _run_phases(
    root: Path,
    store: dict[str, Any],
    paths: dict[str, str],
    args: argparse.Namespace,
    cap: int,
) -> list[str]:
    def server(**limits: int) -> Any:
        return server_process(lambda: build_app(root, store, **limits))

    summary = []
    with server(rate=10, slots=2, bandwidth=0) as base:
        summary.append(asyncio.run(flood_phase(base, paths, args.seconds)))
    with server(rate=10, slots=2, bandwidth=cap) as base:
        summary.append(asyncio.run(cap_phase(base, paths, cap)))
    with server(rate=1000, slots=2, bandwidth=0) as base:
        summary.append(throughput_phase(base, paths, args.rounds))
    return summary


def main() -> None:
    """Run the three phases against fresh child servers."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="flood duration")
    parser.add_argument("--cap", type=int, default=20, help="bandwidth cap, MiB/s")
    parser.add_argument("--rounds", type=int, default=5, help="1 GiB rounds each")
    args = parser.parse_args()
    cap = args.cap * MIB
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _write_files(root, cap)
        store, paths = asyncio.run(
            make_links(["small.txt", "video.mkv", "capped.bin", "big.bin"])
        )
        summary = _run_phases(root, store, paths, args, cap)
    print("summary: share gateway: " + "; ".join(summary))


if __name__ == "__main__":
    main()
