"""Self-healing in Home Assistant: the periodic pass, events, repairs, the switch."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.core import callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_track_time_interval
from homeassistant.util import dt as dt_util

from custom_components.myflix.const import (
    CONF_HEALING_INTERVAL,
    CONF_HEALING_MAX_STRIKES,
    CONF_HEALING_MIN_AGE,
    CONF_HEALING_MIN_SPEED,
    CONF_HEALING_PRIVATE,
    CONF_HEALING_PROTECTED_TAG,
    CONF_HEALING_STOP_INSTEAD,
    DEFAULT_HEALING_INTERVAL,
    DEFAULT_HEALING_MAX_STRIKES,
    DEFAULT_HEALING_MIN_AGE,
    DEFAULT_HEALING_MIN_SPEED,
    DEFAULT_HEALING_PROTECTED_TAG,
    DOMAIN,
    LOGGER,
)
from custom_components.myflix.engine.healing import (
    IO_ERRORS,
    Action,
    ArrActions,
    Decision,
    Healer,
    HealingConfig,
    PassResult,
    PrivateHandling,
)
from custom_components.myflix.features.arr import ARR, RADARR, SONARR
from custom_components.myflix.history import async_record

from .adapters import ArrQueueActions, QbittorrentDetails
from .io import HealingHaStore, read_snapshot

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.myflix.entry import MyflixConfigEntry
    from custom_components.myflix.features.qbittorrent.coordinator import (
        QbittorrentRuntime,
    )

EVENT_STALLED = f"{DOMAIN}_download_stalled"
EVENT_REPLACED = f"{DOMAIN}_download_replaced"
BUS_EVENTS = {"stalled": EVENT_STALLED, "replaced": EVENT_REPLACED}
ISSUE_LOOP = "download_loop"
_STRUCK = frozenset({Action.STRIKE, Action.REPORT})
_REMOVED = frozenset({Action.REPLACE, Action.RELEASE})


def healing_config(options: Mapping[str, Any]) -> HealingConfig:
    """Build the engine's settings from the entry's options."""
    interval = 60.0 * options.get(CONF_HEALING_INTERVAL, DEFAULT_HEALING_INTERVAL)
    try:
        private = PrivateHandling(options.get(CONF_HEALING_PRIVATE, "skip"))
    except ValueError:
        private = PrivateHandling.SKIP
    return HealingConfig(
        max_strikes=int(
            options.get(CONF_HEALING_MAX_STRIKES, DEFAULT_HEALING_MAX_STRIKES)
        ),
        # Half an interval: a manual pass between two periodic ones adds no strike.
        strike_spacing=interval / 2,
        min_speed=1000
        * int(options.get(CONF_HEALING_MIN_SPEED, DEFAULT_HEALING_MIN_SPEED)),
        min_age=60.0 * options.get(CONF_HEALING_MIN_AGE, DEFAULT_HEALING_MIN_AGE),
        protected_tag=str(
            options.get(CONF_HEALING_PROTECTED_TAG) or DEFAULT_HEALING_PROTECTED_TAG
        ),
        private_handling=private,
        stop_instead_of_delete=bool(options.get(CONF_HEALING_STOP_INSTEAD, False)),
    )


def left_stopped(decision: Decision, config: HealingConfig) -> bool:
    """Whether a replaced torrent was stopped and left to the user (stop mode)."""
    return decision.action is Action.REPLACE and config.stop_instead_of_delete


def event_data(
    decision: Decision, entry_id: str, config: HealingConfig
) -> dict[str, Any]:
    """Return the data of a stalled or replaced event: no secret, no address."""
    data: dict[str, Any] = {
        "entry_id": entry_id,
        "hash": decision.hash,
        "title": decision.title,
        "reason": decision.reason.value if decision.reason else None,
        "strikes": decision.strikes,
        "max_strikes": config.max_strikes,
        "app": decision.app,
    }
    if decision.action in _REMOVED:
        data["kept_data"] = decision.action is Action.RELEASE
        data["stopped"] = left_stopped(decision, config)
    return data


def published(result: PassResult) -> Iterator[tuple[str, Decision]]:
    """Yield a pass's new strikes (``stalled``) and done removals (``replaced``)."""
    for decision in result.decisions:
        if decision.action in _STRUCK:
            yield "stalled", decision
        elif decision.action in _REMOVED and decision.hash not in result.errors:
            yield "replaced", decision


def pass_events(
    result: PassResult, entry_id: str, config: HealingConfig
) -> list[tuple[str, dict[str, Any]]]:
    """Return a pass's ``stalled`` and ``replaced`` events, in order."""
    return [
        (kind, event_data(decision, entry_id, config))
        for kind, decision in published(result)
    ]


def loop_issue_id(entry_id: str, torrent_hash: str) -> str:
    """Return the repair issue of one release that keeps coming back."""
    return f"{ISSUE_LOOP}_{entry_id}_{torrent_hash.lower()}"


