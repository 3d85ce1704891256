"""The titles of the movies and series being downloaded, looked up once each.

Radarr's and Sonarr's queue records name the release ("Dune.Part.Two.2024.
2160p…"), not the movie. Asking the queue to embed each movie would send every
movie's whole record on every poll; instead each movie or series is read once,
when it first shows up in the queue, and kept (a bounded number of them).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine, Mapping
import logging
import time
from typing import Any

from custom_components.myflix.clients.errors import MyflixError

from .rows import MediaTitle

_LOGGER = logging.getLogger(__name__)

KEEP_TITLES = 2000
# A failed look-up is not asked again before this (seconds): the row shows the
# release name meanwhile.
RETRY_AFTER = 600.0

type Lookup = Callable[[int], Awaitable[Any]]
"""Read a movie or a series by id (``ArrClient.library_item``)."""


class MediaTitles:
    """A bounded cache of titles; a miss starts a look-up and says so later."""

    def __init__(
        self,
        lookups: Mapping[str, Lookup],
        start_task: Callable[[Coroutine[Any, Any, None], str], object],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Look titles up through ``lookups`` (by source) in tasks ``start_task`` runs."""
        self._lookups = lookups
        self._start_task = start_task
        self._clock = clock
        self._known: OrderedDict[tuple[str, int], MediaTitle] = OrderedDict()
        self._asking: set[tuple[str, int]] = set()
        self._failed: dict[tuple[str, int], float] = {}
        self._listeners: list[Callable[[], None]] = []

    def add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` when a title was found; return the remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def get(self, source: str, item_id: int) -> MediaTitle | None:
        """Return the title if known; else start looking it up and return None."""
        key = (source, item_id)
        if (title := self._known.get(key)) is not None:
            self._known.move_to_end(key)
            return title
        lookup = self._lookups.get(source)
        failed_at = self._failed.get(key)
        if (
            lookup is None
            or key in self._asking
            or (failed_at is not None and self._clock() - failed_at < RETRY_AFTER)
        ):
            return None
        self._asking.add(key)
        self._start_task(self._look_up(key, lookup), f"myflix title {source} {item_id}")
        return None

    async def _look_up(self, key: tuple[str, int], lookup: Lookup) -> None:
        try:
            item = await lookup(key[1])
        except MyflixError as err:
            _LOGGER.debug("No title for %s %s: %s", *key, err)
            self._failed[key] = self._clock()
            return
        finally:
            self._asking.discard(key)
        self._failed.pop(key, None)
        self._known[key] = MediaTitle(item.title, item.year or None)
        while len(self._known) > KEEP_TITLES:
            self._known.popitem(last=False)
        for listener in list(self._listeners):
            listener()
