"""Fixtures: the gluetun, NordVPN and IP echo simulators on loopback, with clients."""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from custom_components.myflix.clients.gluetun import GluetunClient
from custom_components.myflix.clients.nordvpn import NordVpnClient
from simulators.gluetun import GluetunSimulator
from simulators.ipecho import IpEchoSimulator
from simulators.nordvpn import NordVpnSimulator
from simulators.server import serve

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

GLUETUN_KEY = "Q4jx8mWcKf2sYbTn7PzRvA"  # 22 base58 characters, like `gluetun genkey`


@dataclass
class Served:
    """A simulator, its URL and a client pointed at it."""

    sim: Any
    url: str
    client: Any


@pytest.fixture
async def session(socket_enabled: None) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as http:
        yield http


@pytest.fixture
async def serve_gluetun(
    session: aiohttp.ClientSession,
) -> AsyncIterator[Callable[..., Awaitable[Served]]]:
    """Serve ``GluetunSimulator(**kwargs)``; the client uses ``client_kwargs``."""
    async with AsyncExitStack() as stack:

        async def start(
            client_kwargs: dict[str, Any] | None = None, **kwargs: Any
        ) -> Served:
            sim = GluetunSimulator(**kwargs)
            url = await stack.enter_async_context(serve(sim.make_app()))
            client_kwargs = {"api_key": GLUETUN_KEY} | (client_kwargs or {})
            client = GluetunClient(url=url, session=session, **client_kwargs)
            return Served(sim, url, client)

        yield start


@pytest.fixture
async def gluetun(serve_gluetun: Callable[..., Awaitable[Served]]) -> Served:
    """gluetun with an API-key role on every route, tunnel up on a VPN IP."""
    return await serve_gluetun(api_key=GLUETUN_KEY)


@pytest.fixture
async def nordvpn(session: aiohttp.ClientSession) -> AsyncIterator[Served]:
    sim = NordVpnSimulator()
    async with serve(sim.make_app()) as url:
        yield Served(sim, url, NordVpnClient(session=session, base_url=url))


@pytest.fixture
async def echoes(socket_enabled: None) -> AsyncIterator[list[Served]]:
    """Three IP echo services (no client: each test picks its URLs)."""
    async with AsyncExitStack() as stack:
        served = []
        for _ in range(3):
            sim = IpEchoSimulator()
            url = await stack.enter_async_context(serve(sim.make_app()))
            served.append(Served(sim, url, None))
        yield served
