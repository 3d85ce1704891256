"""The healer: runs passes, applies the decisions at the limit, keeps the book.

Passes are serialised (the periodic one and ``heal_now`` never interleave).
A dry run decides on a copy of the book and calls nothing that changes
anything. A real pass removes through the *arr only (never qBittorrent
directly: a torrent no *arr queues is reported, never deleted), then sends
our own searches within the hourly budget, then saves the book.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Mapping
import logging
from typing import Any, Protocol

from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.clients.qbittorrent import Tracker
from custom_components.myflix.clients.slices import finish_sliced

from .models import (
    Action,
    Decision,
    Details,
    Gate,
    HealingConfig,
    PassResult,
    SearchRequest,
    Snapshot,
)
from .planner import decide_stepwise, suspects_stepwise
from .strikes import HealingStore, Replaced, StrikeBook

_LOGGER = logging.getLogger(__name__)
IO_ERRORS = (MyflixError, TimeoutError)
SEARCH_WINDOW = 3600.0

type PassListener = Callable[[PassResult], None]


class ArrActions(Protocol):
    """What the healer asks of one *arr app."""

    async def remove(self, queue_id: int, *, remove_from_client: bool) -> None:
        """``DELETE queue/{id}`` with ``blocklist=true&skipRedownload=true``."""

    async def search(self, request: SearchRequest) -> None:
        """Send the search command."""


class TorrentDetails(Protocol):
    """What the healer reads from qBittorrent, for suspects only (and stops)."""

    async def trackers(self, torrent_hash: str) -> list[Tracker]:
        """Return the real trackers of a torrent (pseudo-trackers left out)."""

    async def private(self, torrent_hash: str) -> bool | None:
        """Tell whether the torrent is from a private tracker (None: unknown)."""

    async def stop(self, torrent_hash: str) -> None:
        """Stop the torrent (the stop-instead-of-delete mode)."""


class Healer:
    """Strikes in, replacements and searches out; the book survives restarts."""

    def __init__(
        self,
        store: HealingStore,
        *,
        details: TorrentDetails,
        arrs: Mapping[str, ArrActions],
        config: HealingConfig | None = None,
    ) -> None:
        """Act through ``arrs`` (by app key), read suspects through ``details``."""
        self.config = config or HealingConfig()
        self._store = store
        self._details = details
        self._arrs = dict(arrs)
        self._book = StrikeBook()
        self._lock = asyncio.Lock()
        self._private: dict[str, bool] = {}
        self._listeners: list[PassListener] = []
        self.last: PassResult | None = None

    @property
    def book(self) -> StrikeBook:
        """The current book (read only, please)."""
        return self._book

    def add_listener(self, listener: PassListener) -> Callable[[], None]:
        """Call ``listener`` after every real pass; return the remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def restore(self) -> None:
        """Load the stored book."""
        async with self._lock:
            self._book = StrikeBook.load(await self._store.load())

    async def run(self, snapshot: Snapshot, *, dry_run: bool = False) -> PassResult:
        """Decide on ``snapshot``; unless ``dry_run``, act and save."""
        async with self._lock:
            book = self._book.copy() if dry_run else self._book
            details: dict[str, Details] = {}
            if snapshot.gate is Gate.OPEN:
                details = await self._read_details(
                    *await finish_sliced(suspects_stepwise(snapshot, book, self.config))
                )
            decisions, watched = await finish_sliced(
                decide_stepwise(snapshot, book, self.config, details)
            )
            errors: list[str] = []
            if not dry_run:
                errors = await self._apply(decisions, book, snapshot.now)
                await self._send_searches(book, snapshot.now)
                await self._store.save(book.dump())
            result = PassResult(
                at=snapshot.now,
                dry_run=dry_run,
                gate=snapshot.gate,
                watched=watched,
                decisions=decisions,
                errors=errors,
            )
            if not dry_run:
                self.last = result
        if not dry_run:
            for listener in list(self._listeners):
                listener(result)
        return result

    async def forget(self, hashes: Collection[str] | None = None) -> int:
        """Drop the strikes of ``hashes`` (None: all); return how many were dropped."""
        async with self._lock:
            strikes = self._book.strikes
            wanted = set(strikes) if hashes is None else {h.lower() for h in hashes}
            dropped = [h for h in wanted if strikes.pop(h, None) is not None]
            # Forgetting a replacement also lifts the loop guard on it.
            if hashes is not None:
                for torrent_hash in hashes:
                    self._book.replaced.pop(torrent_hash.upper(), None)
            await self._store.save(self._book.dump())
            return len(dropped)

    def strikes(self) -> list[dict[str, Any]]:
        """Every download with strikes, most struck first."""
        return [
            {
                "hash": torrent_hash,
                "title": strike.title,
                "reason": strike.reason.value,
                "strikes": strike.count,
                "max_strikes": self.config.max_strikes,
                "first": strike.first,
                "last": strike.last,
            }
            for torrent_hash, strike in sorted(
                self._book.strikes.items(), key=lambda kv: (-kv[1].count, kv[0])
            )
        ]

    async def _read_details(
        self, tracker_hashes: list[str], privacy_hashes: list[str]
    ) -> dict[str, Details]:
        """Read trackers and privacy for suspects; a failed read is just unknown."""
        trackers: dict[str, list[Tracker]] = {}
        for torrent_hash in tracker_hashes:
            try:
                trackers[torrent_hash] = await self._details.trackers(torrent_hash)
            except IO_ERRORS as err:
                _LOGGER.debug("Trackers of %s unreadable: %s", torrent_hash, err)
        for torrent_hash in privacy_hashes:
            if torrent_hash in self._private:
                continue
            try:
                private = await self._details.private(torrent_hash)
            except IO_ERRORS as err:
                _LOGGER.debug("Privacy of %s unreadable: %s", torrent_hash, err)
                continue
            if private is not None:  # privacy never changes: read once
                self._private[torrent_hash] = private
        wanted = set(trackers) | set(privacy_hashes)
        return {
            h: Details(private=self._private.get(h), trackers=trackers.get(h))
            for h in wanted
        }

    async def _apply(
        self, decisions: list[Decision], book: StrikeBook, now: float
    ) -> list[str]:
        """Remove what reached the limit; return the hashes whose removal failed."""
        failed: list[str] = []
        for decision in decisions:
            if decision.action not in (Action.REPLACE, Action.RELEASE):
                continue
            arr = self._arrs.get(decision.app or "")
            if arr is None or decision.queue_id is None:
                failed.append(decision.hash)
                continue
            # Stop mode: the app forgets it, the torrent stays, stopped.
            stop = (
                decision.action is Action.REPLACE and self.config.stop_instead_of_delete
            )
            try:
                if stop:
                    await self._details.stop(decision.hash)
                await arr.remove(
                    decision.queue_id,
                    remove_from_client=decision.action is Action.REPLACE and not stop,
                )
            except IO_ERRORS as err:
                _LOGGER.warning(
                    "Could not remove %s from %s: %s", decision.title, decision.app, err
                )
                failed.append(decision.hash)
                continue
            book.strikes.pop(decision.hash, None)
            book.samples.pop(decision.hash, None)
            book.replaced[decision.hash.upper()] = Replaced(
                at=now, title=decision.title, app=decision.app or ""
            )
            if decision.search is not None and decision.search not in book.pending:
                book.pending.append(decision.search)
        return failed

    async def _send_searches(self, book: StrikeBook, now: float) -> None:
        """Send waiting searches, at most ``searches_per_hour`` in any hour."""
        book.searches = [t for t in book.searches if now - t < SEARCH_WINDOW]
        while book.pending and len(book.searches) < self.config.searches_per_hour:
            request = book.pending[0]
            arr = self._arrs.get(request.app)
            if arr is not None:
                try:
                    await arr.search(request)
                except IO_ERRORS as err:
                    _LOGGER.warning("Search on %s failed: %s", request.app, err)
                    return  # kept first in line for the next pass
                book.searches.append(now)
            book.pending.pop(0)
