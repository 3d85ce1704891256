"""Killswitch: gluetun flipped to a leak → every torrent stopped in a real qbittorrent-nox.

The engine's ``Killswitch.run`` loop at its default settings (a check every
0.2 s) reads the gluetun and IP echo simulators through ``SignalReader`` and
halts through ``QbittorrentDownloadControl``. ``--user-stopped`` torrents are
stopped by hand before the trials; a trial fails if a release starts one.
Beside the watcher, a dashboard poller reads ``sync/maindata`` every
``--sync-every`` seconds as Myflix's qBittorrent coordinator does (43 ms of
qBittorrent's time with 200 torrents, and qBittorrent answers the WebUI one
request at a time, so a halt may queue behind it).

The end of a halt is observed by a probe every 5 ms: ``filter=resumed`` over
a rotating sample of 8 hashes the user did not stop (a full listing of running torrents costs
qBittorrent 43 ms, so probing with it would mostly measure the probe), and,
once the sample reads stopped, ``filter=resumed`` over every torrent, which
must list none: that answer is the end of the trial.

Between trials the bench waits ``--settle`` seconds (2): for about a second
and a half after starting 180 torrents qBittorrent works off the aftermath
(resume data of each, its 1.5 s refresh) and answers every request late; a
back-to-back trial would time its halt against the previous trial's release,
which a real leak does not meet (``--settle 0`` shows that case: halt p99
about 75 ms on 4.5.2).

That filter follows the stop flag at once; the ``state`` field follows on
qBittorrent's refresh timer (advanced setting ``refresh_interval``, stock
1500 ms). ``--state-trials`` adds trials timed until every ``state`` reads
stopped, with ``refresh_interval`` lowered to ``--refresh-ms``.

CPU: ``time.process_time()`` of this process over ``--cpu-seconds`` while only
the armed, clean watcher runs (and the dashboard poller, counted too). The
gluetun and echo simulators it asks run in a child process, as gluetun runs
apart from Home Assistant; their CPU is printed beside, not counted.

Which qbittorrent-nox: ``--nox BINARY`` (``qbittorrent-nox``: Debian sid's
5.3.0, ``qbittorrent-nox-host``: the host's Debian 12 4.5.2) or ``--version
4.5.2|5.3.0`` (an installed binary of that version; see ``simulators/nox.py``).
The probe's filter follows the version: ``resumed`` on 4.x, ``running`` on 5.x
(5.x treats ``resumed`` as unknown, i.e. "all").
"""

from __future__ import annotations

import argparse
import asyncio
from contextlib import AsyncExitStack
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from typing import Any

import aiohttp
from common import SimulatorProcess, simulator_process  # puts the repo on sys.path

from custom_components.myflix.clients.gluetun import GluetunClient
from custom_components.myflix.clients.ipecho import IpEchoClient
from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from custom_components.myflix.engine.killswitch import (
    Killswitch,
    KillswitchConfig,
    KillswitchEvent,
    KillswitchEventType,
    KillswitchSnapshot,
    KillswitchState,
    Verdict,
)
from custom_components.myflix.features.vpn.adapters import (
    QbittorrentDownloadControl,
    SignalReader,
)
from simulators.gluetun import GluetunSimulator
from simulators.ipecho import IpEchoSimulator
from simulators.nox import QbittorrentNox, installed_versions, version_key
from simulators.qbittorrent import make_torrent

USER, PASSWORD = "bench", "bench-password-1"
GLUETUN_KEY = "Q4jx8mWcKf2sYbTn7PzRvA"
POLL_EVERY = 0.005
SAMPLE = 8  # hashes per probe
STEP_BUDGET = 10.0  # seconds any single wait may take
E2E_GOAL_MS, HALT_GOAL_MS, CPU_GOAL = 300.0, 50.0, 1.0


def _args() -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--trials", type=int, default=int(env("KS_TRIALS", "200")))
    parser.add_argument(
        "--cpu-seconds", type=float, default=float(env("KS_CPU_SECONDS", "60"))
    )
    parser.add_argument("--torrents", type=int, default=200)
    parser.add_argument("--user-stopped", type=int, default=20)
    parser.add_argument("--sync-every", type=float, default=5.0)
    parser.add_argument("--refresh-ms", type=int, default=50)
    parser.add_argument(
        "--state-trials", type=int, default=int(env("KS_STATE_TRIALS", "0"))
    )
    parser.add_argument("--settle", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=1)
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--nox",
        metavar="BINARY",
        default=env("KS_NOX"),
        help="qbittorrent-nox binary to run (default: qbittorrent-nox)",
    )
    which.add_argument(
        "--version",
        dest="nox_version",
        metavar="X.Y.Z",
        help=f"an installed qbittorrent-nox of this version ({', '.join(installed_versions()) or 'none found'})",
    )
    return parser.parse_args()


