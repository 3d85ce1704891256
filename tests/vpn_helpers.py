"""A VPN stack for the HA tests: gluetun, an IP echo and qBittorrent on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import pytest

from custom_components.myflix.const import (
    CONF_GLUETUN_API_KEY,
    CONF_GLUETUN_URL,
    CONF_IP_ECHO_URLS,
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
)
from simulators.gluetun import GluetunSimulator
from simulators.ipecho import IpEchoSimulator
from simulators.qbittorrent import QbittorrentSimulator
from simulators.server import serve

from .conftest import QBT_PASS, QBT_USER

GLUETUN_KEY = "Q4jx8mWcKf2sYbTn7PzRvA"


@dataclass
class VpnStack:
    """The simulators and the entry data pointing at them."""

    gluetun: GluetunSimulator
    echo: IpEchoSimulator
    qbittorrent: QbittorrentSimulator
    data: dict[str, Any]

    def running(self) -> set[str]:
        """Hashes of the torrents qBittorrent reports as not stopped."""
        sim = self.qbittorrent
        return {
            key
            for key, torrent in sim.state.torrents.items()
            if not torrent.state(sim.v5).startswith(("paused", "stopped"))
        }


@pytest.fixture(name="vpn_stack")
async def vpn_stack_fixture(socket_enabled: None) -> AsyncIterator[VpnStack]:
    """gluetun on a VPN IP, an echo answering the home IP, qBittorrent with 3 torrents."""
    gluetun = GluetunSimulator(api_key=GLUETUN_KEY)
    echo = IpEchoSimulator(ip=gluetun.home_ip)
    qbittorrent = QbittorrentSimulator(username=QBT_USER, password=QBT_PASS)
    for name in ("Movie.A", "Show.B", "Movie.C"):
        qbittorrent.add_torrent(name=name, state="downloading", progress=0.3)
    async with AsyncExitStack() as stack:
        urls = [
            await stack.enter_async_context(serve(sim.make_app()))
            for sim in (gluetun, echo, qbittorrent)
        ]
        yield VpnStack(
            gluetun,
            echo,
            qbittorrent,
            {
                CONF_GLUETUN_URL: urls[0],
                CONF_GLUETUN_API_KEY: GLUETUN_KEY,
                CONF_IP_ECHO_URLS: urls[1] + "/",
                CONF_QBITTORRENT_URL: urls[2],
                CONF_QBITTORRENT_USERNAME: QBT_USER,
                CONF_QBITTORRENT_PASSWORD: QBT_PASS,
            },
        )
