"""Diagnostics: useful summaries, and never a secret."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.myflix.const import CONF_SONARR_URL, DOMAIN
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from simulators.server import free_port

from .conftest import QBT_PASS, RADARR_KEY, SONARR_KEY, Backend

DOWN_PASSWORD = "hunter2-in-a-url"


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
    stack_data: dict[str, str],
    qbittorrent: Backend,
) -> None:
    """Counts and states per backend; a backend that is down shows why."""
    qbittorrent.sim.add_torrent(name="Dune.Part.Two.2160p", progress=0.4, dlspeed=9000)
    qbittorrent.sim.add_torrent(name="Oppenheimer.1080p", progress=1.0)
    qbittorrent.sim.add_torrent(name="Barbie.1080p", progress=0.2, state="pausedDL")
    down = f"http://admin:{DOWN_PASSWORD}@127.0.0.1:{free_port()}"
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Myflix",
        data={**stack_data, CONF_SONARR_URL: down},
        options={"calendar_days": 14},
    )
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)

    result = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    # Ports and dates change from run to run.
    assert result == snapshot(
        exclude=props("radarr_url", "sonarr_url", "qbittorrent_url", "start", "end")
    )
    assert result["entry"]["data"]["sonarr_url"] == down.replace(
        f"admin:{DOWN_PASSWORD}@", ""
    )
    assert result["sonarr"] == {}
    sonarr_status = next(
        c for c in result["coordinators"] if c["name"] == "sonarr status"
    )
    assert sonarr_status["last_update_success"] is False
    assert sonarr_status["last_exception"] == "UpdateFailed"
    assert sonarr_status["reason"] == "cannot_connect"


async def test_no_secret_anywhere(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    stack_data: dict[str, str],
) -> None:
    """Neither keys, passwords nor the session cookie appear in the whole download."""
    entry = MockConfigEntry(domain=DOMAIN, data=stack_data)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    qbt = entry.runtime_data.get(QBITTORRENT)
    assert qbt is not None
    cookie = qbt.client._cookie
    assert cookie is not None

    await get_diagnostics_for_config_entry(hass, hass_client, entry)
    client = await hass_client()
    response = await client.get(f"/api/diagnostics/config_entry/{entry.entry_id}")
    dump = await response.text()

    assert "**REDACTED**" in dump
    for secret in (RADARR_KEY, SONARR_KEY, QBT_PASS, cookie[1]):
        assert secret not in dump
