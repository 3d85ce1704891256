"""The download queue: grabs tracked per release, built from qBittorrent when linked."""

from __future__ import annotations

import secrets
from typing import Any

from aiohttp import web

from simulators.qbittorrent_link import QbittorrentLinkError

from . import catalog
from .commands import CommandRunner
from .grab import Grab, release_fields
from .releases import ReleaseLog
from .torrent_status import queue_fields
from .wire import V3, not_found, page, q_bool, q_ints, reply

#: A queue record with the grab it comes from and its entity index in the grab.
type QueueRecord = tuple[Grab, int, dict[str, Any]]


class DownloadQueue(ReleaseLog, CommandRunner):
    """Grabs, the queue endpoints, removing (and blocklisting) and importing."""

    def _init_state(self) -> None:
        super()._init_state()
        self.grabs: list[Grab] = []
        #: blocklisted release name → its info hash (upper-case)
        self.blocklisted_hashes: dict[str, str] = {}
        #: the indexer option "Reject Blocklisted Torrent Hashes While Grabbing";
        #: off, a blocklisted release cross-posted under another name comes back
        self.reject_blocklisted_hashes = True

    # ----- hooks for the apps ------------------------------------------------
    def _embed(
        self, record: dict[str, Any], grab: Grab, index: int, request: web.Request
    ) -> None:
        """Add ``movie`` / ``series`` / ``episode`` when the include flags ask."""

    def _matches(self, grab: Grab, index: int, request: web.Request) -> bool:
        """Apply the filters of ``queue/details``."""
        return True

    def _redownload(self, grab: Grab) -> tuple[str, dict[str, Any]] | None:
        """Name the search command that replaces a blocklisted grab."""
        return None

    def _imported(self, grab: Grab) -> None:
        """Mark the grab's entities as having files."""

    # ----- grabbing ----------------------------------------------------------
    async def grab(
        self, title: str, *, size: int, info_hash: str | None = None, **entity: Any
    ) -> Grab:
        """Send a release to qBittorrent (when linked) and track it in the queue."""
        if self.link is not None:
            # The link picks the hash when a seeder publishes the release.
            info_hash = await self.link.add_release(
                title, self.CATEGORY, size=size, info_hash=info_hash
            )
        info_hash = (info_hash or secrets.token_hex(20)).lower()
        return self._track(title, size, info_hash, self.link is not None, entity)

    def add_queue_item(
        self,
        title: str,
        *,
        size: int = 8 * catalog.GIB,
        sizeleft: int | None = None,
        status: str = "downloading",
        tracked_download_status: str = "ok",
        tracked_download_state: str = "downloading",
        error_message: str | None = None,
        timeleft: str | None = None,
        download_id: str | None = None,
        **entity: Any,
    ) -> Grab:
        """Queue a download that lives outside qBittorrent (entity ids as kwargs)."""
        warn = error_message and tracked_download_status != "ok"
        grab = self._track(
            title, size, download_id or secrets.token_hex(20), False, entity
        )
        grab.state.update(
            sizeleft=float(size if sizeleft is None else sizeleft),
            status=status,
            trackedDownloadStatus=tracked_download_status,
            trackedDownloadState=tracked_download_state,
            errorMessage=error_message,
            statusMessages=[{"title": title, "messages": [error_message]}]
            if warn
            else [],
            timeleft=timeleft,
        )
        return grab

    def _track(
        self,
        title: str,
        size: int,
        info_hash: str,
        linked: bool,
        entity: dict[str, Any],
    ) -> Grab:
        count = max(len(entity.get("episode_ids") or []), 1)
        quality = self.quality_of(title)
        ids = [self.new_id("queue") for _ in range(count)]
        grab = Grab(
            info_hash.upper(),
            title,
            size,
            quality,
            self.now(),
            ids,
            linked=linked,
            **entity,
        )
        grab.state = {
            "size": float(size),
            "sizeleft": float(size),
            "status": "queued",
            "trackedDownloadStatus": "ok",
            "trackedDownloadState": "downloading",
            "statusMessages": [],
            "downloadClient": "qBittorrent",
            "downloadClientHasPostImportCategory": False,
            "outputPath": f"/downloads/{self.CATEGORY}/{title}",
        }
        self.grabs.append(grab)
        self._history_for(grab, "grabbed")
        return grab

    # ----- the records -------------------------------------------------------
    async def _records(self) -> list[QueueRecord]:
        """Build every active queue record as (grab, index, resource)."""
        torrents = await self._linked_torrents()
        out = []
        for grab in (g for g in self.grabs if g.active):
            if not grab.linked:
                fields = grab.state
            elif grab.download_id in torrents:
                fields = queue_fields(
                    torrents[grab.download_id], self.now(), grab.title
                )
            else:
                continue  # gone from the client: the apps drop it from the queue
            for index, record_id in enumerate(grab.record_ids):
                record = {
                    "id": record_id,
                    **self._entity(grab, index, "queue"),
                    **release_fields(grab.quality),
                    "customFormatScore": 0,
                    "title": grab.title,
                    "added": grab.added,
                    "downloadId": grab.download_id,
                    "protocol": "torrent",
                    "indexer": grab.indexer,
                    **fields,
                }
                out.append((grab, index, record))
        return out

    async def _linked_torrents(self) -> dict[str, dict[str, Any]]:
        """Map the app's torrents in qBittorrent by upper-case hash; note an outage."""
        if self.link is None or not any(g.linked and g.active for g in self.grabs):
            return {}
        try:
            listed = await self.link.torrents(self.CATEGORY)
        except QbittorrentLinkError:
            self.client_unavailable = True
            return {}
        torrents = {t["hash"].upper(): t for t in listed}
        self.client_unavailable = False
        return torrents

    async def remove_queue_item(
        self,
        record_id: int,
        *,
        remove_from_client: bool = True,
        blocklist: bool = False,
        skip_redownload: bool = False,
    ) -> bool:
        """Do what DELETE queue/{id} does; return False if there is no such record."""
        grab = next(
            (g for g in self.grabs if g.active and record_id in g.record_ids), None
        )
        if grab is None:
            return False
        grab.active = False
        if remove_from_client and grab.linked and self.link is not None:
            await self.link.delete([grab.download_id], delete_files=True)
        if blocklist:
            entity = self._entity(grab, 0, "blocklist")
            self._add_to_blocklist(
                grab.title, entity, when=self.now(), indexer=grab.indexer
            )
            self.blocklisted_hashes[grab.title] = grab.download_id
            self._history_for(grab, "downloadFailed")
            search = None if skip_redownload else self._redownload(grab)
            if search is not None:
                self.start_command(*search, trigger="unspecified")
        return True

    # ----- importing -----------------------------------------------------------
    async def import_finished(self, *, pending_only: bool = False) -> int:
        """Import the finished downloads of library items; return how many.

        ``pending_only`` leaves the downloads whose import is blocked alone, as
        the automatic check does (a manual scan retries them).
        """
        imported = set()
        for grab, _, fields in await self._records():
            if not (grab.active and grab.known and fields["status"] == "completed"):
                continue
            if pending_only and fields["trackedDownloadState"] != "importPending":
                continue
            grab.active = False
            self._imported(grab)
            self._history_for(grab, "downloadFolderImported")
            imported.add(grab.download_id)
        return len(imported)

    async def _cmd_import_scan(self, body: dict[str, Any]) -> str:
        """DownloadedMoviesScan / DownloadedEpisodesScan: import finished downloads."""
        return f"Imported {await self.import_finished()} download(s)"

    # ----- endpoints -----------------------------------------------------------
    def _routes(self, router: web.UrlDispatcher) -> None:
        super()._routes(router)
        router.add_get(f"{V3}/queue", self._queue)
        router.add_get(f"{V3}/queue/status", self._queue_status)
        router.add_get(f"{V3}/queue/details", self._queue_details)
        router.add_delete(f"{V3}/queue/bulk", self._delete_queue_bulk)
        router.add_delete(f"{V3}/queue/{{id:\\d+}}", self._delete_queue)

    async def _queue(self, request: web.Request) -> web.Response:
        await self.check_downloads()
        unknown = q_bool(request, self.UNKNOWN_FLAG, False)
        ids = set(q_ints(request, self.IDS_PARAM))
        statuses = set(request.query.getall("status", []))
        records = []
        for grab, index, record in await self._records():
            if (not unknown and not grab.known) or (
                ids and (grab.movie_id or grab.series_id) not in ids
            ):
                continue
            if not statuses or record["status"] in statuses:
                self._embed(record, grab, index, request)
                records.append(record)
        return page(request, records, "timeleft", "ascending")

    async def _queue_details(self, request: web.Request) -> web.Response:
        await self.check_downloads()
        records = []
        for grab, index, record in await self._records():
            if grab.known and self._matches(grab, index, request):
                self._embed(record, grab, index, request)
                records.append(record)
        return reply(records)

    async def _queue_status(self, request: web.Request) -> web.Response:
        await self.check_downloads()
        records = await self._records()
        known = [r["trackedDownloadStatus"] for g, _, r in records if g.known]
        unknown = [r["trackedDownloadStatus"] for g, _, r in records if not g.known]
        return reply(
            {
                "id": 1,
                "totalCount": len(records),
                "count": len(known),
                "unknownCount": len(unknown),
                "errors": "error" in known,
                "warnings": "warning" in known,
                "unknownErrors": "error" in unknown,
                "unknownWarnings": "warning" in unknown,
            }
        )

    @staticmethod
    def _delete_flags(request: web.Request) -> dict[str, bool]:
        return {
            "remove_from_client": q_bool(request, "removeFromClient", True),
            "blocklist": q_bool(request, "blocklist", False),
            "skip_redownload": q_bool(request, "skipRedownload", False),
        }

    async def _delete_queue(self, request: web.Request) -> web.Response:
        record_id = int(request.match_info["id"])
        if not await self.remove_queue_item(record_id, **self._delete_flags(request)):
            return not_found(f"Queue item with ID {record_id} does not exist")
        return web.Response()

    async def _delete_queue_bulk(self, request: web.Request) -> web.Response:
        for record_id in (await request.json()).get("ids") or []:
            await self.remove_queue_item(int(record_id), **self._delete_flags(request))
        return web.Response()
