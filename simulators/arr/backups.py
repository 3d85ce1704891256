"""Backups: zip archives of config.xml and the database, listed and downloadable."""

from __future__ import annotations

from datetime import datetime, timedelta
import io
from typing import Any
import zipfile

from aiohttp import web

from . import catalog
from .commands import CommandFn, CommandRunner
from .wire import V3, static


class BackupStore(CommandRunner):
    """The ``Backup`` command, ``system/backup`` and the archive downloads."""

    def _init_state(self) -> None:
        super()._init_state()
        self.backups: list[dict[str, Any]] = []
        self.backup_files: dict[str, bytes] = {}

    def _seed(self) -> None:
        super()._seed()
        self._make_backup("scheduled", self.started - timedelta(days=2))

    def _commands(self) -> dict[str, CommandFn]:
        return {**super()._commands(), "Backup": self._cmd_backup}

    async def _cmd_backup(self, body: dict[str, Any]) -> str:
        self._make_backup("manual", self.now())
        return "Backup completed"

    def _make_backup(self, kind: str, when: datetime) -> None:
        slug = self.APP.lower()
        name = f"{slug}_backup_v{self.VERSION}_{when:%Y.%m.%d_%H.%M.%S}.zip"
        while name in self.backup_files:
            name = name.replace(".zip", "_1.zip")
        config = catalog.backup_config(
            self.APP, self.api_key, self.url_base, self.BRANCH
        )
        database = (
            b"SQLite format 3\x00" + bytes(4080) + f"{self.APP} database".encode()
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("config.xml", config)
            archive.writestr(f"{slug}.db", database)
        self.backup_files[name] = data = buffer.getvalue()
        self.backups.append(
            {
                "id": self.new_id("backup"),
                "name": name,
                "path": f"/backup/{kind}/{name}",
                "type": kind,
                "size": len(data),
                "time": when,
            }
        )

    def _routes(self, router: web.UrlDispatcher) -> None:
        super()._routes(router)
        newest_first = static(
            lambda: sorted(self.backups, key=lambda b: b["time"], reverse=True)
        )
        router.add_get(f"{V3}/system/backup", newest_first)
        router.add_get("/backup/{kind}/{name}", self._backup_file)

    async def _backup_file(self, request: web.Request) -> web.Response:
        name, kind = request.match_info["name"], request.match_info["kind"]
        if not any(b["name"] == name and b["type"] == kind for b in self.backups):
            return web.Response(status=404)
        return web.Response(
            body=self.backup_files[name], content_type="application/zip"
        )
