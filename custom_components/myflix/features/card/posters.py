"""Posters for the Myflix card, served by Home Assistant from a disk cache.

The browser never talks to Radarr or Sonarr: their URLs carry the API key and
are often unreachable from outside. The view fetches each poster once (all
requests for an image wait on one fetch), keeps it in a bounded disk cache
and serves it to signed-in users, or to a path ``async_sign_path`` signed.
Should the app have no copy, the original online (``remoteUrl``) is fetched.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from http import HTTPStatus
import re
import time
from typing import TYPE_CHECKING
from urllib.parse import quote

from aiohttp import web
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView
from homeassistant.util.hass_dict import HassKey

from custom_components.myflix.clients.arr.client import (
    ArrClient,
    fetch_remote_poster,
)
from custom_components.myflix.clients.arr.models import PosterImage
from custom_components.myflix.clients.errors import (
    MyflixAuthenticationError,
    MyflixConnectionError,
    MyflixError,
    MyflixNotFoundError,
    MyflixServerError,
)
from custom_components.myflix.const import DOMAIN, LOGGER
from custom_components.myflix.engine.posters import CachedImage, PosterCache
from custom_components.myflix.features.arr import ARR

if TYPE_CHECKING:
    from custom_components.myflix.entry import MyflixConfigEntry

POSTER_URL = "/api/myflix/posters/{entry_id}/{backend}/{item_id}"
CACHE_CONTROL = "private, max-age=86400"
FAILURE_MEMORY = 60.0
"""Seconds a failed poster (or a backend that failed) is answered without asking."""
REMOTE_TIMEOUT = 10.0
_MAX_FAILURES = 1000  # remembered failures past this are pruned of expired ones
_ITEM_ID = re.compile(r"[0-9]{1,10}")
_MAX_ITEM_ID = 2**31 - 1  # the apps' ids are int32
# Failures that say the backend itself is unusable, not only this poster (a
# 5xx for an image may be one broken file: the library item is asked then).
_UNREACHABLE = (MyflixConnectionError, MyflixAuthenticationError)
_BACKEND_DOWN = (*_UNREACHABLE, MyflixServerError)

DATA_POSTERS: HassKey[Posters] = HassKey(f"{DOMAIN}_posters")


class PosterError(Exception):
    """A poster cannot be served; ``status`` is the answer (404 or 502)."""

    def __init__(self, status: HTTPStatus) -> None:
        """Keep the HTTP status to answer."""
        super().__init__(status.phrase)
        self.status = status


def poster_path(entry_id: str, backend: str, item_id: int) -> str:
    """Return the (unsigned) path of a library item's poster."""
    return POSTER_URL.format(
        entry_id=quote(entry_id, safe=""),
        backend=quote(backend, safe=""),
        item_id=int(item_id),
    )


@callback
def async_register_poster_view(hass: HomeAssistant) -> None:
    """Register the poster view once per Home Assistant start."""
    if DATA_POSTERS in hass.data:
        return
    cache = PosterCache(hass.config.cache_path(DOMAIN, "posters"))
    posters = hass.data[DATA_POSTERS] = Posters(hass, cache)
    hass.http.register_view(PosterView(posters))


