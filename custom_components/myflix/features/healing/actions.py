"""Healing actions: run a pass now, list and forget strikes, retry a replaced release."""

from __future__ import annotations

from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
import homeassistant.helpers.config_validation as cv

from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.features.arr import ARR, RADARR
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    TORRENT_HASH,
    backend_errors,
    require_backend,
    require_feature,
    resolve_entry,
)

from . import HEALING
from .runner import HealingRuntime

ATTR_DRY_RUN = "dry_run"
ATTR_HASHES = "hashes"

HEAL_NOW_SCHEMA = vol.Schema(
    {**ENTRY_FIELDS, vol.Optional(ATTR_DRY_RUN, default=False): cv.boolean}
)
LIST_STRIKES_SCHEMA = vol.Schema(ENTRY_FIELDS)
FORGET_STRIKES_SCHEMA = vol.Schema(
    {**ENTRY_FIELDS, vol.Optional(ATTR_HASHES): vol.All(cv.ensure_list, [TORRENT_HASH])}
)


RETRY_RELEASE_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Required("app"): vol.In(tuple(ARR)),
        vol.Required("title"): cv.string,
        vol.Optional("search"): vol.Schema(
            {vol.Required("name"): cv.string, vol.Required("fields"): dict}
        ),
    }
)


def _healing(call: ServiceCall) -> tuple[MyflixConfigEntry, HealingRuntime]:
    """Return the call's entry and its healer (qBittorrent and an *arr needed)."""
    entry = resolve_entry(call)
    return entry, require_feature(
        entry, entry.runtime_data.get(HEALING), "healing_not_configured"
    )


async def async_heal_now(call: ServiceCall) -> ServiceResponse:
    """Run one healing pass now (even with the switch off); return its decisions."""
    entry, healing = _healing(call)
    # Removals and searches go to the *arr apps: name them in errors.
    backend = "radarr" if entry.runtime_data.get(RADARR) else "sonarr"
    with backend_errors(call.hass, entry, backend):
        result = await healing.run_pass(dry_run=call.data[ATTR_DRY_RUN])
    return result.as_dict()


async def async_list_strikes(call: ServiceCall) -> ServiceResponse:
    """Return every download with strikes, most struck first."""
    _, healing = _healing(call)
    strikes = healing.healer.strikes()
    response: dict[str, Any] = {"count": len(strikes), "strikes": strikes}
    return response


async def async_forget_strikes(call: ServiceCall) -> ServiceResponse:
    """Forget the strikes of some downloads (or all), and their loop guard."""
    _, healing = _healing(call)
    hashes = call.data.get(ATTR_HASHES)
    return {"forgotten": await healing.forget(hashes)}


async def async_retry_release(call: ServiceCall) -> ServiceResponse:
    """Take a replaced release off the app's blocklist, then search its item again.

    The undo of a replacement: the release may be grabbed again, and the
    search the healer sent is sent once more.
    """
    entry, data = resolve_entry(call), call.data
    app = data["app"]
    arr = require_backend(entry, app, entry.runtime_data.get(ARR[app]))
    search = data.get("search")
    with backend_errors(call.hass, entry, app):
        blocked = [
            item
            for item in await arr.client.blocklist()
            if item.source_title == data["title"]
        ]
        for item in blocked:
            await arr.client.delete_blocklist_item(item.id)
        if search is not None:
            await arr.client.command(search["name"], **search["fields"])
    return {"unblocked": len(blocked), "searched": search is not None}
