"""qBittorrent with 5,000 idle torrents: our incremental sync vs core's full fetch.

Ours: ``QbittorrentClient.sync_maindata()`` (``sync/maindata`` with the last
``rid``, merged into typed torrents). Core's approach per poll: a full
``sync/maindata`` (rid=0) plus ``torrents/info``, here only JSON-parsed (no
typed objects), the cheapest that approach can be. Client CPU comes from
``time.process_time()``; the simulator runs in another process.
"""

from __future__ import annotations

from aiohttp import web
from common import Meter, human_bytes, measure, ratio, run_against, verdict

from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from simulators.bulk import add_torrents
from simulators.qbittorrent import QbittorrentSimulator

TORRENTS = 5_000
POLLS = 20
GOAL = 25
USER, PASSWORD = "admin", "bench-password"


def build_app() -> web.Application:
    sim = QbittorrentSimulator(username=USER, password=PASSWORD)
    add_torrents(sim, TORRENTS)  # one refresh of the speeds at the end
    return sim.make_app()


async def run(url: str) -> None:
    ours_meter, core_meter = Meter(), Meter()
    async with (
        ours_meter.session() as ours_session,
        core_meter.session() as core_session,
    ):
        ours = QbittorrentClient(
            url=url, username=USER, password=PASSWORD, session=ours_session
        )
        core = QbittorrentClient(
            url=url, username=USER, password=PASSWORD, session=core_session
        )
        first = await ours.sync_maindata()  # the one full update, not counted
        assert len(first.torrents) == TORRENTS, len(first.torrents)
        await core.login()

        async def ours_poll() -> None:
            data = await ours.sync_maindata()
            assert not data.full_update
            assert len(data.torrents) == TORRENTS

        async def core_poll() -> None:
            maindata = await core._get_json("sync/maindata", {"rid": "0"})  # noqa: SLF001
            torrents = await core._get_json("torrents/info")  # noqa: SLF001
            assert len(maindata["torrents"]) == len(torrents) == TORRENTS

        await core_poll()  # warm both paths alike
        mine = await measure(ours_meter, ours_poll, POLLS)
        theirs = await measure(core_meter, core_poll, POLLS)

    full = human_bytes(ours_meter.bytes - mine.bytes)
    print(
        f"qBittorrent, {TORRENTS:,} idle torrents, {POLLS} polls each (first full sync: {full})"
    )
    print(
        f"  ours  incremental sync/maindata : {mine.cpu / POLLS * 1e3:8.3f} ms CPU/poll  {human_bytes(mine.bytes / POLLS):>10}/poll  {mine.requests // POLLS} request/poll"
    )
    print(
        f"  core  full maindata + info      : {theirs.cpu / POLLS * 1e3:8.3f} ms CPU/poll  {human_bytes(theirs.bytes / POLLS):>10}/poll  {theirs.requests // POLLS} requests/poll"
    )
    print(
        f"  CPU ratio   {ratio(mine.cpu, theirs.cpu):>8}  ({verdict(mine.cpu, theirs.cpu, GOAL)})"
    )
    print(f"  bytes ratio {ratio(mine.bytes, theirs.bytes):>8}")
    print(
        f"summary: qbittorrent 5k idle torrents: CPU/poll {ratio(mine.cpu, theirs.cpu)}, "
        f"bytes/poll {ratio(mine.bytes, theirs.bytes)}; goal 1/{GOAL} CPU"
    )


if __name__ == "__main__":
    run_against(build_app, run)
