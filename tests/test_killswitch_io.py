"""The killswitch adapters against the simulators and the real qbittorrent-nox."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from custom_components.myflix.clients.gluetun import GluetunClient
from custom_components.myflix.clients.ipecho import IpEchoClient
from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from custom_components.myflix.engine.killswitch import (
    Killswitch,
    KillswitchEventType,
    KillswitchState,
    Reason,
    StopAll,
    Verdict,
    assess,
)
from custom_components.myflix.features.vpn.adapters import (
    QbittorrentDownloadControl,
    SignalReader,
)
from simulators.gluetun import HOME_IP, VPN_IP, GluetunSimulator
from simulators.ipecho import IpEchoSimulator
from simulators.server import serve

from .memory_store import MemoryStore
from .qbittorrent.conftest import BACKENDS, Backend, eventually, open_backend

if TYPE_CHECKING:
    from pathlib import Path

GLUETUN_KEY = "Q4jx8mWcKf2sYbTn7PzRvA"
QBT_IP = "203.0.113.7"


class FakeClock:
    """A wall clock the test moves."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Vpn:
    """The gluetun and IP echo simulators, and clients on them."""

    gluetun: GluetunSimulator
    echo: IpEchoSimulator
    gluetun_url: str
    gluetun_client: GluetunClient
    echo_client: IpEchoClient
    session: aiohttp.ClientSession


@pytest.fixture
async def vpn(socket_enabled: None) -> AsyncIterator[Vpn]:
    """gluetun (tunnel up on the VPN IP) and an echo service saying the home IP."""
    gluetun, echo = GluetunSimulator(api_key=GLUETUN_KEY), IpEchoSimulator()
    async with AsyncExitStack() as stack:
        session = await stack.enter_async_context(aiohttp.ClientSession())
        gluetun_url = await stack.enter_async_context(serve(gluetun.make_app()))
        echo_url = await stack.enter_async_context(serve(echo.make_app()))
        yield Vpn(
            gluetun,
            echo,
            gluetun_url,
            GluetunClient(url=gluetun_url, session=session, api_key=GLUETUN_KEY),
            IpEchoClient(urls=[f"{echo_url}/"], session=session),
            session,
        )


@pytest.fixture
async def reader(vpn: Vpn) -> AsyncIterator[SignalReader]:
    """A reader on both simulators, with a test clock."""
    signals = SignalReader(
        gluetun=vpn.gluetun_client,
        ip_echo=vpn.echo_client,
        qbittorrent_state=lambda: (QBT_IP, "tun0"),
        clock=FakeClock(),
    )
    yield signals
    await signals.close()


@pytest.fixture(params=BACKENDS)
async def backend(
    request: pytest.FixtureRequest, socket_enabled: None, tmp_path: Path
) -> AsyncIterator[Backend]:
    """qBittorrent: the simulator (4.5.2, 5.3.0) and every real qbittorrent-nox."""
    async with open_backend(request.param, tmp_path) as started:
        yield started


@dataclass
class Qbt:
    """A client, the adapter on it, and the requests it sent."""

    backend: Backend
    client: QbittorrentClient
    control: QbittorrentDownloadControl
    sent: list[tuple[str, str]]

    async def add(self, name: str, *, stopped: bool = False) -> str:
        """Add a tiny torrent with its data; return its hash."""
        data, info_hash = self.backend.torrent(name, with_data=True, size=2_000)
        await self.client.add(
            torrent_files=[data], save_path=str(self.backend.data_dir), stopped=stopped
        )
        # 5.3.0 may answer the add before torrents/info lists the torrent.
        await eventually(lambda: self.client.torrents(hashes=[info_hash]), bool)
        return info_hash

    async def settled(self) -> Mapping[str, bool]:
        """Every torrent's running flag once none is checking (that ends soon)."""
        await eventually(
            self.client.torrents,
            lambda torrents: all(t.status != "checking" for t in torrents),
        )
        return await self.control.torrents()

    async def states(self, expected: Mapping[str, bool]) -> None:
        """Wait until qBittorrent reports these running flags."""
        await eventually(
            self.control.torrents,
            lambda states: {h: states.get(h) for h in expected} == dict(expected),
        )


