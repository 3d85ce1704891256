"""The entry's history: features record what they change on their own, here.

A base module (it imports no feature): the killswitch, the healer, tiering,
rotation, port sync and the share gateway call ``async_record`` where they act,
with the reason and evidence they acted on and, where the change can be taken
back, the Myflix action that takes it back. ``features/history`` answers from
it (action, LLM tool, sentence) and runs the undo.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .engine.history import History, Record
from .entry import MyflixConfigEntry, RuntimeKey
from .storage import STORE_VERSION, entry_store_key

# Records come in bursts (a healing pass, a tiering run): saved together.
SAVE_DELAY = 5.0


class HistoryPart:
    """An entry's history and its store."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Keep the history of entry ``entry_id``."""
        self.history = History()
        self._store: Store[dict[str, Any]] = Store(
            hass,
            STORE_VERSION,
            entry_store_key("history", entry_id),
            serialize_in_event_loop=False,
        )

    async def async_load(self) -> None:
        """Read the stored records; a damaged record is left out, not fatal."""
        data = await self._store.async_load() or {}
        records = []
        for item in data.get("records") or []:
            try:
                records.append(Record.from_dict(item))
            except KeyError, TypeError, ValueError:
                continue
        self.history = History(records)

    @callback
    def changed(self) -> None:
        """Save soon (a burst of records is written once)."""
        self._store.async_delay_save(self._data, SAVE_DELAY)

    async def async_flush(self) -> None:
        """Save now (at unload: a delayed save would be lost)."""
        await self._store.async_save(self._data())

    def _data(self) -> dict[str, Any]:
        return {"records": self.history.as_list()}


HISTORY: RuntimeKey[HistoryPart] = RuntimeKey("history")


@callback
def async_record(
    entry: MyflixConfigEntry,
    kind: str,
    *,
    title: str | None = None,
    torrent_hash: str | None = None,
    reason: str | None = None,
    evidence: Mapping[str, Any] | None = None,
    undo: Mapping[str, Any] | None = None,
) -> Record | None:
    """Record a change Myflix made on its own; None when the entry keeps no history.

    ``undo``: ``{"action": "<myflix action>", "data": {...}}``, the call that
    takes the change back.
    """
    if (part := entry.runtime_data.get(HISTORY)) is None:
        return None
    record = part.history.add(
        at=dt_util.utcnow(),
        kind=kind,
        title=title,
        hash=torrent_hash,
        reason=reason,
        evidence=evidence,
        undo=undo,
    )
    part.changed()
    return record
