"""The ``clean`` action: finished torrents, dead queue items, orphaned files."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
import homeassistant.helpers.config_validation as cv
from homeassistant.util import dt as dt_util

from custom_components.myflix.clients.arr.models import DOWNLOAD_IMPORTED
from custom_components.myflix.const import (
    CONF_HEALING_PROTECTED_TAG,
    DEFAULT_HEALING_PROTECTED_TAG,
)
from custom_components.myflix.engine.healing.cleaning import (
    DAY,
    CleaningPlan,
    SeedingGoal,
    delete_paths,
    find_orphans,
    plan_cleaning,
    referenced_paths,
)
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.features.arr import RADARR, SONARR
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.history import async_record
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    backend_errors,
    require_backend,
    resolve_entry,
)

ATTR_DRY_RUN = "dry_run"
ATTR_MIN_RATIO = "min_ratio"
ATTR_MIN_SEEDING_DAYS = "min_seeding_days"
ATTR_CATEGORY_GOALS = "category_goals"
ATTR_ORPHANS = "orphans"
ATTR_FOLDERS = "download_folders"
ATTR_ORPHAN_MIN_AGE = "orphan_min_age_hours"
ORPHAN_MODES = ("off", "list", "delete")
# How far back the *arr history is asked for imports.
IMPORT_LOOKBACK = timedelta(days=90)
MAX_LISTED = 100

_GOAL = vol.Schema(
    {
        vol.Optional("ratio"): vol.All(vol.Coerce(float), vol.Range(min=0)),
        vol.Optional("days"): vol.All(vol.Coerce(float), vol.Range(min=0)),
    }
)
CLEAN_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_DRY_RUN, default=True): cv.boolean,
        vol.Optional(ATTR_MIN_RATIO, default=1.0): vol.All(
            vol.Coerce(float), vol.Range(min=0)
        ),
        vol.Optional(ATTR_MIN_SEEDING_DAYS, default=7.0): vol.All(
            vol.Coerce(float), vol.Range(min=0)
        ),
        vol.Optional(ATTR_CATEGORY_GOALS, default={}): {cv.string: _GOAL},
        vol.Optional(ATTR_ORPHANS, default="list"): vol.In(ORPHAN_MODES),
        vol.Optional(ATTR_FOLDERS): vol.All(cv.ensure_list, [cv.string]),
        vol.Optional(ATTR_ORPHAN_MIN_AGE, default=24.0): vol.All(
            vol.Coerce(float), vol.Range(min=0)
        ),
    }
)


def _goals(data: dict[str, Any]) -> tuple[SeedingGoal, dict[str, SeedingGoal]]:
    goal = SeedingGoal(
        ratio=data[ATTR_MIN_RATIO], seconds=data[ATTR_MIN_SEEDING_DAYS] * DAY
    )
    per_category = {
        category: SeedingGoal(
            ratio=override.get("ratio", goal.ratio),
            seconds=override.get("days", goal.seconds / DAY) * DAY,
        )
        for category, override in data[ATTR_CATEGORY_GOALS].items()
    }
    return goal, per_category


async def async_clean(call: ServiceCall) -> ServiceResponse:
    """Clean up (a dry run unless told otherwise); return what was (or would be) done."""
    entry = resolve_entry(call)
    runtime = entry.runtime_data
    qbittorrent = require_backend(entry, "qbittorrent", runtime.get(QBITTORRENT))
    client = qbittorrent.client
    data = call.data
    dry_run = data[ATTR_DRY_RUN]
    arrs = [
        arr for arr in (runtime.get(RADARR), runtime.get(SONARR)) if arr is not None
    ]
    since = dt_util.utcnow() - IMPORT_LOOKBACK
    with backend_errors(call.hass, entry, "qbittorrent"):
        torrents = {t.hash: t for t in await client.torrents()}
        preferences, categories_qbt = await asyncio.gather(
            client.preferences(), client.categories()
        )
    queues: dict[str, Any] = {}
    imported: set[str] = set()
    categories: dict[str, str] = {}
    for arr in arrs:
        with backend_errors(call.hass, entry, arr.key):
            queues[arr.key] = await arr.client.queue()
            history = await arr.client.history_since(
                since, event_type=DOWNLOAD_IMPORTED
            )
            imported |= {r.download_id for r in history if r.download_id}
            for category in await arr.client.torrent_categories():
                categories.setdefault(category, arr.key)
    goal, per_category = _goals(dict(data))
    plan = plan_cleaning(
        torrents=torrents,
        queues=queues,
        imported=imported,
        categories=categories,
        goal=goal,
        category_goals=per_category,
        protected_tag=str(
            entry.options.get(CONF_HEALING_PROTECTED_TAG)
            or DEFAULT_HEALING_PROTECTED_TAG
        ),
    )
    if not dry_run:
        await _apply(call, entry, plan)
    response: dict[str, Any] = {
        "dry_run": dry_run,
        # Counts first: the nightly blueprint's summary reads the numbers.
        "torrent_count": len(plan.torrents),
        "queue_item_count": len(plan.queue_items),
        "torrents": [
            {
                "hash": t.hash,
                "name": t.name,
                "category": t.category,
                "ratio": round(t.ratio, 2),
                "seeding_days": round(t.seeding_time / DAY, 1),
                "size": t.size,
            }
            for t in plan.torrents[:MAX_LISTED]
        ],
        "queue_items": [item.as_dict() for item in plan.queue_items[:MAX_LISTED]],
    }
    if data[ATTR_ORPHANS] != "off":
        folders = data.get(ATTR_FOLDERS) or sorted(
            {str(preferences.get("save_path") or "")}
            | {c.save_path for c in categories_qbt.values()}
            | {t.save_path for t in torrents.values()} - {""}
        )
        response.update(
            await _orphans(
                call,
                folders=[f.rstrip("/") or "/" for f in folders if f],
                referenced=referenced_paths(torrents.values()),
                min_age=data[ATTR_ORPHAN_MIN_AGE] * 3600,
                delete=data[ATTR_ORPHANS] == "delete" and not dry_run,
            )
        )
    return response


async def _apply(
    call: ServiceCall, entry: MyflixConfigEntry, plan: CleaningPlan
) -> None:
    """Remove the planned torrents (with their data) and queue items."""
    runtime = entry.runtime_data
    if plan.torrents and (qbittorrent := runtime.get(QBITTORRENT)) is not None:
        with backend_errors(call.hass, entry, "qbittorrent"):
            await qbittorrent.client.delete(
                [t.hash for t in plan.torrents], delete_files=True
            )
        for torrent in plan.torrents:
            async_record(
                entry,
                "cleaning_removed",
                title=torrent.name,
                torrent_hash=torrent.hash,
                reason="seeding_goal_reached",
                evidence={
                    "ratio": round(torrent.ratio, 2),
                    "seeding_days": round(torrent.seeding_time / DAY, 1),
                    "category": torrent.category,
                    "size": torrent.size,
                },
            )
    apps = {arr.key: arr for arr in (runtime.get(RADARR), runtime.get(SONARR)) if arr}
    for item in plan.queue_items:
        arr = apps[item.app]
        with backend_errors(call.hass, entry, arr.key):
            await arr.client.delete_queue_item(
                item.queue_id,
                remove_from_client=item.remove_from_client,
                blocklist=item.why == "failed",
            )
        async_record(
            entry,
            "cleaning_removed",
            title=item.title,
            reason=f"queue_item_{item.why}",
            evidence={"app": item.app, "queue_id": item.queue_id},
        )


async def _orphans(
    call: ServiceCall,
    *,
    folders: list[str],
    referenced: set[str],
    min_age: float,
    delete: bool,
) -> dict[str, Any]:
    """Find (and delete) orphans in the executor: never on the event loop."""
    hass = call.hass
    now = dt_util.utcnow().timestamp()
    orphans, unreadable = await hass.async_add_executor_job(
        lambda: find_orphans(folders, referenced, now=now, min_age=min_age)
    )
    deleted: list[str] = []
    if delete and orphans:
        deleted = await hass.async_add_executor_job(
            delete_paths, [o.path for o in orphans], folders
        )
    return {
        "orphan_count": len(orphans),
        "orphans": [o.as_dict() for o in orphans[:MAX_LISTED]],
        "orphan_bytes": sum(o.size for o in orphans),
        "unreadable_folders": unreadable,
        "deleted_orphans": len(deleted),
    }