@pytest.fixture
async def qbt(backend: Backend) -> AsyncIterator[Qbt]:
    """A logged-in client whose session counts the requests it sends."""
    sent: list[tuple[str, str]] = []

    async def on_start(_s: Any, _ctx: Any, params: Any) -> None:
        sent.append((params.method, params.url.path.rsplit("/api/v2/", 1)[-1]))

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)  # type: ignore[arg-type]
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        client = backend.client(session=session)
        await client.login()
        if backend.nox is not None:
            # Checks new torrents at once; the 1.5 s refresh interval stays.
            await client.set_preferences(
                max_active_checking_torrents=50, queueing_enabled=False
            )
        yield Qbt(backend, client, QbittorrentDownloadControl(client), sent)


@pytest.mark.parametrize(
    ("counts", "side"),
    [(None, "stopped"), ((1, 5), "running"), ((3, 5), "stopped")],
)
async def test_stop_all_stops_everything_in_one_request(
    qbt: Qbt, counts: tuple[int, int] | None, side: str
) -> None:
    """One read of the cheaper side (running ones cost twice as much), one stop."""
    first, second = await qbt.add("first.bin"), await qbt.add("second.bin")
    mine = await qbt.add("mine.bin", stopped=True)
    assert await qbt.settled() == {first: True, second: True, mine: False}

    control = QbittorrentDownloadControl(qbt.client, lambda: counts)
    qbt.sent.clear()
    halt = await control.stop_all()
    if side == "running":
        assert halt == StopAll(running=frozenset({first, second}))
    else:
        assert halt == StopAll(stopped=frozenset({mine}))
    stops = [path for method, path in qbt.sent if method == "POST"]
    assert stops == ["torrents/stop" if qbt.backend.is_v5 else "torrents/pause"]
    assert [path for _, path in qbt.sent] == ["torrents/info", stops[0]]
    # Stopped at once by the flag, whatever the state field still says.
    assert await qbt.control.torrents() == {first: False, second: False, mine: False}
    await qbt.states({first: False, second: False, mine: False})


async def test_the_side_it_lists_follows_what_it_saw_at_the_last_halt(
    qbt: Qbt,
) -> None:
    """Without a hint, the last halt's read and the listing after it pick the side."""
    running = await qbt.add("running.bin")
    stopped = [await qbt.add(f"stopped-{n}.bin", stopped=True) for n in range(3)]
    await qbt.settled()
    # Not known yet: the stopped side. Then 1 running and 3 stopped were seen.
    assert await qbt.control.stop_all() == StopAll(stopped=frozenset(stopped))
    await qbt.control.torrents()  # everything stopped now: teaches nothing more
    await qbt.control.start({running})
    await qbt.states({running: True})
    assert await qbt.control.stop_all() == StopAll(running=frozenset({running}))
    await qbt.control.torrents()
    await qbt.control.start({running, *stopped})
    await qbt.states(dict.fromkeys([running, *stopped], True))
    assert await qbt.control.stop_all() == StopAll(
        running=frozenset([running, *stopped])
    )
    await qbt.control.torrents()  # 4 running, none stopped: the stopped side
    await qbt.control.start({running})
    await qbt.states({running: True})
    assert await qbt.control.stop_all() == StopAll(stopped=frozenset(stopped))


async def test_start_resumes_only_the_given_hashes(qbt: Qbt) -> None:
    first, second = await qbt.add("first.bin"), await qbt.add("second.bin")
    await qbt.settled()
    await qbt.control.stop_all()
    await qbt.states({first: False, second: False})

    qbt.sent.clear()
    await qbt.control.start({first})
    await qbt.states({first: True, second: False})
    await qbt.control.stop({first})
    await qbt.states({first: False, second: False})
    await qbt.control.start(set())  # nothing to start: nothing sent
    await qbt.control.stop([])
    posts = [path for method, path in qbt.sent if method == "POST"]
    assert len(posts) == 2