class MemoryStore:
    """The killswitch store, in memory."""

    def __init__(self) -> None:
        self.data: dict[str, Any] | None = None

    async def load(self) -> dict[str, Any] | None:
        return self.data

    async def save(self, data: dict[str, Any]) -> None:
        self.data = data


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))]


async def until(probe: Any, what: str, budget: float = STEP_BUDGET) -> None:
    """Poll ``probe()`` until true, within ``budget`` seconds."""
    deadline = time.monotonic() + budget
    while not await probe():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not within {budget:g} s")
        await asyncio.sleep(POLL_EVERY)


class Bench:
    """The running setup: nox, simulators, the watcher, and a separate poller."""

    def __init__(
        self,
        nox: QbittorrentNox,
        gluetun: Gluetun,
        poller: QbittorrentClient,
        raw: aiohttp.ClientSession,
    ) -> None:
        """Poll ``nox`` with ``poller`` and the logged-in ``raw`` session."""
        self.nox = nox
        self.gluetun = gluetun
        self.poller = poller
        self.raw = raw
        self.killswitch: Killswitch
        self.events: asyncio.Queue[KillswitchEvent] = asyncio.Queue()
        self.by_state = False
        self.settle = 0.0  # seconds between trials
        self.hashes: list[str] = []
        self.user_stopped: set[str] = set()
        self._probe_at = 0
        # 5.x renamed the filter; it takes "resumed" for an unknown one: all.
        self._running = "running" if version_key(nox.version) >= (5,) else "resumed"

    async def _resumed(self, hashes: list[str] | None = None) -> list[Any]:
        url = f"{self.nox.url}/api/v2/torrents/info"
        params = {"filter": self._running}
        if hashes is not None:
            params["hashes"] = "|".join(hashes)
        async with self.raw.get(url, params=params) as response:
            response.raise_for_status()
            listed: list[Any] = await response.json()
            return listed

    async def any_running(self) -> bool:
        """Whether qBittorrent lists any torrent as running: sample, then confirm."""
        if self.by_state:
            return any(not t.is_stopped for t in await self.poller.torrents())
        # Only torrents that run before a leak: a sample of the user's stopped
        # ones would read empty and send the probe to the costly full listing.
        releasable = [h for h in self.hashes if h not in self.user_stopped]
        start = self._probe_at % len(releasable)
        self._probe_at += SAMPLE
        sample = (releasable * 2)[start : start + SAMPLE]
        return bool(await self._resumed(sample)) or bool(await self._resumed())

    async def all_running(self, count: int) -> bool:
        """Every torrent but the user's listed running (by state too in state trials)."""
        if self.by_state and not await self.all_seeding(count):
            return False
        running = {t.hash for t in await self.poller.torrents(filter="resumed")}
        if running & self.user_stopped:
            raise AssertionError("a release started a torrent the user had stopped")
        return len(running) == count - len(self.user_stopped)

    async def all_seeding(self, count: int) -> bool:
        """Every torrent added, checked and seeding (the user's: stopped)."""
        torrents = await self.poller.torrents()
        return len(torrents) == count and all(
            t.is_stopped if t.hash in self.user_stopped else t.is_seeding
            for t in torrents
        )

    async def dashboard(self, every: float) -> None:
        """Poll ``sync/maindata`` like the qBittorrent coordinator, until cancelled."""
        while True:
            await self.poller.sync_maindata()
            await asyncio.sleep(every)

    async def event(self, kind: KillswitchEventType) -> KillswitchEvent:
        while True:
            event = await asyncio.wait_for(self.events.get(), STEP_BUDGET)
            if event.type is kind:
                return event

    async def trial(
        self, count: int, rng: random.Random, interval: float
    ) -> tuple[float, float]:
        """One leak: (flip → all stopped as reported, decision → halt) in ms."""
        while not self.events.empty():
            self.events.get_nowait()
        await asyncio.sleep(rng.uniform(0, interval))  # any phase of the check loop
        flipped = time.perf_counter()
        self.gluetun.leak()
        while await self.any_running():
            await asyncio.sleep(POLL_EVERY)
        end_to_end = (time.perf_counter() - flipped) * 1000
        tripped = await self.event(KillswitchEventType.TRIPPED)
        self.gluetun.restore()
        await self.event(KillswitchEventType.RELEASED)
        await until(lambda: self.all_running(count), "torrents running again")
        await asyncio.sleep(self.settle)
        assert tripped.halt_ms is not None
        return end_to_end, tripped.halt_ms

    async def trials(
        self, n: int, count: int, rng: random.Random
    ) -> tuple[list[tuple[float, float]], int]:
        """Run ``n`` trials; a failed one is reported and recovered from."""
        results, failures = [], 0
        for _ in range(n):
            try:
                interval = self.killswitch.config.check_interval
                results.append(await self.trial(count, rng, interval))
            except (TimeoutError, AssertionError) as err:
                failures += 1
                print(f"  trial failed: {err!r}")
                self.gluetun.restore()
                await until(lambda: self.all_running(count), "recovery", 30)
        return results, failures


