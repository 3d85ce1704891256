"""The killswitch state machine, with a fake clock, qBittorrent and store."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

import pytest

from custom_components.myflix.clients.errors import MyflixConnectionError
from custom_components.myflix.engine.killswitch import (
    Killswitch,
    KillswitchConfig,
    KillswitchEvent,
    KillswitchEventType,
    KillswitchSnapshot,
    KillswitchState,
    Reason,
    ReleaseRefusedError,
    Signals,
    StopAll,
    Verdict,
    assess,
)
from tests.memory_store import MemoryStore

SIDES = ["running", "stopped"]  # what a stop-all knows

HOME = "203.0.113.7"
VPN = "185.19.221.4"
CLEAN = Signals(tunnel_status="running", vpn_ip=VPN, home_ip=HOME)
UNKNOWN = Signals(tunnel_status="running", vpn_ip=VPN)  # no home IP
LIMIT = 15.0


class FakeClock:
    """Seconds that move only when told."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class FakeQbittorrent:
    """Torrents as hash → running; records every call; can fail on demand.

    ``side`` is what its ``stop_all`` reports: the running or the stopped torrents.
    """

    def __init__(
        self, clock: FakeClock, side: str = "running", **torrents: bool
    ) -> None:
        self.clock = clock
        self.side = side
        self.torrents_: dict[str, bool] = dict(torrents)
        self.calls: list[tuple[str, frozenset[str]]] = []
        self.fail: set[str] = set()
        self.stop_seconds = 0.0

    def _call(self, name: str, hashes: Collection[str] = ()) -> None:
        if name in self.fail:
            self.fail.discard(name)
            raise MyflixConnectionError("qBittorrent is unreachable")
        self.calls.append((name, frozenset(hashes)))

    def running(self) -> set[str]:
        return {key for key, active in self.torrents_.items() if active}

    async def stop_all(self) -> StopAll:
        self._call("stop_all")
        self.clock.now += self.stop_seconds
        running = frozenset(self.running())
        stopped = frozenset(self.torrents_) - running
        self.torrents_ = dict.fromkeys(self.torrents_, False)
        if self.side == "running":
            return StopAll(running=running)
        return StopAll(stopped=stopped)

    async def stop(self, hashes: Collection[str]) -> None:
        self._call("stop", hashes)
        for key in set(hashes) & self.torrents_.keys():
            self.torrents_[key] = False

    async def start(self, hashes: Collection[str]) -> None:
        self._call("start", hashes)
        for key in set(hashes) & self.torrents_.keys():
            self.torrents_[key] = True

    async def torrents(self) -> Mapping[str, bool]:
        self._call("torrents")
        return dict(self.torrents_)

    def acted(self) -> list[tuple[str, frozenset[str]]]:
        """The calls that changed something."""
        return [call for call in self.calls if call[0] != "torrents"]


class Rig:
    """A killswitch wired to fakes, with its published events."""

    def __init__(
        self,
        config: KillswitchConfig | None = None,
        side: str = "running",
        **torrents: bool,
    ) -> None:
        self.clock = FakeClock()
        self.qbt = FakeQbittorrent(self.clock, side, **torrents)
        self.store = MemoryStore()
        self.config = config or KillswitchConfig(fail_closed_after=LIMIT)
        self.published: list[tuple[KillswitchSnapshot, KillswitchEvent | None]] = []
        self.ks = self.new()

    def new(self) -> Killswitch:
        """A fresh killswitch on the same qBittorrent and store (a restart)."""
        ks = Killswitch(self.qbt, self.store, config=self.config, clock=self.clock)
        ks.add_listener(lambda snap, event: self.published.append((snap, event)))
        return ks

    async def check(
        self, signals: Signals | None, advance: float = 1.0
    ) -> KillswitchEvent | None:
        self.clock.now += advance
        return await self.ks.check(signals)

    @property
    def state(self) -> KillswitchState:
        return self.ks.snapshot.state

    def events(self) -> list[KillswitchEvent]:
        return [event for _, event in self.published if event is not None]


