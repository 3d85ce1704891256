"""1,000 randomized signal sequences against the killswitch's three promises.

Each example drives the real killswitch with random readings, clock jumps,
user actions (grabs, stops through Myflix or in qBittorrent itself, starts,
deletes), manual halts/releases, arm/disarm, HA restarts and qBittorrent
failing a request, with the stop-all knowing either side (running or
stopped torrents), and checks after every step, against a model written
independently of the engine:

- no leak missed: a leaky (or too long unknown) check while armed leaves it
  tripped with no torrent running;
- no resume while any signal is bad: an automatic start only after
  ``release_after`` consecutive clean checks, a manual one only when clean or
  disarmed (the documented override);
- no torrent the user stopped is ever started.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from contextlib import suppress
from dataclasses import dataclass, field

from hypothesis import given, settings, strategies as st

from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.engine.killswitch import (
    KillswitchConfig,
    KillswitchState,
    ReleaseRefusedError,
    Signals,
)

from .test_killswitch import HOME, LIMIT, SIDES, VPN, FakeQbittorrent, Rig

VPN2 = "185.19.221.99"
HASHES = [f"h{index}" for index in range(4)]
# Checks dominate, as they do in real life; the rest are the world moving.
KINDS = ["check"] * 8 + [
    "grab",
    "user_stop",
    "user_stop_in_qbittorrent",
    "user_start",
    "delete",
    "halt",
    "release",
    "arm",
    "disarm",
    "restart",
    "qbittorrent_fails",
]
# The request a "qbittorrent_fails" step makes fail next, picked by its hash.
FAILING = dict(zip(HASHES, ["stop_all", "torrents", "stop", "start"], strict=True))

any_signals = st.builds(
    Signals,
    tunnel_status=st.sampled_from([None, "running", "running", "stopped", "crashed"]),
    vpn_ip=st.sampled_from([None, "", HOME, VPN, VPN2, "garbage"]),
    qbittorrent_ip=st.sampled_from([None, HOME, VPN]),
    qbittorrent_interface=st.sampled_from([None, "", "tun0"]),
    home_ip=st.sampled_from([None, HOME, HOME]),
)
# Half the checks are clean, so runs of clean checks (and releases) are common.
signals_strategy = st.one_of(
    st.just(
        Signals(
            tunnel_status="running",
            vpn_ip=VPN,
            home_ip=HOME,
            qbittorrent_interface="tun0",
        )
    ),
    any_signals,
)
step_strategy = st.tuples(
    st.sampled_from(KINDS),
    signals_strategy,
    st.sampled_from([0.1, 1.0, 5.0, LIMIT + 1]),
    st.sampled_from(HASHES),
)


def leaky(s: Signals, unbound_is_leak: bool) -> bool:
    """The model's own leak rule."""
    return (
        s.tunnel_status not in (None, "running")
        or (s.home_ip == HOME and HOME in (s.vpn_ip, s.qbittorrent_ip))
        or (unbound_is_leak and s.qbittorrent_interface == "")
    )


def clean(s: Signals, unbound_is_leak: bool) -> bool:
    """The model's own proof of a clean path."""
    return (
        not leaky(s, unbound_is_leak)
        and s.tunnel_status == "running"
        and s.home_ip == HOME
        and (s.vpn_ip in (VPN, VPN2) or s.qbittorrent_ip == VPN)
        and (not unbound_is_leak or s.qbittorrent_interface == "tun0")
    )


@dataclass
class Model:
    """What the test knows independently of the engine."""

    config: KillswitchConfig
    armed: bool = True
    known_at: float = 0.0
    clean_run: int = 0
    last_clean: bool = False
    manual: bool = False
    override: bool = False
    user_stopped: set[str] = field(default_factory=set)
    starts: int = 0


class GuardedQbittorrent(FakeQbittorrent):
    """Fails the example on any start the model forbids."""

    model: Model

    async def start(self, hashes: Collection[str]) -> None:
        model = self.model
        assert not set(hashes) & model.user_stopped, "a user-stopped torrent started"
        assert model.override or model.last_clean, "started while a signal is bad"
        # Automatic releases wait for M clean checks; a user may end a halt early.
        assert model.manual or model.clean_run >= model.config.release_after
        model.starts += 1
        await super().start(hashes)


