"""Home Assistant's event loop with a big library: the longest stall Myflix causes.

A real (test) Home Assistant runs in this process; Radarr with 10,000 movies,
Sonarr with 2,000 series (50,000 episodes), qBittorrent with 5,000 torrents,
gluetun and an IP echo run as simulators in a forked child process, so their
CPU is not on HA's loop. Two probes watch HA's loop:

* a loop-lag probe: a task that sleeps 5 ms and records how late it wakes;
* a callback timer: every ``Handle._run`` of the loop timed (what asyncio's
  debug mode does for its slow-callback warning, without debug mode's other
  costs), the slow ones attributed to their task's coroutine chain and to the
  innermost Myflix frame a sampling thread saw while they ran.

Baseline first: the same HA for the same time with Myflix not loaded. Then
Myflix is set up with every feature (Radarr, Sonarr, qBittorrent, gluetun and
the killswitch, healing, tiering over a hot tier of 60,000 files) and each
operation is triggered explicitly, ``ROUNDS`` times: every coordinator refresh
(status, library, calendar of both apps; qBittorrent full and incremental
sync, settings; the VPN), a healing pass, a tiering plan, a killswitch halt and
release (and the 5,000-torrent delta each causes), then HA idles with Myflix's
own schedules running, then the entry unloads. RSS growth is measured with and
without Myflix. Goals: no callback over 20 ms, RSS growth under 60 MB.

Run: ``python bench/event_loop.py`` (through pytest: it needs HA's test plugin).
"""

from __future__ import annotations

from array import array
import asyncio
import bisect
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
import cProfile
import ctypes
from dataclasses import dataclass, field
import gc
import logging
import os
from pathlib import Path
import pstats
import resource
import sys
import threading
import time
import tracemalloc
from types import FrameType
from typing import Any
from unittest.mock import patch

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if __name__ == "__main__":  # run through pytest: it needs HA's test plugin first
    import pytest

    sys.exit(pytest.main([__file__, "-s", "-q", "-p", "no:cacheprovider"]))

from homeassistant.config_entries import ConfigEntryState  # noqa: E402
from homeassistant.core import HomeAssistant  # noqa: E402
from homeassistant.loader import async_get_integration  # noqa: E402
from homeassistant.setup import async_setup_component  # noqa: E402
import pytest  # noqa: E402
from pytest_homeassistant_custom_component.common import MockConfigEntry  # noqa: E402

from bench.big_library import (  # noqa: E402
    EPISODES_PER_SERIES,
    GLUETUN_KEY,
    MOVIES,
    PASSWORD,
    RADARR_KEY,
    SERIES,
    SONARR_KEY,
    TORRENTS,
    USER,
    make_hot_tier,
    spawned_simulators,
)
from bench.common import SimulatorProcess  # noqa: E402
from custom_components.myflix import PLATFORMS  # noqa: E402
from custom_components.myflix.const import DOMAIN  # noqa: E402
from custom_components.myflix.features.arr import RADARR, SONARR  # noqa: E402
from custom_components.myflix.features.healing import HEALING  # noqa: E402
from custom_components.myflix.features.qbittorrent import QBITTORRENT  # noqa: E402
from custom_components.myflix.features.tiering import TIERING  # noqa: E402
from custom_components.myflix.features.vpn import KILLSWITCH, VPN  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
TRACE = os.environ.get("BENCH_TRACEMALLOC") == "1"
PROFILE = os.environ.get("BENCH_PROFILE")
"""Profile the operation of this label (``cProfile``, printed by own time)."""
"""Also print where the memory Myflix keeps was allocated (slows everything)."""
IDLE = float(os.environ.get("BENCH_IDLE", "20"))  # seconds of scheduled polls
PROBE = 0.005  # the lag probe sleeps this long
SLOW = 0.005  # callbacks longer than this are recorded with their attribution
SAMPLE = 0.002  # the sampling thread's period
SAMPLE_CAPACITY = 1_000_000  # over half an hour of samples
LAG_CAPACITY = 400_000
STALL_GOAL_MS = 20.0
RSS_GOAL_MB = 60.0
"""Count the libraries with ``library_counts`` (the proposed arr_coordinator change)."""
SETTLE = 0.3  # seconds after an operation whose follow-ups still count for it

