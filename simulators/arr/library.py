"""The library conventions both apps share: entries, adding, editing, searching."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
import re
from typing import Any, ClassVar

from aiohttp import web

from . import catalog
from .monitor import DownloadMonitor
from .system import SystemInfo
from .wire import V3, ValidationFailure, not_found, q_time, reply


def title_words(text: str) -> list[str]:
    """Split a title or search term into lower-case words, as lookups match them."""
    return re.findall(r"[a-z0-9]+", text.lower())


def sort_titles(title: str) -> dict[str, str]:
    """Derive ``sortTitle`` and ``cleanTitle`` from a title, as the apps do."""
    lower = title.lower()
    return {
        "sortTitle": lower.removeprefix("the "),
        "cleanTitle": re.sub(r"[^a-z0-9]", "", lower),
    }


class ArrLibrary(DownloadMonitor, SystemInfo):
    """Library entries (movies or series): their endpoints, adding and searching."""

    #: ``Movie`` or ``Series``: names the resource in paths, ids and messages
    ITEM: ClassVar[str] = ""
    #: ``tmdbId`` or ``tvdbId``: the id that identifies a lookup result
    EXTERNAL_ID: ClassVar[str] = ""
    #: the fields an edit (PUT) may change
    EDITABLE: ClassVar[tuple[str, ...]] = ()

    def _init_state(self) -> None:
        super()._init_state()
        #: folder changes made by edits: id, from, to, and the ``moveFiles`` flag
        #: (the files themselves are not simulated, so nothing moves either way)
        self.path_changes: list[dict[str, Any]] = []

    # ----- hooks for the apps ------------------------------------------------
    def _entries(self) -> dict[int, dict[str, Any]]:
        """Return the library by id."""
        raise NotImplementedError

    def resource(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Build the full API resource of a library entry."""
        raise NotImplementedError

    def folder_name(self, entry: dict[str, Any]) -> str:
        """Return the entry's folder name under a root folder."""
        raise NotImplementedError

    def _edit(self, entry: dict[str, Any], body: dict[str, Any]) -> None:
        """Apply what an edit (PUT) changes beyond the ``EDITABLE`` fields."""

    def _forget(self, entry: dict[str, Any], request: web.Request) -> None:
        """Clean up after an entry is deleted from the library."""

    async def _lookup(self, request: web.Request) -> web.Response:
        raise NotImplementedError

    async def _add(self, request: web.Request) -> web.Response:
        raise NotImplementedError

    async def _calendar(self, request: web.Request) -> web.Response:
        raise NotImplementedError

    async def _missing(self, request: web.Request) -> web.Response:
        raise NotImplementedError

    # ----- entries -----------------------------------------------------------
    def _new_entry(
        self, template: dict[str, Any], fields: dict[str, Any], **app_defaults: Any
    ) -> dict[str, Any]:
        """Build a library entry: the template, the given fields, then the defaults."""
        entry = {**template, "id": self.new_id(self.ITEM.lower()), **fields}
        defaults = {
            "qualityProfileId": 4,
            "monitored": True,
            **app_defaults,
            "tags": [],
            "added": self.now(),
            "path": f"{self.ROOT}/{self.folder_name(entry)}",
        }
        for key, value in defaults.items():
            entry.setdefault(key, value)
        return entry

    def by_external_id(self, value: int) -> dict[str, Any] | None:
        """Return the library entry with this TMDb / TheTVDB id, if any."""
        return next(
            (e for e in self._entries().values() if e[self.EXTERNAL_ID] == value), None
        )

    def id_of(self, title: str) -> int:
        """Return the id of the library entry with this title (as seeds name them)."""
        entry_id: int = next(
            e["id"] for e in self._entries().values() if e["title"] == title
        )
        return entry_id

    # ----- adding --------------------------------------------------------------
    def validate_add(self, body: Any) -> tuple[int, list[ValidationFailure]]:
        """Run the add validators both apps share: id, duplicate, profile, root folder."""
        body = body if isinstance(body, dict) else {}
        label = self.ITEM.lower()
        key = self.EXTERNAL_ID
        value, prop = body.get(key), key[0].upper() + key[1:]
        if not isinstance(value, int) or value <= 0:
            message = f"'{prop[:-2]} Id' must be greater than '0'."
            return 0, [(prop, message, value, "GreaterThanValidator")]
        errors: list[ValidationFailure] = []
        if self.by_external_id(value) is not None:
            message = f"This {label} has already been added"
            errors.append((prop, message, value, f"{label.title()}ExistsValidator"))
        profile = body.get("qualityProfileId")
        if profile not in {p["id"] for p in self.quality_profiles}:
            message = "Quality Profile does not exist"
            code = "QualityProfileExistsValidator"
            errors.append(("QualityProfileId", message, profile, code))
        root = body.get("rootFolderPath")
        if not root and not body.get("path"):
            message = "'Path' must not be empty."
            errors.append(("Path", message, None, "NotEmptyValidator"))
        elif root and root.rstrip("/") not in {f["path"] for f in self.root_folders}:
            message = f"Root folder '{root}' does not exist"
            errors.append(
                ("RootFolderPath", message, root, "RootFolderExistsValidator")
            )
        return value, errors

    def _chosen_fields(
        self, body: dict[str, Any], template: dict[str, Any], **app_fields: Any
    ) -> dict[str, Any]:
        """Return the entry fields a valid add (POST) body chooses."""
        root = body.get("rootFolderPath") or ""
        return {
            "qualityProfileId": body["qualityProfileId"],
            "monitored": bool(body.get("monitored", True)),
            **app_fields,
            "tags": list(body.get("tags") or []),
            "path": body.get("path")
            or f"{root.rstrip('/')}/{self.folder_name(template)}",
            "added": self.now(),
        }

    # ----- searching -----------------------------------------------------------
    @staticmethod
    def resolution(entry: dict[str, Any]) -> int:
        """Return the resolution the entry's quality profile wants (5 is Ultra-HD)."""
        return 2160 if entry["qualityProfileId"] == 5 else 1080

    async def grab_first_allowed(
        self, titles: Iterable[str], base_size: int, **entity: Any
    ) -> bool:
        """Grab the first release that is not blocklisted (titles come best first).

        Every release is also cross-posted on a second indexer under a
        slightly different name and the same info hash. The name check lets
        that copy through; only "Reject Blocklisted Torrent Hashes While
        Grabbing" (``reject_blocklisted_hashes``) stops it, by hash.
        """
        for title in titles:
            size = catalog.release_size(title, base_size)
            if not self.is_blocklisted(title):
                await self.grab(title, size=size, **entity)
                return True
            copy = f"{title}-{catalog.CROSS_POST_SUFFIX}"
            banned = self.blocklisted_hashes.get(title)
            if (
                banned
                and not self.reject_blocklisted_hashes
                and not self.is_blocklisted(copy)
            ):
                await self.grab(copy, size=size, info_hash=banned, **entity)
                return True
        return False

    def _calendar_window(self, request: web.Request) -> tuple[datetime, datetime]:
        """Read ``start`` / ``end`` of a calendar query (default: the next two days)."""
        today = catalog.midnight(self.now())
        start = q_time(request, "start", today)
        return start, q_time(request, "end", today + timedelta(days=2))

    # ----- endpoints -----------------------------------------------------------
    def _routes(self, router: web.UrlDispatcher) -> None:
        super()._routes(router)
        path = f"{V3}/{self.ITEM.lower()}"
        router.add_get(path, self._list_entries)
        router.add_post(path, self._add)
        router.add_get(f"{path}/lookup", self._lookup)
        router.add_get(f"{path}/{{id:\\d+}}", self._get_entry)
        router.add_put(f"{path}/{{id:\\d+}}", self._update_entry)
        router.add_delete(f"{path}/{{id:\\d+}}", self._delete_entry)
        router.add_get(f"{V3}/calendar", self._calendar)
        router.add_get(f"{V3}/wanted/missing", self._missing)

    def _no_such_entry(self, request: web.Request) -> web.Response:
        entry_id = request.match_info["id"]
        return not_found(f"{self.ITEM} with ID {entry_id} does not exist")

    async def _list_entries(self, request: web.Request) -> web.Response:
        wanted = request.query.get(self.EXTERNAL_ID)
        return reply(
            [
                self.resource(e)
                for e in self._entries().values()
                if wanted is None or e[self.EXTERNAL_ID] == int(wanted)
            ]
        )

    async def _get_entry(self, request: web.Request) -> web.Response:
        entry = self._entries().get(int(request.match_info["id"]))
        if entry is None:
            return self._no_such_entry(request)
        return reply(self.resource(entry))

    async def _update_entry(self, request: web.Request) -> web.Response:
        entry = self._entries().get(int(request.match_info["id"]))
        if entry is None:
            return self._no_such_entry(request)
        body = await request.json()
        if "path" in self.EDITABLE and body.get("path", entry["path"]) != entry["path"]:
            self.path_changes.append(
                {
                    "id": entry["id"],
                    "from": entry["path"],
                    "to": body["path"],
                    "moveFiles": request.query.get("moveFiles", "false") == "true",
                }
            )
        for key in self.EDITABLE:
            if key in body:
                entry[key] = body[key]
        self._edit(entry, body)
        return reply(self.resource(entry), 202)

    async def _delete_entry(self, request: web.Request) -> web.Response:
        entry = self._entries().pop(int(request.match_info["id"]), None)
        if entry is None:
            return self._no_such_entry(request)
        self._forget(entry, request)
        return web.Response()