async def _tripped(rig: Rig) -> KillswitchEvent:
    """Trip a rig on a tunnel that went down."""
    assert await rig.check(CLEAN) is None
    event = await rig.check(replace(CLEAN, tunnel_status="stopped"))
    assert event is not None
    return event


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize(
    ("signals", "reason"),
    [
        (replace(CLEAN, tunnel_status="crashed"), Reason.TUNNEL_DOWN),
        (replace(CLEAN, vpn_ip=HOME), Reason.VPN_IP_IS_HOME),
        (replace(CLEAN, qbittorrent_ip=HOME), Reason.QBITTORRENT_IP_IS_HOME),
        # The tunnel going down is known even with every other source silent.
        (Signals(tunnel_status="stopped"), Reason.TUNNEL_DOWN),
    ],
)
async def test_a_leak_stops_every_torrent_in_one_call(
    signals: Signals, reason: Reason, side: str
) -> None:
    rig = Rig(side=side, a=True, b=True, mine=False)
    rig.qbt.stop_seconds = 0.004
    assert await rig.check(CLEAN) is None
    assert rig.state is KillswitchState.ARMED
    rig.clock.now += 1
    event = await rig.ks.check(replace(signals, observed_at=rig.clock.now - 0.1))
    assert event is not None
    assert rig.qbt.acted() == [("stop_all", frozenset())]
    assert rig.qbt.running() == set()
    assert event.type is KillswitchEventType.TRIPPED
    assert event.as_data() == {
        "reason": reason.value,
        "detail": event.detail,
        "manual": False,
        "torrents": 2,
        "latency_ms": 104.0,  # from the reading, 100 ms before the check
        "halt_ms": 4.0,
    }
    assert HOME not in event.detail
    assert VPN not in event.detail
    snap = rig.ks.snapshot
    assert (snap.state, snap.reason, snap.stopped, snap.verdict) == (
        KillswitchState.TRIPPED,
        reason,
        2,
        Verdict.LEAK,
    )
    assert snap.since == rig.clock.now - 0.004


async def test_fail_closed_after_the_timeout_of_unknown() -> None:
    rig = Rig(a=True)
    assert await rig.check(CLEAN, advance=0) is None
    assert await rig.check(UNKNOWN, advance=LIMIT - 1) is None
    assert await rig.check(None, advance=0.5) is None
    assert rig.ks.snapshot.state is KillswitchState.ARMED
    assert rig.ks.snapshot.reason is Reason.UNKNOWN
    assert rig.qbt.acted() == []
    event = await rig.check(UNKNOWN, advance=1.5)  # 16 s since the last known state
    assert event is not None
    assert event.reason is Reason.FAIL_CLOSED
    assert event.latency_ms == 1000.0  # counted from when the timeout ran out
    assert "home IP" in event.detail
    assert rig.state is KillswitchState.FAIL_CLOSED
    assert rig.qbt.running() == set()
    # A leak found later names the real reason; the halt stays.
    assert await rig.check(replace(UNKNOWN, tunnel_status="crashed")) is None
    assert (rig.state, rig.ks.snapshot.reason) == (
        KillswitchState.TRIPPED,
        Reason.TUNNEL_DOWN,
    )


async def test_no_check_at_all_still_fails_closed() -> None:
    rig = Rig(a=True)
    assert await rig.check(None, advance=LIMIT) is not None
    assert rig.state is KillswitchState.FAIL_CLOSED


