"""Run an aiohttp application on loopback and know its URL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import random
import socket

from aiohttp import web

LOOPBACK = "127.0.0.1"


# Below Linux's ephemeral range (32768-60999): a port the kernel handed out
# for a test would be free to go to the next outgoing connection before the
# server binds it (seen in CI: "address already in use").
_PORTS = range(20000, 32768)
_handed_out: set[int] = set()


def free_port(host: str = LOOPBACK) -> int:
    """Return a port nobody listens on now, outside the kernel's ephemeral range."""
    if len(_handed_out) > len(_PORTS) // 2:  # a very long session: start over
        _handed_out.clear()
    while True:
        port = random.choice(_PORTS)
        if port in _handed_out:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
        _handed_out.add(port)
        return port


@asynccontextmanager
async def serve(
    app: web.Application, *, host: str = LOOPBACK, port: int = 0
) -> AsyncIterator[str]:
    """Serve ``app`` on ``host:port`` (0 = any free port) and yield its base URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    try:
        bound_port = runner.addresses[0][1]
        yield f"http://{host}:{bound_port}"
    finally:
        await runner.cleanup()
