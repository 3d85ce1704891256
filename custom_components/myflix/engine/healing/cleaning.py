"""Cleaning: finished torrents past their goals, dead queue items, orphaned files.

``plan_cleaning`` is pure. ``find_orphans`` and ``delete_paths`` touch the
disk and are blocking: the glue runs them in the executor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
import os
from pathlib import Path
import shutil
from typing import TYPE_CHECKING, Any

from .rules import ARR_FAILED_STATES

if TYPE_CHECKING:
    from custom_components.myflix.clients.arr.models import QueueItem
    from custom_components.myflix.clients.qbittorrent import Torrent

DAY = 86400.0


@dataclass(frozen=True, slots=True, kw_only=True)
class SeedingGoal:
    """Seeding is done at this ratio or after this long, whichever comes first."""

    ratio: float = 1.0
    seconds: float = 7 * DAY

    def met(self, torrent: Torrent) -> bool:
        """Tell whether a torrent reached the ratio or the seeding time."""
        return torrent.ratio >= self.ratio or torrent.seeding_time >= self.seconds


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueRemoval:
    """A dead *arr queue item to remove."""

    app: str
    queue_id: int
    title: str
    why: str
    """``failed`` (blocklisted, data removed) or ``unknown`` (data kept)."""

    @property
    def remove_from_client(self) -> bool:
        """Unknown items may be the user's own downloads: keep their data."""
        return self.why == "failed"

    def as_dict(self) -> dict[str, Any]:
        """Return the response form."""
        return {
            "app": self.app,
            "id": self.queue_id,
            "title": self.title,
            "why": self.why,
        }


@dataclass(slots=True, kw_only=True)
class CleaningPlan:
    """What a cleaning run removes (or, dry, would remove)."""

    torrents: list[Torrent] = field(default_factory=list)
    queue_items: list[QueueRemoval] = field(default_factory=list)


def plan_cleaning(
    *,
    torrents: Mapping[str, Torrent],
    queues: Mapping[str, Sequence[QueueItem]],
    imported: Iterable[str],
    categories: Mapping[str, str],
    goal: SeedingGoal,
    category_goals: Mapping[str, SeedingGoal],
    protected_tag: str,
) -> CleaningPlan:
    """Pick finished torrents past their goal that an *arr imported, and dead items.

    A torrent is imported when the *arr history says so (``imported``: upper-case
    hashes) or, in an *arr category, when the *arr queue no longer holds it.
    """
    imported_ids = set(imported)
    queued: dict[str, str] = {}
    plan = CleaningPlan()
    for app, items in queues.items():
        for item in items:
            if item.download_id:
                queued[item.download_id] = app
            if item.protocol == "usenet":
                continue
            if (
                item.tracked_download_state in ARR_FAILED_STATES
                or item.status == "failed"
            ):
                why = "failed"
            elif item.movie_id is None and item.series_id is None:
                why = "unknown"
            else:
                continue
            plan.queue_items.append(
                QueueRemoval(app=app, queue_id=item.id, title=item.title, why=why)
            )
    for torrent in torrents.values():
        upper = torrent.hash.upper()
        if not torrent.is_complete or protected_tag in torrent.tags:
            continue
        gone = torrent.category in categories and upper not in queued
        if upper not in imported_ids and not gone:
            continue
        if category_goals.get(torrent.category, goal).met(torrent):
            plan.torrents.append(torrent)
    return plan


@dataclass(frozen=True, slots=True, kw_only=True)
class Orphan:
    """A top-level entry of a download folder that no torrent references."""

    path: str
    size: int
    modified: float

    def as_dict(self) -> dict[str, Any]:
        """Return the response form."""
        return {"path": self.path, "size": self.size, "modified": self.modified}


def referenced_paths(torrents: Iterable[Torrent]) -> set[str]:
    """Return every torrent's content path (its file, or its top folder)."""
    return {os.path.normpath(t.content_path) for t in torrents if t.content_path}


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def find_orphans(
    folders: Iterable[str], referenced: set[str], *, now: float, min_age: float
) -> tuple[list[Orphan], list[str]]:
    """List unreferenced entries older than ``min_age`` (blocking: run in executor).

    An entry is kept when a torrent's content is the entry or lies inside it
    (a category folder). A folder that is itself (inside) a torrent's content
    is not scanned. Returns (orphans, unreadable folders).
    """
    orphans: list[Orphan] = []
    missing: list[str] = []
    for folder in sorted({os.path.normpath(f) for f in folders}):
        base = Path(folder)
        if any(folder == ref or folder.startswith(ref + os.sep) for ref in referenced):
            continue
        if not base.is_dir():
            missing.append(folder)
            continue
        for entry in sorted(base.iterdir()):
            name = os.path.normpath(entry)
            inside = name + os.sep
            if any(ref == name or ref.startswith(inside) for ref in referenced):
                continue
            modified = entry.lstat().st_mtime
            if now - modified < min_age:
                continue
            orphans.append(Orphan(path=name, size=_size(entry), modified=modified))
    return orphans, missing


def delete_paths(paths: Iterable[str], folders: Iterable[str]) -> list[str]:
    """Delete orphans, only inside the given folders (blocking: run in executor)."""
    roots = [os.path.normpath(f) + os.sep for f in folders]
    deleted = []
    for path in paths:
        real = os.path.normpath(path)
        if not any(real.startswith(root) for root in roots) or os.path.islink(real):
            continue
        if os.path.isdir(real):
            shutil.rmtree(real)
        elif os.path.exists(real):
            os.remove(real)
        else:
            continue
        deleted.append(real)
    return deleted
