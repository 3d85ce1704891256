"""Storage tiering in Home Assistant: plan, move in the executor, drain on stop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from itertools import chain
import os
import time
from typing import TYPE_CHECKING, Any

from homeassistant.core import CALLBACK_TYPE, HassJob, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.const import DOMAIN, LOGGER
from custom_components.myflix.engine.tiering import (
    UNDO_MAX_FILES,
    ArchiveFullError,
    ArchiveUnavailableError,
    MoveControl,
    Mover,
    Plan,
    Relocation,
    SkipReason,
    TieringConfig,
    TierUsage,
    build_plan,
    disk_usage,
    recover_restores,
    restore,
    undo_moves,
)
from custom_components.myflix.engine.tiering.planner import remaining_batch
from custom_components.myflix.features.arr import RADARR, SONARR
from custom_components.myflix.history import async_record
from custom_components.myflix.storage import STORE_VERSION, entry_store_key

from .inputs import library_folders, protected_paths
from .issues import TieringIssues

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.myflix.entry import MyflixConfigEntry

EVENT_PROGRESS = f"{DOMAIN}_tiering_progress"
EVENT_FINISHED = f"{DOMAIN}_tiering_finished"
# HA's stop gives shutdown jobs 20 s in all (shared); unload waits 10 s. The
# files in flight (at most two) get FINISH_WINDOW to complete, then ABORT_WINDOW
# to roll back.
FINISH_WINDOW = 5.0
ABORT_WINDOW = 3.0
PROGRESS_EVERY = 2.0


class TieringBusyError(HomeAssistantError):
    """A run is already moving files."""


@dataclass(frozen=True, kw_only=True)
class NextMove:
    """What a plan moves, in short: counts and the first few names."""

    files: int
    bytes: int
    names: tuple[str, ...]

    @classmethod
    def of(cls, plan: Plan, shown: int = 5) -> NextMove:
        """Sum ``plan`` up with the names of its first ``shown`` batches."""
        names = dict.fromkeys(
            os.path.basename(batch.moves[0].sources[0])
            for batch in plan.batches[:shown]
            if batch.moves and batch.moves[0].sources
        )
        return cls(files=plan.batches.files, bytes=plan.bytes, names=tuple(names))


class TieringRuntime:
    """An entry's tiering: the last plan and run, the run in flight, its drain."""

    def __init__(
        self, hass: HomeAssistant, entry: MyflixConfigEntry, config: TieringConfig
    ) -> None:
        """Tier ``config``'s hot roots onto its archive."""
        self.hass = hass
        self.entry = entry
        self.config = config
        self.mover = Mover(config.archive_root, hot_roots=config.hot_roots)
        self.issues = TieringIssues(hass, entry.entry_id, config.archive_root)
        # HA's Store itself, not EntryStore: the run history saves delayed.
        self._store: Store[dict[str, Any]] = Store(
            hass, STORE_VERSION, entry_store_key("tiering", entry.entry_id)
        )
        self.running = False
        self.pending_bytes: int | None = None
        self.last_run: dict[str, Any] | None = None
        self.moved_bytes = 0
        self.hot_usage: list[TierUsage] = []
        self.archive_usage: TierUsage | None = None
        self._control = MoveControl()
        self._inflight: asyncio.Future[Any] | None = None
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._listeners: list[CALLBACK_TYPE] = []
        self.waiting = False
        """Moves wait (someone is watching: the household hold); runs do not start."""
        self.next_move: NextMove | None = None
        """What the last plan would move (None: no plan since the start)."""
        self.next_run_at: datetime | None = None
        """When the scheduled run looks next (None: no schedule)."""
        self._go = asyncio.Event()
        self._go.set()

    # ----- state and listeners ----------------------------------------------
    @callback
    def add_listener(self, listener: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call ``listener`` after every change; return the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    def _data(self) -> dict[str, Any]:
        return {
            "last_run": self.last_run,
            "moved_bytes": self.moved_bytes,
            "pending_bytes": self.pending_bytes,
        }

    @callback
    def set_waiting(self, waiting: bool) -> None:
        """Make moves wait at the next batch (True), or let them go on (False)."""
        self.waiting = waiting
        if waiting and self.running:
            self._go.clear()
        else:
            self._go.set()
        self._notify()

    async def async_start(self) -> None:
        """Load the history, settle a move cut by a crash, measure the tiers."""
        if data := await self._store.async_load():
            self.last_run = data.get("last_run")
            self.moved_bytes = int(data.get("moved_bytes") or 0)
            self.pending_bytes = data.get("pending_bytes")
        await self.async_refresh_usage()
        if self.archive_usage is not None:
            await self._executor(self.mover.recover)
            await self._executor(
                recover_restores, self.config.archive_root, self.config.hot_roots
            )

    async def _executor[T](self, func: Callable[..., T], *args: Any) -> T:
        """Run blocking work; a cancelled caller does not lose track of it."""
        future = self.hass.async_add_executor_job(func, *args)
        self._inflight = future
        return await asyncio.shield(future)

    # ----- measuring and planning --------------------------------------------
    def _measure(self) -> tuple[list[TierUsage], TierUsage | None]:
        hot: dict[int, TierUsage] = {}
        for root in self.config.hot_roots:
            try:
                hot.setdefault(os.stat(root).st_dev, disk_usage(root))
            except OSError:
                continue
        try:
            archive: TierUsage | None = disk_usage(self.config.archive_root)
        except OSError:
            archive = None
        return list(hot.values()), archive

    async def async_refresh_usage(self) -> None:
        """Measure both tiers (statvfs only, no scan); raise or clear the repairs."""
        self.hot_usage, self.archive_usage = await self.hass.async_add_executor_job(
            self._measure
        )
        self.issues.archive_missing(self.archive_usage is None)
        self._notify()

    async def async_plan(self, *, ignore_watermarks: bool = False) -> Plan:
        """Scan the hot tier (in the executor) and decide; nothing moves."""
        runtime = self.entry.runtime_data
        mappings = self.config.path_mappings
        protected = protected_paths(runtime, mappings)
        library = (
            await library_folders(self.hass, self.entry, mappings)
            if self.config.mode == "relocate"
            else []
        )
        job = partial(
            build_plan,
            self.config,
            now=time.time(),
            protected=protected,
            library=library,
            ignore_watermarks=ignore_watermarks,
        )
        try:
            plan = await self.hass.async_add_executor_job(job)
        except ArchiveUnavailableError as err:
            self.issues.archive_missing(True)
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="tiering_archive_missing",
                translation_placeholders={"path": self.config.archive_root},
            ) from err
        self.issues.archive_missing(False)
        self.issues.archive_full(SkipReason.ARCHIVE_FULL in plan.skipped)
        self.hot_usage, self.archive_usage = plan.usage, plan.archive
        self.pending_bytes = plan.bytes
        self.next_move = NextMove.of(plan)
        self._store.async_delay_save(self._data, 1)
        self._notify()
        return plan

    # ----- running ------------------------------------------------------------
    async def async_run(
        self, *, ignore_watermarks: bool = False, plan: Plan | None = None
    ) -> Plan:
        """Plan (or take ``plan``), then move it in the background; return the plan."""
        if self.running or self._closing:
            raise TieringBusyError(
                translation_domain=DOMAIN, translation_key="tiering_running"
            )
        self.running = True  # before any await: a second call must see it
        try:
            if plan is None:
                plan = await self.async_plan(ignore_watermarks=ignore_watermarks)
        except BaseException:
            self.running = False
            raise
        self._control = MoveControl()
        if self.waiting:
            self._go.clear()
        self._task = self.entry.async_create_background_task(
            self.hass, self._run(plan), f"{DOMAIN} tiering {self.entry.entry_id}"
        )
        self._notify()
        return plan

    def cancel(self) -> bool:
        """Stop after the files in flight; return whether a run was moving."""
        self._control.stop.set()
        self._go.set()  # a waiting run ends instead of waiting on
        return self.running

    async def _run(self, plan: Plan) -> None:
        started = time.monotonic()
        totals = {"moved_files": 0, "moved_bytes": 0, "skipped": 0, "relocated": 0}
        outcome = "completed" if plan.batches else "nothing_to_do"
        last_progress = 0.0
        # What taking the run back needs: the moves back, the apps to tell.
        undo: list[dict[str, Any]] | None = []
        relocations: list[dict[str, Any]] = []
        try:
            pending = await self._executor(self.mover.recover)
            resumed = [await self._executor(remaining_batch, r) for r in pending]
            # A plan's batches are built as the mover reaches them (see
            # PlannedBatches): the total is counted, not summed over a list.
            batches = chain(resumed, plan.batches)
            count = len(resumed) + len(plan.batches)
            total = sum(batch.size for batch in resumed) + plan.bytes
            # One generator across batches: the mover copies the next file
            # while it publishes the one before, even across batch boundaries.
            moving = self.mover.move_batches(batches, self._control)
            index = -1
            while True:
                await self._go.wait()  # the household hold: wait between batches
                if (item := await self._executor(next, moving, None)) is None:
                    break
                batch, result = item
                index += 1
                totals["moved_files"] += result.moved_files
                totals["moved_bytes"] += result.moved_bytes
                totals["skipped"] += len(result.skipped)
                self.moved_bytes += result.moved_bytes
                for path, reason in result.skipped:
                    LOGGER.info("Tiering left %s on the hot tier: %s", path, reason)
                skipped = {path for path, _reason in result.skipped}
                if undo is not None:
                    undo += undo_moves(
                        m for m in batch.moves if m.sources[0] not in skipped
                    )
                    if len(undo) > UNDO_MAX_FILES:
                        undo = None  # too many to offer back
                if result.stopped:  # the mover ends after the batch it stopped in
                    outcome = "cancelled"
                    continue
                if batch.relocation is not None and result.complete:
                    totals["relocated"] += await self._relocate(batch.relocation)
                    relocations.append(batch.relocation.as_dict())
                if time.monotonic() - last_progress >= PROGRESS_EVERY:
                    last_progress = time.monotonic()
                    self._progress(total, count, index, totals)
            if index + 1 < count and self._control.stop.is_set():
                # Stopped before a batch began (one waiting on the hold, say).
                outcome = "cancelled"
        except asyncio.CancelledError:
            outcome = "cancelled"  # the entry unloads (HA stops) mid-run
            raise
        except ArchiveFullError:
            outcome = "archive_full"
            self.issues.archive_full(True)
        except OSError as err:
            outcome = "failed"
            LOGGER.warning("Tiering stopped: %s", err)
        finally:
            back = {"moves": undo, "relocations": relocations} if undo else None
            self._finish(outcome, totals, time.monotonic() - started, back)

    def _progress(
        self, total: int, count: int, index: int, totals: dict[str, int]
    ) -> None:
        self.hass.bus.async_fire(
            EVENT_PROGRESS,
            {
                "entry_id": self.entry.entry_id,
                **totals,
                "total_bytes": total,
                "percent": round(100 * totals["moved_bytes"] / total, 1)
                if total
                else 100.0,
                "batches_done": index + 1,
                "batches": count,
            },
        )

    async def _relocate(self, relocation: Relocation) -> int:
        """Tell Radarr/Sonarr the folder's new path; 0 if it could not be told (yet)."""
        if not await self._tell_app(relocation):
            return 0  # kept in the journal: the next run tells the app again
        await self._executor(self.mover.finish_relocation, relocation)
        return 1

    async def _tell_app(self, relocation: Relocation) -> int:
        """Give the app the folder's path (``relocation.target``); 1 if it took it."""
        runtime = self.entry.runtime_data
        # The app is told the folder by the name it sees it under.
        target = self.config.path_mappings.to_backend(relocation.target)
        try:
            radarr, sonarr = runtime.get(RADARR), runtime.get(SONARR)
            if relocation.app == "radarr" and radarr is not None:
                await radarr.client.set_movie_path(relocation.item_id, target)
            elif relocation.app == "sonarr" and sonarr is not None:
                await sonarr.client.set_series_path(relocation.item_id, target)
            else:
                return 0
        except MyflixError as err:
            LOGGER.warning("Could not give %s its new folder: %s", relocation.app, err)
            return 0
        return 1

    def _finish(
        self,
        outcome: str,
        totals: dict[str, int],
        duration: float,
        undo: dict[str, Any] | None = None,
    ) -> None:
        """Record the run (synchronously: this also runs when the task is cancelled)."""
        self.running = False
        if self.pending_bytes is not None:
            self.pending_bytes = max(self.pending_bytes - totals["moved_bytes"], 0)
        self.last_run = {
            "finished_at": dt_util.utcnow().isoformat(),
            "outcome": outcome,
            "duration": round(duration, 1),
            **totals,
        }
        self._store.async_delay_save(self._data, 0)
        self.hass.bus.async_fire(
            EVENT_FINISHED, {"entry_id": self.entry.entry_id, **self.last_run}
        )
        if totals["moved_files"] or outcome not in ("completed", "nothing_to_do"):
            async_record(
                self.entry,
                "tiering_run",
                reason=outcome,
                evidence={
                    **totals,
                    "duration": self.last_run["duration"],
                    "high_watermark": self.config.high_watermark,
                },
                undo={"action": "restore_from_archive", "data": undo} if undo else None,
            )
        if not self._closing:
            self.hass.async_create_task(self.async_refresh_usage(), eager_start=False)
        self._notify()

    async def async_restore(
        self, moves: list[dict[str, Any]], relocations: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """Move files back to the hot tier and tell their apps; never beside a run."""
        if self.running or self._closing:
            raise TieringBusyError(
                translation_domain=DOMAIN, translation_key="tiering_running"
            )
        self.running = True
        self._notify()
        try:
            result = await self._executor(
                restore, self.config.archive_root, self.config.hot_roots, moves
            )
            told = 0
            for item in relocations:
                told += await self._tell_app(
                    Relocation(
                        app=item["app"],
                        item_id=int(item["item_id"]),
                        source=item["target"],
                        target=item["source"],
                    )
                )
        finally:
            self.running = False
            self._notify()
        self.moved_bytes = max(self.moved_bytes - result.moved_bytes, 0)
        self.hass.async_create_task(self.async_refresh_usage(), eager_start=False)
        return {
            "restored_files": result.moved_files,
            "restored_bytes": result.moved_bytes,
            "skipped": [{"path": p, "reason": r} for p, r in result.skipped],
            "apps_told": told,
        }

    async def async_drain(self) -> None:
        """Let the files in flight finish, else roll them back; never hang HA's stop."""
        self._closing = True
        self._control.stop.set()
        self._go.set()
        future = self._inflight
        if future is None or future.done():
            return
        _done, pending = await asyncio.wait([future], timeout=FINISH_WINDOW)
        if pending:
            LOGGER.info("Rolling back the file being moved so Home Assistant can stop")
            self._control.abort.set()
            await asyncio.wait([future], timeout=ABORT_WINDOW)

    def storage_status(self) -> dict[str, Any]:
        """Return the cheap summary: fill of both tiers, pending bytes, run state."""
        return {
            "hot": [usage.as_dict() for usage in self.hot_usage],
            "archive": self.archive_usage.as_dict() if self.archive_usage else None,
            "pending_bytes": self.pending_bytes,
            "running": self.running,
            "waiting": self.waiting,
            "last_run": self.last_run,
            "moved_bytes": self.moved_bytes,
        }


def shutdown_job(runtime: TieringRuntime) -> HassJob[[], Any]:
    """Return the stage-1 shutdown job that drains the mover before HA cancels tasks."""
    return HassJob(runtime.async_drain, f"{DOMAIN} drain tiering")