def report(label: str, results: list[tuple[float, float]], failures: int) -> str:
    e2e = [r[0] for r in results]
    halt = [r[1] for r in results]
    if not results:
        print(f"  {label}: no successful trial ({failures} failed)")
        return f"{label}: no figures"
    e2e50, e2e99, halt50, halt99 = (
        pct(e2e, 50),
        pct(e2e, 99),
        pct(halt, 50),
        pct(halt, 99),
    )
    print(
        f"  {label}: {len(results)} trials ({failures} failed)\n"
        f"    leak → all stopped (qBittorrent): p50 {e2e50:6.1f} ms  p99 {e2e99:6.1f} ms"
        f"  max {max(e2e):6.1f} ms  mean {statistics.fmean(e2e):6.1f} ms"
        f"  ({'meets' if e2e99 <= E2E_GOAL_MS else 'MISSES'} p99 ≤ {E2E_GOAL_MS:g} ms)\n"
        f"    trip decision → halt confirmed:   p50 {halt50:6.1f} ms  p99 {halt99:6.1f} ms"
        f"  max {max(halt):6.1f} ms"
        f"  ({'meets' if halt99 <= HALT_GOAL_MS else 'MISSES'} p99 ≤ {HALT_GOAL_MS:g} ms)"
    )
    return f"{label}: e2e p50 {e2e50:.0f} ms / p99 {e2e99:.0f} ms, halt p99 {halt99:.1f} ms"


class Gluetun:
    """The gluetun simulator in the child process."""

    def __init__(self, sims: SimulatorProcess) -> None:
        self._sims = sims

    def leak(self) -> None:
        self._sims.call("gluetun", "leak")

    def restore(self) -> None:
        self._sims.call("gluetun", "restore")

    def request_count(self) -> int:
        return len(self._sims.call("gluetun", "requests"))


def _simulators() -> dict[str, Any]:
    return {
        "gluetun": GluetunSimulator(api_key=GLUETUN_KEY),
        "echo": IpEchoSimulator(),
    }


