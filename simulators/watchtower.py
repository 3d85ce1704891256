"""A Watchtower HTTP API: containers with images and digests, updated on request.

Two flavours, as found in the wild: ``flavour="containrrr"`` (1.7.x, the
original: ``/v1/update`` answers 200 with an empty body) and ``"fork"``
(nicholas-fedor/watchtower: a JSON summary, and ``GET /v1/containers``).
Both check ``Authorization: Bearer <token>`` (401 otherwise) and answer only
once the update is done; a full update while another runs is skipped (empty
200) or refused (429 + ``Retry-After``) like each flavour does.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
import hashlib
import hmac
import json
import time
from typing import Any, Literal

from aiohttp import web

type Flavour = Literal["containrrr", "fork"]


def digest_of(text: str) -> str:
    """Return a stable fake ``sha256:`` digest."""
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Container:
    """One watched container: the image it runs and the registry's newest one."""

    name: str
    image: str
    image_id: str
    digest: str
    latest_digest: str

    @property
    def outdated(self) -> bool:
        """Whether the registry has a newer image than the running one."""
        return self.digest != self.latest_digest

    def as_dict(self) -> dict[str, str]:
        """Return the fork's ``/v1/containers`` item."""
        return {
            "name": self.name,
            "image": self.image,
            "image_id": self.image_id,
            "digest": self.digest,
        }


DEMO_IMAGES = {
    "radarr": "lscr.io/linuxserver/radarr:latest",
    "sonarr": "lscr.io/linuxserver/sonarr:latest",
    "qbittorrent": "lscr.io/linuxserver/qbittorrent:latest",
    "gluetun": "qmcgaw/gluetun:latest",
}


class WatchtowerSimulator:
    """Stateful Watchtower: ``publish`` makes an image outdated, an update pulls it."""

    def __init__(
        self,
        *,
        token: str,
        flavour: Flavour = "fork",
        images: dict[str, str] | None = None,
        update_delay: float = 0.0,
    ) -> None:
        """Watch one container per ``images`` entry (name → image), all current."""
        self.token = token
        self.flavour = flavour
        self.update_delay = update_delay
        self.containers: dict[str, Container] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.updates = 0
        self._lock = asyncio.Lock()
        for name, image in (images or DEMO_IMAGES).items():
            digest = digest_of(f"{image}@1")
            self.containers[name] = Container(
                name=name,
                image=image,
                image_id=digest_of(f"id:{image}@1"),
                digest=digest,
                latest_digest=digest,
            )

    def publish(self, image: str, release: str) -> None:
        """Publish a new ``image`` build: its containers become outdated."""
        for container in self.containers.values():
            if container.image == image:
                container.latest_digest = digest_of(f"{image}@{release}")

    def make_app(self) -> web.Application:
        """Build the aiohttp application (routes of the configured flavour)."""
        app = web.Application(middlewares=[self._auth])
        app.router.add_route("*", "/v1/update", self._update)
        if self.flavour == "fork":
            app.router.add_get("/v1/containers", self._containers)
        return app

    @web.middleware
    async def _auth(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append((request.method, request.path, dict(request.query)))
        header = request.headers.get("Authorization", "").strip()
        if not hmac.compare_digest(header.encode(), f"Bearer {self.token}".encode()):
            return web.Response(status=401)
        response: web.StreamResponse = await handler(request)
        return response

    def _matches(self, container: Container, images: list[str]) -> bool:
        # Watchtower matches an image with or without its tag.
        base = container.image.rsplit(":", 1)[0]
        return not images or container.image in images or base in images

    async def _update(self, request: web.Request) -> web.Response:
        images = [
            part
            for value in request.query.getall("image", [])
            for part in value.split(",")
            if part
        ]
        if not images and self._lock.locked():
            if self.flavour == "containrrr":  # skipped, silently
                return web.Response(status=200)
            return web.json_response(
                {"error": "another update is already running", "api_version": "v1"},
                status=429,
                headers={"Retry-After": "30"},
            )
        async with self._lock:
            started = time.monotonic()
            if self.update_delay:
                await asyncio.sleep(self.update_delay)
            scanned = [c for c in self.containers.values() if self._matches(c, images)]
            updated = [c for c in scanned if c.outdated]
            for container in updated:
                container.digest = container.latest_digest
                container.image_id = "sha256:" + container.digest[-64:][::-1]
            self.updates += 1
            elapsed = time.monotonic() - started
        if self.flavour == "containrrr":
            return web.Response(status=200)
        return web.json_response(
            {
                "summary": {
                    "scanned": len(scanned),
                    "updated": len(updated),
                    "failed": 0,
                    "restarted": 0,
                    "skipped": 0,
                },
                "timing": {
                    "duration_ms": int(elapsed * 1000),
                    "duration": f"{elapsed:.3f}s",
                },
                "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "api_version": "v1",
            }
        )

    async def _containers(self, request: web.Request) -> web.Response:
        items = [c.as_dict() for c in self.containers.values()]
        body = {
            "containers": items,
            "count": len(items),
            "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "api_version": "v1",
        }
        return web.Response(
            text=json.dumps(body) + "\n", content_type="application/json"
        )