PROJECT = str(ROOT / "custom_components" / "myflix")


# ---------------------------------------------------------------- the probes


def _rss() -> int:
    """Resident set size of this process, bytes."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


class Series:
    """(time, value) pairs in arrays allocated up front.

    The probes record for minutes; lists of tuples grew by some 20 MB over a
    run, and that growth was counted as Myflix's. These arrays are resident
    before the first RSS reading, so recording costs no RSS during the run.
    """

    def __init__(self, capacity: int, kind: str) -> None:
        self.times = array("d", bytes(8 * capacity))
        self.values = array(kind, bytes(array(kind).itemsize * capacity))
        self.size = 0

    def append(self, when: float, value: float) -> None:
        """Record one pair; past the capacity, nothing more is kept."""
        if self.size < len(self.times):
            self.times[self.size] = when
            self.values[self.size] = value
            self.size += 1

    def __iter__(self) -> Iterator[tuple[float, Any]]:
        for at in range(self.size):
            yield self.times[at], self.values[at]

    def between(self, start: float, end: float) -> list[Any]:
        """The values recorded from ``start`` to ``end`` (times only grow)."""
        first = bisect.bisect_left(self.times, start, 0, self.size)
        last = bisect.bisect_right(self.times, end, first, self.size)
        return self.values[first:last].tolist()


class Places:
    """Sampled frames as small numbers: one string per distinct line, not per sample."""

    def __init__(self) -> None:
        self.names: list[str | None] = [None]
        self._ids: dict[tuple[Any, int], int] = {}

    def of(self, frame: FrameType | None) -> int:
        """The innermost Myflix frame of a stack, else its innermost frame (0: none)."""
        innermost = 0
        while frame is not None:
            code = frame.f_code
            key = (code, frame.f_lineno)
            if (here := self._ids.get(key)) is None:
                self.names.append(
                    f"{code.co_qualname} ({os.path.basename(code.co_filename)}:{frame.f_lineno})"
                )
                here = self._ids[key] = len(self.names) - 1
            innermost = innermost or here
            if code.co_filename.startswith(PROJECT):
                return here
            frame = frame.f_back
        return innermost


def _task_chain(handle: asyncio.Handle) -> str:
    """What a loop callback was: its task's coroutine chain, or its callback."""
    callback = handle._callback  # noqa: SLF001
    task = getattr(callback, "__self__", None)
    if not isinstance(task, asyncio.Task):
        return repr(callback)[:120]
    names = []
    coro: Any = task.get_coro()
    while coro is not None and len(names) < 12:
        code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
        if code is None:
            break
        names.append(code.co_qualname)
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    if len(names) > 4:
        names = [*names[:2], "…", *names[-2:]]
    return " > ".join(names) or repr(task)[:120]


@dataclass
class Slow:
    """One loop callback that ran longer than ``SLOW``."""

    start: float
    took: float
    cpu: float
    """CPU time of the loop thread meanwhile (below ``took``: preempted)."""
    what: str
    where: str = ""
    gc: float = 0.0
    """Seconds of garbage collection inside it."""


