"""Storage tiering, described for the integration's root files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, SupportsResponse

from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.feature import Action, Feature, OptionsPart, event_words

from . import TIERING
from .actions import (
    PLAN_TIERING_SCHEMA,
    RESTORE_FROM_ARCHIVE_SCHEMA,
    RUN_TIERING_SCHEMA,
    TIERING_SCHEMA,
    async_cancel_tiering,
    async_get_storage_status,
    async_plan_tiering,
    async_restore_from_archive,
    async_run_tiering,
)
from .entities import STORAGE_DEVICE, tiering_binary_sensors, tiering_sensors
from .options import async_check_tiering, tiering_schema
from .runner import EVENT_FINISHED, EVENT_PROGRESS
from .setup import async_setup_tiering


async def _async_start(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Start tiering when the options name hot folders and an archive."""
    entry.runtime_data.set(TIERING, await async_setup_tiering(hass, entry))


def _gigabytes(value: Any) -> str:
    return f"{value / 1e9:.1f} GB" if isinstance(value, int | float) else "?"


def _progress(data: Mapping[str, Any]) -> str:
    return (
        f"moving to the archive: {_gigabytes(data.get('moved_bytes'))} of"
        f" {_gigabytes(data.get('total_bytes'))} ({data.get('percent')} %)"
    )


def _finished(data: Mapping[str, Any]) -> str:
    return (
        f"tiering {event_words(data.get('outcome'))}: {data.get('moved_files', 0)}"
        f" file(s), {_gigabytes(data.get('moved_bytes'))} moved to the archive"
    )


ACTIONS: tuple[Action, ...] = (
    Action("plan_tiering", async_plan_tiering, PLAN_TIERING_SCHEMA, SupportsResponse.ONLY),
    Action("run_tiering", async_run_tiering, RUN_TIERING_SCHEMA, SupportsResponse.OPTIONAL),
    Action("cancel_tiering", async_cancel_tiering, TIERING_SCHEMA, SupportsResponse.OPTIONAL),
    Action("get_storage_status", async_get_storage_status, TIERING_SCHEMA, SupportsResponse.ONLY),
    Action("restore_from_archive", async_restore_from_archive, RESTORE_FROM_ARCHIVE_SCHEMA, SupportsResponse.OPTIONAL),
)  # fmt: skip


FEATURE = Feature(
    name="tiering",
    async_start=_async_start,
    entities={
        Platform.SENSOR: tiering_sensors,
        Platform.BINARY_SENSOR: tiering_binary_sensors,
    },
    actions=ACTIONS,
    options=(
        OptionsPart(page="tiering", fields=tiering_schema, check=async_check_tiering),
    ),
    events={EVENT_PROGRESS: _progress, EVENT_FINISHED: _finished},
    devices=lambda runtime: [STORAGE_DEVICE] if runtime.get(TIERING) else [],
)