@pytest.mark.parametrize("side", SIDES)
async def test_release_after_m_consecutive_clean_checks_only(side: str) -> None:
    rig = Rig(KillswitchConfig(release_after=3), side, a=True, b=True)
    await _tripped(rig)
    for signals in (CLEAN, CLEAN, UNKNOWN, CLEAN, CLEAN):  # the unknown resets
        assert await rig.check(signals) is None
        assert rig.state is KillswitchState.TRIPPED
    assert rig.ks.snapshot.clean_checks == 2
    event = await rig.check(CLEAN)
    assert event is not None
    assert event.as_data() == {
        "reason": "tunnel_down",
        "detail": "the VPN tunnel is not running (gluetun reports stopped)",
        "manual": False,
        "torrents": 2,
    }
    assert rig.qbt.acted()[-1] == ("start", frozenset({"a", "b"}))
    assert rig.qbt.running() == {"a", "b"}
    assert rig.state is KillswitchState.ARMED
    assert rig.ks.snapshot.since == rig.clock.now


@pytest.mark.parametrize("side", SIDES)
async def test_only_the_torrents_it_stopped_are_started(side: str) -> None:
    """Stopped before the trip, deleted or taken over during it: never started."""
    rig = Rig(
        KillswitchConfig(release_after=1), side, a=True, b=True, c=True, old=False
    )
    await _tripped(rig)
    del rig.qbt.torrents_["b"]  # deleted during the trip
    await rig.ks.forget({"c"})  # stopped through Myflix during the trip
    assert rig.ks.snapshot.stopped == 2
    assert (await rig.check(CLEAN)) is not None
    assert rig.qbt.acted()[-1] == ("start", frozenset({"a"}))
    assert rig.qbt.torrents_ == {"a": True, "c": False, "old": False}


@pytest.mark.parametrize("side", SIDES)
async def test_new_grabs_and_hand_resumes_are_stopped_while_tripped(
    side: str,
) -> None:
    rig = Rig(KillswitchConfig(release_after=1), side, a=True, old=False)
    await _tripped(rig)
    rig.qbt.torrents_ |= {"new": True, "a": True}  # a grab; a resumed by hand
    assert await rig.check(replace(CLEAN, vpn_ip=HOME)) is None
    assert rig.qbt.acted()[-1] == ("stop", frozenset({"new", "a"}))
    assert rig.qbt.running() == set()
    assert rig.ks.snapshot.stopped == 2
    assert (await rig.check(CLEAN)) is not None
    assert rig.qbt.running() == {"a", "new"}


@pytest.mark.parametrize("side", SIDES)
async def test_restart_while_tripped_keeps_downloads_halted(side: str) -> None:
    rig = Rig(KillswitchConfig(release_after=1), side, a=True, b=True, old=False)
    await _tripped(rig)
    assert rig.store.data == {
        "version": 1,
        "armed": True,
        "trip": {
            "reason": "tunnel_down",
            "detail": "the VPN tunnel is not running (gluetun reports stopped)",
            "since": rig.clock.now,
            "manual": False,
            "hashes": ["a", "b"],
            "halted": True,
            "kept": None,
        },
    }
    # qBittorrent comes back with a torrent running; HA restarts.
    rig.qbt.torrents_["a"] = True
    rig.qbt.torrents_["grab"] = True
    rig.ks = rig.new()
    assert await rig.ks.restore() is None
    assert rig.qbt.running() == set()
    snap = rig.ks.snapshot
    assert (snap.state, snap.stopped, snap.since) == (
        KillswitchState.TRIPPED,
        3,
        rig.store.data["trip"]["since"],
    )
    assert (await rig.check(CLEAN)) is not None
    assert rig.qbt.running() == {"a", "b", "grab"}
    assert rig.store.data["trip"] is None


async def test_restore_of_an_unconfirmed_halt_stops_everything() -> None:
    rig = Rig(a=True)
    rig.store.data = {
        "version": 1,
        "armed": "yes",  # garbage keeps the default
        "trip": {"reason": "bogus", "since": "x", "hashes": ["z", 3]},
    }
    event = await rig.ks.restore()
    assert event is not None
    assert (event.reason, event.torrents) == (Reason.FAIL_CLOSED, 2)
    assert rig.qbt.acted() == [("stop_all", frozenset())]
    assert rig.ks.snapshot.armed