class Posters:
    """Poster images of every entry: the disk cache, one fetch per image."""

    def __init__(self, hass: HomeAssistant, cache: PosterCache) -> None:
        """Serve from ``cache``, fetching what it misses."""
        self.hass = hass
        self.cache = cache
        self.clock: Callable[[], float] = time.monotonic
        self._loading: dict[str, asyncio.Task[CachedImage]] = {}
        # An image key or a backend's scope -> (answer again until, status).
        self._failures: dict[str, tuple[float, HTTPStatus]] = {}

    async def image(
        self, entry_id: str, backend: str, client: ArrClient, item_id: int
    ) -> CachedImage:
        """Return a poster; concurrent calls for one image share one load."""
        key = f"{entry_id}/{backend}/{item_id}"
        if (task := self._loading.get(key)) is None:
            task = self.hass.async_create_background_task(
                self._load(key, f"{entry_id}/{backend}", client, item_id),
                f"{DOMAIN} poster {backend} {item_id}",
            )
            self._loading[key] = task
            task.add_done_callback(lambda done: self._loaded(key, done))
        # A caller that goes away does not cancel the others' load.
        return await asyncio.shield(task)

    def _loaded(self, key: str, task: asyncio.Task[CachedImage]) -> None:
        if self._loading.get(key) is task:
            del self._loading[key]
        if not task.cancelled():
            task.exception()  # retrieved, even if every caller went away

    async def _load(
        self, key: str, scope: str, client: ArrClient, item_id: int
    ) -> CachedImage:
        cached = await self.hass.async_add_executor_job(self.cache.read, key)
        if cached is not None:
            return cached
        for failed in (scope, key):
            if (memory := self._failures.get(failed)) and memory[0] > self.clock():
                raise PosterError(memory[1])
        try:
            poster = await self._fetch(client, item_id, scope)
        except PosterError as err:
            self._remember(key, err.status)
            raise
        image = CachedImage(poster.content_type, poster.body)
        await self.hass.async_add_executor_job(self.cache.write, key, image)
        return image

    async def _fetch(self, client: ArrClient, item_id: int, scope: str) -> PosterImage:
        """Ask the app for its copy, else fetch the original online."""
        try:
            return await client.poster(item_id)
        except MyflixNotFoundError:
            app_failed = False
        except _UNREACHABLE as err:
            raise self._backend_down(client, item_id, scope, err) from None
        except MyflixError as err:
            app_failed = True
            self._log_failure(client, item_id, "the app's copy", err)
        try:
            item = await client.library_item(item_id)
        except MyflixNotFoundError:
            raise PosterError(HTTPStatus.NOT_FOUND) from None
        except _BACKEND_DOWN as err:
            raise self._backend_down(client, item_id, scope, err) from None
        except MyflixError as err:
            self._log_failure(client, item_id, "the library item", err)
            raise PosterError(HTTPStatus.BAD_GATEWAY) from None
        # Without the app's copy or the original, the item has no poster; but
        # when the app failed, its copy may exist: that is the backend's fault.
        no_poster = HTTPStatus.BAD_GATEWAY if app_failed else HTTPStatus.NOT_FOUND
        remote_url = item.poster.remote_url if item.poster else None
        if not remote_url:
            raise PosterError(no_poster)
        try:
            return await fetch_remote_poster(
                async_get_clientsession(self.hass), remote_url, timeout=REMOTE_TIMEOUT
            )
        except MyflixNotFoundError:
            raise PosterError(no_poster) from None
        except MyflixError as err:
            self._log_failure(client, item_id, "the remote poster", err)
            raise PosterError(HTTPStatus.BAD_GATEWAY) from None

    def _backend_down(
        self, client: ArrClient, item_id: int, scope: str, err: MyflixError
    ) -> PosterError:
        """Remember that the backend failed: its other posters need not ask it."""
        self._log_failure(client, item_id, "the backend", err)
        self._remember(scope, HTTPStatus.BAD_GATEWAY)
        return PosterError(HTTPStatus.BAD_GATEWAY)

    def _remember(self, failed: str, status: HTTPStatus) -> None:
        now = self.clock()
        if len(self._failures) >= _MAX_FAILURES:
            self._failures = {k: v for k, v in self._failures.items() if v[0] > now}
        self._failures[failed] = (now + FAILURE_MEMORY, status)

    @staticmethod
    def _log_failure(
        client: ArrClient, item_id: int, what: str, err: MyflixError
    ) -> None:
        # The error's type only: its text may name the backend's host.
        LOGGER.debug(
            "%s poster of item %s: %s failed (%s)",
            client.APP,
            item_id,
            what,
            type(err).__name__,
        )


class PosterView(HomeAssistantView):
    """Serves the posters of the Myflix card to signed-in users."""

    url = POSTER_URL
    name = f"api:{DOMAIN}:posters"
    requires_auth = True

    def __init__(self, posters: Posters) -> None:
        """Serve from ``posters``."""
        self.posters = posters

    async def get(
        self, request: web.Request, entry_id: str, backend: str, item_id: str
    ) -> web.Response:
        """Answer a poster image, or 400, 404 or 502."""
        if backend not in ARR or not _ITEM_ID.fullmatch(item_id):
            return web.Response(status=HTTPStatus.BAD_REQUEST)
        if (number := int(item_id)) > _MAX_ITEM_ID:
            return web.Response(status=HTTPStatus.BAD_REQUEST)
        hass = request.app[KEY_HASS]
        entry: MyflixConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
        if (
            entry is None
            or entry.domain != DOMAIN
            or entry.state is not ConfigEntryState.LOADED
            or (arr := entry.runtime_data.get(ARR[backend])) is None
        ):
            return web.Response(status=HTTPStatus.NOT_FOUND)
        try:
            image = await self.posters.image(entry_id, backend, arr.client, number)
        except PosterError as err:
            return web.Response(status=err.status)
        headers = {
            "Cache-Control": CACHE_CONTROL,
            "X-Content-Type-Options": "nosniff",
        }
        return web.Response(
            body=image.body, content_type=image.content_type, headers=headers
        )
