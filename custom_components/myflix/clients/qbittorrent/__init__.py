"""Async client for the qBittorrent WebUI API v2, 4.1 to 5.2.

``QbittorrentClient`` logs in lazily with the cookie session, reads
``app/webapiVersion`` once to pick the 4.x (pause/resume, ``paused``) or 5.x
(stop/start, ``stopped``) vocabulary, logs in again once on a 403, and merges
``sync/maindata`` deltas into a typed snapshot. Every request goes through
``http_request`` so every failure is one of our own exceptions.

Modules: ``session`` (login and the request core), ``app``, ``transfer``,
``torrents`` and ``labels`` (one API area each), ``sync`` (maindata merging),
``client`` (all of them on one class), ``torrent`` and ``models`` (typed
replies, read through ``fields``) and ``formats`` (the API's text formats).
"""

from .client import QbittorrentClient
from .fields import split_tags
from .formats import Hashes, join_hashes, parse_version
from .models import (
    PSEUDO_TRACKERS,
    Category,
    MainData,
    Preferences,
    ServerState,
    TorrentProperties,
    Tracker,
    TransferInfo,
)
from .session import V5_API_VERSION
from .torrent import ETA_INFINITE, Torrent, TorrentCounts, TorrentStatus
from .torrents import TorrentFile

__all__ = [
    "ETA_INFINITE",
    "PSEUDO_TRACKERS",
    "V5_API_VERSION",
    "Category",
    "Hashes",
    "MainData",
    "Preferences",
    "QbittorrentClient",
    "ServerState",
    "Torrent",
    "TorrentCounts",
    "TorrentFile",
    "TorrentProperties",
    "TorrentStatus",
    "Tracker",
    "TransferInfo",
    "join_hashes",
    "parse_version",
    "split_tags",
]
