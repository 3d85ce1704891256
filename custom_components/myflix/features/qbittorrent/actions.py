"""qBittorrent actions: list torrents, stop and start them, set the speed limits."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
import homeassistant.helpers.config_validation as cv

from custom_components.myflix.clients.qbittorrent import Torrent, TorrentStatus
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.features.vpn import KILLSWITCH
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ATTR_LIMIT,
    ENTRY_FIELDS,
    SPEED_LIMIT,
    TORRENT_HASH,
    backend_errors,
    current_data,
    limit_field,
    limited,
    percent,
    require_backend,
    resolve_entry,
    validation_error,
)

from . import QBITTORRENT
from .coordinator import QbittorrentRuntime

ATTR_STATUS = "status"
ATTR_CATEGORY = "category"
ATTR_HASHES = "hashes"
ATTR_DOWNLOAD_LIMIT = "download_limit"
ATTR_UPLOAD_LIMIT = "upload_limit"
ATTR_ALTERNATIVE = "alternative"

# The status filters of get_torrents, over the state normalised for 4.x and 5.x.
STATUS_FILTERS: dict[str, Callable[[Torrent], bool]] = {
    "all": lambda torrent: True,
    "downloading": lambda torrent: torrent.is_downloading,
    "seeding": lambda torrent: torrent.is_seeding,
    "stopped": lambda torrent: torrent.is_stopped,
    "stalled": lambda torrent: torrent.is_stalled,
    # What "what's stalled?" means: downloads stuck, not idle seeds.
    "stalled_downloading": lambda torrent: (
        torrent.status is TorrentStatus.STALLED_DOWNLOADING
    ),
    "errored": lambda torrent: torrent.is_errored,
    "active": lambda torrent: torrent.dlspeed > 0 or torrent.upspeed > 0,
}
# Hash lists in responses stop here; the count says how many there were.
MAX_HASHES = 50
_EPOCH = datetime.min.replace(tzinfo=UTC)
# A torrent's ``state`` follows a stop or start on qBittorrent's refresh timer
# (``refresh_interval``, 1.5 s stock; 5.x also applies the stop after it
# answers): the action re-reads until the change shows, this long at most.
SWITCH_SHOWS_WITHIN = 2.0
SWITCH_REREAD_EVERY = 0.25

GET_TORRENTS_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_STATUS, default="all"): vol.In(tuple(STATUS_FILTERS)),
        vol.Optional(ATTR_CATEGORY): cv.string,
        **limit_field(25, 500),
    }
)
SWITCH_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_HASHES): vol.All(
            cv.ensure_list, vol.Length(min=1), [TORRENT_HASH]
        ),
    }
)
SET_SPEED_LIMITS_SCHEMA = vol.All(
    vol.Schema(
        {
            **ENTRY_FIELDS,
            vol.Optional(ATTR_DOWNLOAD_LIMIT): SPEED_LIMIT,
            vol.Optional(ATTR_UPLOAD_LIMIT): SPEED_LIMIT,
            vol.Optional(ATTR_ALTERNATIVE): cv.boolean,
        }
    ),
    cv.has_at_least_one_key(ATTR_DOWNLOAD_LIMIT, ATTR_UPLOAD_LIMIT, ATTR_ALTERNATIVE),
)


def _qbittorrent(entry: MyflixConfigEntry) -> QbittorrentRuntime:
    return require_backend(entry, "qbittorrent", entry.runtime_data.get(QBITTORRENT))


def _torrent(torrent: Torrent) -> dict[str, Any]:
    return {
        "name": torrent.name,
        "hash": torrent.hash,
        "status": torrent.status.value,
        "progress": percent(torrent.progress, 1),
        "download_speed": torrent.dlspeed,
        "upload_speed": torrent.upspeed,
        "size": torrent.size,
        "eta": torrent.eta,
        "category": torrent.category,
        "tags": torrent.tags,
    }


async def async_get_torrents(call: ServiceCall) -> ServiceResponse:
    """Torrents from the latest sync, newest first, filtered by status and category."""
    data = current_data(_qbittorrent(resolve_entry(call)).sync)
    keep = STATUS_FILTERS[call.data[ATTR_STATUS]]
    category = call.data.get(ATTR_CATEGORY)
    torrents = sorted(
        (
            torrent
            for torrent in data.torrents.values()
            if keep(torrent) and (category is None or torrent.category == category)
        ),
        key=lambda torrent: torrent.added_on or _EPOCH,
        reverse=True,
    )
    return limited([_torrent(torrent) for torrent in torrents], call.data[ATTR_LIMIT])


async def _async_switch(call: ServiceCall, *, stop: bool) -> ServiceResponse:
    """Stop or start the given torrents, or all of them."""
    hass, entry = call.hass, resolve_entry(call)
    runtime = _qbittorrent(entry)
    sync = runtime.sync
    known = sync.data.torrents if sync.last_update_success and sync.data else None
    if (hashes := call.data.get(ATTR_HASHES)) is not None:
        targets = list(dict.fromkeys(hashes))
        if known is not None and (
            unknown := [torrent for torrent in targets if torrent not in known]
        ):
            raise validation_error("unknown_torrents", hashes=", ".join(unknown))
    else:
        # Report what changes: every torrent not yet stopped (or not yet started).
        targets = [
            h for h, torrent in (known or {}).items() if torrent.is_stopped != stop
        ]
    with backend_errors(hass, entry, "qbittorrent"):
        switch = runtime.client.stop if stop else runtime.client.start
        await switch(targets if hashes is not None else "all")
    if stop and (guard := entry.runtime_data.get(KILLSWITCH)) is not None:
        # What the user stops stays stopped when the killswitch releases.
        await guard.killswitch.forget(
            targets if hashes is not None else list(known or ())
        )
    await _async_refresh_until_switched(runtime, targets, stop=stop)
    return {"all": hashes is None, **limited(targets, MAX_HASHES, "hashes")}


async def _async_refresh_until_switched(
    runtime: QbittorrentRuntime, targets: list[str], *, stop: bool
) -> None:
    """Refresh now, not debounced, until the targets show the change (bounded).

    The next read (a sensor, ``get_torrents``, a resume right after a pause)
    must see the torrents as they now are, not as the last refresh timer did.
    """
    sync = runtime.sync
    deadline = asyncio.get_running_loop().time() + SWITCH_SHOWS_WITHIN
    while True:
        await sync.async_refresh()
        data = sync.fresh_data
        if data is None or all(
            _shows_switch(torrent, stop=stop)
            for key in targets
            if (torrent := data.torrents.get(key)) is not None
        ):
            return
        if asyncio.get_running_loop().time() >= deadline:
            return
        await asyncio.sleep(SWITCH_REREAD_EVERY)


def _shows_switch(torrent: Torrent, *, stop: bool) -> bool:
    """Whether the state says stopped (started); errored and moving never will."""
    if torrent.is_stopped or torrent.is_downloading or torrent.is_seeding:
        return torrent.is_stopped == stop
    return True


async def async_pause_downloads(call: ServiceCall) -> ServiceResponse:
    """Stop torrents (pause on qBittorrent 4, stop on 5)."""
    return await _async_switch(call, stop=True)


async def async_resume_downloads(call: ServiceCall) -> ServiceResponse:
    """Start torrents again (resume on qBittorrent 4, start on 5)."""
    return await _async_switch(call, stop=False)


async def async_set_speed_limits(call: ServiceCall) -> ServiceResponse:
    """Set the global limits (KiB/s, 0 = none) and/or the alternative mode."""
    hass, entry, data = call.hass, resolve_entry(call), call.data
    runtime = _qbittorrent(entry)
    client = runtime.client
    with backend_errors(hass, entry, "qbittorrent"):
        # The mode first: qBittorrent sets the limits of the mode in effect.
        if (alternative := data.get(ATTR_ALTERNATIVE)) is not None:
            await client.set_speed_limits_mode(alternative)
        if (download := data.get(ATTR_DOWNLOAD_LIMIT)) is not None:
            await client.set_download_limit(download * 1024)
        if (upload := data.get(ATTR_UPLOAD_LIMIT)) is not None:
            await client.set_upload_limit(upload * 1024)
    await runtime.settings.async_refresh()
    applied = (ATTR_DOWNLOAD_LIMIT, ATTR_UPLOAD_LIMIT, ATTR_ALTERNATIVE)
    return {key: data[key] for key in applied if key in data}