@dataclass
class LoopWatch:
    """The lag probe, the callback timer and the sampling thread of one loop."""

    lags: Series = field(default_factory=lambda: Series(LAG_CAPACITY, "d"))
    slow: list[Slow] = field(default_factory=list)
    samples: Series = field(default_factory=lambda: Series(SAMPLE_CAPACITY, "i"))
    places: Places = field(default_factory=Places)
    collections: list[tuple[float, float]] = field(default_factory=list)
    generations: list[tuple[int, float, float, int]] = field(default_factory=list)
    """Each collection's generation, start, stop and objects collected."""
    _gc_start: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    async def probe(self) -> None:
        """Sleep ``PROBE`` over and over; record how late each wake-up is."""
        while True:
            start = time.perf_counter()
            await asyncio.sleep(PROBE)
            woke = time.perf_counter()
            self.lags.append(woke, max(0.0, woke - start - PROBE))

    def sampler(self, thread_id: int) -> None:
        """Note the loop thread's innermost Myflix frame every ``SAMPLE`` s."""
        while not self._stop.wait(SAMPLE):
            frame = sys._current_frames().get(thread_id)  # noqa: SLF001
            self.samples.append(time.perf_counter(), self.places.of(frame))
            del frame

    def on_gc(self, phase: str, info: dict[str, Any]) -> None:
        """``gc.callbacks`` entry: note when each collection runs."""
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            stop = time.perf_counter()
            self.collections.append((self._gc_start, stop))
            self.generations.append(
                (info["generation"], self._gc_start, stop, info["collected"])
            )

    def gc_summary(self) -> str:
        """Collections per generation: how many, the longest, objects freed."""
        lines = []
        for generation in sorted({g for g, _, _, _ in self.generations}):
            runs = [
                (stop - start, freed)
                for g, start, stop, freed in self.generations
                if g == generation
            ]
            lines.append(
                f"gen{generation}: {len(runs)} runs, longest {max(t for t, _ in runs) * 1000:.1f} ms,"
                f" {sum(f for _, f in runs):,} objects freed"
            )
        return "; ".join(lines)

    def attribute(self) -> None:
        """Name where each slow callback spent its time (the sampler's majority)."""
        for slow in self.slow:
            end = slow.start + slow.took
            slow.gc = sum(
                min(end, stop) - max(slow.start, start)
                for start, stop in self.collections
                if start < end and stop > slow.start
            )
            seen: dict[str, int] = defaultdict(int)
            for place in self.samples.between(slow.start, end):
                if place:
                    seen[self.places.names[place] or ""] += 1
            if seen:
                top = sorted(seen, key=lambda w: -seen[w])[:3]
                slow.where = ", ".join(f"{w} {seen[w]}x" for w in top)

    def timed_run(self, original: Callable[[asyncio.Handle], None]) -> Any:
        """``Handle._run`` that records the callbacks over ``SLOW``."""

        def _run(handle: asyncio.Handle) -> None:
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                original(handle)
            finally:
                took = time.perf_counter() - start
                if took > SLOW:
                    cpu = time.thread_time() - cpu
                    self.slow.append(Slow(start, took, cpu, _task_chain(handle)))

        return _run


@dataclass
class Window:
    """What happened on the loop during one labelled operation."""

    label: str
    start: float
    end: float = 0.0
    rss_growth: int = 0
    """How much the resident set grew during the operation, bytes."""


class Recorder:
    """Labelled windows over one LoopWatch."""

    def __init__(self, watch: LoopWatch) -> None:
        self.watch = watch
        self.windows: list[Window] = []

    async def op(self, label: str, job: Callable[[], Awaitable[Any]]) -> Any:
        """Run ``job``, let its follow-ups settle, record the window."""
        window = Window(label, time.perf_counter())
        self.windows.append(window)
        rss = _rss()
        profiler = cProfile.Profile() if label == PROFILE else None
        if profiler is not None:
            profiler.enable()
        result = await job()
        await asyncio.sleep(SETTLE)
        if profiler is not None:
            profiler.disable()
            stats = pstats.Stats(profiler)
            stats.sort_stats(
                os.environ.get("BENCH_PROFILE_SORT", "tottime")
            ).print_stats(40)
        window.end = time.perf_counter()
        window.rss_growth = _rss() - rss
        return result

    def full_collections(self, window: Window) -> int:
        """Full collections the interpreter started by itself inside ``window``."""
        return sum(
            1
            for generation, start, stop, _ in self.watch.generations
            if generation == 2
            and window.start <= start <= window.end
            and not _settling(start, stop)
        )

    def in_window(self, window: Window) -> tuple[list[float], list[Slow]]:
        lags = [
            lag
            for when, lag in self.watch.lags
            if window.start <= when <= window.end and not _settling(when - lag, when)
        ]
        slow = [
            s
            for s in self.watch.slow
            if window.start <= s.start + s.took
            and s.start <= window.end
            and not _settling(s.start, s.start + s.took)
        ]
        return lags, slow


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0-1) of ``values``."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