def halted(rig: Rig) -> bool:
    """Whether a halt is in force."""
    return rig.state in (KillswitchState.TRIPPED, KillswitchState.FAIL_CLOSED)


async def scenario(
    steps: list[tuple[str, Signals, float, str]], config: KillswitchConfig, side: str
) -> None:
    """Play the steps and check the promises after each one."""
    rig = Rig(config)
    qbt = GuardedQbittorrent(rig.clock, side)
    model = qbt.model = Model(config=config, known_at=rig.clock.now)
    rig.qbt = qbt
    rig.ks = rig.new()
    for kind, signals, advance, key in steps:
        exists = key in qbt.torrents_
        armed_failures = set(qbt.fail)
        if kind == "check":
            rig.clock.now += advance
            unbound = config.unbound_is_leak
            model.last_clean = clean(signals, unbound)
            model.clean_run = model.clean_run + 1 if model.last_clean else 0
            known = model.last_clean or leaky(signals, unbound)
            if known:
                model.known_at = rig.clock.now
            late = rig.clock.now - model.known_at >= LIMIT
            must_trip = model.armed and (leaky(signals, unbound) or late)
            await rig.ks.check(signals)
            if must_trip:
                assert rig.state in (
                    KillswitchState.TRIPPED,
                    KillswitchState.FAIL_CLOSED,
                )
        elif kind == "grab" and not exists:
            qbt.torrents_[key] = True
        elif kind == "user_stop" and exists:
            qbt.torrents_[key] = False
            model.user_stopped.add(key)
            await rig.ks.forget({key})  # Myflix's own stop action says so
        elif kind == "user_stop_in_qbittorrent" and exists and not halted(rig):
            # Myflix is not told; only the stop flag shows it.
            if qbt.torrents_[key]:
                qbt.torrents_[key] = False
                model.user_stopped.add(key)
        elif kind == "qbittorrent_fails":
            qbt.fail.add(FAILING[key])
        elif kind == "user_start" and exists:
            qbt.torrents_[key] = True
            model.user_stopped.discard(key)
        elif kind == "delete" and exists:
            del qbt.torrents_[key]
            model.user_stopped.discard(key)
        elif kind == "halt":
            with suppress(MyflixError):  # a failed manual halt raises
                await rig.ks.halt("test")
        elif kind == "release":
            model.manual, model.override = True, not model.armed
            try:
                await rig.ks.release()
            except ReleaseRefusedError:
                assert model.armed
                assert not model.last_clean
            except MyflixError:
                pass  # the next check or release tries again
            model.manual = model.override = False
        elif kind in ("arm", "disarm"):
            if kind == "arm" and not model.armed:
                model.known_at, model.clean_run = rig.clock.now, 0
            model.armed = kind == "arm"
            await getattr(rig.ks, kind)()
        elif kind == "restart":
            rig.ks = rig.new()
            await rig.ks.restore()
            model.known_at, model.clean_run, model.last_clean = rig.clock.now, 0, False
        failed = armed_failures - qbt.fail  # a failure hit in this step
        if kind in ("check", "halt", "restart") and halted(rig) and not failed:
            assert qbt.running() == set(), "a halt in force let a torrent run"
        assert rig.ks.snapshot.armed is model.armed


@settings(max_examples=1000, deadline=None, database=None)
@given(
    steps=st.lists(step_strategy, min_size=15, max_size=40),
    release_after=st.integers(min_value=1, max_value=3),
    unbound_is_leak=st.booleans(),
    side=st.sampled_from(SIDES),
)
def test_killswitch_keeps_its_promises(
    steps: list[tuple[str, Signals, float, str]],
    release_after: int,
    unbound_is_leak: bool,
    side: str,
) -> None:
    config = KillswitchConfig(
        fail_closed_after=LIMIT,
        release_after=release_after,
        unbound_is_leak=unbound_is_leak,
    )
    asyncio.run(scenario(steps, config, side))
