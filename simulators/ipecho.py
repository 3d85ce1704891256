"""A controllable "what is my IP" echo service (icanhazip / ipify style).

``GET /`` answers the configured IP as plain text with a newline, ``GET
/json`` as ``{"ip": "..."}``. It can be slow (``delay``), hold every answer
until released (to prove a client gave up on it), or fail.

    sim = IpEchoSimulator(ip="192.0.2.10")
    async with serve(sim.make_app()) as url: ...   # url + "/" or url + "/json"
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from simulators.qbittorrent.faults import Fault, FaultQueue

HOME_IP = "192.0.2.10"  # RFC 5737 documentation range


class IpEchoSimulator:
    """One echo service; ``ip`` is what it says the caller's address is."""

    def __init__(self, *, ip: str = HOME_IP, delay: float = 0.0) -> None:
        """Answer ``ip``, after ``delay`` seconds."""
        self.ip = ip
        self.delay = delay
        self.requests: list[str] = []
        self.answered = 0
        self.abandoned = 0
        self._held = False
        self._abandoned = asyncio.Event()
        self._faults = FaultQueue()

    def make_app(self) -> web.Application:
        """Build the aiohttp application."""
        app = web.Application()
        app.router.add_get("/", self._plain)
        app.router.add_get("/json", self._json)
        return app

    async def _answer(self, request: web.Request) -> web.Response | None:
        """Apply faults, delay and hold; a response to send instead, or None."""
        self.requests.append(request.path_qs)
        if (injected := await self._faults.apply(request)) is not None:
            return injected
        if self.delay:
            await asyncio.sleep(self.delay)
        while self._held:
            transport = request.transport
            if transport is None or transport.is_closing():
                # The client hung up: it took another answer, or timed out.
                self.abandoned += 1
                self._abandoned.set()
                return web.Response(status=499)
            await asyncio.sleep(0.01)
        self.answered += 1
        return None

    async def _plain(self, request: web.Request) -> web.Response:
        instead = await self._answer(request)
        return web.Response(text=f"{self.ip}\n") if instead is None else instead

    async def _json(self, request: web.Request) -> web.Response:
        instead = await self._answer(request)
        return web.json_response({"ip": self.ip}) if instead is None else instead

    def hold(self) -> None:
        """Keep every answer waiting until ``release()`` or the client hangs up."""
        self._held = True
        self._abandoned.clear()

    def release(self) -> None:
        """Let held answers go."""
        self._held = False

    async def wait_abandoned(self) -> None:
        """Return once a client has hung up on a held answer."""
        await self._abandoned.wait()

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int | None = 503,
        body: str = "Service Unavailable",
        delay: float = 0.0,
    ) -> None:
        """Answer the next ``count`` requests with ``status`` and ``body``.

        ``status=200`` with a body that is not an IP plays a captive portal.
        """
        self._faults.add(Fault(status, body, delay, None), count)