@pytest.mark.parametrize("data", [None, {"version": 99, "trip": {}}, {"version": 1}])
async def test_nothing_stored_starts_armed_and_clean(data: Any) -> None:
    rig = Rig(a=True)
    rig.store.data = data
    assert await rig.ks.restore() is None
    assert (rig.state, rig.qbt.acted()) == (KillswitchState.ARMED, [])


async def test_a_manual_halt_only_ends_with_release() -> None:
    rig = Rig(KillswitchConfig(release_after=1), a=True)
    event = await rig.ks.halt("  maintenance " + "x" * 300)
    assert event is not None
    assert (event.reason, event.manual, event.torrents) == (Reason.MANUAL, True, 1)
    assert len(event.detail) == 200
    for _ in range(3):
        assert await rig.check(CLEAN) is None
    assert rig.state is KillswitchState.TRIPPED
    assert await rig.ks.halt() is None  # already halted
    assert rig.ks.snapshot.detail == "halted by hand"
    released = await rig.ks.release()
    assert released is not None
    assert (released.type, released.manual, released.torrents) == (
        KillswitchEventType.RELEASED,
        True,
        1,
    )
    assert rig.qbt.running() == {"a"}
    assert await rig.ks.release() is None  # nothing to release


async def test_halt_turns_an_automatic_trip_into_a_manual_one() -> None:
    rig = Rig(KillswitchConfig(release_after=1), a=True)
    await _tripped(rig)
    await rig.ks.halt("keep it off")
    assert await rig.check(CLEAN) is None
    assert rig.ks.snapshot.reason is Reason.MANUAL


async def test_release_is_refused_while_armed_and_not_clean() -> None:
    rig = Rig(a=True)
    await _tripped(rig)
    with pytest.raises(ReleaseRefusedError) as err:
        await rig.ks.release()
    assert err.value.reason is Reason.TUNNEL_DOWN
    assert rig.qbt.running() == set()
    await rig.check(CLEAN)
    assert await rig.ks.release() is not None  # a user may end it early once clean


async def test_disarm_never_resumes_and_release_then_overrides() -> None:
    rig = Rig(KillswitchConfig(release_after=1), a=True)
    await _tripped(rig)
    await rig.ks.disarm()
    snap = rig.ks.snapshot
    assert (snap.state, snap.armed) == (KillswitchState.TRIPPED, False)
    assert rig.store.data is not None
    assert rig.store.data["armed"] is False
    rig.qbt.torrents_["grab"] = True
    assert await rig.check(CLEAN) is None  # no automatic release while disarmed
    assert rig.qbt.running() == set()  # the halt in force still holds new grabs
    event = await rig.ks.release()  # disarmed: the user's override, even if leaking
    assert event is not None
    assert event.torrents == 2
    assert rig.state is KillswitchState.DISARMED


async def test_disarmed_it_watches_but_never_trips() -> None:
    rig = Rig(a=True)
    await rig.ks.disarm()
    assert await rig.check(Signals(tunnel_status="stopped")) is None
    assert await rig.check(None, advance=LIMIT * 2) is None
    assert rig.qbt.acted() == []
    snap = rig.ks.snapshot
    assert (snap.state, snap.verdict, snap.reason) == (
        KillswitchState.DISARMED,
        Verdict.LEAK,
        Reason.FAIL_CLOSED,
    )
    # Arming restarts the fail-closed timer rather than tripping at once.
    await rig.ks.arm()
    assert await rig.check(None, advance=LIMIT - 1) is None
    assert await rig.check(None, advance=1) is not None


