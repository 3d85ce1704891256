"""``sync/maindata``: a full snapshot, then per-session deltas.

Each session remembers the snapshot behind the last ``rid`` it handed out;
a client echoing that rid gets only what changed since, as in qBittorrent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulators.qbittorrent.api import Call, Reply, RouteGroup, Routes
from simulators.qbittorrent.render import category_dicts, server_state, torrent_dicts

if TYPE_CHECKING:
    from collections.abc import Container, Iterable


def _diff_map(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in new.items() if old.get(key) != value}


def _not_in(items: Iterable[Any], other: Container[Any]) -> list[Any]:
    """Items of ``items``, in order, that ``other`` lacks."""
    return [item for item in items if item not in other]


def sync_delta(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Compute what changed between two maindata snapshots, as qBittorrent does."""
    out: dict[str, Any] = {}
    for section in ("torrents", "categories"):
        before, after = old[section], new[section]
        changed = {}
        for key, value in after.items():
            delta = _diff_map(before[key], value) if key in before else value
            if delta:
                changed[key] = delta
        if changed:
            out[section] = changed
        if removed := _not_in(before, after):
            out[f"{section}_removed"] = removed
    if added := _not_in(new["tags"], old["tags"]):
        out["tags"] = added
    if gone := _not_in(old["tags"], new["tags"]):
        out["tags_removed"] = gone
    if trackers := _diff_map(old["trackers"], new["trackers"]):
        out["trackers"] = trackers
    if gone := _not_in(old["trackers"], new["trackers"]):
        out["trackers_removed"] = gone
    if server := _diff_map(old["server_state"], new["server_state"]):
        out["server_state"] = server
    return out


class SyncRoutes(RouteGroup):
    """The ``sync/maindata`` handler."""

    def routes(self) -> Routes:
        """Return the ``sync/*`` handlers."""
        return Routes(get={"sync/maindata": self._maindata})

    def _snapshot(self) -> dict[str, Any]:
        state = self.state
        trackers: dict[str, list[str]] = {}
        for torrent in state.torrents.values():
            for tracker in torrent.trackers:
                trackers.setdefault(tracker["url"], []).append(torrent.hash)
        return {
            "categories": category_dicts(state),
            "server_state": server_state(state),
            "tags": list(state.tags),
            "torrents": torrent_dicts(state, with_hash=False),
            "trackers": trackers,
        }

    async def _maindata(self, call: Call) -> Reply:
        session = call.session
        assert session is not None
        try:
            accepted = int(call.params.get("rid", "0") or 0)
        except ValueError:
            accepted = 0
        data = self._snapshot()
        full = True
        last_rid = 0
        if accepted > 0:
            last_rid = session.last_rid
            # The client got our last reply: its snapshot is the new baseline.
            if last_rid == accepted:
                session.accepted_rid, session.accepted_data = (
                    last_rid,
                    session.last_data,
                )
            if session.accepted_data is not None and session.accepted_rid == accepted:
                full = False
        if full or session.accepted_data is None:
            session.accepted_rid, session.accepted_data = 0, None
            reply = dict(data, full_update=True)
            if self.state.v52:  # 5.3.0 leaves empty maps out of a full update
                for key in ("categories", "tags", "torrents", "trackers"):
                    if not reply[key]:
                        del reply[key]
        else:
            reply = sync_delta(session.accepted_data, data)
        rid = last_rid % 1_000_000 + 1
        session.last_rid, session.last_data = rid, data
        reply["rid"] = rid
        return reply
