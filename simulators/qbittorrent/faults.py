"""Injected failures: the next requests answer an error, or only slowly."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from aiohttp import web


@dataclass(frozen=True, slots=True)
class Fault:
    """One planned misbehaviour; ``status=None`` only delays the real answer."""

    status: int | None
    body: str
    delay: float
    path: str | None  # only requests whose path ends with it; None = any


class FaultQueue:
    """Faults waiting for their request, consumed first come first served."""

    def __init__(self) -> None:
        """Start with none planned."""
        self._pending: list[Fault] = []

    def add(self, fault: Fault, count: int) -> None:
        """Plan ``fault`` for the next ``count`` matching requests."""
        self._pending.extend([fault] * count)

    def clear(self) -> None:
        """Drop every planned fault: the server behaves again."""
        self._pending.clear()

    async def apply(self, request: web.Request) -> web.Response | None:
        """Consume the first fault matching ``request``; its response, or None to serve it."""
        fault = next(
            (
                f
                for f in self._pending
                if f.path is None or request.path.endswith(f.path)
            ),
            None,
        )
        if fault is None:
            return None
        self._pending.remove(fault)
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status is None:
            return None
        return web.Response(
            status=fault.status, body=fault.body.encode(), content_type="text/plain"
        )
