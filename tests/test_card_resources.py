"""The card's file: served by HA, a dashboard resource while any entry is loaded."""

from __future__ import annotations

from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.myflix.features.card.resources import BUNDLE, CARD_PATH

from .services_helpers import qbittorrent_only, setup_entry


def _our_resources(hass: HomeAssistant) -> list[str]:
    resources = hass.data[LOVELACE_DATA].resources
    return [
        item["url"]
        for item in resources.async_items()
        if item["url"].startswith(CARD_PATH)
    ]


async def test_the_card_is_served_and_registered_until_the_last_entry_unloads(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, socket_enabled: None
) -> None:
    """One resource for two entries, versioned by content; gone with the last entry."""
    assert await async_setup_component(hass, "lovelace", {})
    async with qbittorrent_only("5.3.0") as (_sim, data):
        first = await setup_entry(hass, data, title="First")
        second = await setup_entry(hass, data, title="Second")
        [url] = _our_resources(hass)
        assert url.startswith(f"{CARD_PATH}?v=")
        assert hass.data[LOVELACE_DATA].resources.async_items()[0]["type"] == "module"

        client = await hass_client()
        response = await client.get(url)
        assert response.status == 200
        assert await response.read() == BUNDLE.read_bytes()

        assert await hass.config_entries.async_unload(first.entry_id)
        await hass.async_block_till_done()
        assert _our_resources(hass) == [url]  # the second entry still runs
        assert await hass.config_entries.async_unload(second.entry_id)
        await hass.async_block_till_done()
        assert _our_resources(hass) == []

        # Loaded again: registered again, once.
        assert await hass.config_entries.async_setup(first.entry_id)
        await hass.async_block_till_done()
        assert _our_resources(hass) == [url]


async def test_an_older_card_resource_is_updated_not_doubled(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    """A resource left by an older Myflix gets the new version."""
    assert await async_setup_component(hass, "lovelace", {})
    resources = hass.data[LOVELACE_DATA].resources
    await resources.async_get_info()
    await resources.async_create_item(
        {"res_type": "module", "url": f"{CARD_PATH}?v=old"}
    )
    await resources.async_create_item({"res_type": "module", "url": "/local/other.js"})
    async with qbittorrent_only("5.3.0") as (_sim, data):
        await setup_entry(hass, data)
        [url] = _our_resources(hass)
        assert url != f"{CARD_PATH}?v=old"
        assert len(resources.async_items()) == 2  # the other resource is kept


async def test_with_yaml_resources_every_page_loads_the_card(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    """Resources kept in YAML cannot take one: the frontend loads the card instead."""
    from homeassistant.components.frontend import (
        DATA_EXTRA_MODULE_URL,
    )

    # Lovelace first: the frontend would set it up in storage mode.
    assert await async_setup_component(
        hass, "lovelace", {"lovelace": {"resource_mode": "yaml"}}
    )
    assert await async_setup_component(hass, "frontend", {})
    async with qbittorrent_only("5.3.0") as (_sim, data):
        entry = await setup_entry(hass, data)
        [url] = [
            url
            for url in hass.data[DATA_EXTRA_MODULE_URL].urls
            if url.startswith(CARD_PATH)
        ]
        assert url.startswith(f"{CARD_PATH}?v=")
        assert await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
        assert url not in hass.data[DATA_EXTRA_MODULE_URL].urls