async def test_rearming_a_disarmed_halt_releases_after_clean_checks() -> None:
    rig = Rig(KillswitchConfig(release_after=2), a=True)
    await _tripped(rig)
    await rig.ks.disarm()
    await rig.ks.arm()
    assert await rig.check(CLEAN) is None
    assert await rig.check(CLEAN) is not None
    assert rig.qbt.running() == {"a"}


async def test_a_failed_halt_is_retried_and_reported_once_confirmed() -> None:
    rig = Rig(KillswitchConfig(release_after=1), a=True)
    rig.qbt.fail.add("stop_all")
    assert await rig.check(Signals(tunnel_status="crashed")) is None
    snap = rig.ks.snapshot
    assert (snap.state, snap.halt_pending) == (KillswitchState.TRIPPED, True)
    assert rig.qbt.running() == {"a"}
    # The next check retries; the event counts latency from the first reading.
    event = await rig.check(CLEAN, advance=0.5)
    assert event is not None
    assert (event.latency_ms, event.torrents) == (500.0, 1)
    assert rig.qbt.running() == set()
    # The release waits for the check after the confirmed halt.
    assert (await rig.check(CLEAN)) is not None


async def test_a_halt_knowing_the_stopped_side_holds_every_other_torrent() -> None:
    """The listing right after the stop resolves what is held; mine stays mine."""
    rig = Rig(KillswitchConfig(release_after=1), "stopped", a=True, b=True, mine=False)
    event = await _tripped(rig)
    assert event.torrents == 2
    assert rig.qbt.calls[-2:] == [
        ("stop_all", frozenset()),
        ("torrents", frozenset()),  # resolves the held set at once
    ]
    assert rig.store.data is not None
    assert rig.store.data["trip"]["hashes"] == ["a", "b"]
    assert rig.store.data["trip"]["kept"] is None
    assert (await rig.check(CLEAN)) is not None
    assert rig.qbt.torrents_ == {"a": True, "b": True, "mine": False}


async def test_a_failed_listing_after_the_stop_is_resolved_later() -> None:
    """The halt is confirmed by the stop; who is held survives a restart."""
    rig = Rig(KillswitchConfig(release_after=1), "stopped", a=True, b=True, mine=False)
    rig.qbt.fail.add("torrents")
    event = await _tripped(rig)
    assert event.torrents == 0  # not known yet
    assert rig.qbt.running() == set()
    assert rig.store.data is not None
    assert rig.store.data["trip"]["kept"] == ["mine"]
    await rig.ks.forget({"b"})  # stopped through Myflix meanwhile: never held
    assert rig.store.data["trip"]["kept"] == ["b", "mine"]
    rig.ks = rig.new()
    assert await rig.ks.restore() is None
    assert rig.ks.snapshot.stopped == 1
    assert rig.store.data["trip"]["kept"] is None
    assert (await rig.check(CLEAN)) is not None
    assert rig.qbt.torrents_ == {"a": True, "b": False, "mine": False}


async def test_a_release_resolves_a_halt_still_unresolved() -> None:
    rig = Rig(KillswitchConfig(release_after=1), "stopped", a=True, mine=False)
    rig.qbt.fail.add("torrents")
    await _tripped(rig)
    assert rig.ks.snapshot.stopped == 0
    await rig.ks.disarm()
    released = await rig.ks.release()  # the user's override, before any check
    assert released is not None
    assert released.torrents == 1
    assert rig.qbt.torrents_ == {"a": True, "mine": False}


async def test_a_manual_halt_confirmed_by_the_stop_does_not_raise() -> None:
    rig = Rig(side="stopped", a=True)
    rig.qbt.fail.add("torrents")
    event = await rig.ks.halt("now")  # the listing failing is retried, not raised
    assert event is not None
    assert event.manual
    assert rig.qbt.running() == set()


