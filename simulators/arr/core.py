"""What every layer of an *arr simulator shares: identity, clock, ids, background jobs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, ClassVar

from aiohttp import web

from simulators.qbittorrent_link import QbittorrentLink


class ArrCore:
    """The base of the simulator layers (plumbing, system, commands, queue, …).

    Each layer keeps its own state and endpoints. It extends three hooks, calling
    ``super()`` first: ``_init_state`` (create its collections), ``_seed`` (fill
    them with demo data) and ``_routes`` (mount its endpoints).
    """

    APP: ClassVar[str] = ""
    VERSION: ClassVar[str] = ""
    BRANCH: ClassVar[str] = "master"
    #: the qBittorrent category the app files its grabs under
    CATEGORY: ClassVar[str] = ""
    #: the library root folder
    ROOT: ClassVar[str] = ""
    #: the queue flag that includes downloads not matched to the library
    UNKNOWN_FLAG: ClassVar[str] = ""
    #: the query parameter that filters queue, history and blocklist by item
    IDS_PARAM: ClassVar[str] = ""
    #: quality definitions by profile name
    QUALITIES: ClassVar[dict[str, dict[str, Any]]] = {}
    #: history event names and their ``eventType`` codes
    HISTORY_CODES: ClassVar[dict[str, int]] = {}

    def __init__(
        self,
        api_key: str,
        *,
        download_client: QbittorrentLink | None = None,
        now: Callable[[], datetime] | None = None,
        seed: bool = True,
        url_base: str = "",
        command_delay: float = 0.0,
    ) -> None:
        """Build the app's state; ``seed`` fills library, queue, history, blocklist."""
        self.api_key = api_key
        self.link = download_client
        self.now: Callable[[], datetime] = now or (lambda: datetime.now(UTC))
        self.url_base = url_base.rstrip("/")
        self.command_delay = command_delay
        # Set while the download client cannot be reached; health reports it.
        self.client_unavailable = False
        self._counters: dict[str, int] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.started = self.now()
        self._init_state()
        if seed:
            self._seed()

    def _init_state(self) -> None:
        """Create this layer's collections."""

    def _seed(self) -> None:
        """Fill this layer's collections with the demo data."""

    def _routes(self, router: web.UrlDispatcher) -> None:
        """Mount this layer's endpoints."""

    def new_id(self, kind: str) -> int:
        """Return the next id of a kind (movie, series, queue, command…), from 1."""
        self._counters[kind] = self._counters.get(kind, 0) + 1
        return self._counters[kind]

    def quality_of(self, title: str) -> dict[str, Any]:
        """Return the quality a release name implies."""
        return self.QUALITIES["Ultra-HD" if "2160p" in title else "HD-1080p"]

    def spawn(self, coro: Awaitable[None]) -> None:
        """Run a background job; it is cancelled when the app shuts down."""
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait_idle(self) -> None:
        """Wait until every running command has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _cleanup(self, app: web.Application) -> None:
        """Stop the background jobs and the download-client session at shutdown."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)
        if self.link is not None:
            await self.link.close()
