"""Run the demo stack on loopback: ``python -m simulators``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
from pathlib import Path
import signal

from .stack import DEMO_SEEDING, StackSettings, run_stack


async def _main(settings: StackSettings, state_file: Path | None) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with run_stack(settings) as info:
        for name, backend in info["backends"].items():
            print(f"{name:<12} {backend['url']:<28} {backend['kind']}")
        entry = info["config_entry"]
        print(f"radarr key   {entry['radarr_api_key']}")
        print(f"sonarr key   {entry['sonarr_api_key']}")
        print(
            f"qbittorrent  {entry['qbittorrent_username']} / {entry['qbittorrent_password']}"
        )
        if state_file is not None:
            tmp = state_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(info, indent=2))
            tmp.replace(state_file)
        print("Ready. Ctrl-C stops the stack.", flush=True)
        await stop.wait()
    if state_file is not None:
        with contextlib.suppress(FileNotFoundError):
            state_file.unlink()


def main() -> None:
    """Parse the command line and run until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m simulators", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--radarr-port", type=int, default=7878)
    parser.add_argument("--sonarr-port", type=int, default=8989)
    parser.add_argument("--qbittorrent-port", type=int, default=8080)
    parser.add_argument("--gluetun-port", type=int, default=8000)
    parser.add_argument("--ip-echo-port", type=int, default=8001)
    parser.add_argument("--gemini-port", type=int, default=8010)
    parser.add_argument("--nordvpn-port", type=int, default=8011)
    parser.add_argument(
        "--qbittorrent",
        choices=("auto", "real", "fake"),
        default="auto",
        help="real = Debian's qbittorrent-nox, fake = the simulator, auto = real if installed",
    )
    parser.add_argument(
        "--no-seeder",
        action="store_true",
        help="with the real qbittorrent-nox: no second one seeding the grabs"
        " (they then stay trackerless magnets that never download)",
    )
    parser.add_argument(
        "--state-file", type=Path, help="write URLs and keys here as JSON"
    )
    parser.add_argument(
        "--tiering-dir", help="build the demo's hot/archive folders for tiering here"
    )
    args = parser.parse_args()
    settings = StackSettings(
        host=args.host,
        radarr_port=args.radarr_port,
        sonarr_port=args.sonarr_port,
        qbittorrent_port=args.qbittorrent_port,
        gluetun_port=args.gluetun_port,
        ip_echo_port=args.ip_echo_port,
        gemini_port=args.gemini_port,
        nordvpn_port=args.nordvpn_port,
        qbittorrent=args.qbittorrent,
        tiering_dir=args.tiering_dir,
        seeding=None if args.no_seeder else DEMO_SEEDING,
    )
    asyncio.run(_main(settings, args.state_file))


if __name__ == "__main__":
    main()
