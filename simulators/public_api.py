"""The base of the VPN providers' public-API simulators: routes, a request log, faults.

NordVPN's API, Mullvad's relay list and PIA's server list answer plain GETs
without a key; each simulator lists its routes, and this base records every
request and plays the faults a test plans (``fail_next``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web
from aiohttp.typedefs import Handler

from simulators.qbittorrent.faults import Fault, FaultQueue

type Route = Callable[[web.Request], Awaitable[web.StreamResponse]]


class PublicApiSimulator:
    """Serves ``routes()``; records requests; answers planned faults first."""

    ERROR_BODY = "Internal Server Error"

    def __init__(self) -> None:
        """Start with no request seen and no fault planned."""
        self.requests: list[tuple[str, str]] = []
        self._faults = FaultQueue()

    def routes(self) -> Mapping[str, Route]:
        """Return GET path -> handler (each simulator lists its own)."""
        raise NotImplementedError

    def make_app(self) -> web.Application:
        """Build the aiohttp application."""
        app = web.Application()
        for path, handler in self.routes().items():
            app.router.add_get(path, handler)
        app.middlewares.append(self._record)
        return app

    @web.middleware
    async def _record(
        self, request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        self.requests.append((request.method, request.path_qs))
        if (injected := await self._faults.apply(request)) is not None:
            return injected
        response: web.StreamResponse = await handler(request)
        return response

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int | None = 500,
        body: str | None = None,
        delay: float = 0.0,
        path: str | None = None,
    ) -> None:
        """Answer the next ``count`` requests (ending with ``path``) with ``status``.

        ``status=None`` only delays them; ``status=200`` with a body that is
        not the API's plays a garbled answer (a captive portal, a proxy page).
        """
        self._faults.add(Fault(status, body or self.ERROR_BODY, delay, path), count)