async def main(args: argparse.Namespace, sims: SimulatorProcess) -> None:
    rng = random.Random(args.seed)
    config = KillswitchConfig()
    async with AsyncExitStack() as stack:
        profile = stack.enter_context(tempfile.TemporaryDirectory(prefix="ks-bench."))
        nox = await stack.enter_async_context(
            QbittorrentNox(
                username=USER,
                password=PASSWORD,
                profile_dir=profile,
                binary=args.nox,
                version=args.nox_version,
            )
        )
        gluetun = Gluetun(sims)
        gluetun_url, echo_url = sims.urls["gluetun"], sims.urls["echo"]
        watcher_http = await stack.enter_async_context(aiohttp.ClientSession())
        poller_http = await stack.enter_async_context(aiohttp.ClientSession())
        raw = await stack.enter_async_context(
            aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        )
        login = {"username": USER, "password": PASSWORD}
        async with raw.post(f"{nox.url}/api/v2/auth/login", data=login) as reply:
            # 4.x: 200 "Ok."; 5.2+: 204, empty (a wrong password: 401).
            ok = reply.status == 204 or await reply.text() == "Ok."
            assert ok, f"poller login failed: HTTP {reply.status}"
        client = QbittorrentClient(
            url=nox.url, username=USER, password=PASSWORD, session=watcher_http
        )
        poller = QbittorrentClient(
            url=nox.url, username=USER, password=PASSWORD, session=poller_http
        )
        bench = Bench(nox, gluetun, poller, raw)
        bench.settle = args.settle
        # New torrents are checked at once (stock: one at a time) and all seed.
        await client.set_preferences(
            max_active_checking_torrents=args.torrents, queueing_enabled=False
        )
        files = []
        for index in range(args.torrents):
            name = f"bench-{index:03d}.bin"
            content = os.urandom(2_000)
            (nox.download_dir / name).write_bytes(content)
            files.append((name + ".torrent", make_torrent(name, content)[0]))
        started = time.monotonic()
        for chunk in range(0, len(files), 100):
            await client.add(
                torrent_files=files[chunk : chunk + 100],
                save_path=str(nox.download_dir),
            )
        bench.hashes = sorted(t.hash for t in await client.torrents())
        bench.user_stopped = set(bench.hashes[: args.user_stopped])
        await client.stop(sorted(bench.user_stopped))
        await until(lambda: bench.all_seeding(args.torrents), "seeding", 120)
        print(
            f"qbittorrent-nox {nox.version}: {args.torrents} torrents seeding"
            f" (stalledUP), {len(bench.user_stopped)} of them stopped by the user,"
            f" after {time.monotonic() - started:.1f} s"
        )

        reader = SignalReader(
            gluetun=GluetunClient(
                url=gluetun_url, session=watcher_http, api_key=GLUETUN_KEY
            ),
            ip_echo=IpEchoClient(urls=[f"{echo_url}/"], session=watcher_http),
        )
        bench.killswitch = Killswitch(
            QbittorrentDownloadControl(client), MemoryStore(), config=config
        )

        def queue_event(
            _snapshot: KillswitchSnapshot, event: KillswitchEvent | None
        ) -> None:
            if event is not None:
                bench.events.put_nowait(event)

        bench.killswitch.add_listener(queue_event)
        watcher = asyncio.create_task(bench.killswitch.run(reader.read))
        dashboard = (
            asyncio.create_task(bench.dashboard(args.sync_every))
            if args.sync_every > 0
            else None
        )
        try:
            await until(lambda: _clean(bench.killswitch), "a clean check", STEP_BUDGET)
            print(
                f"watcher: check every {config.check_interval:g} s, release after"
                f" {config.release_after} clean checks, fail-closed after"
                f" {config.fail_closed_after:g} s; dashboard sync every"
                f" {args.sync_every:g} s"
            )
            summary = []
            if args.trials:
                results, failures = await bench.trials(args.trials, args.torrents, rng)
                summary.append(report("leak trials", results, failures))
            if args.state_trials:
                await client.set_preferences(refresh_interval=args.refresh_ms)
                bench.by_state = True
                results, failures = await bench.trials(
                    args.state_trials, args.torrents, rng
                )
                summary.append(
                    report(
                        f"by state, refresh_interval {args.refresh_ms} ms",
                        results,
                        failures,
                    )
                )
            if args.cpu_seconds:
                summary.append(await cpu(bench, sims, args.cpu_seconds))
        finally:
            for task in (watcher, dashboard):
                if task is not None:
                    task.cancel()
                    await asyncio.gather(task, return_exceptions=True)
            await reader.close()
        print(
            f"summary: killswitch (qbittorrent-nox {nox.version}, {args.torrents}"
            " torrents): " + "; ".join(summary)
        )


async def _clean(killswitch: Killswitch) -> bool:
    snapshot = killswitch.snapshot
    return snapshot.verdict is Verdict.CLEAN and snapshot.state is KillswitchState.ARMED


async def cpu(bench: Bench, sims: SimulatorProcess, seconds: float) -> str:
    """The armed, clean watcher alone: this process's CPU as a share of one core."""
    await until(lambda: _clean(bench.killswitch), "a clean check")
    requests = bench.gluetun.request_count()
    served = sims.cpu_time()
    wall, used = time.monotonic(), time.process_time()
    await asyncio.sleep(seconds)
    used, wall = time.process_time() - used, time.monotonic() - wall
    served = sims.cpu_time() - served
    checks = (bench.gluetun.request_count() - requests) / 2  # status + public IP
    share = used / wall * 100
    print(
        f"  watcher CPU while armed and clean: {share:.2f} % of one core over"
        f" {wall:.0f} s ({checks / wall:.1f} checks/s, {used / checks * 1000:.2f} ms"
        f" CPU/check)  ({'meets' if share <= CPU_GOAL else 'MISSES'} ≤ {CPU_GOAL:g} %)\n"
        f"    beside it, the gluetun/echo simulators answering: {served / wall * 100:.2f} %"
        " of one core in their own process (not counted)"
    )
    return f"watcher CPU {share:.2f} % of a core"


if __name__ == "__main__":
    arguments = _args()
    wanted = arguments.nox_version
    if not (
        QbittorrentNox.available(wanted)
        if wanted
        else shutil.which(arguments.nox or "qbittorrent-nox")
    ):
        what = wanted or arguments.nox or "qbittorrent-nox"
        print(f"killswitch bench: {what} is not installed; no figures")
        print(f"summary: killswitch: skipped ({what} not installed)")
        sys.exit(0)
    with simulator_process(_simulators) as simulators:
        asyncio.run(main(arguments, simulators))
