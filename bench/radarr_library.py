"""Radarr with 10,000 movies: ten minutes of our schedule vs core's approach.

Ours, per 10 minutes at the default options: the status poll (queue, health,
disk space, root folders) every 30 s = 20 times, the calendar every 15 min
(counted as one whole fetch), and the library count every 6 h, i.e. 10/360
of one fetch amortized. The window that happens to contain a library count is
printed too. Core's approach: the whole ``/api/v3/movie`` every 30 s = 20
fetches, parsed into typed movies as aiopyarr does. The calls are the ones
our coordinators make (``arr_coordinator``), run the right number of times.
"""

from __future__ import annotations

from aiohttp import web
from common import Cost, Meter, human_bytes, measure, ratio, run_against, verdict

from custom_components.myflix.clients.radarr import RadarrClient
from custom_components.myflix.const import (
    DEFAULT_ARR_INTERVAL,
    DEFAULT_CALENDAR_DAYS,
    DEFAULT_LIBRARY_INTERVAL,
)
from custom_components.myflix.features.arr.coordinator import (
    _fetch_status,
    _library,
    _radarr_calendar,
)
from simulators.bulk import big_radarr

MOVIES = 10_000
WINDOW = 600  # seconds: ten minutes
GOAL = 50
KEY = "bench-radarr-key-0123456789abcdef"


def build_app() -> web.Application:
    # Seeded with 10 movies, a queue and health; grown to MOVIES.
    return big_radarr(MOVIES, KEY).make_app()


async def run(url: str) -> None:
    ours_meter, core_meter = Meter(), Meter()
    async with (
        ours_meter.session() as ours_session,
        core_meter.session() as core_session,
    ):
        ours = RadarrClient(url=url, api_key=KEY, session=ours_session)
        core = RadarrClient(url=url, api_key=KEY, session=core_session)

        async def library() -> None:
            counts = await _library(ours)
            assert counts.total == MOVIES, counts

        async def core_fetch() -> None:
            assert len(await core.movies()) == MOVIES

        await _fetch_status(ours)  # warm both paths (connections, imports)
        await core_fetch()
        status = await measure(
            ours_meter, lambda: _fetch_status(ours), WINDOW // DEFAULT_ARR_INTERVAL
        )
        calendar = await measure(
            ours_meter, lambda: _radarr_calendar(ours, DEFAULT_CALENDAR_DAYS)
        )
        counted = await measure(ours_meter, library)
        theirs = await measure(core_meter, core_fetch, WINDOW // 30)

    share = WINDOW / (DEFAULT_LIBRARY_INTERVAL * 60)
    amortized = status + calendar + counted * share
    worst = status + calendar + counted

    def line(label: str, cost: Cost) -> str:
        return f"  {label:<44}: {cost.cpu * 1e3:9.1f} ms CPU  {human_bytes(cost.bytes):>10}  {cost.requests:>4} requests"

    print(f"Radarr, {MOVIES:,} movies, per 10 minutes")
    print(line(f"ours  status x{WINDOW // DEFAULT_ARR_INTERVAL}", status))
    print(line("ours  calendar x1", calendar))
    print(line("ours  library count x1 (movies + wanted)", counted))
    print(line(f"ours  total, library amortized ({share:.3f})", amortized))
    print(line("ours  total, window with a library count", worst))
    print(line(f"core  /api/v3/movie x{WINDOW // 30}", theirs))
    for name, mine in (("amortized", amortized), ("window with a count", worst)):
        print(
            f"  {name:<20} bytes {ratio(mine.bytes, theirs.bytes):>7} ({verdict(mine.bytes, theirs.bytes, GOAL)})"
            f"   CPU {ratio(mine.cpu, theirs.cpu):>7} ({verdict(mine.cpu, theirs.cpu, GOAL)})"
        )
    print(
        f"summary: radarr 10k movies / 10 min: bytes {ratio(amortized.bytes, theirs.bytes)}, "
        f"CPU {ratio(amortized.cpu, theirs.cpu)} amortized "
        f"(window with a library count: bytes {ratio(worst.bytes, theirs.bytes)}, "
        f"CPU {ratio(worst.cpu, theirs.cpu)}); goal 1/{GOAL}"
    )


if __name__ == "__main__":
    run_against(build_app, run)
