"""Set up an entry with share roots over the engine tests' share tree."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import (
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    CONF_SHARE_ROOTS,
    DOMAIN,
)
from custom_components.myflix.features.share import SHARE
from custom_components.myflix.features.share.runtime import ShareRuntime

from .conftest import RADARR_KEY
from .engine.share_helpers import ShareTree, make_share_tree


async def setup_share(
    hass: HomeAssistant,
    radarr_url: str,
    base: Path,
    *,
    options: dict[str, Any] | None = None,
    platforms: bool = False,
    http: dict[str, Any] | None = None,
) -> tuple[MockConfigEntry, ShareTree, ShareRuntime]:
    """Build a share tree in ``base`` and load an entry sharing its two roots."""
    tree = make_share_tree(base)
    hass.config.allowlist_external_dirs = {str(base)}
    assert await async_setup_component(hass, "http", {"http": http or {}})
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_RADARR_URL: radarr_url, CONF_RADARR_API_KEY: RADARR_KEY},
        options={CONF_SHARE_ROOTS: f"{tree.movies}\n{tree.shows}\n", **(options or {})},
    )
    entry.add_to_hass(hass)
    no_platforms: AbstractContextManager[object] = patch(
        "custom_components.myflix.PLATFORMS", []
    )
    with nullcontext() if platforms else no_platforms:
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    share = entry.runtime_data.get(SHARE)
    assert share is not None
    return entry, tree, share