async def test_io_failures_while_tripped_are_retried() -> None:
    rig = Rig(KillswitchConfig(release_after=2), a=True)
    await _tripped(rig)
    rig.qbt.fail.add("torrents")
    assert await rig.check(CLEAN, advance=0) is None  # enforcement failed: logged
    assert rig.qbt.fail == set()
    rig.qbt.fail.add("start")
    assert await rig.check(CLEAN) is None  # the release failed: still tripped
    assert rig.state is KillswitchState.TRIPPED
    assert await rig.check(CLEAN) is not None
    assert rig.qbt.running() == {"a"}


async def test_manual_actions_raise_io_errors() -> None:
    rig = Rig(a=True)
    rig.qbt.fail.add("stop_all")
    with pytest.raises(MyflixConnectionError):
        await rig.ks.halt("now")
    assert rig.ks.snapshot.halt_pending  # recorded, retried at the next check
    assert rig.store.data is not None
    assert rig.store.data["trip"]["manual"] is True


async def test_a_store_failure_does_not_stop_the_halt() -> None:
    rig = Rig(a=True)

    async def broken(data: dict[str, Any]) -> None:
        raise OSError("disk full")

    rig.store.save = broken  # type: ignore[method-assign]
    await _tripped(rig)
    assert rig.qbt.running() == set()


async def test_listeners_hear_changes_not_every_check() -> None:
    rig = Rig(a=True)
    for _ in range(3):
        await rig.check(CLEAN)
    assert [snap.verdict for snap, _ in rig.published] == [Verdict.CLEAN]
    event = await _tripped(rig)
    assert rig.published[-1] == (rig.ks.snapshot, event)
    assert rig.ks.snapshot.as_dict() == {
        "state": "tripped",
        "armed": True,
        "verdict": "leak",
        "reason": "tunnel_down",
        "detail": "the VPN tunnel is not running (gluetun reports stopped)",
        "since": rig.clock.now,
        "stopped": 1,
        "halt_pending": False,
        "last_check": rig.clock.now,
        "clean_checks": 0,
    }
    seen: list[KillswitchEvent | None] = []
    remove = rig.ks.add_listener(lambda _, event: seen.append(event))
    await rig.ks.disarm()
    remove()
    await rig.ks.arm()
    assert seen == [None]


async def test_run_checks_every_interval_and_treats_errors_as_unknown() -> None:
    rig = Rig(KillswitchConfig(check_interval=0.25, fail_closed_after=1.0), a=True)
    answers: list[Signals | Exception] = [CLEAN, TimeoutError(), KeyError("bug")]
    naps: list[float] = []

    async def fetch() -> Signals | None:
        rig.clock.now += 0.05
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def sleep(seconds: float) -> None:
        naps.append(round(seconds, 3))
        if not answers:
            raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await rig.ks.run(fetch, sleep=sleep)
    assert naps == [0.2, 0.2, 0.2]
    # Two checks without an answer after 0.1 s each: not yet past the 1 s timeout.
    assert rig.ks.snapshot.reason is Reason.UNKNOWN
    assert rig.ks.snapshot.detail == "no answer from any source"


async def _watch(rig: Rig, answers: list[Signals]) -> None:
    """Run the watcher loop over these answers, one per check, then stop it."""

    async def fetch() -> Signals | None:
        return answers.pop(0)

    async def sleep(_seconds: float) -> None:
        rig.clock.now += rig.config.check_interval
        if not answers:
            raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await rig.ks.run(fetch, sleep=sleep)


