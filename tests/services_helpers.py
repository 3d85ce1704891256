"""Helpers shared by the action tests: set up an entry, call an action, check errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import json
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import (
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    DOMAIN,
)
from simulators.qbittorrent import QbittorrentSimulator
from simulators.server import serve

from .conftest import QBT_PASS, QBT_USER, RADARR_KEY, SONARR_KEY

SECRETS = (RADARR_KEY, SONARR_KEY, QBT_PASS)


async def setup_entry(
    hass: HomeAssistant, data: dict[str, Any], title: str = "Myflix"
) -> MockConfigEntry:
    """Load an entry without its platforms: the actions need only the runtime data."""
    entry = MockConfigEntry(domain=DOMAIN, data=data, title=title)
    entry.add_to_hass(hass)
    with patch("custom_components.myflix.PLATFORMS", []):
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    return entry


async def call(
    hass: HomeAssistant, service: str, data: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Call a Myflix action, wait for its response and check it holds no secret."""
    response = await hass.services.async_call(
        DOMAIN, service, data or {}, blocking=True, return_response=True
    )
    assert isinstance(response, dict)
    text = json.dumps(response, default=str)
    assert not any(secret in text for secret in SECRETS)
    return response


async def call_fails[ErrorT: HomeAssistantError](
    hass: HomeAssistant,
    service: str,
    data: dict[str, Any] | None,
    error_type: type[ErrorT],
    key: str,
) -> ErrorT:
    """Call an action that must fail with a translated ``key``; return the error."""
    with pytest.raises(error_type) as info:
        await call(hass, service, data)
    err = info.value
    assert err.translation_domain == DOMAIN
    assert err.translation_key == key
    # The message comes from translations/en.json, with every placeholder filled.
    message = str(err)
    assert message
    assert message != key
    assert "{" not in message
    assert not any(secret in message for secret in SECRETS)
    return err


def reauth_started(hass: HomeAssistant) -> bool:
    """Tell whether a reauth flow is in progress."""
    return any(
        flow["context"]["source"] == "reauth"
        for flow in hass.config_entries.flow.async_progress()
    )


@asynccontextmanager
async def qbittorrent_only(
    version: str,
) -> AsyncIterator[tuple[QbittorrentSimulator, dict[str, str]]]:
    """Serve a qBittorrent simulator of ``version``; yield it and its entry data."""
    sim = QbittorrentSimulator(version=version, username=QBT_USER, password=QBT_PASS)
    async with serve(sim.make_app()) as url:
        yield (
            sim,
            {
                CONF_QBITTORRENT_URL: url,
                CONF_QBITTORRENT_USERNAME: QBT_USER,
                CONF_QBITTORRENT_PASSWORD: QBT_PASS,
            },
        )
