"""The playback hold: slower torrents and waiting tiering moves while people watch.

Holding saves what qBittorrent had (the alternative-limits mode, or the limits
in effect) before changing it, in a store that survives an HA restart, so the
release puts back exactly that, however many holds came in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from custom_components.myflix.clients.qbittorrent import QbittorrentClient
from custom_components.myflix.storage import EntryStore

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.myflix.entry import MyflixConfigEntry

KIB = 1024


@dataclass(frozen=True, kw_only=True)
class Throttle:
    """What a hold applies: the alternative mode, or limits (bytes/s, 0 = none)."""

    alternative: bool = False
    download_limit: int | None = None
    upload_limit: int | None = None


@dataclass(frozen=True, kw_only=True)
class Saved:
    """What qBittorrent had before the hold (None: left alone, not restored)."""

    alternative: bool
    download_limit: int | None
    upload_limit: int | None


class PlaybackHold:
    """An entry's hold: on while someone watches, restored exactly when all stop."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: MyflixConfigEntry,
        client: QbittorrentClient,
        on_change: Callable[[bool], None],
    ) -> None:
        """Hold ``client``'s limits; ``on_change`` tells tiering to wait or go on."""
        self._client = client
        self._store = EntryStore(hass, "household", entry.entry_id)
        self._on_change = on_change
        self._listeners: list[Callable[[], None]] = []
        self.throttle: Throttle | None = None
        self.saved: Saved | None = None

    @property
    def active(self) -> bool:
        """Whether a hold is in force."""
        return self.saved is not None

    def add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` when the hold starts, changes or ends."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def async_restore(self) -> None:
        """Take back a hold stored before a restart (its limits are still in force)."""
        data = await self._store.load() or {}
        if (saved := data.get("saved")) is not None:
            self.saved = Saved(**saved)
            self.throttle = Throttle(**(data.get("throttle") or {}))
        self._changed()

    async def async_hold(self, throttle: Throttle) -> dict[str, Any]:
        """Apply ``throttle``; the first hold saves what it replaces.

        Holding again with the same throttle changes nothing; with another,
        the first is released (restored exactly) before the new one applies.
        """
        if self.saved is not None and throttle != self.throttle:
            await self.async_release()
        if self.saved is None:
            self.saved = await self._read(throttle)
            # Stored before changing anything: a crash cannot lose the original.
            await self._store.save(
                {"saved": asdict(self.saved), "throttle": asdict(throttle)}
            )
        self.throttle = throttle
        await self._apply(throttle)
        self._changed()
        return self.answer()

    async def async_release(self) -> dict[str, Any]:
        """Put back what the first hold saved; nothing to do without a hold."""
        if (saved := self.saved) is None:
            return self.answer()
        client = self._client
        await client.set_speed_limits_mode(saved.alternative)
        if saved.download_limit is not None:
            await client.set_download_limit(saved.download_limit)
        if saved.upload_limit is not None:
            await client.set_upload_limit(saved.upload_limit)
        self.saved, self.throttle = None, None
        await self._store.save({})
        self._changed()
        return self.answer() | {"restored": _kib(asdict(saved))}

    def answer(self) -> dict[str, Any]:
        """Whether a hold is in force, what it applies and what it will restore."""
        return {
            "held": self.active,
            "throttle": _kib(asdict(self.throttle)) if self.throttle else None,
            "saved": _kib(asdict(self.saved)) if self.saved else None,
        }

    async def _read(self, throttle: Throttle) -> Saved:
        """Read what ``throttle`` is about to change (limits only if it sets them)."""
        client = self._client
        alternative = await client.speed_limits_mode()
        return Saved(
            alternative=alternative,
            download_limit=await client.download_limit()
            if throttle.download_limit is not None
            else None,
            upload_limit=await client.upload_limit()
            if throttle.upload_limit is not None
            else None,
        )

    async def _apply(self, throttle: Throttle) -> None:
        client = self._client
        # The mode first: qBittorrent sets the limits of the mode in effect.
        await client.set_speed_limits_mode(throttle.alternative or self._saved_mode())
        if throttle.download_limit is not None:
            await client.set_download_limit(throttle.download_limit)
        if throttle.upload_limit is not None:
            await client.set_upload_limit(throttle.upload_limit)

    def _saved_mode(self) -> bool:
        return self.saved.alternative if self.saved is not None else False

    def _changed(self) -> None:
        self._on_change(self.active)
        for listener in list(self._listeners):
            listener()


def _kib(values: dict[str, Any]) -> dict[str, Any]:
    """Limits in KiB/s for people (qBittorrent speaks bytes/s)."""
    return {
        key: value // KIB if key.endswith("_limit") and value is not None else value
        for key, value in values.items()
    }
