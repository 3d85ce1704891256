"""Typed, immutable views of the Radarr / Sonarr v3 resources Myflix uses."""

from custom_components.myflix.clients.converters import (
    parse_date,
    parse_datetime,
    parse_timespan,
)

from .activity import Backup, BlocklistItem, Command, QueueItem, QueueStatus
from .base import ArrModel
from .download_client import DownloadClient
from .history import DOWNLOAD_IMPORTED, HistoryRecord
from .library import LibraryItem
from .media import POSTER_CONTENT_TYPES, MediaCover, PosterImage
from .movie import Movie
from .series import Episode, Season, Series
from .system import DiskSpace, HealthCheck, QualityProfile, RootFolder, SystemStatus

__all__ = [
    "DOWNLOAD_IMPORTED",
    "POSTER_CONTENT_TYPES",
    "ArrModel",
    "Backup",
    "BlocklistItem",
    "Command",
    "DiskSpace",
    "DownloadClient",
    "Episode",
    "HealthCheck",
    "HistoryRecord",
    "LibraryItem",
    "MediaCover",
    "Movie",
    "PosterImage",
    "QualityProfile",
    "QueueItem",
    "QueueStatus",
    "RootFolder",
    "Season",
    "Series",
    "SystemStatus",
    "parse_date",
    "parse_datetime",
    "parse_timespan",
]
