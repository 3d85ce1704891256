"""``torrents/add``: magnet links, URLs and uploaded .torrent files."""

from __future__ import annotations

from dataclasses import dataclass
import hashlib
import os

from simulators.qbittorrent.api import (
    ApiError,
    Call,
    Params,
    Reply,
    RouteGroup,
    Routes,
    tag_list,
)
from simulators.qbittorrent.torrent import SimTorrent, tracker_entry
from simulators.qbittorrent.torrent_file import TorrentMeta, parse_magnet, parse_torrent

from .labels import valid_category


@dataclass(frozen=True, slots=True)
class _AddOptions:
    """The fields of one ``torrents/add`` call that apply to each torrent in it."""

    stopped: bool
    category: str
    tags: list[str]
    save_path: str


class AddRoutes(RouteGroup):
    """Adding torrents: ``Ok.`` if any was added, else ``Fails.`` (4.5.2).

    From 5.2 (measured on 5.3.0): JSON ``{added_torrent_ids, failure_count,
    pending_count, success_count}``, and ``409 Conflict`` when nothing was added.
    """

    def routes(self) -> Routes:
        """Return the ``torrents/add`` handler."""
        return Routes(post={"torrents/add": self._add})

    async def _add(self, call: Call) -> Reply:
        options = self._options(call.params)
        if options is None:
            return self._result([], 0, 1)
        added: list[str] = []
        pending = failed = 0
        for url in (u.strip() for u in call.params.get("urls", "").split("\n")):
            if url.lower().startswith(("http://", "https://")):
                pending += 1  # fetched in the background by the real server
            elif url and (magnet := parse_magnet(url)):
                torrent_hash, name, trackers = magnet
                if self._insert(torrent_hash, name, options, trackers=trackers):
                    added.append(torrent_hash)
                else:
                    failed += 1
            elif url:
                failed += 1
        for filename, data in call.files:
            try:
                meta = parse_torrent(data)
            except ValueError as err:
                raise ApiError(
                    415, f"Error: '{filename}' is not a valid torrent file."
                ) from err
            if self._insert(meta.info_hash, meta.name, options, meta=meta):
                added.append(meta.info_hash)
            else:
                failed += 1
        if added or pending:
            self.state.ensure_tags(options.tags)
        return self._result(added, pending, failed)

    def _result(self, added: list[str], pending: int, failed: int) -> Reply:
        """Return what the version answers for what was added."""
        if not self.state.v52:
            return "Ok." if added or pending else "Fails."
        if not added and not pending:
            raise ApiError(409, "Conflict")
        return {
            "added_torrent_ids": added,
            "failure_count": failed,
            "pending_count": pending,
            "success_count": len(added),
        }

    def _options(self, params: Params) -> _AddOptions | None:
        """Read the shared fields; None for an invalid new category."""
        state = self.state
        stop_key = "stopped" if state.v5 else "paused"
        pref_key = "add_stopped_enabled" if state.v5 else "start_paused_enabled"
        stopped = (
            params[stop_key].lower() == "true"
            if stop_key in params
            else bool(state.preferences.get(pref_key))
        )
        category = params.get("category", "").strip()
        tags = tag_list(params.get("tags", ""))
        if category and category not in state.categories:
            if not valid_category(category):
                return None
            state.categories[category] = ""  # created on the fly
        save_path = (
            params.get("savepath", "").strip()
            or (state.categories.get(category) if category else "")
            or str(state.preferences["save_path"])
        )
        return _AddOptions(stopped, category, tags, save_path)

    def _insert(
        self,
        torrent_hash: str,
        name: str,
        options: _AddOptions,
        *,
        meta: TorrentMeta | None = None,
        trackers: list[str] | None = None,
    ) -> bool:
        """Add one torrent unless its hash is already there; tell whether it was."""
        state = self.state
        if torrent_hash in state.torrents:
            return False
        urls = list(meta.trackers) if meta is not None else list(trackers or [])
        torrent = SimTorrent(
            hash=torrent_hash,
            name=name,
            added_on=state.now,
            category=options.category,
            tags=list(options.tags),
            save_path=options.save_path,
            stopped=options.stopped,
            num_seeds=state.new_torrent_seeds,
            num_complete=state.new_torrent_seeds,
            dl_rate=state.new_torrent_speed,
            trackers=[tracker_entry(url, 1) for url in urls],
        )
        if meta is None:
            self._await_metadata(torrent)
        else:
            self._use_meta(torrent, meta)
        state.torrents[torrent_hash] = torrent
        return True

    def _await_metadata(self, torrent: SimTorrent) -> None:
        """Wait for a magnet's metadata; its size, once known, derives from the hash."""
        seed = int(hashlib.sha1(torrent.hash.encode()).hexdigest()[:8], 16)  # noqa: S324
        torrent.has_metadata = False
        torrent.pending_size = 700_000_000 + seed % 7_000_000_000
        torrent.metadata_delay = self.state.metadata_delay
        torrent.private = None

    def _use_meta(self, torrent: SimTorrent, meta: TorrentMeta) -> None:
        """Take size and files from a .torrent; complete at once if its data is on disk."""
        state = self.state
        torrent.size = meta.size
        torrent.private = meta.private
        torrent.comment, torrent.created_by = meta.comment, meta.created_by
        torrent.piece_size = meta.piece_length
        torrent.multi_file = len(meta.files) > 1
        paths = (
            [(f, n) for f, n in meta.files]
            if not torrent.multi_file
            else [(f"{meta.name}/{f}", n) for f, n in meta.files]
        )
        if state.has_data(torrent.save_path, paths):
            torrent.completed = float(meta.size)
            torrent.completion_on = state.now
            if not torrent.multi_file:
                torrent.data_file = os.path.join(torrent.save_path, meta.files[0][0])
