"""The demo stack: Radarr and Sonarr simulators linked to a qBittorrent.

qBittorrent is Debian's real ``qbittorrent-nox`` when it is installed (and
``--qbittorrent`` allows it), otherwise the simulator. Radarr and Sonarr send
their grabs to it over the WebUI API, like the real apps.

With the real qbittorrent-nox and ``seeding`` set (the demo), a second
qbittorrent-nox seeds every grabbed release on loopback (``simulators.seeder``),
so downloads really move, except one left without a seed for self-healing;
the apps' completed download check runs every ``import_every`` seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
import contextlib
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from custom_components.myflix.engine.vault import generate_identity

from .gemini import GeminiSimulator
from .gluetun import GluetunSimulator
from .ipecho import IpEchoSimulator
from .nordvpn import NordVpnSimulator
from .nox import QbittorrentNox
from .qbittorrent import QbittorrentSimulator
from .qbittorrent_link import QbittorrentLink
from .radarr import RadarrSimulator
from .seeder import LOOPBACK_PEERS, Seeder, SeederSettings
from .server import LOOPBACK, serve
from .sonarr import SonarrSimulator
from .tiering_demo import make_demo_tiers
from .watchtower import DEMO_IMAGES, WatchtowerSimulator

if TYPE_CHECKING:
    from .arr.simulator import ArrSimulator

DEMO_SEEDING = SeederSettings(unseeded="Inside.Out.2.2024")
"""The demo's seeding: releases at 1/256 of their size (4-96 MiB) at 512 KiB/s
in all; the first Inside Out 2 release gets no seed (healing replaces it)."""


# Self-healing's options page in the demo, quick enough to watch: the
# unseeded torrent is struck each minute and replaced at the second strike;
# only a standstill counts (1 kB/s), so slow seeds are left alone.
DEMO_HEALING = {
    "healing_interval": 1,
    "healing_max_strikes": 2,
    "healing_min_speed": 1,
    "healing_min_age": 1,
    "healing_protected_tag": "myflix-keep",
    "healing_private": "skip",
}


@dataclass(frozen=True, kw_only=True)
class StackSettings:
    """Where the demo stack listens and with which credentials."""

    host: str = LOOPBACK
    radarr_port: int = 7878
    sonarr_port: int = 8989
    qbittorrent_port: int = 8080
    gluetun_port: int = 8000
    ip_echo_port: int = 8001
    qbittorrent: str = "auto"  # auto | real | fake
    radarr_api_key: str = "0123456789abcdef0123456789abcdef"
    sonarr_api_key: str = "fedcba9876543210fedcba9876543210"
    qbittorrent_username: str = "admin"
    qbittorrent_password: str = "myflix-demo"
    gluetun_api_key: str = "myflix-demo-gluetun-key"
    # Watchtower's HTTP API; 0 = any free port (HA learns it from the entry data).
    watchtower_port: int = 0
    watchtower_token: str = "myflix-demo-watchtower-token"
    gemini_port: int = 8010
    nordvpn_port: int = 8011
    tiering_dir: str | None = None
    """Where to build the demo's hot/archive folders (None: no tiering)."""
    seeding: SeederSettings | None = None
    """With the real qbittorrent-nox: seed the grabs from a second one (None: no)."""
    import_every: float = 30.0
    """Seconds between the apps' completed download checks (0: only on requests)."""
    host_names: bool = False
    """Give HA ``http://radarr.localhost:7878``-style URLs, as users give Docker
    names: the resolver HA uses (c-ares) answers ``*.localhost`` with loopback."""


async def _start_qbittorrent(
    stack: AsyncExitStack, settings: StackSettings
) -> tuple[str, str, Seeder | None]:
    """Start qBittorrent (and the seeder); return its URL, what it is, the seeder."""
    use_real = settings.qbittorrent == "real" or (
        settings.qbittorrent == "auto" and QbittorrentNox.available()
    )
    if use_real:
        nox = QbittorrentNox(
            username=settings.qbittorrent_username,
            password=settings.qbittorrent_password,
            webui_port=settings.qbittorrent_port,
        )
        await stack.enter_async_context(nox)
        seeder = None
        if settings.seeding is not None:
            seeder = await stack.enter_async_context(Seeder(settings.seeding))
            link = QbittorrentLink(nox.url, nox.username, nox.password)
            try:
                # Every download at once, from a seeder on the same loopback IP.
                await link.set_preferences(
                    {**LOOPBACK_PEERS, "queueing_enabled": False}
                )
            finally:
                await link.close()
        return nox.url, f"qbittorrent-nox {nox.version}", seeder
    sim = QbittorrentSimulator(
        username=settings.qbittorrent_username,
        password=settings.qbittorrent_password,
    )
    sim.seed_demo()
    url = await stack.enter_async_context(
        serve(sim.make_app(), host=settings.host, port=settings.qbittorrent_port)
    )
    sim.start_ticking(1.0)
    return url, "simulator (qBittorrent 4.5.2)", None


async def _check_downloads(apps: Sequence[ArrSimulator], every: float) -> None:
    """Run the apps' completed download handling periodically, as they do."""
    while True:
        await asyncio.sleep(every)
        for app in apps:
            with contextlib.suppress(Exception):
                await app.check_downloads(due=True)


@asynccontextmanager
async def _background(coro: Any) -> AsyncIterator[None]:
    task = asyncio.ensure_future(coro)
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def _named(url: str, name: str) -> str:
    """``http://127.0.0.1:7878`` → ``http://radarr.localhost:7878``."""
    return url.replace(f"//{LOOPBACK}:", f"//{name}.localhost:", 1)


