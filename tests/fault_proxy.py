"""A loopback reverse proxy that makes one endpoint of a backend misbehave.

It stands between Home Assistant and a simulator and passes every request
through, except those to a path given a fault: that endpoint then fails,
hangs, answers garbage or changes the shape of its JSON, the ways real
Radarr, Sonarr, qBittorrent and gluetun replies have gone wrong.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import json
from typing import Any

import aiohttp
from aiohttp import web

from simulators.server import LOOPBACK, free_port

# Keys whose string values are enums in the apps' contracts.
_ENUM_KEYS = frozenset(
    {
        "status",
        "state",
        "type",
        "protocol",
        "trackedDownloadState",
        "trackedDownloadStatus",
        "connection_status",
        "source",
    }
)
# Hop-by-hop or re-encoded by aiohttp: not copied from the upstream reply.
_DROPPED_HEADERS = frozenset(
    {"content-length", "content-encoding", "transfer-encoding", "connection"}
)


def _items(payload: Any, change: Callable[[dict[str, Any]], Any]) -> Any:
    """Apply ``change`` to the object, or to each object of a list or envelope."""
    if isinstance(payload, list):
        return [change(i) if isinstance(i, dict) else i for i in payload]
    if isinstance(payload, dict) and isinstance(payload.get("records"), list):
        return {**payload, "records": _items(payload["records"], change)}
    return change(payload) if isinstance(payload, dict) else payload


def _unknown_enums(item: dict[str, Any]) -> dict[str, Any]:
    return {
        k: "somethingNew" if k in _ENUM_KEYS and isinstance(v, str) else v
        for k, v in item.items()
    }


def _nested(item: dict[str, Any]) -> dict[str, Any]:
    # Older Sonarr queues embed whole series and episode objects in each item.
    return {**item, "series": {"title": "Nested", "images": [{"a": {"b": 1}}]},
            "episode": {"seasonNumber": 1, "nested": {"deeper": [None]}}}  # fmt: skip


FAULTS: dict[str, Callable[[Any], Any] | None] = {
    "error": None,  # 500
    "timeout": None,  # no answer before the client gives up
    "garbage": None,  # an HTML error page with status 200
    # A list answered as its first object, an object as a one-item list.
    "shape": lambda p: (p[0] if p else {}) if isinstance(p, list) else [p],
    "nulls": lambda p: _items(p, dict.fromkeys),
    "missing_keys": lambda p: _items(p, lambda _: {}),
    "unknown_enums": lambda p: _items(p, _unknown_enums),
    "nested": lambda p: _items(p, _nested),
}
"""Each fault by name; the JSON rewrite of the shape faults."""

HANG = 30.0  # seconds: longer than any client timeout the test sets


class FaultProxy:
    """Forwards to ``upstream``; ``faults`` maps an exact path to a fault name."""

    def __init__(self, upstream: str) -> None:
        """Proxy ``upstream`` (``http://host:port``) once started."""
        self.upstream = upstream.rstrip("/")
        self.faults: dict[str, str] = {}
        self._session: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None

    async def start(self) -> str:
        """Listen on a free loopback port; return the proxy's URL."""
        self._session = aiohttp.ClientSession(
            auto_decompress=True, cookie_jar=aiohttp.DummyCookieJar()
        )
        app = web.Application(client_max_size=64 << 20)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        # A hung request is cancelled when the client gives up on it.
        self._runner = web.AppRunner(app, handler_cancellation=True)
        await self._runner.setup()
        port = free_port()
        await web.TCPSite(self._runner, LOOPBACK, port).start()
        return f"http://{LOOPBACK}:{port}"

    async def close(self) -> None:
        """Stop listening and close the upstream session."""
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        fault = self.faults.get(request.path)
        if fault == "error":
            return web.Response(status=500, text="Internal Server Error")
        if fault == "timeout":
            await asyncio.sleep(HANG)
        assert self._session is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        async with self._session.request(
            request.method,
            f"{self.upstream}{request.path_qs}",
            headers=headers,
            data=await request.read(),
            allow_redirects=False,
        ) as upstream:
            body = await upstream.read()
            reply = web.Response(status=upstream.status, body=body)
            for key, value in upstream.headers.items():
                if key.lower() not in _DROPPED_HEADERS:
                    reply.headers.add(key, value)
        if fault == "garbage":
            return web.Response(
                status=200, text="<html><body>502 Bad Gateway</body></html>",
                content_type="text/html",
            )  # fmt: skip
        if (rewrite := FAULTS.get(fault or "")) is not None and upstream.status < 300:
            try:
                payload = json.loads(body)
            except ValueError:
                return reply  # a text endpoint: JSON shapes do not apply
            reply.body = json.dumps(rewrite(payload)).encode()
        return reply
