"""The killswitch state machine: readings in, halts and releases out.

Who owns which torrent: a trip stops every torrent in one call and holds
exactly those that were running; torrents already stopped at that moment are
the user's and are never started. While a halt is in force anything that runs
(a new grab, a torrent resumed by hand) is stopped and held too, so it starts
again on release. ``forget`` drops torrents the user takes over (stopped or
deleted through Myflix); a torrent deleted meanwhile is skipped on release.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection
from dataclasses import replace
import logging
import time

from custom_components.myflix.clients.errors import MyflixError

from .models import (
    MAX_DETAIL,
    DownloadControl,
    KillswitchConfig,
    KillswitchEvent,
    KillswitchEventType,
    KillswitchSnapshot,
    KillswitchState,
    KillswitchStore,
    ReleaseRefusedError,
    Trip,
    dump_state,
    load_state,
)
from .signals import (
    NO_ANSWER,
    Assessment,
    Reason,
    Signals,
    Verdict,
    assess,
    fail_closed,
    unknown,
)

_LOGGER = logging.getLogger(__name__)

type Listener = Callable[[KillswitchSnapshot, KillswitchEvent | None], None]
# Failures of the download control or the signal fetch; anything else is a bug.
IO_ERRORS = (MyflixError, TimeoutError)


class Killswitch:
    """Trips on a leak or a long unknown, halts downloads, and releases them safely.

    Arming is automatic protection: trips, fail-closed, and the release after
    ``release_after`` clean checks. Disarming never starts anything: a halt in
    force stays (and keeps stopping new grabs) until ``release``, which while
    disarmed is the user's explicit override. A manual ``halt`` only ends with
    ``release``; while armed, ``release`` needs the last check to be clean.
    """

    def __init__(
        self,
        control: DownloadControl,
        store: KillswitchStore,
        *,
        config: KillswitchConfig | None = None,
        clock: Callable[[], float] = time.time,
        armed: bool = True,
    ) -> None:
        """Wire the I/O; ``armed`` is the default before anything was stored.

        ``clock`` is wall-clock seconds (``time.time``): ``since`` is stored
        across restarts and shown as a timestamp.
        """
        self.config = config or KillswitchConfig()
        self._control = control
        self._store = store
        self._clock = clock
        self._armed = armed
        self._trip: Trip | None = None
        self._last = unknown("no check yet")
        self._known_at = clock()  # the fail-closed timer starts with protection
        self._since = self._known_at
        self._state = KillswitchState.ARMED if armed else KillswitchState.DISARMED
        self._last_check: float | None = None
        self._clean = 0
        self._lock = asyncio.Lock()
        self._listeners: list[Listener] = []
        self._published: KillswitchSnapshot | None = None
        self._unreported: KillswitchEvent | None = None  # a halt not yet told

    @property
    def snapshot(self) -> KillswitchSnapshot:
        """Return the observable state."""
        trip = self._trip
        if trip is not None:
            state = (
                KillswitchState.FAIL_CLOSED
                if trip.reason is Reason.FAIL_CLOSED
                else KillswitchState.TRIPPED
            )
        else:
            state = KillswitchState.ARMED if self._armed else KillswitchState.DISARMED
        return KillswitchSnapshot(
            state=state,
            armed=self._armed,
            verdict=self._last.verdict,
            reason=trip.reason if trip else self._last.reason,
            detail=trip.detail if trip else self._last.detail,
            since=self._since,
            stopped=len(trip.hashes) if trip else 0,
            halt_pending=trip is not None and not trip.halted,
            last_check=self._last_check,
            clean_checks=self._clean,
        )

    @property
    def held(self) -> frozenset[str]:
        """Hashes of the torrents a halt in force holds stopped (empty: none)."""
        return frozenset(self._trip.hashes) if self._trip is not None else frozenset()

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` on every published change or event; return the remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def restore(self) -> KillswitchEvent | None:
        """Load the stored state; a stored halt is enforced again at once."""
        async with self._lock:
            armed, self._trip = load_state(await self._store.load())
            self._armed = self._armed if armed is None else armed
            self._known_at = self._clock()
            event = await self._enforce() if self._trip else None
            return self._publish(event)

    async def check(
        self, signals: Signals | None, *, resolve_now: bool = True
    ) -> KillswitchEvent | None:
        """Judge one look at the VPN (None = no answer at all) and act on it.

        ``resolve_now=False`` (the watcher loop) leaves the listing that
        resolves a fresh halt to the next check: see ``_enforce``.
        """
        async with self._lock:
            now = self._clock()
            self._last_check = now
            revealed = (signals and signals.observed_at) or now
            result = (
                assess(signals, unbound_is_leak=self.config.unbound_is_leak)
                if signals
                else NO_ANSWER
            )
            limit = self.config.fail_closed_after
            if result.verdict is not Verdict.UNKNOWN:
                self._known_at = now
            elif now - self._known_at >= limit:
                # The leak began when the timeout ran out, not at this check.
                revealed = self._known_at + limit
                result = fail_closed(result, limit)
            self._last = result
            clean = result.verdict is Verdict.CLEAN
            self._clean = (
                min(self._clean + 1, self.config.release_after) if clean else 0
            )
            return self._publish(await self._act(result, revealed, now, resolve_now))

    async def _act(
        self, result: Assessment, revealed: float, now: float, resolve_now: bool
    ) -> KillswitchEvent | None:
        """Trip, enforce a halt in force, or release it."""
        trip = self._trip
        if trip is None:
            if not self._armed or result.verdict is not Verdict.LEAK:
                return None
            self._trip = Trip.begin(result.reason, result.detail, now, revealed)
            return await self._enforce(resolve_now=resolve_now)
        if (
            trip.reason is Reason.FAIL_CLOSED
            and result.verdict is Verdict.LEAK
            and result.reason is not Reason.FAIL_CLOSED
        ):
            trip.reason, trip.detail = result.reason, result.detail  # now it is known
        event = await self._enforce()
        releasable = self._armed and not trip.manual and event is None
        # A halt confirmed just now is reported first; the next clean check releases.
        if releasable and self._clean >= self.config.release_after:
            try:
                return await self._release(manual=False)
            except IO_ERRORS as err:
                _LOGGER.warning("Killswitch could not resume downloads: %s", err)
        return event

    async def _enforce(
        self, *, raise_errors: bool = False, resolve_now: bool = True
    ) -> KillswitchEvent | None:
        """Make the halt true: the one stop-all call, else stop whatever runs.

        The halt is confirmed when qBittorrent acknowledges the stop-all. When
        that read only the stopped side, the listing that resolves which
        torrents are held waits for the next check unless ``resolve_now``:
        qBittorrent answers one request at a time, and a full listing right
        after a mass stop would hold up every other client for as long again.
        The trip is then told by that next check, with the held count.
        """
        trip = self._trip
        assert trip is not None
        halted_at: float | None = None
        try:
            if not trip.halted:
                halted_at = await self._stop_all(trip)
            if halted_at is None or (resolve_now and trip.kept is not None):
                await self._hold_running(trip)
        except IO_ERRORS as err:
            if raise_errors and halted_at is None:
                raise
            _LOGGER.warning("Killswitch could not halt downloads, will retry: %s", err)
        if halted_at is None:
            return self._told()
        event = KillswitchEvent(
            type=KillswitchEventType.TRIPPED,
            reason=trip.reason,
            detail=trip.detail,
            manual=trip.manual,
            torrents=len(trip.hashes),
            latency_ms=round((halted_at - trip.revealed_at) * 1000, 1),
            halt_ms=round((halted_at - trip.decided_at) * 1000, 1),
        )
        if trip.kept is None or resolve_now:
            return event
        self._unreported = event
        return None

    def _told(self) -> KillswitchEvent | None:
        """Return the halt not yet told, with the held torrents since listed."""
        event, self._unreported = self._unreported, None
        trip = self._trip
        if event is None or trip is None:
            return None
        return replace(
            event,
            reason=trip.reason,
            detail=trip.detail,
            manual=trip.manual,
            torrents=len(trip.hashes),
        )

    async def _stop_all(self, trip: Trip) -> float:
        """Stop everything in one call; return when it was confirmed."""
        halt = await self._control.stop_all()
        halted_at = self._clock()
        trip.halted = True
        if halt.running is not None:
            trip.hashes |= halt.running
        else:
            trip.kept = set(halt.stopped or ())
        await self._save()
        return halted_at

    async def _hold_running(self, trip: Trip) -> None:
        """Stop and hold whatever runs; resolve a halt that knew the stopped side."""
        states = await self._control.torrents()
        changed = trip.resolve(states)
        running = {key for key, active in states.items() if active}
        if running:
            await self._control.stop(running)
            trip.hashes |= running
            changed = True
        if changed:
            await self._save()

    async def _release(self, *, manual: bool) -> KillswitchEvent:
        """Start exactly the held torrents that still exist and are stopped."""
        trip = self._trip
        assert trip is not None
        states = await self._control.torrents()
        trip.resolve(states)
        if (told := self._told()) is not None:
            self._publish(told)  # a halt released before it was told
        resume = {key for key in trip.hashes if states.get(key) is False}
        if resume:
            await self._control.start(resume)
        self._trip = None
        await self._save()
        return KillswitchEvent(
            type=KillswitchEventType.RELEASED,
            reason=trip.reason,
            detail=trip.detail,
            manual=manual,
            torrents=len(resume),
        )

    async def halt(self, detail: str = "") -> KillswitchEvent | None:
        """Halt downloads by hand; only ``release`` ends it. I/O errors propagate."""
        async with self._lock:
            now = self._clock()
            text = detail.strip()[:MAX_DETAIL] or "halted by hand"
            if self._trip is None:
                self._trip = Trip.begin(Reason.MANUAL, text, now, now)
            self._trip.reason, self._trip.detail = Reason.MANUAL, text
            self._trip.manual = True
            await self._save()
            return self._publish(await self._enforce(raise_errors=True))

    async def release(self) -> KillswitchEvent | None:
        """End a halt by hand; armed, the last check must have been clean."""
        async with self._lock:
            if self._trip is None:
                return None
            if self._armed and self._last.verdict is not Verdict.CLEAN:
                raise ReleaseRefusedError(self._last.reason)
            return self._publish(await self._release(manual=True))

    async def arm(self) -> None:
        """Turn automatic protection on; the fail-closed timer starts now."""
        await self._set_armed(True)

    async def disarm(self) -> None:
        """Turn automatic protection off; a halt in force stays until ``release``."""
        await self._set_armed(False)

    async def _set_armed(self, armed: bool) -> None:
        async with self._lock:
            if armed and not self._armed:
                self._known_at = self._clock()
                self._clean = 0
            self._armed = armed
            await self._save()
            self._publish(None)

    async def forget(self, hashes: Collection[str]) -> None:
        """Let the user take these torrents over: they are never started by a release."""
        async with self._lock:
            trip, taken = self._trip, set(hashes)
            if trip is None:
                return
            kept = trip.kept
            if not trip.hashes & taken and (kept is None or taken <= kept):
                return
            trip.hashes -= taken
            if kept is not None:
                kept |= taken  # a halt still resolving must not hold them either
            await self._save()
            self._publish(None)

    async def run(
        self,
        fetch: Callable[[], Awaitable[Signals | None]],
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Check every ``check_interval`` seconds until cancelled."""
        while True:
            started = self._clock()
            try:
                signals = await fetch()
            except IO_ERRORS:
                signals = None  # counts as unknown; fail-closed takes over
            except Exception:
                # Even a bug in a fetch must not silence the watcher: fail closed.
                _LOGGER.exception("Killswitch signal fetch failed")
                signals = None
            await self.check(signals, resolve_now=False)
            elapsed = self._clock() - started
            await sleep(max(0.0, self.config.check_interval - elapsed))

    async def _save(self) -> None:
        try:
            await self._store.save(dump_state(self._armed, self._trip))
        except OSError as err:
            _LOGGER.error("Killswitch could not save its state: %s", err)

    def _publish(self, event: KillswitchEvent | None) -> KillswitchEvent | None:
        """Tell listeners about an event or a change worth an entity update."""
        snapshot = self.snapshot
        if snapshot.state is not self._state:
            self._state = snapshot.state
            self._since = self._trip.since if self._trip else self._clock()
            snapshot = self.snapshot
        key = replace(snapshot, last_check=None, clean_checks=0)  # not worth a write
        if event is not None or key != self._published:
            self._published = key
            for listener in list(self._listeners):
                listener(snapshot, event)
        return event
