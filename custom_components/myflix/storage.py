"""Per-entry JSON stores: the engines' load/save protocol over HA's ``Store``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN

STORE_VERSION = 1
# Every store an entry keeps; removing the entry removes them all.
ENTRY_STORES = (
    "killswitch",
    "rotation",
    "share",
    "healing",
    "tiering",
    "household",
    "history",
)


def entry_store_key(name: str, entry_id: str) -> str:
    """Return the storage key of one of an entry's stores."""
    return f"{DOMAIN}.{name}.{entry_id}"


class EntryStore:
    """One JSON document of an entry, saved at once (state that must survive a crash)."""

    def __init__(
        self, hass: HomeAssistant, name: str, entry_id: str, *, private: bool = False
    ) -> None:
        """Store under ``myflix.<name>.<entry_id>``; ``private``: file mode 0600."""
        # Each save is a fresh document: it can be serialised off the loop.
        self._store: Store[dict[str, Any]] = Store(
            hass,
            STORE_VERSION,
            entry_store_key(name, entry_id),
            private=private,
            serialize_in_event_loop=False,
        )

    async def load(self) -> Mapping[str, Any] | None:
        """Return the saved document, or None."""
        return await self._store.async_load()

    async def save(self, data: dict[str, Any]) -> None:
        """Save the document now."""
        await self._store.async_save(data)


async def async_remove_entry_stores(hass: HomeAssistant, entry_id: str) -> None:
    """Drop every store of a removed entry."""
    for name in ENTRY_STORES:
        await Store[dict[str, Any]](
            hass, STORE_VERSION, entry_store_key(name, entry_id)
        ).async_remove()
