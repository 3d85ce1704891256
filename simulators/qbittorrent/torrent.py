"""One simulated torrent: its counters, swarm, and the state it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
import time
from typing import Any

RECHECK_SECONDS = 0.3
# States ``apply_state`` pins: reported as they are until something changes them.
_FIXED_STATES = frozenset(
    {"error", "missingFiles", "moving", "queuedDL", "queuedUP", "checkingUP"}
    | {"checkingDL", "checkingResumeData", "unknown", "allocating"}
)


def tracker_entry(
    url: str, status: int = 2, seeds: int = 0, peers: int = 0
) -> dict[str, Any]:
    """One ``torrents/trackers`` entry (status 2 = working, 1 = not contacted yet)."""
    return {
        "msg": "",
        "num_downloaded": 0 if status != 2 else seeds * 3,
        "num_leeches": peers,
        "num_peers": seeds + peers,
        "num_seeds": seeds,
        "status": status,
        "tier": 0,
        "url": url,
    }


@dataclass(slots=True, kw_only=True)
class SimTorrent:
    """One simulated torrent; byte counters are floats, rendered as ints."""

    hash: str
    name: str
    added_on: int
    size: int = 0
    completed: float = 0.0
    downloaded: float = 0.0
    uploaded: float = 0.0
    downloaded_session: float = 0.0
    uploaded_session: float = 0.0
    completion_on: int = 0
    last_activity: int = 0
    seen_complete: int = 0
    seeding_time: float = 0.0
    time_active: float = 0.0
    category: str = ""
    tags: list[str] = field(default_factory=list)
    save_path: str = ""
    download_path: str = ""
    trackers: list[dict[str, Any]] = field(default_factory=list)
    num_seeds: int = 0
    num_leechs: int = 0
    num_complete: int = 0
    num_incomplete: int = 0
    dl_rate: int = 0
    up_rate: int = 0
    dlspeed: int = 0
    upspeed: int = 0
    stopped: bool = False
    # What ``state`` shows until ``shown_until`` (monotonic): qBittorrent
    # refreshes the field on a timer while the stop flag changes at once.
    shown_stopped: bool = False
    shown_until: float = 0.0
    force_start: bool = False
    has_metadata: bool = True
    metadata_delay: float = 0.0
    pending_size: int = 0
    fixed_state: str | None = None
    checking_until: float = 0.0
    private: bool | None = False
    comment: str = ""
    created_by: str = ""
    piece_size: int = 16384
    multi_file: bool = False
    data_file: str | None = None
    popularity: float = 0.0

    @property
    def complete(self) -> bool:
        """All data present."""
        return self.has_metadata and self.size > 0 and self.completed >= self.size

    @property
    def progress(self) -> float:
        """0..1 of the selected size."""
        return min(1.0, self.completed / self.size) if self.size > 0 else 0.0

    @property
    def checking(self) -> bool:
        """A recheck is running (it lasts ``RECHECK_SECONDS`` of wall-clock time)."""
        return time.monotonic() < self.checking_until

    @property
    def running(self) -> bool:
        """Started and able to transfer."""
        return not self.stopped and self.fixed_state is None and not self.checking

    def switch(self, *, stopped: bool, state_lag: float) -> None:
        """Stop or start; ``state`` follows ``state_lag`` seconds later."""
        if state_lag > 0 and stopped != self.stopped:
            self.shown_stopped = self._stopped_shown()
            self.shown_until = time.monotonic() + state_lag
        self.stopped = stopped

    def _stopped_shown(self) -> bool:
        if time.monotonic() < self.shown_until:
            return self.shown_stopped
        return self.stopped

    def state(self, v5: bool) -> str:
        """Return the ``state`` string as 4.5.2 (or 5.x) would report it."""
        if self.fixed_state:
            return self.fixed_state
        if self._stopped_shown():
            return ("stopped" if v5 else "paused") + ("UP" if self.complete else "DL")
        if self.checking:
            return "checkingUP" if self.complete else "checkingDL"
        if not self.has_metadata:
            return "forcedMetaDL" if self.force_start else "metaDL"
        if self.complete:
            if self.force_start:
                return "forcedUP"
            return "uploading" if self.upspeed > 0 else "stalledUP"
        if self.force_start:
            return "forcedDL"
        return "downloading" if self.dlspeed > 0 else "stalledDL"

    def apply_state(self, state: str) -> None:
        """Make the torrent report ``state`` (test control)."""
        self.fixed_state = None
        self.stopped = state in ("pausedUP", "pausedDL", "stoppedUP", "stoppedDL")
        if state in _FIXED_STATES:
            self.fixed_state = state
        elif state in ("metaDL", "forcedMetaDL"):
            self.has_metadata, self.pending_size, self.size = False, self.size, 0
            self.completed = 0.0
        elif state in ("stalledDL", "downloading", "forcedDL"):
            self.completed = min(self.completed, self.size * 0.99)
            if state == "stalledDL":
                self.num_seeds = 0
            elif not self.num_seeds:
                self.num_seeds = 1
            self.dl_rate = self.dl_rate or 1_048_576
        elif state in ("stalledUP", "uploading", "forcedUP") or state.endswith("UP"):
            self.completed = float(self.size)
            self.completion_on = self.completion_on or self.added_on
            if state == "uploading":
                self.num_leechs = self.num_leechs or 1
                self.up_rate = self.up_rate or 262_144
            elif state == "stalledUP":
                self.num_leechs = 0
        self.force_start = state.startswith("forced")
