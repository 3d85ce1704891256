"""The release log: history events and the blocklist, with their endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from .core import ArrCore
from .grab import Grab, release_fields
from .wire import EPOCH, V3, not_found, page, q_ints, q_time, reply


def _item_id(record: dict[str, Any]) -> int | None:
    """Return the movie or series a record belongs to."""
    return record.get("movieId") or record.get("seriesId")


class ReleaseLog(ArrCore):
    """What happened to each release (grabbed, imported, failed) and what is banned."""

    def _init_state(self) -> None:
        super()._init_state()
        self.history: list[dict[str, Any]] = []
        self.blocklist: list[dict[str, Any]] = []

    def _entity(self, grab: Grab, index: int, kind: str) -> dict[str, Any]:
        """Return the entity fields of a queue / history / blocklist record."""
        raise NotImplementedError

    def _embed_history(self, record: dict[str, Any], request: web.Request) -> bool:
        """Add the library item(s) the include flags ask for; False if they are gone."""
        return True

    async def check_downloads(self, *, due: bool = False) -> None:
        """Run the apps' periodic download check before answering (a hook)."""

    def is_blocklisted(self, title: str) -> bool:
        """Tell whether a release name is on the blocklist."""
        return any(entry["sourceTitle"] == title for entry in self.blocklist)

    def _add_to_blocklist(
        self, title: str, entity: dict[str, Any], *, when: datetime, indexer: str
    ) -> None:
        """Ban a release, as marking its download failed does."""
        self.blocklist.append(
            {
                "id": self.new_id("blocklist"),
                **entity,
                **release_fields(self.quality_of(title)),
                "sourceTitle": title,
                "date": when,
                "protocol": "torrent",
                "indexer": indexer,
                "message": "Manually marked as failed",
            }
        )

    def _history_for(self, grab: Grab, event: str) -> None:
        """Log ``event`` for each entity of a grab."""
        data = {
            "indexer": grab.indexer,
            "size": str(grab.size),
            "downloadClient": "qBittorrent",
            "downloadClientName": "qBittorrent",
            "protocol": "2",
            "torrentInfoHash": grab.download_id,
        }
        for index in range(len(grab.record_ids)):
            self.history.append(
                {
                    "id": self.new_id("history"),
                    **self._entity(grab, index, "history"),
                    **release_fields(grab.quality),
                    "sourceTitle": grab.title,
                    "customFormatScore": 0,
                    "qualityCutoffNotMet": False,
                    "date": self.now(),
                    "downloadId": grab.download_id,
                    "eventType": event,
                    "data": data,
                }
            )

    def _routes(self, router: web.UrlDispatcher) -> None:
        super()._routes(router)
        router.add_get(f"{V3}/blocklist", self._blocklist)
        router.add_delete(f"{V3}/blocklist/bulk", self._delete_blocklist_bulk)
        router.add_delete(f"{V3}/blocklist/{{id:\\d+}}", self._delete_blocklist)
        router.add_get(f"{V3}/history", self._history)
        router.add_get(f"{V3}/history/since", self._history_since)

    async def _blocklist(self, request: web.Request) -> web.Response:
        ids = set(q_ints(request, self.IDS_PARAM))
        rows = [r for r in reversed(self.blocklist) if not ids or _item_id(r) in ids]
        return page(request, rows, "date", "descending")

    async def _delete_blocklist(self, request: web.Request) -> web.Response:
        entry_id = int(request.match_info["id"])
        if not any(r["id"] == entry_id for r in self.blocklist):
            return not_found(f"Blocklist with ID {entry_id} does not exist")
        self.blocklist = [r for r in self.blocklist if r["id"] != entry_id]
        return web.Response()

    async def _delete_blocklist_bulk(self, request: web.Request) -> web.Response:
        ids = set((await request.json()).get("ids") or [])
        self.blocklist = [r for r in self.blocklist if r["id"] not in ids]
        return web.Response()

    async def _history(self, request: web.Request) -> web.Response:
        await self.check_downloads()
        names = {code: name for name, code in self.HISTORY_CODES.items()}
        events = {names.get(code) for code in q_ints(request, "eventType")}
        ids = set(q_ints(request, self.IDS_PARAM))
        download_id = request.query.get("downloadId", "").upper()
        rows = [
            r
            for r in reversed(self.history)
            if (not events or r["eventType"] in events)
            and download_id in ("", r["downloadId"])
            and (not ids or _item_id(r) in ids)
        ]
        return page(request, rows, "date", "descending")

    async def _history_since(self, request: web.Request) -> web.Response:
        """``history/since``: a plain array, oldest first, of events at or after ``date``."""
        await self.check_downloads()
        since = q_time(request, "date", EPOCH)
        wanted = request.query.get("eventType", "")
        codes = {str(code): name for name, code in self.HISTORY_CODES.items()}
        names = {name.lower(): name for name in self.HISTORY_CODES}
        event = codes.get(wanted) or names.get(wanted.lower())
        rows = []
        # The apps join the library: events of removed items are left out.
        for row in sorted(self.history, key=lambda r: r["date"]):
            if row["date"] < since or (wanted and row["eventType"] != event):
                continue
            record = dict(row)
            if self._embed_history(record, request):
                rows.append(record)
        return reply(rows)
