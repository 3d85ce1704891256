"""IpEchoClient: every URL at once, the first valid answer wins, the rest are dropped."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import aiohttp
import pytest

from custom_components.myflix.clients.errors import (
    MyflixConnectionError,
    MyflixResponseError,
)
from custom_components.myflix.clients.ipecho import IpEchoClient, parse_echo
from simulators.ipecho import HOME_IP
from simulators.server import LOOPBACK, free_port

if TYPE_CHECKING:
    from .conftest import Served


def _client(
    session: aiohttp.ClientSession, *urls: str, timeout: float = 3.0
) -> IpEchoClient:
    return IpEchoClient(urls=list(urls), session=session, timeout=timeout)


async def test_plain_text_and_json(
    echoes: list[Served], session: aiohttp.ClientSession
) -> None:
    plain, as_json, _ = echoes
    assert await _client(session, plain.url + "/").public_ip() == HOME_IP
    as_json.sim.ip = "2001:db8::7"
    assert await _client(session, as_json.url + "/json").public_ip() == "2001:db8::7"


async def test_first_valid_answer_wins_and_the_rest_are_cancelled(
    echoes: list[Served], session: aiohttp.ClientSession
) -> None:
    held, broken, fast = echoes
    held.sim.hold()
    broken.sim.fail_next(status=200, body="<html>captive portal</html>")
    fast.sim.ip = "192.0.2.99"
    client = _client(
        session, held.url + "/", broken.url + "/", fast.url + "/json", timeout=30
    )
    assert await client.public_ip() == "192.0.2.99"
    # The held request was given up (its connection closed), not waited for.
    async with asyncio.timeout(5):
        await held.sim.wait_abandoned()
    assert held.sim.answered == 0
    assert held.sim.abandoned == 1


async def test_a_failing_service_does_not_matter(
    echoes: list[Served], session: aiohttp.ClientSession
) -> None:
    down, up, _ = echoes
    down.sim.fail_next(status=503)
    unreachable = f"http://{LOOPBACK}:{free_port()}/"
    client = _client(session, unreachable, down.url + "/", up.url + "/")
    assert await client.public_ip() == HOME_IP


async def test_all_failing_names_how_many(
    echoes: list[Served], session: aiohttp.ClientSession
) -> None:
    error, garbage, slow = echoes
    error.sim.fail_next(status=500)
    garbage.sim.fail_next(status=200, body='{"address": "192.0.2.1"}')
    slow.sim.fail_next(status=None, delay=0.3)
    unreachable = f"http://{LOOPBACK}:{free_port()}/"
    client = _client(
        session,
        error.url + "/",
        garbage.url + "/json",
        slow.url + "/",
        unreachable,
        timeout=0.1,
    )
    with pytest.raises(MyflixConnectionError, match="All 4 IP echo services failed"):
        await client.public_ip()


async def test_ip_version(echoes: list[Served], session: aiohttp.ClientSession) -> None:
    v6, v4, _ = echoes
    v6.sim.ip = "2001:db8::1"
    client = IpEchoClient(urls=[v6.url + "/"], session=session, ip_version=4)
    with pytest.raises(MyflixConnectionError, match="not an IPv4 address"):
        await client.public_ip()
    both = IpEchoClient(
        urls=[v6.url + "/", v4.url + "/"], session=session, ip_version=4
    )
    assert await both.public_ip() == HOME_IP


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("192.0.2.10\n", "192.0.2.10"),
        ('{"ip": "198.51.100.3", "country": "CH"}', "198.51.100.3"),
        ("  2001:DB8::1  ", "2001:db8::1"),
    ],
)
def test_parse_echo(body: str, expected: str) -> None:
    assert parse_echo(body) == expected


@pytest.mark.parametrize(
    "body", ["", "<html></html>", '{"ip": 1}', "{broken", "[1]", "300.1.1.1"]
)
def test_parse_echo_refuses(body: str) -> None:
    with pytest.raises(MyflixResponseError):
        parse_echo(body)


async def test_constructor_checks(session: aiohttp.ClientSession) -> None:
    with pytest.raises(ValueError, match="at least one"):
        IpEchoClient(urls=[], session=session)
    with pytest.raises(ValueError, match="ip_version"):
        IpEchoClient(urls=["http://x/"], session=session, ip_version=5)
    assert "icanhazip.com" in repr(
        IpEchoClient(urls=["https://ipv4.icanhazip.com/"], session=session)
    )