async def test_the_watcher_resolves_a_halt_on_the_next_check() -> None:
    """Right after the stop-all qBittorrent is left alone; the next check lists."""
    rig = Rig(KillswitchConfig(release_after=2), "stopped", a=True, b=True, mine=False)
    leak = replace(CLEAN, vpn_ip=HOME)
    await _watch(rig, [CLEAN, leak])
    assert rig.qbt.calls == [("stop_all", frozenset())]  # no listing after it
    assert rig.qbt.running() == set()
    assert rig.state is KillswitchState.TRIPPED
    assert rig.events() == []  # told once the held torrents are known

    await _watch(rig, [leak])
    assert rig.qbt.calls[1:] == [("torrents", frozenset())]
    (tripped,) = rig.events()
    assert (tripped.type, tripped.reason, tripped.torrents) == (
        KillswitchEventType.TRIPPED,
        Reason.VPN_IP_IS_HOME,
        2,
    )
    assert tripped.halt_ms is not None
    assert rig.ks.snapshot.stopped == 2

    await _watch(rig, [CLEAN, CLEAN])
    assert [event.type for event in rig.events()] == [
        KillswitchEventType.TRIPPED,
        KillswitchEventType.RELEASED,
    ]
    assert rig.qbt.torrents_ == {"a": True, "b": True, "mine": False}


async def test_a_halt_released_before_it_was_told_is_told_first() -> None:
    rig = Rig(side="stopped", a=True, mine=False)
    await _watch(rig, [CLEAN, replace(CLEAN, tunnel_status="stopped")])
    assert rig.events() == []
    await rig.ks.disarm()
    released = await rig.ks.release()
    assert released is not None
    assert [(event.type, event.torrents) for event in rig.events()] == [
        (KillswitchEventType.TRIPPED, 1),
        (KillswitchEventType.RELEASED, 1),
    ]
    assert rig.qbt.torrents_ == {"a": True, "mine": False}


@pytest.mark.parametrize(
    "changes",
    [{"check_interval": 0}, {"fail_closed_after": -1}, {"release_after": 0}],
)
def test_config_rejects_settings_that_never_act(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must be"):
        KillswitchConfig(**changes)


@pytest.mark.parametrize(
    ("signals", "unbound_is_leak", "verdict", "detail"),
    [
        (
            CLEAN,
            False,
            Verdict.CLEAN,
            "the tunnel runs and the egress IP is not the home IP",
        ),
        # qBittorrent's own address alone proves it (gluetun's IP not fetched).
        (replace(CLEAN, vpn_ip=None, qbittorrent_ip=VPN), False, Verdict.CLEAN, None),
        (
            replace(CLEAN, vpn_ip=""),
            False,
            Verdict.UNKNOWN,
            "no answer for: VPN public IP",
        ),
        (replace(CLEAN, vpn_ip="not an ip"), False, Verdict.UNKNOWN, None),
        # An IPv6 egress says nothing about an IPv4 home address.
        (replace(CLEAN, vpn_ip="2001:db8::1"), False, Verdict.UNKNOWN, None),
        (Signals(), False, Verdict.UNKNOWN, "no answer for: tunnel status, home IP"),
        (CLEAN, True, Verdict.UNKNOWN, "no answer for: qBittorrent interface"),
        (replace(CLEAN, qbittorrent_interface=""), False, Verdict.CLEAN, None),
        (replace(CLEAN, qbittorrent_interface="tun0"), True, Verdict.CLEAN, None),
        (
            replace(CLEAN, qbittorrent_interface=""),
            True,
            Verdict.LEAK,
            "qBittorrent is not bound to a network interface",
        ),
        (
            replace(CLEAN, tunnel_status="<script>", vpn_ip=HOME, qbittorrent_ip=HOME),
            False,
            Verdict.LEAK,
            (
                "the VPN tunnel is not running (gluetun reports an unexpected status); "
                "gluetun's public IP is the home IP; "
                "qBittorrent's external address is the home IP"
            ),
        ),
        # A known leak wins over the sources that did not answer.
        (Signals(vpn_ip=f" {HOME} ", home_ip=HOME), True, Verdict.LEAK, None),
    ],
)
def test_assess(
    signals: Signals, unbound_is_leak: bool, verdict: Verdict, detail: str | None
) -> None:
    result = assess(signals, unbound_is_leak=unbound_is_leak)
    assert result.verdict is verdict
    if detail is not None:
        assert result.detail == detail
