"""The ``get_free_space`` action: free space where media and downloads land.

Read from the latest polls (Radarr's and Sonarr's root folders, qBittorrent's
download disk): asking costs no request. A source that is not answering is
named in ``unavailable``; the action fails only when none answers.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
from homeassistant.exceptions import HomeAssistantError

from custom_components.myflix.features.arr import RADARR, SONARR
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    current_parts,
    resolve_entry,
)

from . import QBITTORRENT

GET_FREE_SPACE_SCHEMA = vol.Schema(ENTRY_FIELDS)

# qBittorrent reports the free space of its default save path's disk.
DOWNLOADS = "downloads"


def _place(backend: str, path: str, free_bytes: int) -> dict[str, Any]:
    return {"backend": backend, "path": path, "free_bytes": free_bytes}


async def async_get_free_space(call: ServiceCall) -> ServiceResponse:
    """List each root folder and the download disk with its free bytes, least first."""
    runtime = resolve_entry(call).runtime_data
    places: list[dict[str, Any]] = []
    errors: dict[str, HomeAssistantError] = {}  # backend → why it is unavailable
    for arr in (runtime.get(RADARR), runtime.get(SONARR)):
        if arr is None:
            continue
        try:
            folders = current_parts(arr.status, "root_folders").root_folders or []
        except HomeAssistantError as err:
            errors[arr.key] = err
            continue
        places += [
            _place(arr.key, folder.path, folder.free_space)
            for folder in folders
            if folder.free_space is not None
        ]
    if (qbittorrent := runtime.get(QBITTORRENT)) is not None:
        try:
            free = current_parts(qbittorrent.sync).server_state.free_space_on_disk
        except HomeAssistantError as err:
            errors[qbittorrent.key] = err
        else:
            if free >= 0:  # -1: this qBittorrent does not report it
                places.append(_place(qbittorrent.key, DOWNLOADS, free))
    if errors and not places:
        raise next(iter(errors.values()))
    places.sort(key=lambda place: place["free_bytes"])
    response: dict[str, Any] = {
        "count": len(places),
        "places": places,
        "unavailable": list(errors),
    }
    return response
