"""HTTP plumbing: record every exchange, inject faults, check the API key."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
import json
import secrets
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Middleware

from .core import ArrCore
from .wire import Handler


@dataclass
class Exchange:
    """One recorded request and the simulator's answer (for contract tests)."""

    method: str
    path: str
    query: list[tuple[str, str]]
    json: Any
    status: int = 0
    body: bytes = b""
    content_type: str = ""


@dataclass
class Fault:
    """A failure to inject into one upcoming request (status 0 = answer normally)."""

    status: int = 500
    body: bytes = b'{"message":"Simulated failure"}'
    content_type: str = "application/json"
    delay: float = 0.0
    truncate: bool = False
    path: str | None = None
    """Only a request to this path (e.g. ``/api/v3/health``); None = any."""


class HttpPlumbing(ArrCore):
    """The middlewares around every endpoint, and the test controls that steer them."""

    def _init_state(self) -> None:
        super()._init_state()
        self.requests: list[Exchange] = []
        self._faults: deque[Fault] = deque()

    # ----- test controls ---------------------------------------------------
    def fail_next(
        self,
        count: int = 1,
        *,
        status: int = 500,
        message: str = "Simulated failure",
        path: str | None = None,
    ) -> None:
        """Answer the next ``count`` requests (to ``path``) with ``status`` and a message."""
        body = json.dumps({"message": message}).encode()
        self._faults.extend(
            Fault(status=status, body=body, path=path) for _ in range(count)
        )

    def fail_next_non_json(self, count: int = 1) -> None:
        """Answer the next requests 200 with an HTML page, as a proxy would."""
        html = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
        self._faults.extend(Fault(200, html, "text/html") for _ in range(count))

    def truncate_next(self, count: int = 1) -> None:
        """Cut the next responses short: Content-Length promises more than is sent."""
        self._faults.extend(
            Fault(200, b'[{"id": 1, "tit', truncate=True) for _ in range(count)
        )

    def delay_next(self, seconds: float, count: int = 1) -> None:
        """Hold the next requests ``seconds`` before answering them normally."""
        self._faults.extend(Fault(status=0, delay=seconds) for _ in range(count))

    def clear_requests(self) -> None:
        """Forget the recorded exchanges."""
        self.requests.clear()

    # ----- middlewares -------------------------------------------------------
    def _middlewares(self) -> list[Middleware]:
        """Outermost first: record, then inject faults, then check the key."""
        return [self._record, self._inject, self._auth]

    def _local_path(self, request: web.Request) -> str:
        """Return the request path below the URL base."""
        path = request.path
        return (
            path[len(self.url_base) :]
            if self.url_base and path.startswith(self.url_base)
            else path
        )

    @web.middleware
    async def _record(
        self, request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        raw = await request.read() if request.can_read_body else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode(errors="replace")
        query = list(request.query.items())
        exchange = Exchange(request.method, self._local_path(request), query, body)
        self.requests.append(exchange)
        response = await handler(request)
        exchange.status, exchange.content_type = response.status, response.content_type
        if isinstance(response, web.Response) and isinstance(response.body, bytes):
            exchange.body = response.body
        return response

    @web.middleware
    async def _inject(
        self, request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        fault = next((f for f in self._faults if f.path in (None, request.path)), None)
        if fault is None:
            return await handler(request)
        self._faults.remove(fault)
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status == 0:
            return await handler(request)
        if not fault.truncate:
            return web.Response(
                status=fault.status, body=fault.body, content_type=fault.content_type
            )
        response = web.StreamResponse(
            status=200, headers={"Content-Type": "application/json"}
        )
        response.content_length = len(fault.body) + 4096
        await response.prepare(request)
        await response.write(fault.body)
        if request.transport is not None:
            request.transport.close()
        return response

    @web.middleware
    async def _auth(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        # Like the apps: ``/ping`` is anonymous; the key may come as a header,
        # an ``apikey`` query parameter or a bearer token.
        if self._local_path(request) == "/ping" and request.method in ("GET", "HEAD"):
            return await handler(request)
        key = request.headers.get("X-Api-Key") or request.query.get("apikey") or ""
        bearer = request.headers.get("Authorization", "")
        if not key and bearer.lower().startswith("bearer "):
            key = bearer[7:].strip()
        if not key or not secrets.compare_digest(key.encode(), self.api_key.encode()):
            return web.Response(status=401)
        return await handler(request)
