"""The card's live data: one websocket subscription per card, pushed on change.

The first message holds everything; after it only the rows that changed (and
the ids of those that left) go out, when a coordinator or a part says
something changed. Bursts of changes within ``PUSH_DELAY`` go out as one
message. Poster links are signed for the subscriber's login; before they
expire everything is sent again, freshly signed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from homeassistant.components.http.auth import async_sign_path
from homeassistant.components.websocket_api import ActiveConnection, event_message
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.features.arr import ARR
from custom_components.myflix.features.card.glance import storage_glance, vpn_glance
from custom_components.myflix.features.card.posters import poster_path
from custom_components.myflix.features.card.rows import (
    QueueInputs,
    Row,
    Tracked,
    episode_releases,
    movie_releases,
    queue_rows,
    tracked_downloads,
)
from custom_components.myflix.features.card.titles import MediaTitles
from custom_components.myflix.features.healing import HEALING
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.features.tiering import TIERING
from custom_components.myflix.features.vpn import CONNECTABILITY, KILLSWITCH

PUSH_DELAY = 0.2
POSTER_LINKS_LAST = timedelta(hours=24)
# Everything goes out again, freshly signed, well before the links expire.
RESIGN_EVERY = timedelta(hours=12)


class Telling(Protocol):
    """A part that says when what it shows changed."""

    def add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` on a change; return the remover."""


@dataclass(kw_only=True)
class CardPart:
    """An entry's card data: the titles it looked up and the subscriptions open."""

    titles: MediaTitles
    feeds: set[MediaFeed] = field(default_factory=set)

    def close(self) -> None:
        """End every subscription (the entry unloads)."""
        for feed in list(self.feeds):
            feed.stop()


def tracked_by_apps(entry: MyflixConfigEntry) -> dict[str, Tracked]:
    """Index the downloads Radarr and Sonarr follow (their last queue poll) by hash."""
    runtime = entry.runtime_data
    return tracked_downloads(
        {
            source: arr.status.data.queue or ()
            for source, key in ARR.items()
            if (arr := runtime.get(key)) is not None and arr.status.data is not None
        }
    )


def _diff(before: Mapping[str, Row], now: Mapping[str, Row]) -> dict[str, Any] | None:
    changed = [row for key, row in now.items() if before.get(key) != row]
    removed = [key for key in before if key not in now]
    return {"changed": changed, "removed": removed} if changed or removed else None


