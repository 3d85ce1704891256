"""Wire tiering into an entry: runtime, schedule, drain on unload and on HA stop."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from homeassistant.helpers.event import async_track_time_interval
from homeassistant.util import dt as dt_util

from custom_components.myflix.const import (
    CONF_TIERING_INTERVAL,
    DEFAULT_TIERING_INTERVAL,
    DOMAIN,
    LOGGER,
)

from .inputs import tiering_config
from .runner import TieringRuntime, shutdown_job

if TYPE_CHECKING:
    from datetime import datetime

    from homeassistant.core import HomeAssistant

    from custom_components.myflix.entry import MyflixConfigEntry

USAGE_EVERY = timedelta(minutes=5)


async def async_setup_tiering(
    hass: HomeAssistant, entry: MyflixConfigEntry
) -> TieringRuntime | None:
    """Start tiering when the options name hot roots and an archive."""
    if (config := tiering_config(entry.options)) is None:
        return None
    runtime = TieringRuntime(hass, entry, config)
    await runtime.async_start()
    # LIFO: the drain runs before anything it relies on is torn down.
    entry.async_on_unload(runtime.issues.clear)
    entry.async_on_unload(hass.async_add_shutdown_job(shutdown_job(runtime)))
    entry.async_on_unload(runtime.async_drain)

    async def refresh(_now: datetime) -> None:
        await runtime.async_refresh_usage()

    entry.async_on_unload(async_track_time_interval(hass, refresh, USAGE_EVERY))
    hours = int(entry.options.get(CONF_TIERING_INTERVAL, DEFAULT_TIERING_INTERVAL))
    if hours > 0:
        every = timedelta(hours=hours)
        runtime.next_run_at = dt_util.utcnow() + every

        async def scheduled(now: datetime) -> None:
            runtime.next_run_at = now + every
            # Watermarks decide: below the high mark the plan is empty.
            # While someone watches (the household hold) no run starts.
            if runtime.running or runtime.waiting:
                return
            try:
                plan = await runtime.async_plan()
                if plan.batches:
                    await runtime.async_run(plan=plan)
            except Exception as err:  # noqa: BLE001 - a scheduled run only logs
                LOGGER.warning("Scheduled tiering did not run: %s", err)

        entry.async_on_unload(
            async_track_time_interval(hass, scheduled, every, name=f"{DOMAIN} tiering")
        )
    return runtime