@pytest.mark.parametrize("version", ["4.5.2", "5.3.0"])
async def test_running_means_not_stopped(
    version: str, socket_enabled: None, tmp_path: Path
) -> None:
    """The stop flag decides: an errored torrent runs until it is stopped."""
    async with open_backend(f"sim-{version}", tmp_path) as started:
        assert started.sim is not None
        stopped = "pausedUP" if version == "4.5.2" else "stoppedUP"
        states = ("queuedDL", "stalledUP", "checkingUP", "metaDL", stopped, "error")
        hashes = {
            state: started.sim.add_torrent(name=state, state=state) for state in states
        }
        control = QbittorrentDownloadControl(started.client())
        assert await control.torrents() == {
            hashes[state]: state != stopped for state in states
        }
        await control.stop({hashes["error"]})
        assert (await control.torrents())[hashes["error"]] is False


async def test_signals_clean(vpn: Vpn, reader: SignalReader) -> None:
    signals = await reader.read()
    assert signals.tunnel_status == "running"
    assert signals.vpn_ip == VPN_IP
    assert signals.home_ip == HOME_IP
    assert (signals.qbittorrent_ip, signals.qbittorrent_interface) == (QBT_IP, "tun0")
    assert signals.observed_at == 1_700_000_000.0
    assert assess(signals, unbound_is_leak=True).verdict is Verdict.CLEAN


async def test_signals_leak(vpn: Vpn, reader: SignalReader) -> None:
    vpn.gluetun.leak()
    signals = await reader.read()
    assert (signals.tunnel_status, signals.vpn_ip) == ("running", HOME_IP)
    result = assess(signals, unbound_is_leak=False)
    assert (result.verdict, result.reason) == (Verdict.LEAK, Reason.VPN_IP_IS_HOME)


@pytest.mark.parametrize("down", ["crash", "stop_tunnel"])
async def test_signals_tunnel_down(vpn: Vpn, reader: SignalReader, down: str) -> None:
    getattr(vpn.gluetun, down)()
    signals = await reader.read()
    assert signals.tunnel_status == ("crashed" if down == "crash" else "stopped")
    assert signals.vpn_ip == ""  # gluetun cleared it: known, not an answer missing
    result = assess(signals, unbound_is_leak=False)
    assert (result.verdict, result.reason) == (Verdict.LEAK, Reason.TUNNEL_DOWN)


async def test_signals_unexpected_tunnel_word(vpn: Vpn, reader: SignalReader) -> None:
    vpn.gluetun.set_status("Reticulating")
    assert (await reader.read()).tunnel_status == "Reticulating"
    vpn.gluetun.set_status("STARTING")
    assert (await reader.read()).tunnel_status == "starting"


async def test_signals_gluetun_refuses_the_key(vpn: Vpn) -> None:
    wrong = GluetunClient(url=vpn.gluetun_url, session=vpn.session, api_key="nope")
    reader = SignalReader(gluetun=wrong, ip_echo=vpn.echo_client)
    signals = await reader.read()
    assert (signals.tunnel_status, signals.vpn_ip) == (None, None)
    assert signals.home_ip == HOME_IP
    assert assess(signals, unbound_is_leak=False).verdict is Verdict.UNKNOWN
    assert ("GET", "/v1/vpn/status") in vpn.gluetun.requests


async def test_signals_gluetun_garbage_and_errors(
    vpn: Vpn, reader: SignalReader
) -> None:
    vpn.gluetun.fail_next(status=200, body="<html>oops", path="/v1/publicip/ip")
    vpn.gluetun.fail_next(status=500, path="/v1/vpn/status")
    signals = await reader.read()
    assert (signals.tunnel_status, signals.vpn_ip) == (None, None)
    assert (await reader.read()).vpn_ip == VPN_IP


async def test_signals_without_sources(socket_enabled: None) -> None:
    def broken() -> tuple[str | None, str | None]:
        raise RuntimeError("coordinator bug")

    reader = SignalReader(gluetun=None, ip_echo=None, qbittorrent_state=broken)
    signals = await reader.read()
    assert signals.tunnel_status is signals.vpn_ip is signals.home_ip is None
    assert signals.qbittorrent_ip is signals.qbittorrent_interface is None
    assert signals.observed_at is not None


