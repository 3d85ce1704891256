"""System endpoints: ping, status, health, disks, root folders, quality profiles."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from . import catalog
from .core import ArrCore
from .wire import V3, not_found, reply, static


class SystemInfo(ArrCore):
    """What the app tells about itself, and the health checks tests can set."""

    def _init_state(self) -> None:
        super()._init_state()
        self.health_checks: list[dict[str, Any]] = []
        self.disk_space = catalog.disk_space()
        self.root_folders = [
            {
                "id": 1,
                "path": self.ROOT,
                "accessible": True,
                "freeSpace": 412 * catalog.GIB,
                "unmappedFolders": [],
            }
        ]
        # Only Radarr's quality profiles carry a ``language``.
        self.quality_profiles = catalog.quality_profiles(
            self.QUALITIES, language=self.APP == "Radarr"
        )

    def _seed(self) -> None:
        super()._seed()
        self.health_checks = catalog.health(self.APP)

    def set_health(self, checks: list[dict[str, Any]]) -> None:
        """Replace the health checks (dicts with source, type, message, wikiUrl)."""
        self.health_checks = [dict(c) for c in checks]

    def _status_extra(self) -> dict[str, Any]:
        """Add app-specific ``system/status`` fields."""
        return {}

    def _routes(self, router: web.UrlDispatcher) -> None:
        super()._routes(router)
        router.add_get("/ping", static(lambda: {"status": "OK"}))
        router.add_get("/api", static(lambda: {"current": "v3", "deprecated": []}))
        router.add_get(f"{V3}/system/status", self._status)
        router.add_get(f"{V3}/health", self._health)
        router.add_get(f"{V3}/diskspace", static(lambda: self.disk_space))
        router.add_get(f"{V3}/rootfolder", static(lambda: self.root_folders))
        router.add_get(f"{V3}/qualityprofile", static(lambda: self.quality_profiles))
        router.add_get(f"{V3}/qualityprofile/{{id:\\d+}}", self._quality_profile)

    async def _status(self, request: web.Request) -> web.Response:
        status = catalog.system_status(
            self.APP, self.VERSION, self.BRANCH, self.url_base, self.started
        )
        return reply({**status, **self._status_extra()})

    async def _health(self, request: web.Request) -> web.Response:
        checks = list(self.health_checks)
        if self.client_unavailable:
            wiki = f"https://wiki.servarr.com/{self.APP.lower()}/system#download-clients-are-unavailable-due-to-failures"
            message = "Unable to communicate with qBittorrent."
            checks.append(
                {
                    "source": "DownloadClientCheck",
                    "type": "error",
                    "message": message,
                    "wikiUrl": wiki,
                }
            )
        return reply(checks)

    async def _quality_profile(self, request: web.Request) -> web.Response:
        profile_id = int(request.match_info["id"])
        found = [p for p in self.quality_profiles if p["id"] == profile_id]
        return (
            reply(found[0])
            if found
            else not_found(f"QualityProfile with ID {profile_id} does not exist")
        )
