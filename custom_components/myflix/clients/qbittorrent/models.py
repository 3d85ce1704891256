"""Typed, tolerant models of the rest of the WebAPI (4.x and 5.x).

Every ``from_dict`` accepts unknown keys and fills missing ones with a
neutral default, so a newer or older server never breaks parsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .fields import get_bool, get_float, get_int, get_str, get_time
from .torrent import Torrent, TorrentCounts

if TYPE_CHECKING:
    from collections.abc import Mapping

PSEUDO_TRACKERS = frozenset({"** [DHT] **", "** [PeX] **", "** [LSD] **"})


def _transfer_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """Read the ``transfer/info`` fields, which ``server_state`` repeats."""
    return {
        "connection_status": get_str(data, "connection_status", "unknown"),
        "dht_nodes": get_int(data, "dht_nodes"),
        "dl_info_data": get_int(data, "dl_info_data"),
        "dl_info_speed": get_int(data, "dl_info_speed"),
        "dl_rate_limit": get_int(data, "dl_rate_limit"),
        "up_info_data": get_int(data, "up_info_data"),
        "up_info_speed": get_int(data, "up_info_speed"),
        "up_rate_limit": get_int(data, "up_rate_limit"),
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class TransferInfo:
    """``transfer/info``: global speeds, totals and the limits in effect now."""

    connection_status: str
    dht_nodes: int
    dl_info_data: int
    dl_info_speed: int
    dl_rate_limit: int
    up_info_data: int
    up_info_speed: int
    up_rate_limit: int

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TransferInfo:
        """Build from the JSON object."""
        return cls(**_transfer_fields(data))


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerState:
    """The ``server_state`` section of ``sync/maindata``."""

    connection_status: str
    dl_info_speed: int
    up_info_speed: int
    dl_info_data: int
    up_info_data: int
    dl_rate_limit: int
    up_rate_limit: int
    free_space_on_disk: int
    use_alt_speed_limits: bool
    dht_nodes: int
    alltime_dl: int
    alltime_ul: int
    last_external_address_v4: str | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ServerState:
        """Build from a (possibly empty) ``server_state`` mapping."""
        external = data.get("last_external_address_v4")
        return cls(
            **_transfer_fields(data),
            free_space_on_disk=get_int(data, "free_space_on_disk", -1),
            use_alt_speed_limits=get_bool(data, "use_alt_speed_limits"),
            alltime_dl=get_int(data, "alltime_dl"),
            alltime_ul=get_int(data, "alltime_ul"),
            last_external_address_v4=external
            if isinstance(external, str) and external
            else None,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Category:
    """A torrent category and its save path ("" = default)."""

    name: str
    save_path: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "") -> Category:
        """Build from ``{name, savePath}``."""
        return cls(
            name=get_str(data, "name", name) or name,
            save_path=get_str(data, "savePath"),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Tracker:
    """One real tracker of a torrent (pseudo-trackers are filtered out)."""

    url: str
    status: int
    tier: int
    num_peers: int
    num_seeds: int
    num_leeches: int
    num_downloaded: int
    msg: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Tracker:
        """Build from one entry of ``torrents/trackers``."""
        return cls(
            url=get_str(data, "url"),
            status=get_int(data, "status"),
            tier=get_int(data, "tier", -1),
            num_peers=get_int(data, "num_peers", -1),
            num_seeds=get_int(data, "num_seeds", -1),
            num_leeches=get_int(data, "num_leeches", -1),
            num_downloaded=get_int(data, "num_downloaded", -1),
            msg=get_str(data, "msg") or _endpoint_message(data),
        )

    @property
    def is_working(self) -> bool:
        """Status 2 = working."""
        return self.status == 2


def _endpoint_message(data: Mapping[str, Any]) -> str:
    """5.x: the first message of the tracker's ``endpoints`` (its own may be empty)."""
    endpoints = data.get("endpoints")
    if not isinstance(endpoints, list):
        return ""
    for endpoint in endpoints:
        if isinstance(endpoint, dict) and (message := get_str(endpoint, "msg")):
            return message
    return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class TorrentProperties:
    """The useful part of ``torrents/properties``."""

    hash: str
    name: str
    save_path: str
    is_private: bool | None
    comment: str
    created_by: str
    total_size: int
    piece_size: int
    pieces_have: int
    pieces_num: int
    seeds: int
    seeds_total: int
    peers: int
    peers_total: int
    share_ratio: float
    time_elapsed: int
    seeding_time: int
    addition_date: datetime | None
    completion_date: datetime | None
    last_seen: datetime | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TorrentProperties:
        """Build from the JSON object (``is_private`` is absent before 4.4)."""
        private = data.get("is_private", data.get("private"))
        return cls(
            hash=get_str(data, "hash").lower(),
            name=get_str(data, "name"),
            save_path=get_str(data, "save_path"),
            is_private=private if isinstance(private, bool) else None,
            comment=get_str(data, "comment"),
            created_by=get_str(data, "created_by"),
            total_size=get_int(data, "total_size", -1),
            piece_size=get_int(data, "piece_size", -1),
            pieces_have=get_int(data, "pieces_have", -1),
            pieces_num=get_int(data, "pieces_num", -1),
            seeds=get_int(data, "seeds"),
            seeds_total=get_int(data, "seeds_total"),
            peers=get_int(data, "peers"),
            peers_total=get_int(data, "peers_total"),
            share_ratio=get_float(data, "share_ratio"),
            time_elapsed=get_int(data, "time_elapsed"),
            seeding_time=get_int(data, "seeding_time"),
            addition_date=get_time(data, "addition_date"),
            completion_date=get_time(data, "completion_date"),
            last_seen=get_time(data, "last_seen"),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class MainData:
    """The client's merged view after one ``sync/maindata`` round."""

    rid: int
    full_update: bool
    torrents: dict[str, Torrent]
    categories: dict[str, Category]
    tags: list[str]
    server_state: ServerState
    changed: frozenset[str]
    removed: frozenset[str]
    counts: TorrentCounts
    """The torrents counted by status, kept as they merge."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Preferences:
    """Typed view of the ``app/preferences`` keys Myflix uses."""

    save_path: str
    temp_path_enabled: bool
    temp_path: str
    dl_limit: int
    up_limit: int
    alt_dl_limit: int
    alt_up_limit: int
    scheduler_enabled: bool
    queueing_enabled: bool
    max_active_downloads: int
    max_active_torrents: int
    max_active_uploads: int
    max_ratio_enabled: bool
    max_ratio: float
    max_seeding_time_enabled: bool
    max_seeding_time: int
    listen_port: int
    web_ui_port: int
    web_ui_username: str
    add_stopped: bool
    dht: bool
    pex: bool
    lsd: bool
    upnp: bool

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Preferences:
        """Build from ``app/preferences`` (4.x ``start_paused_enabled`` or 5.x ``add_stopped_enabled``)."""
        return cls(
            save_path=get_str(data, "save_path"),
            temp_path_enabled=get_bool(data, "temp_path_enabled"),
            temp_path=get_str(data, "temp_path"),
            dl_limit=get_int(data, "dl_limit"),
            up_limit=get_int(data, "up_limit"),
            alt_dl_limit=get_int(data, "alt_dl_limit"),
            alt_up_limit=get_int(data, "alt_up_limit"),
            scheduler_enabled=get_bool(data, "scheduler_enabled"),
            queueing_enabled=get_bool(data, "queueing_enabled"),
            max_active_downloads=get_int(data, "max_active_downloads", -1),
            max_active_torrents=get_int(data, "max_active_torrents", -1),
            max_active_uploads=get_int(data, "max_active_uploads", -1),
            max_ratio_enabled=get_bool(data, "max_ratio_enabled"),
            max_ratio=get_float(data, "max_ratio", -1.0),
            max_seeding_time_enabled=get_bool(data, "max_seeding_time_enabled"),
            max_seeding_time=get_int(data, "max_seeding_time", -1),
            listen_port=get_int(data, "listen_port"),
            web_ui_port=get_int(data, "web_ui_port"),
            web_ui_username=get_str(data, "web_ui_username"),
            add_stopped=get_bool(
                data, "add_stopped_enabled", get_bool(data, "start_paused_enabled")
            ),
            dht=get_bool(data, "dht"),
            pex=get_bool(data, "pex"),
            lsd=get_bool(data, "lsd"),
            upnp=get_bool(data, "upnp"),
        )
