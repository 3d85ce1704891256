"""``torrents/*``: list, inspect, add, start/stop and remove torrents."""

from __future__ import annotations

from collections.abc import Sequence

from custom_components.myflix.clients.errors import MyflixValidationError

from .fields import get_str
from .formats import Hashes, expect_type, join_hashes
from .models import PSEUDO_TRACKERS, TorrentProperties, Tracker
from .session import ApiRequest, QbittorrentSession
from .torrent import Torrent

# 5.x renamed two ``torrents/info`` filters; callers may use either name.
_FILTER_TO_V5 = {"paused": "stopped", "resumed": "running"}
_FILTER_TO_V4 = {new: old for old, new in _FILTER_TO_V5.items()}
_NOTHING_ADDED = "qBittorrent did not accept any of the torrents"

type TorrentFile = bytes | tuple[str, bytes]
"""The raw .torrent data, optionally with a file name."""


class TorrentsApi(QbittorrentSession):
    """Torrent listing, details and actions, in the server's 4.x or 5.x words."""

    async def torrents(
        self,
        *,
        filter: str | None = None,  # noqa: A002
        category: str | None = None,
        tag: str | None = None,
        hashes: Hashes | None = None,
    ) -> list[Torrent]:
        """``torrents/info``; ``paused``/``stopped`` and ``resumed``/``running`` both work."""
        params = await self._info_params(filter, category, tag, hashes)
        data = await self._get_json(
            "torrents/info",
            params,
            lambda item: Torrent.from_dict(item) if isinstance(item, dict) else None,
        )
        items = expect_type(data, list, "torrents")
        return [torrent for torrent in items if torrent is not None]

    async def torrent_hashes(self, *, filter: str | None = None) -> list[str]:  # noqa: A002
        """List the hashes ``torrents(filter=...)`` would, without building torrents.

        A killswitch check lists thousands of torrents; it needs only these.
        """
        params = await self._info_params(filter, None, None, None)
        hashes = await self._get_json(
            "torrents/info",
            params,
            lambda item: (
                get_str(item, "hash").lower() if isinstance(item, dict) else None
            ),
        )
        return [h for h in expect_type(hashes, list, "torrents") if h is not None]

    async def _info_params(
        self,
        filter: str | None,  # noqa: A002
        category: str | None,
        tag: str | None,
        hashes: Hashes | None,
    ) -> dict[str, str]:
        await self._ensure_login()  # the filter names depend on the version
        params: dict[str, str] = {}
        if filter is not None:
            table = _FILTER_TO_V5 if self.is_v5 else _FILTER_TO_V4
            params["filter"] = table.get(filter, filter)
        if category is not None:
            params["category"] = category
        if tag is not None:
            params["tag"] = tag
        if hashes is not None:
            params["hashes"] = join_hashes(hashes)
        return params

    async def properties(self, torrent_hash: str) -> TorrentProperties:
        """``torrents/properties``; MyflixNotFoundError for an unknown hash."""
        data = await self._get_json(
            "torrents/properties", {"hash": torrent_hash.lower()}
        )
        return TorrentProperties.from_dict(expect_type(data, dict, "properties"))

    async def trackers(self, torrent_hash: str) -> list[Tracker]:
        """Real trackers of a torrent (DHT/PeX/LSD pseudo-entries removed)."""
        data = await self._get_json("torrents/trackers", {"hash": torrent_hash.lower()})
        return [
            Tracker.from_dict(item)
            for item in expect_type(data, list, "trackers")
            if isinstance(item, dict) and item.get("url") not in PSEUDO_TRACKERS
        ]

    async def stop(self, hashes: Hashes) -> None:
        """Stop torrents (``torrents/pause`` on 4.x, ``torrents/stop`` on 5.x)."""
        await self._ensure_login()
        path = "torrents/stop" if self.is_v5 else "torrents/pause"
        await self._post(path, {"hashes": join_hashes(hashes)})

    async def start(self, hashes: Hashes) -> None:
        """Start torrents (``torrents/resume`` on 4.x, ``torrents/start`` on 5.x)."""
        await self._ensure_login()
        path = "torrents/start" if self.is_v5 else "torrents/resume"
        await self._post(path, {"hashes": join_hashes(hashes)})

    async def delete(self, hashes: Hashes, *, delete_files: bool) -> None:
        """Remove torrents, and their data when ``delete_files``."""
        data = {"hashes": join_hashes(hashes), "deleteFiles": str(delete_files).lower()}
        await self._post("torrents/delete", data)

    async def recheck(self, hashes: Hashes) -> None:
        """Force a hash check."""
        await self._post("torrents/recheck", {"hashes": join_hashes(hashes)})

    async def reannounce(self, hashes: Hashes) -> None:
        """Announce again to all trackers."""
        await self._post("torrents/reannounce", {"hashes": join_hashes(hashes)})

    async def set_force_start(self, hashes: Hashes, value: bool) -> None:
        """Force-start (ignore queue limits) or return to normal."""
        data = {"hashes": join_hashes(hashes), "value": str(value).lower()}
        await self._post("torrents/setForceStart", data)

    async def add(
        self,
        *,
        urls: Sequence[str] = (),
        torrent_files: Sequence[TorrentFile] = (),
        category: str | None = None,
        tags: Sequence[str] = (),
        save_path: str | None = None,
        stopped: bool = False,
    ) -> None:
        """Add magnet links / URLs and .torrent files; MyflixValidationError if none is accepted."""
        if not urls and not torrent_files:
            raise MyflixValidationError("Nothing to add")
        await self._ensure_login()  # the "stopped" field name depends on the version
        data: dict[str, str] = {
            "stopped" if self.is_v5 else "paused": str(stopped).lower()
        }
        if urls:
            data["urls"] = "\n".join(urls)
        if category is not None:
            data["category"] = category
        if tags:
            data["tags"] = ",".join(tags)
        if save_path is not None:
            data["savepath"] = save_path
        files = [
            item if isinstance(item, tuple) else (f"upload{index}.torrent", item)
            for index, item in enumerate(torrent_files)
        ]
        try:
            raw = await self._request(
                ApiRequest(
                    "POST", "torrents/add", data=data, files=files, multipart=True
                )
            )
        except MyflixValidationError as err:
            if err.errors == ["Conflict"]:  # 5.2+: 409 when nothing was added
                raise MyflixValidationError(_NOTHING_ADDED) from err
            raise
        text = raw.text.strip()
        if text == "Fails.":
            raise MyflixValidationError(_NOTHING_ADDED)
        if text.startswith("{"):  # 5.2+: {success_count, failure_count, ...}
            result = raw.json()
            if isinstance(result, dict) and not (
                result.get("success_count") or result.get("pending_count")
            ):
                raise MyflixValidationError(_NOTHING_ADDED)