class MediaFeed:
    """One subscriber's view of an entry: what was sent, and what to send next."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: MyflixConfigEntry,
        part: CardPart,
        connection: ActiveConnection,
        *,
        msg_id: int,
        days: int,
    ) -> None:
        """Serve ``connection``'s subscription ``msg_id`` over ``days`` of releases."""
        self._hass = hass
        self._entry = entry
        self._part = part
        self._connection = connection
        self._msg_id = msg_id
        self._days = days
        self._queue: dict[str, Row] = {}
        self._upcoming: dict[str, Row] = {}
        self._vpn: dict[str, Any] | None = None
        self._storage: dict[str, Any] | None = None
        self._signed: dict[str, str] = {}
        self._signed_at = dt_util.utcnow()
        self._unsubscribes: list[CALLBACK_TYPE] = []
        self._pending: CALLBACK_TYPE | None = None
        self._stopped = False

    # ----- lifetime -----------------------------------------------------------
    @callback
    def start(self) -> None:
        """Send everything, then follow every source of the card's data."""
        self._part.feeds.add(self)
        self._follow()
        self._send(full=True)

    @callback
    def stop(self) -> None:
        """Stop following (the subscriber left, or the entry unloads)."""
        if self._stopped:
            return
        self._stopped = True
        self._part.feeds.discard(self)
        if self._pending is not None:
            self._pending()
        for unsubscribe in self._unsubscribes:
            unsubscribe()
        self._unsubscribes.clear()

    def _follow(self) -> None:
        runtime = self._entry.runtime_data
        listen = self._unsubscribes.append
        for coordinator in runtime.coordinators():
            listen(coordinator.async_add_listener(self._changed))
        telling: list[Telling | None] = [
            runtime.get(HEALING),
            runtime.get(CONNECTABILITY),
            runtime.get(TIERING),
            self._part.titles,
        ]
        for teller in telling:
            if teller is not None:
                listen(teller.add_listener(self._changed))
        if (guard := runtime.get(KILLSWITCH)) is not None:
            listen(guard.killswitch.add_listener(lambda *_: self._changed()))

    @callback
    def _changed(self) -> None:
        if self._pending is None and not self._stopped:
            self._pending = async_call_later(self._hass, PUSH_DELAY, self._push)

    @callback
    def _push(self, _now: Any) -> None:
        self._pending = None
        if not self._stopped:
            resign = dt_util.utcnow() - self._signed_at >= RESIGN_EVERY
            self._send(full=resign)

    # ----- what is sent -------------------------------------------------------
    def _poster(self, source: str, item_id: int) -> str:
        """Return the poster's path, signed for this subscriber (once per path)."""
        path = poster_path(self._entry.entry_id, source, item_id)
        if (signed := self._signed.get(path)) is None:
            signed = self._signed[path] = async_sign_path(
                self._hass,
                path,
                POSTER_LINKS_LAST,
                refresh_token_id=self._connection.refresh_token_id,
            )
        return signed

    def _queue_now(self) -> dict[str, Row]:
        runtime = self._entry.runtime_data
        if (qbittorrent := runtime.get(QBITTORRENT)) is None:
            return {}
        if (main := qbittorrent.sync.data) is None:
            return {}
        guard, healing = runtime.get(KILLSWITCH), runtime.get(HEALING)
        return queue_rows(
            QueueInputs(
                torrents=main.torrents,
                tracked=tracked_by_apps(self._entry),
                titles=self._part.titles.get,
                poster=self._poster,
                held=guard.killswitch.held if guard else frozenset(),
                strikes={
                    key: strike.count
                    for key, strike in healing.healer.book.strikes.items()
                }
                if healing
                else {},
                strike_limit=healing.healer.config.max_strikes if healing else None,
            )
        )

    def _upcoming_now(self) -> dict[str, Row]:
        runtime = self._entry.runtime_data
        start = dt_util.now().date()
        end = start + timedelta(days=self._days)
        rows: dict[str, Row] = {}
        if (radarr := runtime.get(ARR["radarr"])) is not None and (
            calendar := radarr.calendar.data
        ) is not None:
            rows |= movie_releases(calendar.movies, start, end, self._poster)
        if (sonarr := runtime.get(ARR["sonarr"])) is not None and (
            calendar := sonarr.calendar.data
        ) is not None:
            rows |= episode_releases(
                calendar.episodes,
                dt_util.start_of_local_day(start),
                dt_util.start_of_local_day(end),
                self._poster,
                lambda when: dt_util.as_local(when).date(),
            )
        return rows

    def _send(self, *, full: bool) -> None:
        if full:
            self._signed.clear()
            self._signed_at = dt_util.utcnow()
        queue, upcoming = self._queue_now(), self._upcoming_now()
        vpn, storage = vpn_glance(self._entry), storage_glance(self._entry)
        message: dict[str, Any] = {"full": full}
        if full:
            message |= {
                "entry_id": self._entry.entry_id,
                "admin": self._connection.user.is_admin,
                "queue": list(queue.values()),
                "upcoming": list(upcoming.values()),
                "vpn": vpn,
                "storage": storage,
            }
        else:
            for key, diff in (
                ("queue", _diff(self._queue, queue)),
                ("upcoming", _diff(self._upcoming, upcoming)),
            ):
                if diff is not None:
                    message[key] = diff
            if vpn != self._vpn:
                message["vpn"] = vpn
            if storage != self._storage:
                message["storage"] = storage
            if len(message) == 1:
                return  # nothing the card shows changed
        self._queue, self._upcoming, self._vpn, self._storage = (
            queue,
            upcoming,
            vpn,
            storage,
        )
        self._connection.send_message(event_message(self._msg_id, message))
