"""``torrents/*`` except labels and adding: list, inspect, start/stop, remove."""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any

from simulators.qbittorrent.api import (
    ApiError,
    Call,
    Params,
    Reply,
    RouteGroup,
    Routes,
    hash_set,
    one_torrent,
    require,
    select_torrents,
)
from simulators.qbittorrent.filters import is_active, known_filter, matches_filter
from simulators.qbittorrent.render import properties, torrent_dicts, tracker_list
from simulators.qbittorrent.torrent import RECHECK_SECONDS


class TorrentRoutes(RouteGroup):
    """Torrent listing, details and actions, in the 4.x or 5.x vocabulary."""

    def routes(self) -> Routes:
        """Return this area's ``torrents/*`` handlers (5.x renamed pause/resume)."""
        v5 = self.state.v5
        return Routes(
            get={
                "torrents/info": self._info,
                "torrents/properties": self._properties,
                "torrents/trackers": self._trackers,
            },
            post={
                "torrents/stop" if v5 else "torrents/pause": self._stop,
                "torrents/start" if v5 else "torrents/resume": self._start,
                "torrents/delete": self._delete,
                "torrents/recheck": self._recheck,
                "torrents/reannounce": self._reannounce,
                "torrents/setForceStart": self._set_force_start,
            },
        )

    async def _info(self, call: Call) -> Reply:
        params = call.params
        items = self._matching(params)
        if sort := params.get("sort"):
            if items and sort not in items[0]:
                raise ApiError(400, "'sort' parameter is invalid")
            items.sort(
                key=lambda d: (
                    str(d[sort]).casefold() if isinstance(d[sort], str) else d[sort]
                )
            )
        if params.get("reverse", "").lower() in ("true", "1"):
            items.reverse()
        offset = int(params.get("offset", "0") or 0)
        if offset < 0:
            offset = max(0, len(items) + offset)
        limit = int(params.get("limit", "0") or 0)
        return items[offset : offset + limit] if limit > 0 else items[offset:]

    def _matching(self, params: Params) -> list[dict[str, Any]]:
        """Render the torrents passing the hashes, category, tag and filter params."""
        state = self.state
        name = known_filter(params.get("filter", "all"), v5=state.v5)
        wanted = hash_set(params["hashes"]) if "hashes" in params else None
        tag = params.get("tag")
        items = []
        for torrent_hash, data in torrent_dicts(state, with_hash=True).items():
            torrent = state.torrents[torrent_hash]
            if wanted is not None and torrent_hash not in wanted:
                continue
            if "category" in params and torrent.category != params["category"]:
                continue
            # tag="" selects the untagged torrents.
            if tag is not None and (tag not in torrent.tags if tag else torrent.tags):
                continue
            active = is_active(torrent, v5=state.v5)
            if matches_filter(
                data["state"], name, active=active, stopped=torrent.stopped
            ):
                items.append(data)
        return items

    async def _properties(self, call: Call) -> Reply:
        return properties(self.state, one_torrent(self.state, call.params))

    async def _trackers(self, call: Call) -> Reply:
        return tracker_list(one_torrent(self.state, call.params))

    async def _stop(self, call: Call) -> Reply:
        for torrent in select_torrents(self.state, call.params):
            torrent.switch(stopped=True, state_lag=self.state.state_lag)
            torrent.force_start = False
        return None

    async def _start(self, call: Call) -> Reply:
        for torrent in select_torrents(self.state, call.params):
            torrent.switch(stopped=False, state_lag=self.state.state_lag)
            if torrent.fixed_state == "error":
                torrent.fixed_state = None
        return None

    async def _delete(self, call: Call) -> Reply:
        (delete_files,) = require(call.params, "deleteFiles")
        for torrent in select_torrents(self.state, call.params):
            del self.state.torrents[torrent.hash]
            if delete_files.lower() == "true" and torrent.data_file:
                with contextlib.suppress(OSError):
                    os.remove(torrent.data_file)
        return None

    async def _recheck(self, call: Call) -> Reply:
        for torrent in select_torrents(self.state, call.params):
            if torrent.has_metadata:
                torrent.checking_until = time.monotonic() + RECHECK_SECONDS
        return None

    async def _reannounce(self, call: Call) -> Reply:
        select_torrents(self.state, call.params)  # only validates "hashes"
        return None

    async def _set_force_start(self, call: Call) -> Reply:
        (value,) = require(call.params, "value")
        for torrent in select_torrents(self.state, call.params):
            torrent.force_start = value.lower() == "true"
            if torrent.force_start:
                torrent.stopped = False
        return None
