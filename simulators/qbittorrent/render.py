"""The simulator's state as the JSON qBittorrent sends.

Torrent objects carry exactly the keys 4.5.2 sends (plus the 5.x ones in
5.x mode), so a test comparing key sets against captured samples holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from .state import QbtState
    from .torrent import SimTorrent

ETA_INFINITE = 8640000
PSEUDO_TRACKERS = ("** [DHT] **", "** [PeX] **", "** [LSD] **")


def _eta(t: SimTorrent) -> int:
    left = max(0, t.size - int(t.completed))
    return min(ETA_INFINITE, left // t.dlspeed) if t.dlspeed else ETA_INFINITE


def _ratio(t: SimTorrent) -> float:
    done = max(t.downloaded, t.completed)
    return round(t.uploaded / done, 4) if done else 0


def _queue_positions(state: QbtState) -> dict[str, int]:
    """Queue position of each incomplete torrent (complete ones have none: 0)."""
    incomplete = [t for t in state.torrents.values() if not t.complete]
    return {t.hash: index for index, t in enumerate(incomplete, start=1)}


def torrent_dicts(state: QbtState, *, with_hash: bool) -> dict[str, dict[str, Any]]:
    """Every torrent rendered, by hash (``sync/maindata`` leaves ``hash`` out)."""
    state.refresh()
    positions = _queue_positions(state)
    return {
        h: render_torrent(state, t, positions.get(h, 0), with_hash=with_hash)
        for h, t in state.torrents.items()
    }


def render_torrent(
    state: QbtState, t: SimTorrent, position: int, *, with_hash: bool
) -> dict[str, Any]:
    """One torrent object with the keys of ``torrents/info`` (``hash`` optional)."""
    working = [tr["url"] for tr in t.trackers if tr.get("status") == 2]
    if not working and state.v52:
        # 5.3.0 names the tracker it last announced to even when it failed.
        working = [tr["url"] for tr in t.trackers if tr.get("status") in (4, 5, 6)]
    content = f"{t.save_path.rstrip('/')}/{t.name}"
    magnet = f"magnet:?xt=urn:btih:{t.hash}&dn={quote(t.name)}" + "".join(
        f"&tr={quote(tr['url'], safe='')}" for tr in t.trackers
    )
    data: dict[str, Any] = {
        "added_on": t.added_on,
        "amount_left": max(0, t.size - int(t.completed)),
        "auto_tmm": False,
        "availability": -1 if t.complete else float(t.num_seeds),
        "category": t.category,
        "completed": int(t.completed),
        "completion_on": t.completion_on,
        "content_path": content,
        "dl_limit": 0,
        "dlspeed": t.dlspeed,
        "download_path": t.download_path,
        "downloaded": int(t.downloaded),
        "downloaded_session": int(t.downloaded_session),
        "eta": _eta(t),
        "f_l_piece_prio": False,
        "force_start": t.force_start,
        "infohash_v1": t.hash,
        "infohash_v2": "",
        "last_activity": t.last_activity or t.added_on,
        "magnet_uri": magnet,
        "max_ratio": -1,
        "max_seeding_time": -1,
        "name": t.name,
        "num_complete": t.num_complete,
        "num_incomplete": t.num_incomplete,
        "num_leechs": t.num_leechs,
        "num_seeds": t.num_seeds,
        "priority": position,
        "progress": round(t.progress, 6),
        "ratio": _ratio(t),
        "ratio_limit": -2,
        "save_path": t.save_path,
        "seeding_time": int(t.seeding_time),
        "seeding_time_limit": -2,
        "seen_complete": t.seen_complete,
        "seq_dl": False,
        "size": t.size,
        "state": t.state(state.v5),
        "super_seeding": False,
        "tags": ", ".join(sorted(t.tags, key=str.lower)),
        "time_active": int(t.time_active),
        "total_size": t.size,
        "tracker": working[0] if working else "",
        "trackers_count": len(t.trackers),
        "up_limit": 0,
        "uploaded": int(t.uploaded),
        "uploaded_session": int(t.uploaded_session),
        "upspeed": t.upspeed,
    }
    if with_hash:
        data["hash"] = t.hash
    if state.v5:
        data.update(
            comment=t.comment,
            has_metadata=t.has_metadata,
            inactive_seeding_time_limit=-2,
            max_inactive_seeding_time=-1,
            popularity=t.popularity,
            private=t.private if t.has_metadata else None,
            reannounce=0,
            root_path=content if t.multi_file else "",
        )
    if state.v52:
        pieces = -(-t.size // t.piece_size) if t.has_metadata else -1
        data.update(
            connections_count=t.num_seeds + t.num_leechs if t.running else 0,
            connections_limit=100,
            created_by=t.created_by,
            creation_date=t.added_on - 86400 if t.has_metadata else -1,
            piece_size=t.piece_size if t.has_metadata else -1,
            pieces_have=int(pieces * t.progress) if t.has_metadata else 0,
            pieces_num=pieces,
            share_limit_action="Default",
            share_limits_mode="Default",
            total_wasted=0,
        )
    return data


def properties(state: QbtState, t: SimTorrent) -> dict[str, Any]:
    """``torrents/properties`` (4.5.2 keys)."""
    state.refresh()
    pieces = -(-t.size // t.piece_size) if t.has_metadata else -1
    return {
        "addition_date": t.added_on,
        "comment": t.comment,
        "completion_date": t.completion_on if t.complete else -1,
        "created_by": t.created_by,
        "creation_date": t.added_on - 86400 if t.has_metadata else -1,
        "dl_limit": -1,
        "dl_speed": t.dlspeed,
        "dl_speed_avg": t.dlspeed,
        "download_path": t.download_path,
        "eta": _eta(t),
        "hash": t.hash,
        "infohash_v1": t.hash,
        "infohash_v2": "",
        "is_private": bool(t.private),
        "last_seen": t.seen_complete or -1,
        "name": t.name,
        "nb_connections": t.num_seeds + t.num_leechs if t.running else 0,
        "nb_connections_limit": 100,
        "peers": t.num_leechs,
        "peers_total": t.num_incomplete,
        "piece_size": t.piece_size if t.has_metadata else -1,
        "pieces_have": int(pieces * t.progress) if t.has_metadata else 0,
        "pieces_num": pieces,
        "reannounce": 0,
        "save_path": t.save_path,
        "seeding_time": int(t.seeding_time),
        "seeds": t.num_seeds,
        "seeds_total": t.num_complete,
        "share_ratio": _ratio(t),
        "time_elapsed": int(t.time_active),
        "total_downloaded": int(t.downloaded),
        "total_downloaded_session": int(t.downloaded_session),
        "total_size": t.size if t.has_metadata else -1,
        "total_uploaded": int(t.uploaded),
        "total_uploaded_session": int(t.uploaded_session),
        "total_wasted": 0,
        "up_limit": -1,
        "up_speed": t.upspeed,
        "up_speed_avg": t.upspeed,
    }


def tracker_list(t: SimTorrent) -> list[dict[str, Any]]:
    """``torrents/trackers``: the three pseudo-trackers first, then the real ones."""
    pseudo = [
        {"msg": "", "num_downloaded": 0, "num_leeches": 0, "num_peers": 0}
        | {"num_seeds": 0, "status": 0, "tier": -1, "url": url}
        for url in PSEUDO_TRACKERS
    ]
    return pseudo + [dict(tracker) for tracker in t.trackers]


def category_dicts(state: QbtState) -> dict[str, dict[str, Any]]:
    """``torrents/categories``: ``{name: {name, savePath}}`` (5.3.0 adds its limits)."""
    extra: dict[str, Any] = {}
    if state.v52:
        extra = {
            "download_path": None,
            "inactive_seeding_time_limit": -2,
            "ratio_limit": -2,
            "seeding_time_limit": -2,
            "share_limit_action": "Default",
            "share_limits_mode": "Default",
        }
    return {n: {"name": n, "savePath": p, **extra} for n, p in state.categories.items()}


def transfer_info(state: QbtState) -> dict[str, Any]:
    """``transfer/info``."""
    state.refresh()
    connected = state.connection_status != "disconnected"
    torrents = state.torrents.values()
    return {
        "connection_status": state.connection_status,
        "dht_nodes": 348 if connected and state.preferences.get("dht") else 0,
        "dl_info_data": int(state.session_dl),
        "dl_info_speed": sum(t.dlspeed for t in torrents),
        "dl_rate_limit": state.limit("dl"),
        "up_info_data": int(state.session_ul),
        "up_info_speed": sum(t.upspeed for t in torrents),
        "up_rate_limit": state.limit("up"),
    }


def server_state(state: QbtState) -> dict[str, Any]:
    """``server_state`` of sync/maindata: ``transfer/info`` plus totals and disk."""
    total_dl = state.alltime_dl
    data: dict[str, Any] = {
        **transfer_info(state),
        "alltime_dl": int(state.alltime_dl),
        "alltime_ul": int(state.alltime_ul),
        "average_time_queue": 0,
        "free_space_on_disk": state.free_space,
        "global_ratio": f"{state.alltime_ul / total_dl:.2f}" if total_dl else "-",
        "queued_io_jobs": 0,
        "queueing": bool(state.preferences.get("queueing_enabled", True)),
        "read_cache_hits": "0",
        "read_cache_overload": "0",
        "refresh_interval": 1500,
        "total_buffers_size": 0,
        "total_peer_connections": sum(
            t.num_seeds + t.num_leechs for t in state.torrents.values() if t.running
        ),
        "total_queued_size": 0,
        "total_wasted_session": 0,
        "use_alt_speed_limits": state.alt_speed,
        "write_cache_overload": "0",
    }
    if state.v5:
        data.update(
            last_external_address_v4=state.external_v4,
            last_external_address_v6=state.external_v6,
            use_subcategories=False,
        )
    if state.v52:  # as 5.3.0 sends it
        del data["use_subcategories"]
        data.update(queued_tracker_announces=0, request_latency=0, session_state=False)
    return data
