"""Adding a movie to Radarr or a series to Sonarr, by id or by title."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
import homeassistant.helpers.config_validation as cv
from homeassistant.helpers.typing import VolSchemaType

from custom_components.myflix.clients.arr.models import (
    LibraryItem,
    QualityProfile,
    RootFolder,
)
from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.clients.sonarr import SonarrClient
from custom_components.myflix.const import BACKEND_NAMES
from custom_components.myflix.features.arr import ARR
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ATTR_QUERY,
    ENTRY_FIELDS,
    backend_errors,
    require_backend,
    resolve_entry,
    validation_error,
)

ATTR_TMDB_ID = "tmdb_id"
ATTR_TVDB_ID = "tvdb_id"
ATTR_QUALITY_PROFILE = "quality_profile"
ATTR_ROOT_FOLDER = "root_folder"
ATTR_MONITOR = "monitor"
ATTR_SEARCH = "search"

# Sonarr's monitor types a user picks from when adding (not unknown/skip).
SERIES_MONITOR_TYPES = (
    "all",
    "future",
    "missing",
    "existing",
    "firstSeason",
    "lastSeason",
    "latestSeason",
    "pilot",
    "recent",
    "none",
)

_CHOICES: dict[vol.Marker, Any] = {
    vol.Optional(ATTR_QUALITY_PROFILE): vol.All(cv.string, vol.Strip),
    vol.Optional(ATTR_ROOT_FOLDER): vol.All(cv.string, vol.Strip),
    vol.Optional(ATTR_SEARCH, default=True): cv.boolean,
}


def _add_schema(id_field: str, monitor: Any, monitor_default: Any) -> VolSchemaType:
    """Take an id or a title (exactly one), plus the choices every add shares."""
    return vol.All(
        vol.Schema(
            {
                **ENTRY_FIELDS,
                vol.Exclusive(id_field, "media"): vol.All(
                    vol.Coerce(int), vol.Range(min=1)
                ),
                vol.Exclusive(ATTR_QUERY, "media"): vol.All(
                    cv.string, vol.Strip, vol.Length(min=1)
                ),
                **_CHOICES,
                vol.Optional(ATTR_MONITOR, default=monitor_default): monitor,
            }
        ),
        cv.has_at_least_one_key(id_field, ATTR_QUERY),
    )


ADD_MOVIE_SCHEMA = _add_schema(ATTR_TMDB_ID, cv.boolean, True)
ADD_SERIES_SCHEMA = _add_schema(ATTR_TVDB_ID, vol.In(SERIES_MONITOR_TYPES), "all")


@dataclass(frozen=True, kw_only=True)
class AddDescription:
    """How one backend looks an item up and adds it."""

    backend: str
    id_field: str
    id_term: str  # the lookup prefix for an id: ``tmdb`` / ``tvdb``
    id_fn: Callable[[Any], int]
    lookup_fn: Callable[[Any, str], Awaitable[list[Any]]]
    add_fn: Callable[..., Awaitable[Any]]


def _add_movie(
    client: RadarrClient, item: Any, data: Mapping[str, Any], **choices: Any
) -> Awaitable[Any]:
    return client.add_movie(
        item,
        monitored=data[ATTR_MONITOR],
        search=data[ATTR_SEARCH],
        **choices,
    )


def _add_series(
    client: SonarrClient, item: Any, data: Mapping[str, Any], **choices: Any
) -> Awaitable[Any]:
    monitor = data[ATTR_MONITOR]
    return client.add_series(
        item,
        monitored=monitor != "none",
        monitor=monitor,
        search=data[ATTR_SEARCH],
        **choices,
    )


MOVIE = AddDescription(
    backend="radarr",
    id_field=ATTR_TMDB_ID,
    id_term="tmdb",
    id_fn=lambda movie: movie.tmdb_id,
    lookup_fn=RadarrClient.lookup_movie,
    add_fn=_add_movie,
)
SERIES = AddDescription(
    backend="sonarr",
    id_field=ATTR_TVDB_ID,
    id_term="tvdb",
    id_fn=lambda series: series.tvdb_id,
    lookup_fn=SonarrClient.lookup_series,
    add_fn=_add_series,
)


def pick_profile(profiles: list[QualityProfile], name: str | None) -> QualityProfile:
    """Return the profile named (any case), else the first one the app lists."""
    if name is None:
        if not profiles:
            raise validation_error("no_quality_profile")
        return profiles[0]
    wanted = name.casefold()
    for profile in profiles:
        if profile.name.casefold() == wanted:
            return profile
    raise validation_error(
        "unknown_quality_profile",
        name=name,
        options=", ".join(profile.name for profile in profiles),
    )


def pick_folder(folders: list[RootFolder], path: str | None) -> RootFolder:
    """Return the root folder at ``path``, else the first accessible one."""
    if path is None:
        for folder in folders:
            if folder.accessible:
                return folder
        raise validation_error("no_root_folder")
    wanted = path.rstrip("/") or "/"
    for folder in folders:
        if (folder.path.rstrip("/") or "/") == wanted:
            return folder
    raise validation_error(
        "unknown_root_folder",
        path=path,
        options=", ".join(folder.path for folder in folders),
    )


async def _async_add(description: AddDescription, call: ServiceCall) -> ServiceResponse:
    """Look the item up, check the choices, add it and refresh the library counts."""
    hass, entry, data = call.hass, resolve_entry(call), call.data
    backend = description.backend
    runtime = require_backend(entry, backend, entry.runtime_data.get(ARR[backend]))
    client = runtime.client
    if (item_id := data.get(description.id_field)) is not None:
        term = f"{description.id_term}:{item_id}"
    else:
        term = data[ATTR_QUERY]
    with backend_errors(hass, entry, backend):
        found, profiles, folders = await asyncio.gather(
            description.lookup_fn(client, term),
            client.quality_profiles(),
            client.root_folders(),
        )
    if not found:
        raise validation_error(
            "media_not_found", query=term, backend=BACKEND_NAMES[backend]
        )
    item: LibraryItem = found[0]
    if item.id:
        raise validation_error(
            "already_in_library",
            title=f"{item.title} ({item.year})",
            path=item.path or "",
        )
    profile = pick_profile(profiles, data.get(ATTR_QUALITY_PROFILE))
    folder = pick_folder(folders, data.get(ATTR_ROOT_FOLDER))
    with backend_errors(hass, entry, backend):
        added: LibraryItem = await description.add_fn(
            client,
            item,
            data,
            quality_profile_id=profile.id,
            root_folder_path=folder.path,
        )
    await runtime.library.async_request_refresh()
    return {
        "id": added.id,
        "title": added.title,
        "year": added.year,
        description.id_field: description.id_fn(added),
        "path": added.path,
        "quality_profile": profile.name,
        "root_folder": folder.path,
        "monitored": added.monitored,
        "searching": data[ATTR_SEARCH],
    }


async_add_movie = partial(_async_add, MOVIE)
async_add_series = partial(_async_add, SERIES)
