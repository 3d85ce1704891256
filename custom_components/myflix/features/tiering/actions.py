"""Tiering actions: plan (dry run), run, cancel, the storage status, and moving back."""

from __future__ import annotations

import time

from homeassistant.core import ServiceCall, ServiceResponse
from homeassistant.exceptions import HomeAssistantError
import homeassistant.helpers.config_validation as cv

from custom_components.myflix.const import DOMAIN
from custom_components.myflix.engine.tiering import UNDO_MAX_FILES, RestoreRefusedError
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    backend_errors,
    limit_field,
    require_feature,
    resolve_entry,
    validation_error,
)

from . import TIERING
from .runner import TieringRuntime

ATTR_IGNORE_WATERMARKS = "ignore_watermarks"

PLAN_TIERING_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_IGNORE_WATERMARKS, default=False): cv.boolean,
        **limit_field(50, 500),
    }
)
RUN_TIERING_SCHEMA = vol.Schema(
    {**ENTRY_FIELDS, vol.Optional(ATTR_IGNORE_WATERMARKS, default=False): cv.boolean}
)
TIERING_SCHEMA = vol.Schema(ENTRY_FIELDS)
_PATHS = vol.All(cv.ensure_list, vol.Length(min=1, max=32), [cv.string])
RESTORE_FROM_ARCHIVE_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Required("moves"): vol.All(
            cv.ensure_list,
            vol.Length(min=1, max=UNDO_MAX_FILES),
            [
                vol.Schema(
                    {
                        vol.Required("from"): _PATHS,
                        vol.Required("to"): _PATHS,
                        vol.Optional("size", default=0): vol.Coerce(int),
                    }
                )
            ],
        ),
        vol.Optional("relocations", default=list): vol.All(
            cv.ensure_list,
            [
                vol.Schema(
                    {
                        vol.Required("app"): vol.In(("radarr", "sonarr")),
                        vol.Required("item_id"): vol.Coerce(int),
                        vol.Required("source"): cv.string,
                        vol.Required("target"): cv.string,
                    }
                )
            ],
        ),
    }
)


def _tiering(call: ServiceCall) -> tuple[MyflixConfigEntry, TieringRuntime]:
    """Return the call's entry and its tiering (hot roots and archive configured)."""
    entry = resolve_entry(call)
    return entry, require_feature(
        entry, entry.runtime_data.get(TIERING), "tiering_not_configured"
    )


async def async_plan_tiering(call: ServiceCall) -> ServiceResponse:
    """Scan the hot tier and say what would move and why the rest stays."""
    entry, runtime = _tiering(call)
    # qBittorrent names the busy torrents; Radarr/Sonarr the folders to relocate.
    with backend_errors(call.hass, entry, "qbittorrent"):
        plan = await runtime.async_plan(
            ignore_watermarks=call.data[ATTR_IGNORE_WATERMARKS]
        )
    return plan.as_dict(limit=call.data["limit"], now=time.time())


async def async_run_tiering(call: ServiceCall) -> ServiceResponse:
    """Plan, then move in the background; answer with what will move."""
    entry, runtime = _tiering(call)
    with backend_errors(call.hass, entry, "qbittorrent"):
        plan = await runtime.async_run(
            ignore_watermarks=call.data[ATTR_IGNORE_WATERMARKS]
        )
    return {
        "started": True,
        "batches": len(plan.batches),
        "files": plan.batches.files,
        "bytes": plan.bytes,
        "triggered": plan.triggered,
    }


async def async_cancel_tiering(call: ServiceCall) -> ServiceResponse:
    """Stop the run after the file being moved (it completes; nothing is half done)."""
    _entry, runtime = _tiering(call)
    return {"cancelled": runtime.cancel()}


async def async_get_storage_status(call: ServiceCall) -> ServiceResponse:
    """Fill of both tiers, pending bytes of the last plan, and the runs; no scan."""
    _entry, runtime = _tiering(call)
    await runtime.async_refresh_usage()
    return runtime.storage_status()


async def async_restore_from_archive(call: ServiceCall) -> ServiceResponse:
    """Move files of a tiering run back to the hot tier (the run's undo)."""
    _entry, runtime = _tiering(call)
    try:
        return await runtime.async_restore(
            list(call.data["moves"]), list(call.data["relocations"])
        )
    except RestoreRefusedError as err:
        raise validation_error("restore_outside_tiers", error=str(err)) from err
    except OSError as err:  # the hot disk full, a folder gone: nothing half done
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="restore_failed",
            translation_placeholders={"error": str(err)},
        ) from err
