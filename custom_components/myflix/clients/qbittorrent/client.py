"""``QbittorrentClient``: every API area on one logged-in session."""

from __future__ import annotations

from functools import cached_property

from custom_components.myflix.clients.slices import ValuesOf

from .app import AppApi
from .formats import expect_type
from .labels import LabelsApi
from .models import MainData
from .sync import MainDataCache, kept_fields
from .torrents import TorrentsApi
from .transfer import TransferApi


class QbittorrentClient(AppApi, TransferApi, TorrentsApi, LabelsApi):
    """A typed qBittorrent WebUI API v2 client over an injected aiohttp session."""

    @cached_property
    def _maindata(self) -> MainDataCache:
        return MainDataCache()

    def _session_renewed(self) -> None:
        # A rid belongs to the server session that issued it.
        self._maindata.rid = 0

    async def sync_maindata(self) -> MainData:
        """One ``sync/maindata`` round merged into the client's full state."""
        data = await self._get_json(
            "sync/maindata",
            {"rid": str(self._maindata.rid)},
            ValuesOf(kept_fields, "torrents"),
        )
        return await self._maindata.merge(expect_type(data, dict, "maindata"))