@asynccontextmanager
async def run_stack(settings: StackSettings) -> AsyncIterator[dict[str, Any]]:
    """Run the whole stack; yield what a client needs to reach it."""
    async with AsyncExitStack() as stack:
        qbt_url, qbt_kind, seeder = await _start_qbittorrent(stack, settings)
        urls = {}
        apps: list[ArrSimulator] = []
        for name, sim_class, key, port, missing_search in (
            (
                "radarr",
                RadarrSimulator,
                settings.radarr_api_key,
                settings.radarr_port,
                "MissingMoviesSearch",
            ),
            (
                "sonarr",
                SonarrSimulator,
                settings.sonarr_api_key,
                settings.sonarr_port,
                "MissingEpisodeSearch",
            ),
        ):
            link = QbittorrentLink(
                qbt_url,
                settings.qbittorrent_username,
                settings.qbittorrent_password,
                seeder=seeder,
            )
            stack.push_async_callback(link.close)
            sim = sim_class(key, download_client=link)
            apps.append(sim)
            urls[name] = await stack.enter_async_context(
                serve(sim.make_app(), host=settings.host, port=port)
            )
            # Like a first RSS sync: grab the missing monitored items, so the
            # queues and qBittorrent have work in them from the start.
            sim.start_command(missing_search, {}, trigger="scheduled")
        # Ready once that first search has sent its grabs: whoever reads the
        # stack next (a test, the demo's HA) finds the downloads already there.
        await asyncio.gather(*(app.wait_idle() for app in apps))
        if settings.import_every > 0:
            await stack.enter_async_context(
                _background(_check_downloads(apps, settings.import_every))
            )
        # The VPN: gluetun's control server and an IP echo that answers the
        # "home" address gluetun would show on a leak (both documentation IPs).
        # NordVPN's server recommendations, whose exit IPs gluetun then shows.
        nordvpn = NordVpnSimulator()
        nordvpn_url = await stack.enter_async_context(
            serve(nordvpn.make_app(), host=settings.host, port=settings.nordvpn_port)
        )
        gluetun = GluetunSimulator(
            api_key=settings.gluetun_api_key, servers=nordvpn.exit_ips()
        )
        echo = IpEchoSimulator(ip=gluetun.home_ip)
        gluetun_url = await stack.enter_async_context(
            serve(gluetun.make_app(), host=settings.host, port=settings.gluetun_port)
        )
        echo_url = await stack.enter_async_context(
            serve(echo.make_app(), host=settings.host, port=settings.ip_echo_port)
        )
        # Watchtower, with a newer Radarr image waiting in the "registry".
        watchtower = WatchtowerSimulator(token=settings.watchtower_token)
        watchtower.publish(DEMO_IMAGES["radarr"], "2")
        watchtower_url = await stack.enter_async_context(
            serve(
                watchtower.make_app(), host=settings.host, port=settings.watchtower_port
            )
        )
        # Simulated Gemini: scripted keyword rules, no AI, for the demo's agent.
        gemini = GeminiSimulator()
        gemini_url = await stack.enter_async_context(
            serve(gemini.make_app(), host=settings.host, port=settings.gemini_port)
        )
        if settings.host_names:
            urls = {name: _named(url, name) for name, url in urls.items()}
            qbt_url = _named(qbt_url, "qbittorrent")
            gluetun_url = _named(gluetun_url, "gluetun")
            echo_url = _named(echo_url, "ipecho")
            watchtower_url = _named(watchtower_url, "watchtower")
        info: dict[str, Any] = {}
        seeding: dict[str, Any] = {}
        if seeder is not None:
            seeding["seeder"] = {
                "url": seeder.nox.url,
                "kind": f"qbittorrent-nox {seeder.nox.version} (seeds the grabs,"
                f" {seeder.settings.up_limit // 1024} KiB/s)",
            }
        if settings.tiering_dir is not None:
            info["options"] = make_demo_tiers(Path(settings.tiering_dir))
        # The vault's key pair: the recipient goes to Myflix, the identity to
        # whoever wants to open a backup (the demo prints it).
        identity, recipient = generate_identity()
        yield info | {
            "vault": {"recipient": recipient, "identity": identity},
            "healing": DEMO_HEALING,
            "nordvpn_api": nordvpn_url,
            "gemini_entry": {"api_key": gemini.api_key, "base_url": gemini_url},
            "config_entry": {
                "radarr_url": urls["radarr"],
                "radarr_api_key": settings.radarr_api_key,
                "sonarr_url": urls["sonarr"],
                "sonarr_api_key": settings.sonarr_api_key,
                "qbittorrent_url": qbt_url,
                "qbittorrent_username": settings.qbittorrent_username,
                "qbittorrent_password": settings.qbittorrent_password,
                "gluetun_url": gluetun_url,
                "gluetun_api_key": settings.gluetun_api_key,
                "ip_echo_urls": f"{echo_url}/",
                "watchtower_url": watchtower_url,
                "watchtower_token": settings.watchtower_token,
            },
            "backends": {
                "radarr": {"url": urls["radarr"], "kind": "simulator (Radarr v3 API)"},
                "sonarr": {"url": urls["sonarr"], "kind": "simulator (Sonarr v3 API)"},
                "qbittorrent": {"url": qbt_url, "kind": qbt_kind},
                "gluetun": {
                    "url": gluetun_url,
                    "kind": "simulator (gluetun control server)",
                },
                "ip echo": {"url": echo_url, "kind": "simulator (answers the home IP)"},
                "nordvpn": {
                    "url": nordvpn_url,
                    "kind": "simulator (NordVPN server recommendations)",
                },
                "watchtower": {"url": watchtower_url, "kind": "simulator (HTTP API)"},
                "gemini": {
                    "url": gemini_url,
                    "kind": "SIMULATED Gemini (keyword rules, no AI)",
                },
                **seeding,
            },
        }