@dataclass
class PhaseFigures:
    """The figures of a phase: lag p99 and max, longest callback, RSS growth."""

    name: str
    lags: list[float]
    slow: list[Slow]
    rss_growth: int
    seconds: float
    full_collections: int
    """Full collections the interpreter started by itself."""

    @property
    def longest(self) -> float:
        return max([s.took for s in self.slow], default=0.0)

    @property
    def longest_own(self) -> float:
        """The longest callback less the collector's pauses inside it."""
        return max([s.took - s.gc for s in self.slow], default=0.0)

    def line(self) -> str:
        return (
            f"  {self.name:<22} {self.seconds:6.1f} s  lag p99 {_ms(pct(self.lags, 0.99))} ms"
            f"  lag max {_ms(max([*self.lags, 0.0]))} ms  longest callback {_ms(self.longest)} ms"
            f"  callbacks >20 ms: {sum(s.took > 0.020 for s in self.slow):4d}"
            f"  full GCs {self.full_collections:2d}  RSS growth {self.rss_growth / 1e6:6.1f} MB"
        )


# ---------------------------------------------------------------- the bench


@pytest.fixture(scope="module")
def backends() -> Iterator[SimulatorProcess]:
    """The simulators, forked before HA starts its threads."""
    with spawned_simulators() as served:
        yield served


FULL_COLLECTIONS: list[float] = []
"""Seconds each ``_settle_gc`` full collection took, in order."""


TRIMMED: list[int] = []
"""The Myflix phase's RSS growth after ``malloc_trim``, bytes."""
SETTLING: list[tuple[float, float]] = []
"""When the bench did slow work of its own, left out of the figures."""


@contextmanager
def _left_out() -> Iterator[None]:
    """Leave the bench's own slow work inside this block out of the figures."""
    start = time.perf_counter()
    try:
        yield
    finally:
        SETTLING.append((start, time.perf_counter()))


async def _settle_gc() -> int:
    """RSS after a full collection and a moment for the allocator."""
    await asyncio.sleep(0.5)
    with _left_out():
        start = time.perf_counter()
        gc.collect()
        FULL_COLLECTIONS.append(time.perf_counter() - start)
    await asyncio.sleep(0.5)
    return _rss()


async def _count_tracked() -> int:
    """How many objects the collector tracks, outside the figures (a slow walk)."""
    with _left_out():
        count = len(gc.get_objects())
    await asyncio.sleep(0.1)
    return count


def _settling(start: float, end: float) -> bool:
    """Whether ``start``-``end`` overlaps slow work of the bench's own."""
    return any(start <= stop and begin <= end for begin, stop in SETTLING)


