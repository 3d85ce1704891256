"""The Myflix actions: registration, descriptions and finding the entry."""

from __future__ import annotations

import json
from pathlib import Path
import re

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.service import async_get_all_descriptions
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import (
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    DOMAIN,
)
from custom_components.myflix.services import ACTIONS

from .conftest import Backend
from .services_helpers import call, call_fails, qbittorrent_only, setup_entry

INTEGRATION = Path(__file__).parent.parent / "custom_components" / DOMAIN
NAMES = {name for name, *_ in ACTIONS}
READS = {"get_queue", "get_upcoming", "search_media", "get_torrents", "verify_vault"}
READS |= {"get_vpn_status"}
# Response-only too: a share link is useless without its URL.
READS |= {"list_share_links", "create_share_link"}
READS |= {"list_strikes"}
READS |= {"plan_tiering", "get_storage_status", "get_free_space"}
READS |= {"get_history"}


async def test_actions_exist_without_an_entry(hass: HomeAssistant) -> None:
    """``async_setup`` registers every action, with its translated description."""
    assert await async_setup_component(hass, DOMAIN, {})
    assert set(hass.services.async_services_for_domain(DOMAIN)) == NAMES
    descriptions = (await async_get_all_descriptions(hass))[DOMAIN]
    assert set(descriptions) == NAMES
    # Names and descriptions come from the translations (HA >= 2025.11 no
    # longer copies them into the descriptions).
    strings = json.loads((INTEGRATION / "translations" / "en.json").read_text())
    for name, description in descriptions.items():
        texts = strings["services"][name]
        assert texts["name"], name
        assert texts["description"], name
        assert description["response"] == {"optional": name not in READS}
        assert "config_entry_id" in description["fields"]
        for field_name, field in description["fields"].items():
            assert texts["fields"][field_name]["name"], (name, field_name)
            assert texts["fields"][field_name]["description"], (name, field_name)
            assert "selector" in field, (name, field_name)


def test_translations_and_icons_cover_every_action() -> None:
    """Every action has an icon; every translation key raised in code exists."""
    strings = json.loads((INTEGRATION / "translations" / "en.json").read_text())
    icons = json.loads((INTEGRATION / "icons.json").read_text())
    assert set(icons["services"]) >= NAMES
    raised: set[str] = set()
    for module in INTEGRATION.glob("services_*.py"):
        raised |= set(re.findall(r'validation_error\(\s*"(\w+)"', module.read_text()))
    assert raised
    assert raised <= set(strings["exceptions"])
    for key in ("backend_unavailable",):
        assert key in strings["exceptions"]


async def test_no_entry_loaded(hass: HomeAssistant) -> None:
    """Without a loaded entry the action says so."""
    assert await async_setup_component(hass, DOMAIN, {})
    await call_fails(hass, "get_queue", {}, ServiceValidationError, "no_entry_loaded")


async def test_unknown_entry(hass: HomeAssistant) -> None:
    """An entry ID that is not a Myflix entry is refused."""
    assert await async_setup_component(hass, DOMAIN, {})
    other = MockConfigEntry(domain="sun")
    other.add_to_hass(hass)
    for entry_id in ("nope", other.entry_id):
        err = await call_fails(
            hass,
            "get_torrents",
            {"config_entry_id": entry_id},
            ServiceValidationError,
            "entry_not_found",
        )
        assert entry_id in str(err)


async def test_entry_not_loaded(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """An unloaded entry is refused by ID, and no longer picked by default."""
    entry = await setup_entry(hass, stack_data, title="Home stack")
    assert await hass.config_entries.async_unload(entry.entry_id)
    err = await call_fails(
        hass,
        "get_queue",
        {"config_entry_id": entry.entry_id},
        ServiceValidationError,
        "entry_not_loaded",
    )
    assert "Home stack" in str(err)
    await call_fails(hass, "get_queue", {}, ServiceValidationError, "no_entry_loaded")


async def test_several_entries_need_an_id(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """With two loaded entries the caller must choose; each one then works."""
    home = await setup_entry(hass, stack_data, title="Home")
    async with qbittorrent_only("5.3.0") as (sim, data):
        sim.add_torrent(name="Cabin.Video", progress=0.5, dlspeed=1000)
        cabin = await setup_entry(hass, data, title="Cabin")
        err = await call_fails(
            hass, "get_torrents", {}, ServiceValidationError, "entry_required"
        )
        assert "Home" in str(err)
        assert "Cabin" in str(err)
        response = await call(hass, "get_torrents", {"config_entry_id": cabin.entry_id})
        assert [t["name"] for t in response["items"]] == ["Cabin.Video"]
        response = await call(hass, "get_torrents", {"config_entry_id": home.entry_id})
        assert "Cabin.Video" not in [t["name"] for t in response["items"]]
        # The cabin has no Radarr: naming it for a Radarr action is refused.
        err = await call_fails(
            hass,
            "get_queue",
            {"config_entry_id": cabin.entry_id, "backend": "radarr"},
            ServiceValidationError,
            "backend_not_configured",
        )
        assert "Radarr" in str(err)
        await call_fails(
            hass,
            "get_upcoming",
            {"config_entry_id": cabin.entry_id},
            ServiceValidationError,
            "no_arr_backend",
        )
        assert await hass.config_entries.async_unload(cabin.entry_id)


async def test_backend_missing_from_entry(
    hass: HomeAssistant, qbittorrent: Backend
) -> None:
    """Actions of a backend the entry lacks are refused, naming the backend."""
    await setup_entry(
        hass,
        {
            CONF_QBITTORRENT_URL: qbittorrent.url,
            CONF_QBITTORRENT_USERNAME: qbittorrent.sim.username,
            CONF_QBITTORRENT_PASSWORD: qbittorrent.sim.password,
        },
    )
    for service, data in (
        ("add_movie", {"tmdb_id": 693134}),
        ("add_series", {"tvdb_id": 392256}),
        ("search_media", {"query": "Dune", "media_type": "movie"}),
    ):
        await call_fails(
            hass, service, data, ServiceValidationError, "backend_not_configured"
        )
    await call_fails(
        hass,
        "search_media",
        {"query": "Dune"},
        ServiceValidationError,
        "no_arr_backend",
    )
