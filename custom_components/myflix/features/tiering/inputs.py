"""What tiering needs from the rest of the entry: settings, busy torrents, library folders."""

from __future__ import annotations

from collections.abc import Mapping
import os
import re
from typing import TYPE_CHECKING, Any

from custom_components.myflix.clients.qbittorrent import TorrentStatus
from custom_components.myflix.const import (
    CONF_TIERING_ARCHIVE_ROOT,
    CONF_TIERING_EXCLUDES,
    CONF_TIERING_HIGH_WATERMARK,
    CONF_TIERING_HOT_ROOTS,
    CONF_TIERING_LOW_WATERMARK,
    CONF_TIERING_MIN_AGE,
    CONF_TIERING_MIN_SIZE,
    CONF_TIERING_MODE,
    CONF_TIERING_MOVE_SEEDING,
    CONF_TIERING_PATH_MAPPINGS,
    DEFAULT_TIERING_HIGH_WATERMARK,
    DEFAULT_TIERING_LOW_WATERMARK,
    DEFAULT_TIERING_MIN_AGE,
    DEFAULT_TIERING_MIN_SIZE,
)
from custom_components.myflix.engine.tiering import (
    DEFAULT_EXCLUDES,
    LibraryFolder,
    PathMappingError,
    PathMappings,
    ProtectedPaths,
    TieringConfig,
    TieringMode,
)
from custom_components.myflix.features.arr import RADARR, SONARR
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.services_common import backend_errors, current_data

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.myflix.entry import MyflixConfigEntry, MyflixRuntimeData

# Complete, but qBittorrent still reads (or is about to move) the data.
_BUSY_COMPLETE = frozenset({TorrentStatus.CHECKING, TorrentStatus.MOVING})


def split_list(value: Any) -> list[str]:
    """Split a comma or newline separated option (paths may hold spaces)."""
    return [
        part.strip() for part in re.split(r"[,\n]", str(value or "")) if part.strip()
    ]


def tiering_config(options: Mapping[str, Any]) -> TieringConfig | None:
    """Build the planner's settings from the options; None while not configured."""
    hot = tuple(
        os.path.normpath(p) for p in split_list(options.get(CONF_TIERING_HOT_ROOTS))
    )
    archive = str(options.get(CONF_TIERING_ARCHIVE_ROOT) or "").strip()
    if not hot or not archive:
        return None
    excludes = options.get(CONF_TIERING_EXCLUDES)
    return TieringConfig(
        hot_roots=hot,
        archive_root=os.path.normpath(archive),
        mode=TieringMode(options.get(CONF_TIERING_MODE, TieringMode.UNION)),
        high_watermark=float(
            options.get(CONF_TIERING_HIGH_WATERMARK, DEFAULT_TIERING_HIGH_WATERMARK)
        ),
        low_watermark=float(
            options.get(CONF_TIERING_LOW_WATERMARK, DEFAULT_TIERING_LOW_WATERMARK)
        ),
        min_age=float(options.get(CONF_TIERING_MIN_AGE, DEFAULT_TIERING_MIN_AGE))
        * 86400,
        min_size=int(options.get(CONF_TIERING_MIN_SIZE, DEFAULT_TIERING_MIN_SIZE))
        << 20,
        excludes=tuple(split_list(excludes))
        if excludes is not None
        else DEFAULT_EXCLUDES,
        move_seeding=bool(options.get(CONF_TIERING_MOVE_SEEDING, False)),
        path_mappings=path_mappings(options),
    )


def path_mappings(options: Mapping[str, Any]) -> PathMappings:
    """Read the mapping lines (checked by the options form; a bad one maps nothing)."""
    try:
        return PathMappings.parse(str(options.get(CONF_TIERING_PATH_MAPPINGS) or ""))
    except PathMappingError:
        return PathMappings()


def protected_paths(
    runtime: MyflixRuntimeData, mappings: PathMappings
) -> ProtectedPaths:
    """Name the data of every torrent still downloading or seeding.

    A torrent's ``content_path`` is its file, or the folder holding its files,
    as qBittorrent names it: ``mappings`` turn it into Home Assistant's path.
    Raises (translated) when qBittorrent is configured but its state is not
    known: moving blind could pull a file from under a download.
    """
    if (qbittorrent := runtime.get(QBITTORRENT)) is None:
        return ProtectedPaths()
    data = current_data(qbittorrent.sync)
    downloading: list[str] = []
    seeding: list[str] = []
    for torrent in data.torrents.values():
        path = mappings.to_local(
            torrent.content_path or os.path.join(torrent.save_path, torrent.name)
        )
        if not torrent.is_complete:
            downloading.append(path)
        elif torrent.is_seeding or torrent.status in _BUSY_COMPLETE:
            seeding.append(path)
    return ProtectedPaths(downloading=downloading, seeding=seeding)


async def library_folders(
    hass: HomeAssistant, entry: MyflixConfigEntry, mappings: PathMappings
) -> list[LibraryFolder]:
    """Every Radarr movie and Sonarr series folder (relocate mode moves these).

    Paths are Home Assistant's (through ``mappings``).
    """
    runtime = entry.runtime_data
    folders: list[LibraryFolder] = []
    if (radarr := runtime.get(RADARR)) is not None:
        with backend_errors(hass, entry, "radarr"):
            movies = await radarr.client.movies()
        folders += [
            LibraryFolder(
                app="radarr", item_id=movie.id, path=mappings.to_local(movie.path)
            )
            for movie in movies
            if movie.path
        ]
    if (sonarr := runtime.get(SONARR)) is not None:
        with backend_errors(hass, entry, "sonarr"):
            series_list = await sonarr.client.series_list()
        folders += [
            LibraryFolder(
                app="sonarr", item_id=series.id, path=mappings.to_local(series.path)
            )
            for series in series_list
            if series.path
        ]
    return folders
