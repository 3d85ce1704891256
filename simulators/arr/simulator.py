"""The *arr simulator: every shared layer put together into one aiohttp app."""

from __future__ import annotations

from aiohttp import web

from .backups import BackupStore
from .covers import MediaCovers
from .download_clients import DownloadClients
from .plumbing import HttpPlumbing


class ArrSimulator(HttpPlumbing, MediaCovers, BackupStore, DownloadClients):
    """Common API of both apps; subclasses add their library, calendar and searches."""

    def make_app(self) -> web.Application:
        """Build the aiohttp application (mounted under ``url_base`` when set)."""
        app = web.Application(middlewares=self._middlewares())
        self._routes(app.router)
        app.on_cleanup.append(self._cleanup)
        if not self.url_base:
            return app
        outer = web.Application()
        outer.add_subapp(self.url_base, app)
        return outer
