"""Options: polling intervals and calendar days, applied by reloading the entry."""

from __future__ import annotations

from datetime import timedelta

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import (
    CONF_ARR_INTERVAL,
    CONF_CALENDAR_DAYS,
    CONF_LIBRARY_INTERVAL,
    CONF_QBITTORRENT_INTERVAL,
    CONF_VAULT_KEEP,
    DOMAIN,
)
from custom_components.myflix.features.arr import RADARR, SONARR
from custom_components.myflix.features.qbittorrent import QBITTORRENT

from .conftest import QBT_PASS, QBT_USER, Backend
from .options_helpers import open_options_page

NEW_OPTIONS = {
    CONF_QBITTORRENT_INTERVAL: 12.0,
    CONF_ARR_INTERVAL: 90.0,
    CONF_LIBRARY_INTERVAL: 120.0,
    CONF_CALENDAR_DAYS: 7.0,
}


async def _setup(hass: HomeAssistant, data: dict[str, str]) -> MockConfigEntry:
    entry = MockConfigEntry(domain=DOMAIN, data=data)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def test_options_reload_the_coordinators(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """Saved options are whole numbers, and the reloaded coordinators use them."""
    entry = await _setup(hass, stack_data)
    old_runtime = entry.runtime_data
    old_qbittorrent = old_runtime.get(QBITTORRENT)
    assert old_qbittorrent is not None
    assert old_qbittorrent.sync.update_interval == timedelta(seconds=5)

    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.MENU
    # No gluetun: no VPN page; qBittorrent with Radarr/Sonarr: self-healing.
    assert result["menu_options"] == ["polling", "healing", "share", "vault", "tiering"]
    result = await open_options_page(hass, entry.entry_id, "polling")
    assert set(result["data_schema"].schema) == set(NEW_OPTIONS)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], NEW_OPTIONS
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        CONF_QBITTORRENT_INTERVAL: 12,
        CONF_ARR_INTERVAL: 90,
        CONF_LIBRARY_INTERVAL: 120,
        CONF_CALENDAR_DAYS: 7,
    }
    assert all(type(entry.options[key]) is int for key in NEW_OPTIONS)

    assert entry.state is ConfigEntryState.LOADED
    runtime = entry.runtime_data
    assert runtime is not old_runtime
    assert runtime.get(QBITTORRENT) is not None
    assert runtime.get(RADARR) is not None
    assert runtime.get(SONARR) is not None
    assert runtime.get(QBITTORRENT).sync.update_interval == timedelta(seconds=12)
    assert runtime.get(RADARR).status.update_interval == timedelta(seconds=90)
    assert runtime.get(SONARR).library.update_interval == timedelta(minutes=120)
    calendar = runtime.get(RADARR).calendar.data
    assert calendar is not None
    assert (calendar.end - calendar.start).days == 8  # yesterday to 7 days ahead


async def test_form_prefills_current_options(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """The form starts from the stored options, falling back to the defaults."""
    entry = MockConfigEntry(
        domain=DOMAIN, data=stack_data, options={CONF_ARR_INTERVAL: 45}
    )
    entry.add_to_hass(hass)
    result = await open_options_page(hass, entry.entry_id, "polling")
    defaults = {
        str(marker): marker.default() for marker in result["data_schema"].schema
    }
    assert defaults == {
        CONF_QBITTORRENT_INTERVAL: 5,
        CONF_ARR_INTERVAL: 45,
        CONF_LIBRARY_INTERVAL: 360,
        CONF_CALENDAR_DAYS: 30,
    }


async def test_only_configured_backends_are_offered(
    hass: HomeAssistant, qbittorrent: Backend
) -> None:
    """A qBittorrent-only entry gets the qBittorrent interval and keeps other options."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={
            "qbittorrent_url": qbittorrent.url,
            "qbittorrent_username": QBT_USER,
            "qbittorrent_password": QBT_PASS,
        },
        options={CONF_CALENDAR_DAYS: 14},
    )
    entry.add_to_hass(hass)
    menu = await hass.config_entries.options.async_init(entry.entry_id)
    assert menu["menu_options"] == ["polling", "share", "vault", "tiering"]
    result = await open_options_page(hass, entry.entry_id, "polling")
    assert set(result["data_schema"].schema) == {CONF_QBITTORRENT_INTERVAL}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_QBITTORRENT_INTERVAL: 30}
    )
    assert entry.options == {CONF_QBITTORRENT_INTERVAL: 30, CONF_CALENDAR_DAYS: 14}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (CONF_QBITTORRENT_INTERVAL, 1),
        (CONF_QBITTORRENT_INTERVAL, 301),
        (CONF_ARR_INTERVAL, 9),
        (CONF_ARR_INTERVAL, 3601),
        (CONF_LIBRARY_INTERVAL, 1441),
        (CONF_CALENDAR_DAYS, 0),
        (CONF_CALENDAR_DAYS, 91),
    ],
)
async def test_out_of_bounds_values_are_refused(
    hass: HomeAssistant, stack_data: dict[str, str], key: str, value: int
) -> None:
    """Values outside the bounds never reach the entry."""
    entry = MockConfigEntry(domain=DOMAIN, data=stack_data)
    entry.add_to_hass(hass)
    result = await open_options_page(hass, entry.entry_id, "polling")
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], {**NEW_OPTIONS, key: value}
        )
    assert entry.options == {}


async def test_vault_options_validate_recipients_and_folder(
    hass: HomeAssistant, qbittorrent: Backend
) -> None:
    """A bad age key is named in the error; cleared text options are dropped."""
    from custom_components.myflix.const import CONF_VAULT_FOLDER, CONF_VAULT_RECIPIENTS
    from custom_components.myflix.engine.vault import generate_identity

    recipient = generate_identity()[1]
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={"qbittorrent_url": qbittorrent.url, "qbittorrent_username": QBT_USER,
              "qbittorrent_password": QBT_PASS},
        options={CONF_VAULT_FOLDER: "/old"},
    )  # fmt: skip
    entry.add_to_hass(hass)
    result = await open_options_page(hass, entry.entry_id, "vault")
    bad = {CONF_VAULT_RECIPIENTS: f"{recipient}\nage1nope",
           CONF_VAULT_FOLDER: "relative/dir", CONF_VAULT_KEEP: 3}  # fmt: skip
    result = await hass.config_entries.options.async_configure(result["flow_id"], bad)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {
        CONF_VAULT_RECIPIENTS: "invalid_recipient",
        CONF_VAULT_FOLDER: "folder_not_absolute",
    }
    assert result["description_placeholders"] == {"line": "age1nope"}
    good = {CONF_VAULT_RECIPIENTS: recipient, CONF_VAULT_KEEP: 3.0}
    result = await hass.config_entries.options.async_configure(result["flow_id"], good)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    # The cleared folder is dropped, not kept from before.
    assert entry.options == {CONF_VAULT_RECIPIENTS: recipient, CONF_VAULT_KEEP: 3}