async def test_home_ip_cached_within_ttl(vpn: Vpn) -> None:
    clock = FakeClock()
    reader = SignalReader(
        gluetun=vpn.gluetun_client, ip_echo=vpn.echo_client, clock=clock
    )
    for _ in range(3):
        assert (await reader.read()).home_ip == HOME_IP
        clock.now += 100
    assert len(vpn.echo.requests) == 1
    vpn.echo.ip = "192.0.2.99"  # the ISP gave a new address
    clock.now += 1
    # Stale: the known value is used while the background refresh runs.
    assert (await reader.read()).home_ip == HOME_IP
    assert await reader.refresh_home_ip() == "192.0.2.99"  # joins that refresh
    assert len(vpn.echo.requests) == 2
    assert (await reader.read()).home_ip == "192.0.2.99"
    assert await reader.refresh_home_ip() == "192.0.2.99"  # asks now
    assert len(vpn.echo.requests) == 3
    await reader.close()


async def test_home_ip_unknown_when_echo_fails(vpn: Vpn) -> None:
    clock = FakeClock()
    reader = SignalReader(
        gluetun=vpn.gluetun_client,
        ip_echo=vpn.echo_client,
        clock=clock,
        home_ip_ttl=60,
        home_ip_retry=10,
    )
    vpn.echo.fail_next(2)
    signals = await reader.read()
    assert signals.home_ip is None
    assert assess(signals, unbound_is_leak=False).verdict is Verdict.UNKNOWN
    clock.now += 5
    assert (await reader.read()).home_ip is None
    assert len(vpn.echo.requests) == 1  # retried at most every 10 s
    clock.now += 5
    await reader.read()
    assert await reader.refresh_home_ip() is None  # the retry failed too
    assert len(vpn.echo.requests) == 2
    clock.now += 10
    await reader.read()
    assert await reader.refresh_home_ip() == HOME_IP
    # A known IP that fails to refresh is no longer trusted.
    vpn.echo.fail_next()
    clock.now += 60
    assert (await reader.read()).home_ip == HOME_IP
    assert await reader.refresh_home_ip() is None
    assert len(vpn.echo.requests) == 4
    await reader.close()


async def test_engine_round_trip(qbt: Qbt, vpn: Vpn) -> None:
    """Leak → all stopped → VPN back → released → exactly the held ones resumed."""
    first, second = await qbt.add("first.bin"), await qbt.add("second.bin")
    mine = await qbt.add("mine.bin", stopped=True)
    await qbt.settled()
    reader = SignalReader(gluetun=vpn.gluetun_client, ip_echo=vpn.echo_client)
    killswitch = Killswitch(qbt.control, MemoryStore())
    events = []
    killswitch.add_listener(lambda _snapshot, event: event and events.append(event))

    async def check() -> None:
        await killswitch.check(await reader.read())

    await check()
    assert killswitch.snapshot.verdict is Verdict.CLEAN
    assert killswitch.snapshot.state is KillswitchState.ARMED

    vpn.gluetun.leak()
    await check()
    assert killswitch.snapshot.state is KillswitchState.TRIPPED
    (tripped,) = events
    assert tripped.type is KillswitchEventType.TRIPPED
    assert (tripped.reason, tripped.torrents) == (Reason.VPN_IP_IS_HOME, 2)
    assert tripped.halt_ms is not None
    await qbt.states({first: False, second: False, mine: False})

    vpn.gluetun.restore()
    for _ in range(killswitch.config.release_after - 1):
        await check()
        assert killswitch.snapshot.state is KillswitchState.TRIPPED
    await check()
    assert killswitch.snapshot.state is KillswitchState.ARMED
    released = events[-1]
    assert (released.type, released.torrents) == (KillswitchEventType.RELEASED, 2)
    await qbt.states({first: True, second: True, mine: False})
    await reader.close()