@pytest.mark.timeout(3600)
async def test_event_loop(
    hass: HomeAssistant,
    backends: SimulatorProcess,
    socket_enabled: None,
    tmp_path: Path,
) -> None:
    """Longest stall and RSS growth: HA alone, then HA with Myflix at work."""
    loop = asyncio.get_running_loop()
    loop.set_debug(False)  # the harness runs asyncio in debug mode; HA does not
    logging.getLogger("homeassistant").setLevel(logging.WARNING)
    options = await hass.async_add_executor_job(make_hot_tier, tmp_path / "tiers")
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    urls = backends.urls
    data = {
        "radarr_url": urls["radarr"],
        "radarr_api_key": RADARR_KEY,
        "sonarr_url": urls["sonarr"],
        "sonarr_api_key": SONARR_KEY,
        "qbittorrent_url": urls["qbittorrent"],
        "qbittorrent_username": USER,
        "qbittorrent_password": PASSWORD,
        "gluetun_url": urls["gluetun"],
        "gluetun_api_key": GLUETUN_KEY,
        "ip_echo_urls": f"{urls['ipecho']}/",
    }
    watch = LoopWatch()
    recorder = Recorder(watch)
    original = asyncio.events.Handle._run  # noqa: SLF001
    sampler = threading.Thread(
        target=watch.sampler, args=(threading.get_ident(),), daemon=True
    )
    gc.callbacks.append(watch.on_gc)
    # The sampler needs the GIL to look: hand it over more often than every
    # 5 ms, or a 50 ms callback gets two samples.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    with patch.object(asyncio.events.Handle, "_run", watch.timed_run(original)):
        sampler.start()
        probe = hass.async_create_background_task(watch.probe(), "lag probe")
        try:
            with ExitStack() as stack:
                phases = await _run_phases(stack, hass, recorder, data, options)
        finally:
            probe.cancel()
            watch._stop.set()  # noqa: SLF001
            sampler.join()
            gc.callbacks.remove(watch.on_gc)
            sys.setswitchinterval(switch_interval)
    watch.attribute()
    _report(recorder, phases)
    print(
        f"garbage collections: {watch.gc_summary()}; frozen objects {gc.get_freeze_count():,}"
    )
    print(
        "RSS growth with Myflix once C's allocator gave back its free memory "
        f"(malloc_trim, measured only): {TRIMMED[0] / 1e6:.1f} MB"
    )


async def _run_phases(
    stack: ExitStack,
    hass: HomeAssistant,
    recorder: Recorder,
    data: dict[str, str],
    options: dict[str, Any],
) -> list[PhaseFigures]:
    phases: list[PhaseFigures] = []

    marks: list[tuple[Window, int]] = []

    def phase(name: str, start: float, rss_start: int, rss_end: int) -> None:
        # Figures are taken at the end: working them out now would be a
        # callback of the bench's own inside the next window.
        marks.append((Window(name, start, time.perf_counter()), rss_end - rss_start))

    # Baseline: HA with Myflix not loaded, as long as the Myflix phase's idle part.
    # HA's test plugin freezes every object it made; HA itself does not, so
    # a real HA's full collections walk all of its objects: as here.
    gc.unfreeze()
    rss0 = await _settle_gc()
    start = time.perf_counter()
    await asyncio.sleep(IDLE)
    rss1 = await _settle_gc()
    phase("HA alone (baseline)", start, rss0, rss1)

    # HA's loader finds and imports the integration and its platforms, and
    # sets up its dependency first: HA's work, done once per start, shown on
    # a line of its own.
    start = time.perf_counter()

    async def load() -> None:
        # A real HA has HA's own http set up long before any integration.
        assert await async_setup_component(hass, "http", {})
        integration = await async_get_integration(hass, DOMAIN)
        await integration.async_get_component()
        await integration.async_get_platforms(PLATFORMS)

    await recorder.op("HA loads the integration", load)
    rss_code = await _settle_gc()
    phase("HA loads the code", start, rss1, rss_code)
    rss1 = rss_code

    start = time.perf_counter()
    objects = await _count_tracked()
    if TRACE:
        tracemalloc.start(8)
    entry = MockConfigEntry(domain=DOMAIN, data=data, options=options)
    entry.add_to_hass(hass)

    async def setup() -> None:
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()

    await recorder.op("set-up", setup)
    assert entry.state is ConfigEntryState.LOADED
    runtime = entry.runtime_data
    assert runtime.get(RADARR)
    assert runtime.get(SONARR)
    assert runtime.get(QBITTORRENT)
    assert runtime.get(VPN)
    assert runtime.get(KILLSWITCH)
    assert runtime.get(HEALING)
    assert runtime.get(TIERING)
    library = runtime.get(RADARR).library.data
    assert library is not None
    assert library.total == MOVIES, library
    qbt = runtime.get(QBITTORRENT)

    async def call(action: str, **fields: Any) -> Any:
        return await hass.services.async_call(
            DOMAIN, action, fields, blocking=True, return_response=True
        )

    async def full_sync() -> None:
        qbt.client._maindata.rid = 0  # noqa: SLF001
        await qbt.sync.async_refresh()

    for _ in range(ROUNDS):
        for arr in (runtime.get(RADARR), runtime.get(SONARR)):
            for name in ("status", "library", "calendar"):
                await recorder.op(f"{arr.key} {name}", getattr(arr, name).async_refresh)
        await recorder.op("qbittorrent sync full", full_sync)
        await recorder.op("qbittorrent sync delta", qbt.sync.async_refresh)
        await recorder.op("qbittorrent settings", qbt.settings.async_refresh)
        for coordinator in runtime.get(VPN).coordinators():
            await recorder.op(f"vpn {coordinator.name}", coordinator.async_refresh)
        await recorder.op("healing pass", lambda: call("heal_now"))
        await recorder.op(
            "tiering plan", lambda: call("plan_tiering", ignore_watermarks=True)
        )
        await recorder.op(
            "killswitch halt", lambda: call("halt_downloads", reason="bench")
        )
        await recorder.op("qbittorrent sync delta", qbt.sync.async_refresh)
        await recorder.op("killswitch release", lambda: call("release_downloads"))
        await recorder.op("qbittorrent sync delta", qbt.sync.async_refresh)
    await recorder.op("scheduled polls (idle)", lambda: asyncio.sleep(IDLE))
    rss2 = await _settle_gc()
    phase("HA with Myflix", start, rss1, rss2)
    # What of the growth is memory the C allocator keeps free, not objects.
    with _left_out():
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        TRIMMED.append(_rss() - rss1)
    tracked = await _count_tracked()
    print(
        f"\nobjects tracked by the GC: {objects:,} before Myflix, {tracked:,} with it"
    )
    if TRACE:
        _print_tracked()
        _print_kept(tracemalloc.take_snapshot())
        tracemalloc.stop()
    start = time.perf_counter()

    async def unload() -> None:
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()

    await recorder.op("unload", unload)
    rss3 = await _settle_gc()
    phase("after unload", start, rss2, rss3)
    for window, rss_growth in marks:
        lags, slow = recorder.in_window(window)
        seconds = window.end - window.start
        phases.append(
            PhaseFigures(
                window.label,
                lags,
                slow,
                rss_growth,
                seconds,
                recorder.full_collections(window),
            )
        )
    return phases


