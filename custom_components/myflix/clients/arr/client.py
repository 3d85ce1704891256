"""The endpoints Radarr and Sonarr share: system, queue, commands, backups, posters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from custom_components.myflix.clients.errors import (
    MyflixNotFoundError,
    MyflixResponseError,
    MyflixServerError,
)
from custom_components.myflix.clients.http import (
    DEFAULT_TIMEOUT,
    StreamedResponse,
    http_exchange,
)

from .models import (
    POSTER_CONTENT_TYPES,
    Backup,
    BlocklistItem,
    Command,
    DiskSpace,
    DownloadClient,
    HealthCheck,
    HistoryRecord,
    LibraryItem,
    PosterImage,
    QualityProfile,
    QueueItem,
    QueueStatus,
    RootFolder,
    SystemStatus,
)
from .query import QueryValue, format_instant
from .transport import API, ArrTransport

if TYPE_CHECKING:
    from datetime import datetime

    import aiohttp

# A poster is a few hundred KiB at most; anything bigger is not one.
MAX_POSTER_BYTES = 5 * 1024 * 1024


async def read_poster(response: StreamedResponse, max_bytes: int) -> PosterImage:
    """Read an image body, refusing other content and bodies over ``max_bytes``.

    A ``Content-Length`` over the cap is refused before the body is read.
    """
    content_type = response.headers.get("Content-Type", "").split(";")[0]
    content_type = content_type.strip().lower()
    if content_type not in POSTER_CONTENT_TYPES:
        raise MyflixResponseError(
            f"Expected a poster image, got {content_type or 'no content type'}"
        )
    announced = response.headers.get("Content-Length", "")
    if announced.isdigit() and int(announced) > max_bytes:
        raise MyflixResponseError(f"Poster larger than {max_bytes} bytes")
    body = (await response.read()).body
    if len(body) > max_bytes:
        raise MyflixResponseError(f"Poster larger than {max_bytes} bytes")
    if not body:
        raise MyflixResponseError("Empty poster image")
    return PosterImage(content_type, body)


async def fetch_remote_poster(
    session: aiohttp.ClientSession,
    url: str,
    *,
    max_bytes: int = MAX_POSTER_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> PosterImage:
    """Download a poster from its ``remoteUrl`` (TMDb, TheTVDB), without any key."""
    if not url.startswith(("https://", "http://")):
        raise MyflixResponseError("A poster's remote URL must be http(s)")
    async with http_exchange(
        session, "GET", url, timeout=timeout, headers={"Accept": "image/*"}
    ) as response:
        if response.status == 404:
            raise MyflixNotFoundError("The remote poster does not exist")
        if response.status != 200:
            raise MyflixResponseError(f"Remote poster: HTTP {response.status}")
        return await read_poster(response, max_bytes)


class ArrClient(ArrTransport):
    """What Radarr and Sonarr share: system, queue, commands, backups, posters."""

    #: query flag that makes the queue include downloads not matched to the library
    UNKNOWN_ITEMS_FLAG: ClassVar[str] = ""
    #: query flags that embed the library item(s) in history records
    HISTORY_INCLUDES: ClassVar[tuple[str, ...]] = ()
    #: download-client settings naming the categories the app files torrents under
    CATEGORY_FIELDS: ClassVar[tuple[str, ...]] = ()

    async def ping(self) -> bool:
        """Return True when ``/ping`` (no key) answers OK; transport errors raise."""
        try:
            response = await self._raw("GET", "/ping", auth=False)
            payload = response.json()
        except MyflixServerError, MyflixResponseError:
            return False
        return isinstance(payload, dict) and payload.get("status") == "OK"

    async def system_status(self) -> SystemStatus:
        """Return app name, version, instance name and URL base."""
        return await self._item("/system/status", SystemStatus.from_dict)

    async def health(self) -> list[HealthCheck]:
        """Return the app's current health warnings and errors."""
        return await self._list("/health", HealthCheck.from_dict)

    async def disk_space(self) -> list[DiskSpace]:
        """Return free/total bytes of every disk the app sees."""
        return await self._list("/diskspace", DiskSpace.from_dict)

    async def root_folders(self) -> list[RootFolder]:
        """Return the library root folders.

        Radarr has answered one folder as a bare object (Home Assistant's
        own Radarr integration has read both shapes since 2023).
        """
        return await self._list("/rootfolder", RootFolder.from_dict, lone_object=True)

    async def quality_profiles(self) -> list[QualityProfile]:
        """Return the quality profiles."""
        return await self._list("/qualityprofile", QualityProfile.from_dict)

    async def download_clients(self) -> list[DownloadClient]:
        """Return the configured download clients (their secrets are masked)."""
        return await self._list("/downloadclient", DownloadClient.from_dict)

    async def torrent_categories(self) -> set[str]:
        """Return the categories the app files its torrents under (enabled clients)."""
        return {
            category
            for client in await self.download_clients()
            if client.enable and client.protocol == "torrent"
            for category in client.categories(self.CATEGORY_FIELDS)
        }

    async def queue(
        self, *, page_size: int = 200, include_unknown: bool = True
    ) -> list[QueueItem]:
        """Return every queue record, walking all pages."""
        params: dict[str, QueryValue] = {}
        if self.UNKNOWN_ITEMS_FLAG:
            params[self.UNKNOWN_ITEMS_FLAG] = include_unknown
        return await self._paged("/queue", QueueItem.from_dict, params, page_size)

    async def wanted_missing_count(self, *, monitored: bool = True) -> int:
        """Count the missing movies or episodes without downloading them."""
        return await self._total("/wanted/missing", {"monitored": monitored})

    async def queue_status(self) -> QueueStatus:
        """Return the queue counters."""
        return await self._item("/queue/status", QueueStatus.from_dict)

    async def delete_queue_item(
        self,
        item_id: int,
        *,
        remove_from_client: bool = True,
        blocklist: bool = False,
        skip_redownload: bool = False,
    ) -> None:
        """Remove a queue record, optionally from the client and into the blocklist."""
        await self._delete(
            f"/queue/{int(item_id)}",
            {
                "removeFromClient": remove_from_client,
                "blocklist": blocklist,
                "skipRedownload": skip_redownload,
            },
        )

    async def command(self, name: str, **fields: Any) -> Command:
        """Start the server command ``name`` with its own camelCase ``fields``."""
        body = {"name": name, **fields}
        return Command.from_dict(await self._request("POST", "/command", json=body))

    async def get_command(self, command_id: int) -> Command:
        """Return the current state of a command."""
        return await self._item(f"/command/{int(command_id)}", Command.from_dict)

    async def blocklist(self, *, page_size: int = 200) -> list[BlocklistItem]:
        """Return every blocklisted release, walking all pages."""
        return await self._paged("/blocklist", BlocklistItem.from_dict, {}, page_size)

    async def delete_blocklist_item(self, item_id: int) -> None:
        """Take one release off the blocklist: it may be grabbed again."""
        await self._delete(f"/blocklist/{int(item_id)}", {})

    async def history_since(
        self, since: datetime, *, event_type: str | None = None
    ) -> list[HistoryRecord]:
        """History events at or after ``since``, oldest first, with their item."""
        params: dict[str, QueryValue] = {
            "date": format_instant(since),
            "eventType": event_type,
            **dict.fromkeys(self.HISTORY_INCLUDES, True),
        }
        return await self._list("/history/since", HistoryRecord.from_dict, params)

    async def backups(self) -> list[Backup]:
        """Return the backup archives the app keeps."""
        return await self._list("/system/backup", Backup.from_dict)

    async def download_backup(self, backup: Backup) -> bytes:
        """Download a backup archive (a zip) from its ``path`` under the URL base."""
        path = backup.path if backup.path.startswith("/") else f"/{backup.path}"
        response = await self._raw("GET", path)
        if not response.body:
            raise MyflixResponseError(f"{self.APP}: empty backup archive {backup.name}")
        return response.body

    async def library_item(self, item_id: int) -> LibraryItem:
        """Return one movie (Radarr) or series (Sonarr) of the library.

        ``MyflixNotFoundError`` if unknown; each app's client says which it is.
        """
        raise MyflixNotFoundError(f"{self.APP} has no library items")

    async def poster(
        self, item_id: int, *, max_bytes: int = MAX_POSTER_BYTES
    ) -> PosterImage:
        """Download a library item's poster: its 250 px copy, else the original.

        ``MyflixNotFoundError`` when the app has no poster of the item; a body
        that is not an image, or is over ``max_bytes``, raises
        ``MyflixResponseError``.
        """
        covers = f"{API}/mediacover/{int(item_id)}"
        try:
            return await self._image(f"{covers}/poster-250.jpg", max_bytes)
        except MyflixNotFoundError:
            # Posters cached before the app made its resized copies.
            return await self._image(f"{covers}/poster.jpg", max_bytes)

    async def _image(self, path: str, max_bytes: int) -> PosterImage:
        async with self._open("GET", path) as response:
            return await read_poster(response, max_bytes)

    @staticmethod
    def _add_body(
        lookup_raw: Mapping[str, Any],
        *,
        quality_profile_id: int,
        root_folder_path: str,
        monitored: bool,
        tags: Iterable[int],
        **extra: Any,
    ) -> dict[str, Any]:
        """Build an add (POST) body from a lookup result plus the user's choices."""
        body = {k: v for k, v in lookup_raw.items() if k not in ("id", "path")}
        body.update(
            qualityProfileId=int(quality_profile_id),
            rootFolderPath=root_folder_path,
            monitored=monitored,
            tags=[int(tag) for tag in tags],
            **extra,
        )
        return body
