"""Helpers shared by the entity platform tests: set up one platform, travel in time."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import timedelta
from typing import Any
from unittest.mock import PropertyMock, patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers.entity import Entity
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.myflix.const import (
    DEFAULT_ARR_INTERVAL,
    DEFAULT_QBITTORRENT_INTERVAL,
    DOMAIN,
)
from simulators.qbittorrent import QbittorrentSimulator

FROZEN_NOW = "2025-03-14 18:00:00+00:00"
QBITTORRENT_POLL = timedelta(seconds=DEFAULT_QBITTORRENT_INTERVAL)
ARR_POLL = timedelta(seconds=DEFAULT_ARR_INTERVAL)


async def setup_platform(
    hass: HomeAssistant,
    data: dict[str, Any],
    platform: Platform,
    *,
    enable_all: bool = False,
) -> MockConfigEntry:
    """Set up a Myflix entry with only ``platform`` loaded.

    ``enable_all`` also enables the entities that are disabled by default.
    """
    entry = MockConfigEntry(
        domain=DOMAIN, data=data, title="Myflix", entry_id="myflix_entry"
    )
    entry.add_to_hass(hass)
    with (
        patch("custom_components.myflix.PLATFORMS", [platform]),
        patch.object(
            Entity,
            "entity_registry_enabled_default",
            new_callable=PropertyMock,
            return_value=True,
        )
        if enable_all
        else nullcontext(),
    ):
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    return entry


def state_of(hass: HomeAssistant, entity_id: str) -> State:
    """The state of an entity that must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state


def flow_sources(hass: HomeAssistant) -> list[str]:
    """The sources of the flows in progress (``reauth`` after a refused login)."""
    return [
        flow["context"]["source"] for flow in hass.config_entries.flow.async_progress()
    ]


async def time_travel(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, delta: timedelta
) -> None:
    """Move the clock on and let the due coordinator refreshes finish."""
    freezer.tick(delta)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)


def seed_torrents(sim: QbittorrentSimulator) -> dict[str, str]:
    """Fill a fixed set of torrents, one per kind the sensors count; hashes by kind."""
    return {
        "downloading": sim.add_torrent(
            name="Dune.Part.Two.2024.2160p", progress=0.5, dlspeed=2_000_000
        ),
        "seeding": sim.add_torrent(
            name="Oppenheimer.2023.1080p",
            progress=1.0,
            state="uploading",
            upspeed=300_000,
        ),
        "stalled": sim.add_torrent(
            name="The.Bear.S03E01", progress=0.1, state="stalledDL"
        ),
        "stopped": sim.add_torrent(
            name="Shogun.S01E10", progress=1.0, state="pausedUP"
        ),
        "errored": sim.add_torrent(name="Broken.Release", state="missingFiles"),
    }
