"""The healing engine: every rule, every protection, strikes, the loop guard."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.myflix.clients.qbittorrent import Tracker
from custom_components.myflix.engine.healing import (
    Action,
    Decision,
    Gate,
    Healer,
    HealingConfig,
    PassResult,
    PrivateHandling,
    Protection,
    Reason,
    SearchRequest,
    Snapshot,
    StrikeBook,
    decide,
)
from custom_components.myflix.engine.healing.models import MIB
from tests.memory_store import MemoryStore

from .healing_helpers import (
    GIB,
    HOUR,
    T0,
    FakeArr,
    FakeDetails,
    config,
    queue_item,
    snapshot,
    torrent,
    unregistered_tracker,
)

H = "a" * 40


def only(decisions: list[Decision]) -> Decision:
    assert len(decisions) == 1, decisions
    return decisions[0]


def run_times(
    snap_fn: Any, book: StrikeBook, cfg: HealingConfig, times: int
) -> list[Decision]:
    """Decide ``times`` looks, 10 minutes apart; return the last decisions."""
    decisions: list[Decision] = []
    for step in range(times):
        decisions, _ = decide(snap_fn(T0 + step * 600), book, cfg)
    return decisions


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ("stalledDL", Reason.STALLED),
        ("metaDL", Reason.METADATA),
        ("forcedMetaDL", Reason.METADATA),
        ("error", Reason.FAILED),
        ("missingFiles", Reason.MISSING_FILES),
    ],
)
def test_state_rules_strike_then_replace_at_the_limit(
    state: str, reason: Reason
) -> None:
    item = queue_item(H)
    book = StrikeBook()
    cfg = config()
    actions = []
    for step in range(3):
        decision = only(
            decide(snapshot([torrent(H, state)], [item], now=T0 + step), book, cfg)[0]
        )
        assert decision.reason is reason
        actions.append((decision.action, decision.strikes))
    assert actions == [(Action.STRIKE, 1), (Action.STRIKE, 2), (Action.REPLACE, 3)]
    assert decision.queue_id == item.id
    assert decision.search == SearchRequest(
        app="radarr", name="MoviesSearch", fields={"movieIds": [42]}
    )


@pytest.mark.parametrize("state", ["downloading", "uploading", "queuedDL", "moving"])
def test_healthy_states_are_not_flagged(state: str) -> None:
    decisions, watched = decide(
        snapshot([torrent(H, state, completed=GIB)], [queue_item(H)]),
        StrikeBook(),
        config(),
    )
    assert decisions == []
    assert watched == 1


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {
                "status": "completed",
                "trackedDownloadStatus": "warning",
                "trackedDownloadState": "importBlocked",
            },
            Reason.FAILED_IMPORT,
        ),
        (
            {
                "status": "completed",
                "trackedDownloadStatus": "warning",
                "trackedDownloadState": "importPending",
            },
            Reason.FAILED_IMPORT,
        ),
        ({"status": "failed", "trackedDownloadState": "failedPending"}, Reason.FAILED),
    ],
)
def test_queue_rules(fields: dict[str, Any], reason: Reason) -> None:
    done = torrent(H, "stalledUP", completed=4 * GIB)
    decision = only(
        decide(snapshot([done], [queue_item(H, **fields)]), StrikeBook(), config())[0]
    )
    assert (decision.reason, decision.action) == (reason, Action.STRIKE)


def test_import_pending_without_a_warning_is_fine() -> None:
    done = torrent(H, "stalledUP", completed=4 * GIB)
    item = queue_item(H, status="completed", trackedDownloadState="importPending")
    assert decide(snapshot([done], [item]), StrikeBook(), config())[0] == []


def test_slow_needs_two_samples_and_a_speed_under_the_floor() -> None:
    book, cfg = StrikeBook(), config(min_speed=100_000)
    first = snapshot([torrent(H, "downloading", completed=GIB)], [queue_item(H)])
    assert decide(first, book, cfg)[0] == []  # no baseline yet
    # 600 s later, 30 MB more: 50 kB/s, under the floor.
    slow = snapshot(
        [torrent(H, "downloading", completed=GIB + 30_000_000)],
        [queue_item(H)],
        now=T0 + 600,
    )
    decision = only(decide(slow, book, cfg)[0])
    assert (decision.reason, decision.strikes) == (Reason.SLOW, 1)


def test_slow_is_not_measured_over_a_short_gap() -> None:
    book, cfg = StrikeBook(), config(min_speed=100_000, min_sample=60)
    decide(snapshot([torrent(H, "downloading", completed=GIB)]), book, cfg)
    again = snapshot([torrent(H, "downloading", completed=GIB)], now=T0 + 30)
    assert decide(again, book, cfg)[0] == []
    assert book.samples[H] == (T0, GIB)  # the baseline is kept, not moved


def test_fast_download_is_not_slow() -> None:
    book, cfg = StrikeBook(), config(min_speed=100_000)
    decide(snapshot([torrent(H, "downloading", completed=GIB)]), book, cfg)
    fast = snapshot([torrent(H, "downloading", completed=2 * GIB)], now=T0 + 600)
    assert decide(fast, book, cfg)[0] == []


def test_bandwidth_guard_pauses_slow_strikes_without_resetting_them() -> None:
    book, cfg = StrikeBook(), config(min_speed=100_000)

    def look(now: float, completed: int, speed: int) -> Decision | None:
        snap = snapshot(
            [torrent(H, "downloading", completed=completed)],
            [queue_item(H)],
            now=now,
            dl_speed=speed,
            dl_limit=1_000_000,
        )
        decisions = decide(snap, book, cfg)[0]
        return decisions[0] if decisions else None

    assert look(T0, GIB, 0) is None
    struck = look(T0 + 600, GIB + 1_000, 100_000)
    assert struck is not None
    assert struck.strikes == 1
    saturated = look(T0 + 1200, GIB + 2_000, 950_000)
    assert saturated is not None
    assert (saturated.action, saturated.protection) == (
        Action.SKIP,
        Protection.BANDWIDTH,
    )
    assert book.strikes[H].count == 1  # paused, not reset


def test_strike_spacing_holds_back_a_second_strike() -> None:
    book, cfg = StrikeBook(), config(strike_spacing=600)
    snap = snapshot([torrent(H)], [queue_item(H)])
    assert only(decide(snap, book, cfg)[0]).action is Action.STRIKE
    soon = snapshot([torrent(H)], [queue_item(H)], now=T0 + 60)
    decision = only(decide(soon, book, cfg)[0])
    assert (decision.action, decision.strikes) == (Action.WAIT, 1)


def test_progress_resets_strikes() -> None:
    book, cfg = StrikeBook(), config(progress_reset=50 * MIB)
    decide(snapshot([torrent(H)], [queue_item(H)]), book, cfg)
    moved = torrent(H, "downloading", completed=60 * MIB)
    decision = only(
        decide(snapshot([moved], [queue_item(H)], now=T0 + 1), book, cfg)[0]
    )
    assert (decision.action, decision.reason) == (Action.RESET, Reason.STALLED)
    assert H not in book.strikes


def test_trickle_progress_does_not_reset() -> None:
    book, cfg = StrikeBook(), config(progress_reset=50 * MIB)
    decide(snapshot([torrent(H)], [queue_item(H)]), book, cfg)
    trickle = torrent(H, completed=10 * MIB)
    decision = only(
        decide(snapshot([trickle], [queue_item(H)], now=T0 + 1), book, cfg)[0]
    )
    assert decision.strikes == 2


def test_slow_strikes_reset_only_above_the_floor() -> None:
    cfg = config(progress_reset=10 * MIB, min_speed=100_000)
    book = StrikeBook()
    decide(snapshot([torrent(H, "downloading", completed=0)]), book, cfg)
    decide(
        snapshot([torrent(H, "downloading", completed=MIB)], now=T0 + 600), book, cfg
    )
    assert book.strikes[H].reason is Reason.SLOW
    # 50 MB in 600 s is over the byte threshold but still under 100 kB/s.
    later = snapshot(
        [torrent(H, "downloading", completed=MIB + 50_000_000)], now=T0 + 1200
    )
    decision = only(decide(later, book, cfg)[0])
    assert (decision.action, decision.strikes) == (Action.STRIKE, 2)


def test_strikes_are_forgotten_after_a_day_without_a_new_one() -> None:
    book, cfg = StrikeBook(), config()
    decide(snapshot([torrent(H)], [queue_item(H)]), book, cfg)
    decide(snapshot([], [], now=T0 + 24 * HOUR + 1), book, cfg)
    assert book.strikes == {}


@pytest.mark.parametrize(
    ("kwargs", "protection"),
    [
        ({"tags": "movies, myflix-keep"}, Protection.TAG),
        ({"private": True}, Protection.PRIVATE),
        ({"added": T0 - 60}, Protection.YOUNG),
        ({"category": "manual"}, Protection.UNMANAGED),
    ],
)
def test_protections(kwargs: dict[str, Any], protection: Protection) -> None:
    queue = [] if protection is Protection.UNMANAGED else [queue_item(H)]
    book = StrikeBook()
    for _ in range(4):
        decision = only(
            decide(snapshot([torrent(H, **kwargs)], queue), book, config())[0]
        )
    assert (decision.action, decision.protection) == (Action.SKIP, protection)
    assert book.strikes == {}


def test_queue_download_id_makes_any_category_managed() -> None:
    decision = only(
        decide(
            snapshot([torrent(H, category="")], [queue_item(H)]), StrikeBook(), config()
        )[0]
    )
    assert (decision.app, decision.action) == ("radarr", Action.STRIKE)


def test_managed_category_without_queue_item_is_reported_never_replaced() -> None:
    decisions = run_times(
        lambda now: snapshot([torrent(H)], [], now=now), StrikeBook(), config(), 3
    )
    assert only(decisions).action is Action.REPORT


def test_private_release_keeps_the_data() -> None:
    cfg = config(private_handling=PrivateHandling.RELEASE)
    decisions = run_times(
        lambda now: snapshot([torrent(H, private=True)], [queue_item(H)], now=now),
        StrikeBook(),
        cfg,
        3,
    )
    assert only(decisions).action is Action.RELEASE


def test_storage_outage_suspends_error_and_missing_files() -> None:
    hashes = [f"{i:040x}" for i in range(6)]
    torrents = [torrent(h, "missingFiles") for h in hashes]
    decisions, _ = decide(
        snapshot(torrents, [queue_item(h) for h in hashes]), StrikeBook(), config()
    )
    assert {d.protection for d in decisions} == {Protection.STORAGE}


def test_gate_closed_means_no_strike_and_no_baseline() -> None:
    book = StrikeBook()
    decide(snapshot([torrent(H, "downloading", completed=GIB)]), book, config())
    for gate in (Gate.VPN, Gate.QBITTORRENT, Gate.ARR):
        decisions, watched = decide(
            snapshot([torrent(H)], [queue_item(H)], gate=gate), book, config()
        )
        assert (decisions, watched) == ([], 0)
    assert book.strikes == {}
    assert book.samples == {}


def test_season_pack_gets_a_season_search() -> None:
    items = [
        queue_item(H, movieId=None, seriesId=7, episodeId=e, seasonNumber=2)
        for e in (71, 72, 73)
    ]
    decisions = run_times(
        lambda now: snapshot(
            [torrent(H, category="tv-sonarr")], [], sonarr=items, now=now
        ),
        StrikeBook(),
        config(),
        3,
    )
    assert only(decisions).search == SearchRequest(
        app="sonarr", name="SeasonSearch", fields={"seriesId": 7, "seasonNumber": 2}
    )


def test_single_episode_gets_an_episode_search() -> None:
    item = queue_item(H, movieId=None, seriesId=7, episodeId=71, seasonNumber=2)
    decisions = run_times(
        lambda now: snapshot(
            [torrent(H, category="tv-sonarr")], [], sonarr=[item], now=now
        ),
        StrikeBook(),
        config(),
        3,
    )
    assert only(decisions).search == SearchRequest(
        app="sonarr", name="EpisodeSearch", fields={"episodeIds": [71]}
    )


def test_store_round_trip_and_garbage() -> None:
    book = StrikeBook()
    decide(snapshot([torrent(H, "downloading")]), book, config())
    decide(snapshot([torrent(H)], [queue_item(H)], now=T0 + 5), book, config())
    book.pending.append(
        SearchRequest(app="radarr", name="MoviesSearch", fields={"movieIds": [1]})
    )
    again = StrikeBook.load(book.dump())
    assert again.dump() == book.dump()
    broken = {
        "version": 1,
        "strikes": {"x": ["nope"], H: [1, "bogus", 0, 0, 0, ""]},
        "samples": {"y": ["a", "b"], "z": 5},
        "replaced": {"Q": [1]},
        "searches": ["x", 3.0],
        "pending": [{"app": "radarr"}, 5],
    }
    loaded = StrikeBook.load(broken)
    assert (loaded.strikes, loaded.samples, loaded.replaced, loaded.pending) == (
        {},
        {},
        {},
        [],
    )
    assert loaded.searches == [3.0]
    assert StrikeBook.load({"version": 99}).strikes == {}
    assert StrikeBook.load(None).strikes == {}


def test_config_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="max_strikes"):
        HealingConfig(max_strikes=1)
    with pytest.raises(ValueError, match="forget_after"):
        HealingConfig(forget_after=0)
    with pytest.raises(ValueError, match="searches_per_hour"):
        HealingConfig(searches_per_hour=0)


# ----- the healer: I/O, dry runs, the loop guard, the search budget ----------


class Rig:
    """A healer over fakes, with a queue the tests edit."""

    def __init__(self, cfg: HealingConfig | None = None, **details: Any) -> None:
        self.store = MemoryStore()
        self.radarr = FakeArr()
        self.details = FakeDetails(**details)
        self.healer = Healer(
            self.store,
            details=self.details,
            arrs={"radarr": self.radarr},
            config=cfg or config(),
        )
        self.now = T0

    async def look(self, snap: Snapshot, *, dry_run: bool = False) -> list[Decision]:
        return (await self.healer.run(snap, dry_run=dry_run)).decisions


async def test_healer_replaces_blocklists_and_searches() -> None:
    rig = Rig()
    item = queue_item(H)
    for step in range(3):
        decisions = await rig.look(snapshot([torrent(H)], [item], now=T0 + step))
    assert only(decisions).action is Action.REPLACE
    assert rig.radarr.removed == [(item.id, True)]
    assert rig.radarr.searches == [
        SearchRequest(app="radarr", name="MoviesSearch", fields={"movieIds": [42]})
    ]
    assert rig.healer.strikes() == []
    assert rig.healer.book.replaced_since(T0) == 1
    assert rig.store.saves == 3


async def test_dry_run_changes_nothing() -> None:
    rig = Rig()
    item = queue_item(H)
    for step in range(2):
        await rig.look(snapshot([torrent(H)], [item], now=T0 + step))
    before = rig.healer.book.dump()
    decisions = await rig.look(snapshot([torrent(H)], [item], now=T0 + 9), dry_run=True)
    assert only(decisions).action is Action.REPLACE
    assert rig.radarr.removed == []
    assert rig.healer.book.dump() == before
    assert rig.store.saves == 2


async def test_same_release_coming_back_is_a_loop_not_another_replace() -> None:
    rig = Rig()
    for step in range(3):
        await rig.look(snapshot([torrent(H)], [queue_item(H)], now=T0 + step))
    # The *arr grabbed the very same hash again (blocklisted hashes not rejected).
    again = queue_item(H)
    for step in range(5):
        decision = only(
            await rig.look(snapshot([torrent(H)], [again], now=T0 + 100 + step))
        )
        assert decision.action is Action.LOOP
    assert len(rig.radarr.removed) == 1
    assert len(rig.radarr.searches) == 1
    # Forgetting the hash lifts the guard.
    assert await rig.healer.forget([H]) == 0
    decision = only(await rig.look(snapshot([torrent(H)], [again], now=T0 + 200)))
    assert decision.action is Action.STRIKE


async def test_released_private_torrent_is_left_seeding() -> None:
    rig = Rig(config(private_handling=PrivateHandling.RELEASE))
    item = queue_item(H)
    for step in range(3):
        await rig.look(snapshot([torrent(H, private=True)], [item], now=T0 + step))
    assert rig.radarr.removed == [(item.id, False)]
    # Still in qBittorrent, gone from the queue: never struck again.
    assert await rig.look(snapshot([torrent(H, private=True)], [], now=T0 + 9)) == []


async def test_privacy_is_read_once_for_flagged_torrents_on_4x() -> None:
    rig = Rig(private={H: True})
    for step in range(3):
        decision = only(
            await rig.look(
                snapshot([torrent(H, private=None)], [queue_item(H)], now=T0 + step)
            )
        )
    assert decision.protection is Protection.PRIVATE
    assert rig.details.reads.count(("private", H)) == 1


async def test_unregistered_is_replaced_at_once() -> None:
    rig = Rig(trackers={H: [unregistered_tracker()]})
    decision = only(await rig.look(snapshot([torrent(H)], [queue_item(H)])))
    assert (decision.reason, decision.action) == (Reason.UNREGISTERED, Action.REPLACE)


async def test_trackers_read_for_suspects_without_a_tracker_first() -> None:
    named = "b" * 40
    rig = Rig(cfg=config(tracker_reads=1))
    await rig.look(
        snapshot(
            [
                torrent(H),
                torrent(named, tracker="https://t.example/a"),
                torrent("c" * 40, "downloading"),
                torrent("d" * 40),
            ],
            [queue_item(H)],
        )
    )
    reads = [r for r in rig.details.reads if r[0] == "trackers"]
    assert len(reads) == 1
    assert reads[0][1] in (H, "d" * 40)
    rig = Rig(cfg=config(tracker_reads=5))
    await rig.look(
        snapshot(
            [
                torrent(named, tracker="https://t.example/a"),
                torrent("c" * 40, "downloading"),
            ],
            [queue_item(named)],
        )
    )
    # A suspect that names a tracker is read too (5.x names a failing one);
    # a torrent that downloads is never read.
    assert [r for r in rig.details.reads if r[0] == "trackers"] == [("trackers", named)]


@pytest.mark.parametrize(
    ("tracker_field", "status"),
    [
        pytest.param("", 4, id="4.5.2"),  # tracker empty, status 4 "not working"
        pytest.param("https://t.example/a", 5, id="5.3.0"),  # failing URL, status 5
    ],
)
async def test_unregistered_on_each_major_version(
    tracker_field: str, status: int
) -> None:
    """What each real version lists for a torrent its tracker no longer knows."""
    failing = Tracker.from_dict(
        {
            "url": "https://t.example/a",
            "status": status,
            "msg": "Unregistered torrent",
            "num_peers": -1,
            "num_seeds": -1,
        }
    )
    rig = Rig(trackers={H: [failing]})
    decision = only(
        await rig.look(snapshot([torrent(H, tracker=tracker_field)], [queue_item(H)]))
    )
    assert (decision.reason, decision.action) == (Reason.UNREGISTERED, Action.REPLACE)


@pytest.mark.parametrize(
    "trackers",
    [
        [],
        [Tracker.from_dict({"url": "u", "status": 2, "msg": "unregistered"})],
        [Tracker.from_dict({"url": "u", "status": 4, "msg": "Passkey unregistered"})],
        [Tracker.from_dict({"url": "u", "status": 4, "msg": "timed out"})],
    ],
)
async def test_not_unregistered(trackers: list[Tracker]) -> None:
    rig = Rig(trackers={H: trackers})
    decision = only(await rig.look(snapshot([torrent(H)], [queue_item(H)])))
    assert decision.reason is Reason.STALLED


async def test_detail_failures_are_just_unknown() -> None:
    rig = Rig()
    rig.details.fail = True
    decision = only(
        await rig.look(snapshot([torrent(H, private=None)], [queue_item(H)]))
    )
    # Unknown privacy counts as private (skipped), never as public.
    assert (decision.action, decision.protection) == (Action.SKIP, Protection.PRIVATE)
    rig.details.fail = False
    rig.details.private_[H] = False
    decision = only(
        await rig.look(snapshot([torrent(H, private=None)], [queue_item(H)]))
    )
    assert decision.action is Action.STRIKE  # read fine now: public


async def test_failed_removal_is_retried_and_not_recorded() -> None:
    rig = Rig()
    item = queue_item(H)
    for step in range(2):
        await rig.look(snapshot([torrent(H)], [item], now=T0 + step))
    rig.radarr.fail_remove = True
    result = await rig.healer.run(snapshot([torrent(H)], [item], now=T0 + 2))
    assert result.errors == [H]
    assert rig.healer.book.replaced == {}
    await rig.look(snapshot([torrent(H)], [item], now=T0 + 3))
    assert rig.radarr.removed == [(item.id, True)]


async def test_unknown_app_cannot_replace() -> None:
    rig = Rig()
    item = queue_item(H, movieId=None, seriesId=3, episodeId=4, seasonNumber=1)
    result = None
    for step in range(3):
        result = await rig.healer.run(
            snapshot(
                [torrent(H, category="tv-sonarr")], [], sonarr=[item], now=T0 + step
            )
        )
    assert result is not None
    assert result.errors == [H]


async def test_searches_respect_the_hourly_budget() -> None:
    rig = Rig(config(searches_per_hour=2))
    hashes = [f"{i:040x}" for i in range(4)]
    items = [queue_item(h, movieId=i + 1) for i, h in enumerate(hashes)]
    for step in range(3):
        await rig.look(snapshot([torrent(h) for h in hashes], items, now=T0 + step))
    assert len(rig.radarr.removed) == 4
    assert len(rig.radarr.searches) == 2
    assert len(rig.healer.book.pending) == 2
    rig.radarr.fail_search = True
    await rig.look(snapshot([], [], now=T0 + HOUR + 10))
    assert len(rig.radarr.searches) == 2  # failed: kept in line
    await rig.look(snapshot([], [], now=T0 + HOUR + 20))
    assert [s.fields["movieIds"] for s in rig.radarr.searches] == [[1], [2], [3], [4]]


async def test_restore_list_and_forget() -> None:
    rig = Rig()
    await rig.look(snapshot([torrent(H), torrent("b" * 40)], [queue_item(H)]))
    again = Healer(rig.store, details=FakeDetails(), arrs={}, config=config())
    await again.restore()
    listed = again.strikes()
    assert [s["hash"] for s in listed] == [H, "b" * 40]
    assert listed[0]["reason"] == "stalled"
    assert await again.forget() == 2
    assert again.strikes() == []


async def test_listeners_hear_real_passes_only() -> None:
    rig = Rig()
    heard = []
    remove = rig.healer.add_listener(heard.append)
    await rig.look(snapshot([torrent(H)], [queue_item(H)]), dry_run=True)
    await rig.look(snapshot([torrent(H)], [queue_item(H)]))
    remove()
    await rig.look(snapshot([torrent(H)], [queue_item(H)]))
    assert len(heard) == 1
    assert heard[0].as_dict()["decisions"][0]["action"] == "strike"
    assert rig.healer.last is not None


def test_response_puts_actions_first_and_is_capped() -> None:
    decisions = [
        Decision(hash=f"{i:040x}", title="t", action=Action.SKIP) for i in range(3)
    ] + [Decision(hash="f" * 40, title="t", action=Action.REPLACE)]
    result = PassResult(
        at=T0, dry_run=True, gate=Gate.OPEN, watched=4, decisions=decisions
    )
    answer = result.as_dict(limit=2)
    assert [d["action"] for d in answer["decisions"]] == ["replace", "skip"]
    assert answer["left_out"] == 2
