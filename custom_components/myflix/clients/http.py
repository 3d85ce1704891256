"""Shared HTTP plumbing: one place maps aiohttp failures to our exception tree."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
import json
from typing import Any

import aiohttp
from multidict import CIMultiDictProxy

from . import slices
from .errors import (
    MyflixConnectionError,
    MyflixResponseError,
    MyflixTimeoutError,
    MyflixTLSError,
)
from .slices import Each, loads_sliced, loads_stream

DEFAULT_TIMEOUT = 10.0


@contextmanager
def _json_errors(body: bytes | None = None) -> Iterator[None]:
    """Map an empty ``body`` and a decoding error to ``MyflixResponseError``."""
    if body is not None and not body:
        raise MyflixResponseError("Empty body where JSON was expected")
    try:
        yield
    except ValueError as err:
        raise MyflixResponseError(f"Invalid JSON in response: {err}") from err


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
        with _json_errors(self.body):
            return json.loads(self.body)

    async def json_sliced(self, item: Each | None = None) -> Any:
        """``json()``, a large body decoded in slices that leave the event loop free.

        ``item`` maps the items of an array body (or, ``ValuesOf``, an
        object's values) as they are decoded.
        """
        with _json_errors(self.body):
            return await loads_sliced(self.body, item)


class StreamedResponse:
    """Status and headers of one HTTP exchange whose body is still arriving."""

    __slots__ = ("_deadline", "_response", "_timeout", "headers", "status")

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        deadline: asyncio.Timeout,
        timeout: float,
    ) -> None:
        """Wrap an open aiohttp response and the deadline of its exchange."""
        self._response = response
        self._deadline = deadline
        self._timeout = timeout
        self.status = response.status
        self.headers = response.headers

    async def _chunks(self) -> AsyncIterator[bytes]:
        """Yield the body as it arrives; each chunk gives ``timeout`` seconds more.

        Decoding a big body takes time of its own (more on a busy or small
        machine): the timeout is for a server that stops sending, not for us.
        """
        loop = asyncio.get_running_loop()
        async for chunk in self._response.content.iter_any():
            self._deadline.reschedule(loop.time() + self._timeout)
            yield chunk

    async def read(self) -> RawResponse:
        """Read the whole body."""
        return RawResponse(self.status, self.headers, await self._response.read())

    async def json_sliced(self, item: Each | None = None) -> Any:
        """``RawResponse.json_sliced``, decoding a large body as it arrives."""
        length = self._response.content_length
        if length is not None and length < slices.LARGE_BODY:
            return await (await self.read()).json_sliced(item)
        with _json_errors():
            return await loads_stream(self._chunks(), item)


@asynccontextmanager
async def http_exchange(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    **kwargs: Any,
) -> AsyncIterator[StreamedResponse]:
    """Send one request; the caller reads the body.

    The answer must start within ``timeout`` seconds and a body decoded as
    it arrives must not pause longer than that.

    Every transport failure becomes a ``MyflixConnectionError`` subclass and a
    body cut short becomes a ``MyflixResponseError``; HTTP status codes are left
    to the caller, which knows what each one means for its backend.
    """
    try:
        async with asyncio.timeout(timeout) as deadline:
            async with session.request(method, url, **kwargs) as response:
                yield StreamedResponse(response, deadline, timeout)
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


async def http_request(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    **kwargs: Any,
) -> RawResponse:
    """``http_exchange`` that reads the whole body."""
    async with http_exchange(
        session, method, url, timeout=timeout, **kwargs
    ) as response:
        return await response.read()
