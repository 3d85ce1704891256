"""Async client for "what is my IP" echo services: the home IP, seen from the HA host.

Every URL is asked at once and the first valid answer wins; the others are
cancelled. An answer is either plain text (``192.0.2.10``) or JSON with an
``ip`` key, and must parse as an IP address.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
import ipaddress
import json
import logging

import aiohttp
import yarl

from .errors import MyflixConnectionError, MyflixError, MyflixResponseError
from .http import http_request

_LOGGER = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 3.0


def parse_echo(body: str) -> str:
    """Read the IP of an echo answer; ``MyflixResponseError`` if there is none."""
    text = body.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as err:
            raise MyflixResponseError("invalid JSON") from err
        value = data.get("ip") if isinstance(data, dict) else None
        if not isinstance(value, str):
            raise MyflixResponseError("no 'ip' in the JSON answer")
        text = value
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError as err:
        raise MyflixResponseError(f"not an IP address: {text[:50]!r}") from err


class IpEchoClient:
    """Ask several IP echo services at once; the first valid answer wins."""

    def __init__(
        self,
        *,
        urls: Sequence[str],
        session: aiohttp.ClientSession,
        timeout: float = DEFAULT_TIMEOUT,
        ip_version: int | None = None,
    ) -> None:
        """Use ``urls`` (at least one); ``ip_version`` 4 or 6 rejects the other family."""
        if not urls:
            raise ValueError("at least one IP echo URL is needed")
        if ip_version not in (None, 4, 6):
            raise ValueError("ip_version must be 4, 6 or None")
        self.urls = tuple(urls)
        self._session = session
        self._timeout = timeout
        self._ip_version = ip_version

    def __repr__(self) -> str:
        """Identify the client by its hosts."""
        return f"{type(self).__name__}(hosts={[yarl.URL(u).host for u in self.urls]!r})"

    async def _ask(self, url: str) -> str:
        response = await http_request(
            self._session,
            "GET",
            url,
            timeout=self._timeout,
            headers={"Accept": "text/plain, application/json"},
        )
        if response.status != 200:
            raise MyflixResponseError(f"HTTP {response.status}")
        ip = parse_echo(response.text)
        if self._ip_version and ipaddress.ip_address(ip).version != self._ip_version:
            raise MyflixResponseError(f"not an IPv{self._ip_version} address")
        return ip

    async def _named(self, url: str) -> str:
        """Ask ``url``; a failure names the host it came from."""
        try:
            return await self._ask(url)
        except MyflixConnectionError as err:
            raise type(err)(f"{yarl.URL(url).host}: {err}") from err
        except MyflixError as err:
            raise MyflixResponseError(f"{yarl.URL(url).host}: {err}") from err

    async def public_ip(self) -> str:
        """Return the first valid IP any URL answers; cancel the rest.

        Raises ``MyflixConnectionError`` naming how many services failed when
        none gives a valid answer within the timeout.
        """
        tasks = [asyncio.ensure_future(self._named(url)) for url in self.urls]
        failures: list[str] = []
        try:
            for next_done in asyncio.as_completed(tasks):
                try:
                    return await next_done
                except MyflixError as err:
                    failures.append(str(err))
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        _LOGGER.debug("IP echo failures: %s", failures)
        raise MyflixConnectionError(
            f"All {len(failures)} IP echo services failed: " + "; ".join(failures[:3])
        )