def _print_tracked() -> None:
    """What the collector walks: tracked objects by type, and the biggest ones."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    biggest: list[tuple[int, str]] = []
    for obj in gc.get_objects():
        refs = len(gc.get_referents(obj))
        name = type(obj).__qualname__
        counts[name][0] += 1
        counts[name][1] += refs
        if refs > 2000:
            biggest.append((refs, f"{name} {repr(obj)[:80]}"))
    print("tracked objects by type (count, references):")
    for name, (count, refs) in sorted(counts.items(), key=lambda kv: -kv[1][1])[:15]:
        print(f"  {count:9,} {refs:10,}  {name}")
    for refs, what in sorted(biggest, reverse=True)[:10]:
        print(f"  {refs:10,} refs  {what}")


def _print_kept(snapshot: tracemalloc.Snapshot) -> None:
    """The biggest allocations still alive, by the Myflix line that made them."""
    stats = snapshot.statistics("traceback")
    by_line: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for stat in stats:
        where = next(
            (
                f"{Path(frame.filename).name}:{frame.lineno}"
                for frame in reversed(stat.traceback)  # innermost first
                if frame.filename.startswith(PROJECT)
            ),
            f"{Path(stat.traceback[-1].filename).name}:{stat.traceback[-1].lineno}",
        )
        by_line[where][0] += stat.size
        by_line[where][1] += stat.count
    total = sum(size for size, _ in by_line.values())
    print(f"memory still allocated since set-up: {total / 1e6:.1f} MB; biggest:")
    for where, (size, count) in sorted(by_line.items(), key=lambda kv: -kv[1][0])[:25]:
        print(f"  {size / 1e6:7.2f} MB {count:9,} blocks  {where}")


def _report(recorder: Recorder, phases: list[PhaseFigures]) -> None:
    print(
        f"\nHA event loop, {MOVIES:,} movies, {SERIES:,} series "
        f"({SERIES * EPISODES_PER_SERIES:,} episodes), {TORRENTS:,} torrents; "
        f"{ROUNDS} rounds of every operation; lag probe {PROBE * 1000:g} ms"
    )
    for figures in phases:
        print(figures.line())
    per_op: dict[str, tuple[list[float], list[Slow]]] = {}
    rss_per_op: dict[str, int] = defaultdict(int)
    full_per_op: dict[str, int] = defaultdict(int)
    for window in recorder.windows:
        full_per_op[window.label] += recorder.full_collections(window)
        lags, slow = recorder.in_window(window)
        seen = per_op.setdefault(window.label, ([], []))
        seen[0].extend(lags)
        seen[1].extend(slow)
        rss_per_op[window.label] += window.rss_growth
    print(
        f"  {'operation':<26} {'lag max':>9} {'longest cb':>11} {'less GC':>10} {'full GCs':>8} {'RSS +MB':>8}  "
        "the callback with the most own work (task chain | innermost Myflix frames)"
    )
    for label, (lags, slow) in per_op.items():
        longest = max((s.took for s in slow), default=0.0)
        # Named: the callback with the most work of its own (collector pauses
        # fall wherever an allocation crosses the threshold).
        worst = max(slow, key=lambda s: s.took - s.gc, default=None)
        what = (
            f"took {worst.took * 1000:.0f} cpu {worst.cpu * 1000:.0f} gc {worst.gc * 1000:.0f} ms;"
            f" {worst.what} | {worst.where}"
            if worst
            else ""
        )
        own = worst.took - worst.gc if worst else 0.0
        flag = "  OVER" if own * 1000 > STALL_GOAL_MS else ""
        print(
            f"  {label:<26} {_ms(max([*lags, 0.0]))} ms {_ms(longest)} ms"
            f" {_ms(own)} ms {full_per_op[label]:8d}"
            f" {rss_per_op[label] / 1e6:8.1f}{flag}  {what}"
        )
    base, mine = phases[0], phases[2]
    longest = max(
        (s for _, (_, slow) in per_op.items() for s in slow),
        key=lambda s: s.took,
        default=None,
    )
    growth = (mine.rss_growth) / 1e6
    print(
        f"summary: event loop with Myflix at 10k movies/50k episodes/5k torrents: "
        f"longest callback {mine.longest * 1000:.1f} ms, lag max "
        f"{max([*mine.lags, 0.0]) * 1000:.1f} ms, lag p99 {pct(mine.lags, 0.99) * 1000:.1f} ms "
        f"(HA alone: {base.longest * 1000:.1f} / {max([*base.lags, 0.0]) * 1000:.1f} / "
        f"{pct(base.lags, 0.99) * 1000:.1f} ms; goal {STALL_GOAL_MS:g} ms); RSS growth "
        f"{growth:.1f} MB (HA alone {base.rss_growth / 1e6:.1f} MB; goal {RSS_GOAL_MB:g} MB)"
    )
    before, with_myflix = FULL_COLLECTIONS[2], FULL_COLLECTIONS[3]
    print(
        f"  without the collector's pauses: longest callback {mine.longest_own * 1000:.1f} ms"
        f" (HA alone {base.longest_own * 1000:.1f} ms); a full collection took"
        f" {before * 1000:.1f} ms before Myflix, {with_myflix * 1000:.1f} ms with it"
    )
    if longest is not None:
        print(
            f"  longest: {longest.took * 1000:.1f} ms (CPU {longest.cpu * 1000:.1f} ms, "
            f"GC {longest.gc * 1000:.1f} ms) in {longest.what} | {longest.where}"
        )
