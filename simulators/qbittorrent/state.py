"""Everything one simulated qBittorrent knows, and simulated time.

Plain Python without HTTP: the routes read and change it, ``render`` turns
it into the API's JSON, and ``QbtState.tick`` moves time forward.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any

from .preferences import default_preferences, kib_round

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .torrent import SimTorrent

_LIMIT_KEYS = ("dl_limit", "up_limit", "alt_dl_limit", "alt_up_limit")


class QbtState:
    """Torrents, categories, tags, preferences and counters, with simulated time."""

    def __init__(
        self,
        *,
        v5: bool,
        username: str,
        save_path: str = "/downloads",
        v52: bool = False,
    ) -> None:
        """Start empty, at the current wall-clock second.

        ``v5``: the 5.x vocabulary (stop/start, ``stopped*`` states); ``v52``:
        the 5.2+ wire (204/401 login, JSON add result, a failing tracker named
        in ``tracker`` with status 5).
        """
        self.v5 = v5
        self.v52 = v52
        self.clock = float(int(time.time()))
        self.torrents: dict[str, SimTorrent] = {}
        self.categories: dict[str, str] = {}
        self.tags: list[str] = []
        self.preferences = default_preferences(
            v5=v5, username=username, save_path=save_path
        )
        self.alt_speed = False
        self.connection_status = "connected"
        self.external_v4 = ""
        self.external_v6 = ""
        self.free_space = 812_345_678_336
        self.alltime_dl = 0.0
        self.alltime_ul = 0.0
        self.session_dl = 0.0
        self.session_ul = 0.0
        # What a torrent added through the API gets (the demo makes them move).
        self.new_torrent_seeds = 0
        self.new_torrent_speed = 0
        self.metadata_delay = 3.0
        # Seconds a torrent's ``state`` trails a stop or start (qBittorrent's
        # refresh timer, ``refresh_interval``: 1.5 s stock); 0 = at once.
        self.state_lag = 0.0

    @property
    def now(self) -> int:
        """Simulated epoch seconds."""
        return int(self.clock)

    def limit(self, direction: str) -> int:
        """Global limit in effect (the alternative one while alt mode is on)."""
        key = f"alt_{direction}_limit" if self.alt_speed else f"{direction}_limit"
        return int(self.preferences[key])

    def set_limit(self, direction: str, value: int) -> None:
        """Set the limit in effect now, rounded like qBittorrent stores it."""
        key = f"alt_{direction}_limit" if self.alt_speed else f"{direction}_limit"
        self.preferences[key] = kib_round(value)

    def set_preferences(self, changes: dict[str, Any]) -> None:
        """Apply known keys; unknown ones are ignored, as the real server does."""
        for key, value in changes.items():
            if key not in self.preferences or key == "web_ui_password":
                continue
            self.preferences[key] = (
                kib_round(int(value)) if key in _LIMIT_KEYS else value
            )

    def ensure_tags(self, tags: Iterable[str]) -> None:
        """Register tags globally (kept in creation order)."""
        self.tags.extend(tag for tag in tags if tag and tag not in self.tags)

    def has_data(self, save_path: str, files: Iterable[tuple[str, int]]) -> bool:
        """Whether every file of a torrent already exists with the right size."""
        try:
            return all(
                os.path.getsize(os.path.join(save_path, name)) == length
                for name, length in files
            )
        except OSError:
            return False

    # ------------------------------------------------------------ time

    def refresh(self) -> None:
        """Recompute current speeds from rates, swarm and global limits."""
        torrents = self.torrents.values()
        downloading = {
            t.hash
            for t in torrents
            if t.running and t.has_metadata and not t.complete and t.num_seeds > 0
        }
        uploading = {
            t.hash
            for t in torrents
            if t.running and t.has_metadata and t.completed > 0 and t.num_leechs > 0
        }
        # The global limit is shared evenly by the torrents that transfer.
        dl_cap = self.limit("dl") // max(1, len(downloading))
        up_cap = self.limit("up") // max(1, len(uploading))
        for t in torrents:
            dl = min(t.dl_rate, dl_cap) if dl_cap else t.dl_rate
            up = min(t.up_rate, up_cap) if up_cap else t.up_rate
            t.dlspeed = dl if t.hash in downloading else 0
            t.upspeed = up if t.hash in uploading else 0

    def tick(self, seconds: float) -> None:
        """Advance simulated time: metadata arrives, data flows, torrents complete."""
        self.refresh()
        self.clock += seconds
        for t in self.torrents.values():
            if t.stopped or t.fixed_state in ("error", "missingFiles"):
                continue
            t.time_active += seconds
            if t.checking:
                t.checking_until = 0.0
                continue
            if not t.has_metadata:
                t.metadata_delay -= seconds
                if t.metadata_delay <= 0 and (t.num_seeds > 0 or t.num_leechs > 0):
                    t.has_metadata, t.size = True, t.pending_size
                continue
            self._transfer(t, seconds)
        self.refresh()

    def _transfer(self, t: SimTorrent, seconds: float) -> None:
        """Move ``seconds`` worth of data at the torrent's current speeds."""
        if t.dlspeed:
            got = min(t.dlspeed * seconds, t.size - t.completed)
            t.completed += got
            t.downloaded += got
            t.downloaded_session += got
            self.session_dl += got
            self.alltime_dl += got
            t.last_activity = self.now
            if t.complete:
                t.completion_on = self.now
        elif t.complete:
            t.seeding_time += seconds
        if t.upspeed:
            sent = t.upspeed * seconds
            t.uploaded += sent
            t.uploaded_session += sent
            self.session_ul += sent
            self.alltime_ul += sent
            t.last_activity = self.now
