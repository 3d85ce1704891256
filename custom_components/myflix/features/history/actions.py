"""History actions: ``get_history`` (filtered) and ``undo_change``."""

from __future__ import annotations

from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
import homeassistant.helpers.config_validation as cv
from homeassistant.util import dt as dt_util

from custom_components.myflix.const import DOMAIN
from custom_components.myflix.engine.history import NotUndoableError, Query, Record
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.history import HISTORY, HistoryPart
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    limit_field,
    require_feature,
    resolve_entry,
    validation_error,
)

ATTR_TITLE = "title"
ATTR_HASH = "hash"
ATTR_KINDS = "kinds"
ATTR_SINCE = "since"
ATTR_UNTIL = "until"
ATTR_RECORD_ID = "record_id"

KINDS = (
    "killswitch_tripped",
    "killswitch_released",
    "healing_strike",
    "healing_replaced",
    "cleaning_removed",
    "tiering_run",
    "vpn_rotated",
    "port_changed",
    "share_downloaded",
)
"""Every kind of change recorded."""
# What an undo may call: the record names one of these Myflix actions.
UNDO_ACTIONS = frozenset({"release_downloads", "retry_release", "restore_from_archive"})

GET_HISTORY_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_TITLE): vol.All(cv.string, vol.Strip, vol.Length(min=1)),
        vol.Optional(ATTR_HASH): vol.All(cv.string, vol.Strip, vol.Lower),
        vol.Optional(ATTR_KINDS): vol.All(cv.ensure_list, [vol.In(KINDS)]),
        vol.Optional(ATTR_SINCE): cv.datetime,
        vol.Optional(ATTR_UNTIL): cv.datetime,
        **limit_field(20, 200),
    }
)
UNDO_CHANGE_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Required(ATTR_RECORD_ID): vol.All(vol.Coerce(int), vol.Range(min=1)),
    }
)


def _history(entry: MyflixConfigEntry) -> HistoryPart:
    return require_feature(entry, entry.runtime_data.get(HISTORY), "history_not_loaded")


def history_query(data: dict[str, Any]) -> Query:
    """Build the query from an action's (or a tool's) validated fields."""
    kinds = data.get(ATTR_KINDS)
    # A time without a zone is the home's local time (as_utc assumes it).
    since, until = data.get(ATTR_SINCE), data.get(ATTR_UNTIL)
    return Query(
        title=data.get(ATTR_TITLE),
        hash=data.get(ATTR_HASH),
        kinds=frozenset(kinds) if kinds else None,
        since=dt_util.as_utc(since) if since else None,
        until=dt_util.as_utc(until) if until else None,
    )


def history_answer(records: list[Record], total: int) -> dict[str, Any]:
    """Build the answer: newest first, how many matched, how many were left out."""
    return {
        "count": total,
        "left_out": total - len(records),
        "records": [record.as_dict() for record in records],
    }


async def async_get_history(call: ServiceCall) -> ServiceResponse:
    """Return what Myflix changed on its own, newest first, filtered."""
    part = _history(resolve_entry(call))
    records, total = part.history.find(
        history_query(dict(call.data)), call.data["limit"]
    )
    return history_answer(records, total)


async def async_undo_change(call: ServiceCall) -> ServiceResponse:
    """Take a recorded change back through the Myflix action the record names."""
    entry = resolve_entry(call)
    part = _history(entry)
    record_id = call.data[ATTR_RECORD_ID]
    try:
        record = part.history.check_undo(record_id)
    except NotUndoableError as err:
        raise validation_error(f"history_{err.reason}", record=str(record_id)) from err
    undo = record.undo or {}
    action = str(undo.get("action"))
    if action not in UNDO_ACTIONS:  # a stored record that names anything else
        raise validation_error("history_not_undoable", record=str(record_id))
    data = {**(undo.get("data") or {}), "config_entry_id": entry.entry_id}
    # The action raises its own translated error and then nothing is marked.
    result = await call.hass.services.async_call(
        DOMAIN, action, data, blocking=True, return_response=True
    )
    undone = part.history.mark_undone(record_id, dt_util.utcnow())
    part.changed()
    return {"record": undone.as_dict(), "result": result or {}}
