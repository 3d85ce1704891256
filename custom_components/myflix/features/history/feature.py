"""The history, described for the integration's root files."""

from __future__ import annotations

from collections.abc import Mapping

from homeassistant.core import HomeAssistant, SupportsResponse

from custom_components.myflix.backends import BackendClient
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.feature import Action, Feature
from custom_components.myflix.history import HISTORY, HistoryPart

from .actions import (
    GET_HISTORY_SCHEMA,
    UNDO_CHANGE_SCHEMA,
    async_get_history,
    async_undo_change,
)


async def _async_connect(
    hass: HomeAssistant,
    entry: MyflixConfigEntry,
    clients: Mapping[str, BackendClient],
) -> None:
    """Load the history first: every feature records into it from its start."""
    part = HistoryPart(hass, entry.entry_id)
    await part.async_load()
    entry.runtime_data.set(HISTORY, part)
    entry.async_on_unload(part.async_flush)


ACTIONS: tuple[Action, ...] = (
    Action("get_history", async_get_history, GET_HISTORY_SCHEMA, SupportsResponse.ONLY),
    Action("undo_change", async_undo_change, UNDO_CHANGE_SCHEMA, SupportsResponse.OPTIONAL),
)  # fmt: skip

FEATURE = Feature(name="history", async_connect=_async_connect, actions=ACTIONS)
