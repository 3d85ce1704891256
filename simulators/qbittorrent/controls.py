"""Test and demo controls of ``QbittorrentSimulator``, outside the HTTP API."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from typing import TYPE_CHECKING, Any

from .faults import Fault, FaultQueue
from .torrent import SimTorrent, tracker_entry

if TYPE_CHECKING:
    from .state import QbtState

# ``set_torrent`` accepts the ``add_torrent`` names for these fields.
_FIELD_ALIASES = {
    "dlspeed": "dl_rate",
    "upspeed": "up_rate",
    "seeds": "num_seeds",
    "leechs": "num_leechs",
}


class ControlsMixin:
    """Change the simulated server directly: torrents, faults, time."""

    # Set by ``QbittorrentSimulator.__init__``.
    v5: bool
    state: QbtState
    _faults: FaultQueue
    _ticker: asyncio.Task[None] | None

    # ------------------------------------------------------------ torrents

    def add_torrent(
        self,
        *,
        name: str,
        size: int = 1_500_000_000,
        progress: float = 0.0,
        state: str | None = None,
        category: str = "",
        tags: tuple[str, ...] | list[str] = (),
        private: bool | None = False,
        dlspeed: int = 0,
        upspeed: int = 0,
        seeds: int | None = None,
        leechs: int = 0,
        save_path: str | None = None,
        trackers: tuple[str, ...] | list[str] = (),
        torrent_hash: str | None = None,
        uploaded: int = 0,
        added_ago: int = 3600,
    ) -> str:
        """Insert a torrent directly (test/demo control); return its hash."""
        sim = self.state
        torrent_hash = (
            torrent_hash
            or hashlib.sha1(f"{name}/{len(sim.torrents)}".encode()).hexdigest()  # noqa: S324
        ).lower()
        if category and category not in sim.categories:
            sim.categories[category] = ""
        sim.ensure_tags(tags)
        seed_count = seeds if seeds is not None else (12 if dlspeed else 0)
        torrent = SimTorrent(
            hash=torrent_hash,
            name=name,
            added_on=sim.now - added_ago,
            size=size,
            completed=size * progress,
            downloaded=size * progress,
            uploaded=float(uploaded),
            category=category,
            tags=list(tags),
            save_path=save_path
            or f"{sim.preferences['save_path']}/{category}".rstrip("/"),
            trackers=[tracker_entry(url, 2, seed_count, leechs) for url in trackers],
            num_seeds=seed_count,
            num_leechs=leechs,
            num_complete=seed_count * 4,
            num_incomplete=leechs * 3,
            dl_rate=dlspeed,
            up_rate=upspeed,
            private=private,
            time_active=float(added_ago),
        )
        if progress >= 1.0:
            torrent.completion_on = torrent.added_on + added_ago // 2
            torrent.seeding_time = float(added_ago // 2)
        sim.torrents[torrent_hash] = torrent
        if state is not None:
            torrent.apply_state(state)
        sim.refresh()
        return torrent_hash

    def set_torrent(self, torrent_hash: str, **fields: Any) -> None:
        """Change a torrent (``state``, ``progress``, ``dlspeed``, ``seeds``, ``tags``...)."""
        torrent = self.state.torrents[torrent_hash.lower()]
        state = fields.pop("state", None)
        if "size" in fields:
            torrent.size = int(fields.pop("size"))
        if "progress" in fields:
            torrent.completed = torrent.size * float(fields.pop("progress"))
            if torrent.complete and not torrent.completion_on:
                torrent.completion_on = self.state.now
        for key, value in fields.items():
            attr = _FIELD_ALIASES.get(key, key)
            if attr not in SimTorrent.__slots__ or attr == "hash":
                raise TypeError(f"unknown torrent field {key!r}")
            setattr(torrent, attr, list(value) if attr == "tags" else value)
        if state is not None:
            torrent.apply_state(state)
        self.state.refresh()

    def fail_tracker(
        self,
        torrent_hash: str,
        message: str = "Unregistered torrent",
        *,
        url: str | None = None,
    ) -> None:
        """Make a tracker answer an announce with an error (``url``: the first).

        As measured: status 4 on 4.5.2, with ``tracker`` left empty; status 5
        ("tracker error") on 5.3.0, with ``tracker`` naming the failing URL.
        """
        torrent = self.state.torrents[torrent_hash.lower()]
        for entry in torrent.trackers:
            if url is None or entry["url"] == url:
                entry.update(
                    msg=message,
                    status=5 if self.state.v52 else 4,
                    num_downloaded=-1,
                    num_leeches=-1,
                    num_peers=-1,
                    num_seeds=-1,
                )
                return
        raise KeyError(url or "no tracker")

    def remove_torrent(self, torrent_hash: str) -> None:
        """Drop a torrent without going through the API."""
        self.state.torrents.pop(torrent_hash.lower(), None)

    # ------------------------------------------------------------ server

    def set_connection_status(self, status: str) -> None:
        """Set ``connected``, ``firewalled`` or ``disconnected``."""
        self.state.connection_status = status

    def set_external_ip(self, ipv4: str | None, ipv6: str | None = None) -> None:
        """Set the address reported as ``last_external_address_v4/v6`` (5.x)."""
        self.state.external_v4 = ipv4 or ""
        self.state.external_v6 = ipv6 or ""

    def set_free_space(self, free_bytes: int) -> None:
        """``server_state.free_space_on_disk``."""
        self.state.free_space = free_bytes

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int | None = 500,
        body: str = "Internal Server Error",
        delay: float = 0.0,
        path: str | None = None,
    ) -> None:
        """Answer the next ``count`` requests with ``status`` and ``body``.

        ``status=None`` only delays them; ``path`` (e.g. ``"torrents/info"``)
        limits the failure to requests whose path ends with it.
        """
        self._faults.add(Fault(status, body, delay, path), count)

    # ------------------------------------------------------------ time

    def tick(self, seconds: float = 1.0) -> None:
        """Advance simulated time."""
        self.state.tick(seconds)

    def start_ticking(self, interval: float = 1.0, *, speedup: float = 1.0) -> None:
        """Tick every ``interval`` seconds in the background (for the demo)."""
        if self._ticker is None:
            self._ticker = asyncio.get_running_loop().create_task(
                self._tick_forever(interval, speedup)
            )

    async def _tick_forever(self, interval: float, speedup: float) -> None:
        while True:
            await asyncio.sleep(interval)
            self.tick(interval * speedup)

    async def stop_ticking(self) -> None:
        """Stop the background ticker, if any."""
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