@dataclass(kw_only=True)
class HealingRuntime:
    """An entry's healer, its switch, and what the entities show."""

    hass: HomeAssistant
    entry: MyflixConfigEntry
    healer: Healer
    store: HealingHaStore
    interval: float
    clock: Callable[[], float] = field(default=lambda: dt_util.utcnow().timestamp())
    _listeners: list[Callable[[], None]] = field(default_factory=list)
    _running: bool = False

    @property
    def enabled(self) -> bool:
        """Whether the periodic pass runs (stored, off until the user turns it on)."""
        return self.store.enabled

    async def set_enabled(self, enabled: bool) -> None:
        """Turn the periodic pass on or off (survives a restart)."""
        await self.store.set_enabled(enabled)
        self._changed()

    @property
    def watched(self) -> int | None:
        """Torrents the last real pass looked after (None before the first)."""
        last = self.healer.last
        return None if last is None else last.watched

    @property
    def striking(self) -> int:
        """Downloads with strikes."""
        return len(self.healer.book.strikes)

    @property
    def replaced_today(self) -> int:
        """Replacements since local midnight."""
        return self.healer.book.replaced_since(dt_util.start_of_local_day().timestamp())

    def diagnostics(self) -> dict[str, Any]:
        """Return counts only: no titles, no hashes."""
        book, last = self.healer.book, self.healer.last
        return {
            "enabled": self.enabled,
            "interval": self.interval,
            "striking": self.striking,
            "replaced_today": self.replaced_today,
            "replaced_remembered": len(book.replaced),
            "pending_searches": len(book.pending),
            "last_pass": None
            if last is None
            else {
                "gate": last.gate.value,
                "watched": last.watched,
                "actions": dict(Counter(d.action.value for d in last.decisions)),
                "errors": len(last.errors),
            },
        }

    def add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` when anything shown changes; return the remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    async def run_pass(self, *, dry_run: bool = False) -> PassResult:
        """Look at the stack now and decide (and act, unless ``dry_run``)."""
        snapshot = await read_snapshot(self.entry.runtime_data, self.clock())
        return await self.healer.run(snapshot, dry_run=dry_run)

    async def forget(self, hashes: Collection[str] | None) -> int:
        """Forget strikes (and the loop guard on those hashes)."""
        count = await self.healer.forget(hashes)
        for torrent_hash in hashes or ():
            ir.async_delete_issue(
                self.hass, DOMAIN, loop_issue_id(self.entry.entry_id, torrent_hash)
            )
        self._changed()
        return count

    @callback
    def _record(self, decision: Decision) -> None:
        """Put a strike or a replacement in the history, with the rule it met."""
        config = self.healer.config
        evidence: dict[str, Any] = {
            "strikes": decision.strikes,
            "max_strikes": config.max_strikes,
            "min_speed": config.min_speed,
            "app": decision.app,
        }
        kind, undo = "healing_strike", None
        if decision.action in _REMOVED:
            kind = "healing_replaced"
            evidence["kept_data"] = decision.action is Action.RELEASE
            evidence["left_stopped"] = left_stopped(decision, config)
            if decision.app in ARR:
                # Taken back: off the blocklist, and the same search again.
                search = decision.search
                undo = {
                    "action": "retry_release",
                    "data": {"app": decision.app, "title": decision.title}
                    | (
                        {"search": {"name": search.name, "fields": dict(search.fields)}}
                        if search is not None
                        else {}
                    ),
                }
        async_record(
            self.entry,
            kind,
            title=decision.title,
            torrent_hash=decision.hash,
            reason=decision.reason.value if decision.reason else None,
            evidence=evidence,
            undo=undo,
        )

    @callback
    def on_pass(self, result: PassResult) -> None:
        """Publish a real pass: events, repair issues, entities."""
        entry_id, config = self.entry.entry_id, self.healer.config
        for kind, decision in published(result):
            self.hass.bus.async_fire(
                BUS_EVENTS[kind], event_data(decision, entry_id, config)
            )
            self._record(decision)
        for decision in result.decisions:
            if decision.action is Action.LOOP:
                ir.async_create_issue(
                    self.hass,
                    DOMAIN,
                    loop_issue_id(entry_id, decision.hash),
                    is_fixable=False,
                    severity=ir.IssueSeverity.WARNING,
                    translation_key=ISSUE_LOOP,
                    translation_placeholders={
                        "title": decision.title,
                        "app": "Sonarr" if decision.app == "sonarr" else "Radarr",
                        "hash": decision.hash,
                    },
                )
        self._changed()

    async def periodic_pass(self) -> None:
        """Run the scheduled pass when enabled; a failing one is logged and retried."""
        if not self.enabled or self._running:
            return
        self._running = True
        try:
            await self.run_pass()
        except IO_ERRORS as err:
            LOGGER.warning("Healing pass failed: %s", err)
        finally:
            self._running = False


async def async_setup_healing(
    hass: HomeAssistant, entry: MyflixConfigEntry, qbittorrent: QbittorrentRuntime
) -> HealingRuntime:
    """Restore the strikes and the switch, then start the periodic pass."""
    runtime = entry.runtime_data
    arrs: dict[str, ArrActions] = {
        arr.key: ArrQueueActions(arr.client)
        for arr in (runtime.get(RADARR), runtime.get(SONARR))
        if arr is not None
    }
    store = HealingHaStore(hass, entry.entry_id)
    config = healing_config(entry.options)
    healer = Healer(
        store, details=QbittorrentDetails(qbittorrent.client), arrs=arrs, config=config
    )
    await healer.restore()
    healing = HealingRuntime(
        hass=hass,
        entry=entry,
        healer=healer,
        store=store,
        interval=60.0
        * entry.options.get(CONF_HEALING_INTERVAL, DEFAULT_HEALING_INTERVAL),
    )
    entry.async_on_unload(healer.add_listener(healing.on_pass))

    @callback
    def due(_now: datetime) -> None:
        # Each pass is an entry background task: unloading the entry cancels it.
        entry.async_create_background_task(
            hass, healing.periodic_pass(), f"{DOMAIN} healing {entry.entry_id}"
        )

    entry.async_on_unload(
        async_track_time_interval(
            hass, due, timedelta(seconds=healing.interval), name="myflix healing"
        )
    )
    return healing
