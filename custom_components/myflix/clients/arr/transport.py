"""One authenticated request to an *arr app, and the list / paging helpers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
import logging
from typing import TYPE_CHECKING, Any, ClassVar

from custom_components.myflix.clients.converters import as_int
from custom_components.myflix.clients.errors import MyflixResponseError
from custom_components.myflix.clients.http import (
    DEFAULT_TIMEOUT,
    RawResponse,
    StreamedResponse,
    http_exchange,
)
from custom_components.myflix.clients.slices import map_sliced
from custom_components.myflix.clients.status_errors import raise_for_status

from .query import QueryValue, encode_query

if TYPE_CHECKING:
    import aiohttp

_LOGGER = logging.getLogger(__name__)

API = "/api/v3"
# A paged walk stops here even if the server keeps promising more records.
MAX_PAGES = 1000


def _as_list(payload: Any, what: str, *, lone_object: bool = False) -> list[Any]:
    if lone_object and isinstance(payload, dict):
        return [payload]
    if not isinstance(payload, list):
        raise MyflixResponseError(
            f"Expected a list of {what}, got {type(payload).__name__}"
        )
    return payload


class ArrTransport:
    """Sends requests with the API key and turns error statuses into exceptions."""

    APP: ClassVar[str] = "*arr"

    def __init__(
        self,
        *,
        url: str,
        api_key: str,
        session: aiohttp.ClientSession,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Talk to the app at ``url`` (may carry a urlBase path) with ``api_key``."""
        self.base_url = url.rstrip("/")
        self._api_key = api_key
        self._session = session
        self._timeout = timeout

    def __repr__(self) -> str:
        """Identify the client without the API key."""
        return f"{type(self).__name__}(url={self.base_url!r})"

    async def _raw(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        auth: bool = True,
    ) -> RawResponse:
        """Send one request to ``base_url + path``, read its body, map error statuses."""
        async with self._open(
            method, path, params=params, json=json, auth=auth
        ) as response:
            return await response.read()

    @asynccontextmanager
    async def _open(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        auth: bool = True,
    ) -> AsyncIterator[StreamedResponse]:
        """Send one request to ``base_url + path``; map error statuses; stream the body."""
        headers = {"Accept": "application/json"}
        if auth:
            headers["X-Api-Key"] = self._api_key
        kwargs: dict[str, Any] = {"headers": headers}
        if params:
            kwargs["params"] = encode_query(params)
        if json is not None:
            kwargs["json"] = json
        _LOGGER.debug("%s %s %s", self.APP, method, path)
        async with http_exchange(
            self._session,
            method,
            f"{self.base_url}{path}",
            timeout=self._timeout,
            **kwargs,
        ) as response:
            if response.status >= 400:
                raise_for_status(
                    await response.read(),
                    app=self.APP,
                    what=f"{method} {path}",
                    scrub=self._scrub,
                )
            yield response

    def _scrub(self, text: str) -> str:
        """Never let the API key travel in an exception message."""
        return text.replace(self._api_key, "***") if self._api_key else text

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
    ) -> Any:
        """Call ``/api/v3`` + ``path`` and return the decoded JSON body."""
        async with self._open(
            method, f"{API}{path}", params=params, json=json
        ) as response:
            return await response.json_sliced()

    async def _tally[T](self, path: str, item: Callable[[Any], T]) -> list[T]:
        """GET a JSON array and keep only ``item`` of each object, not the objects.

        For counting a big library: an item that is not an object, or has no
        ``id``, raises ``MyflixResponseError`` as the models' ``from_dict`` does.
        """

        def checked(payload: Any) -> T:
            if not isinstance(payload, dict):
                raise MyflixResponseError(
                    f"{path}: expected an object, got {type(payload).__name__}"
                )
            if as_int(payload.get("id")) is None:
                raise MyflixResponseError(f"{path}: missing or invalid 'id'")
            return item(payload)

        async with self._open("GET", f"{API}{path}") as response:
            return _as_list(await response.json_sliced(checked), path)

    async def _delete(self, path: str, params: Mapping[str, QueryValue]) -> None:
        """DELETE ``/api/v3`` + ``path``; the apps answer 200 with an empty body."""
        await self._raw("DELETE", f"{API}{path}", params=params)

    async def _item[T](self, path: str, parse: Callable[[Any], T]) -> T:
        """GET a JSON object and parse it."""
        return parse(await self._request("GET", path))

    async def _list[T](
        self,
        path: str,
        parse: Callable[[Any], T],
        params: Mapping[str, QueryValue] | None = None,
        *,
        lone_object: bool = False,
    ) -> list[T]:
        """GET a JSON array and parse every item.

        ``lone_object``: the endpoint has been seen answering a single object
        for a one-item list, which is then read as that list.
        """
        async with self._open("GET", f"{API}{path}", params=params) as response:
            # An array's items are parsed as they are decoded: its objects are
            # never all alive at once (a calendar with series embedded is MBs).
            payload = await response.json_sliced(parse)
        if isinstance(payload, list):
            return payload
        return [
            parse(item) for item in _as_list(payload, path, lone_object=lone_object)
        ]

    async def _total(self, path: str, params: Mapping[str, QueryValue]) -> int:
        """Count the records of a paging envelope by asking for one of them."""
        envelope = await self._request(
            "GET", path, params={**params, "page": 1, "pageSize": 1}
        )
        total = envelope.get("totalRecords") if isinstance(envelope, dict) else None
        if not isinstance(total, int):
            raise MyflixResponseError(f"{path}: expected totalRecords in the envelope")
        return total

    async def _paged[T](
        self,
        path: str,
        parse: Callable[[Any], T],
        params: Mapping[str, QueryValue],
        page_size: int,
    ) -> list[T]:
        """Walk every page of a paging envelope and parse all ``records``."""
        items: list[T] = []
        for page in range(1, MAX_PAGES + 1):
            envelope = await self._request(
                "GET", path, params={**params, "page": page, "pageSize": page_size}
            )
            if not isinstance(envelope, dict):
                raise MyflixResponseError(f"{path}: expected a paging envelope")
            records = _as_list(envelope.get("records", []), path)
            items.extend(await map_sliced(records, parse))
            total = envelope.get("totalRecords")
            if not records or not isinstance(total, int) or page * page_size >= total:
                break
        return items
