"""Shared HTTP plumbing: one place maps aiohttp failures to our exception tree."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
import json
from typing import Any

import aiohttp
from multidict import CIMultiDictProxy

from .errors import (
    MyflixConnectionError,
    MyflixResponseError,
    MyflixTimeoutError,
    MyflixTLSError,
)
from .slices import loads_sliced

DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class RawResponse:
    """Status, headers and the complete body of one HTTP exchange."""

    status: int
    headers: CIMultiDictProxy[str]
    body: bytes

    @property
    def text(self) -> str:
        """Body decoded as UTF-8, undecodable bytes replaced."""
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """Body parsed as JSON, or ``MyflixResponseError`` when it is not JSON."""
        if not self.body:
            raise MyflixResponseError("Empty body where JSON was expected")
        try:
            return json.loads(self.body)
        except ValueError as err:
            raise MyflixResponseError(f"Invalid JSON in response: {err}") from err

    async def json_sliced(self, item: Callable[[Any], Any] | None = None) -> Any:
        """``json()``, a large body decoded in slices that leave the event loop free.

        ``item`` maps the items of an array body as they are decoded.
        """
        if not self.body:
            raise MyflixResponseError("Empty body where JSON was expected")
        try:
            return await loads_sliced(self.body, item)
        except ValueError as err:
            raise MyflixResponseError(f"Invalid JSON in response: {err}") from err


async def http_request(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    **kwargs: Any,
) -> RawResponse:
    """Send one request and read the whole body inside ``timeout`` seconds.

    Every transport failure becomes a ``MyflixConnectionError`` subclass and a
    body cut short becomes a ``MyflixResponseError``; HTTP status codes are left
    to the caller, which knows what each one means for its backend.
    """
    try:
        async with asyncio.timeout(timeout):
            async with session.request(method, url, **kwargs) as response:
                body = await response.read()
                return RawResponse(response.status, response.headers, body)
    except TimeoutError as err:
        raise MyflixTimeoutError(f"Timed out after {timeout:g} s") from err
    except (aiohttp.ClientSSLError, aiohttp.ServerFingerprintMismatch) as err:
        raise MyflixTLSError(f"TLS error: {err}") from err
    except aiohttp.ClientPayloadError as err:
        raise MyflixResponseError(f"Truncated response: {err}") from err
    except aiohttp.ClientResponseError as err:
        raise MyflixResponseError(f"Malformed response: {err.message}") from err
    except (aiohttp.ClientError, OSError) as err:
        raise MyflixConnectionError(f"Cannot connect: {err}") from err
