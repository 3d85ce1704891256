"""The Myflix card, described for the integration's root files."""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.start import async_at_started

from custom_components.myflix.const import DOMAIN
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.feature import Feature, Needs
from custom_components.myflix.features.arr import ARR

from . import CARD
from .feed import CardPart
from .posters import async_register_poster_view
from .resources import async_add_resource, async_remove_resource, async_serve_card
from .titles import MediaTitles
from .websocket import async_register_commands


@callback
def _register(hass: HomeAssistant) -> None:
    """Register the card's commands and the poster view, for every entry."""
    async_register_commands(hass)
    async_register_poster_view(hass)


async def _async_start(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Keep the entry's titles, serve the card and register it on the dashboards."""
    runtime = entry.runtime_data
    lookups = {
        source: arr.client.library_item
        for source, key in ARR.items()
        if (arr := runtime.get(key)) is not None
    }
    part = CardPart(
        titles=MediaTitles(
            lookups,
            lambda job, name: entry.async_create_background_task(hass, job, name),
        )
    )
    runtime.set(CARD, part)
    entry.async_on_unload(part.close)
    if (url := await async_serve_card(hass)) is None:
        return

    async def add_resource(_hass: HomeAssistant) -> None:
        await async_add_resource(hass, url)

    # Lovelace sets up beside Myflix at start: add the resource once HA runs.
    entry.async_on_unload(async_at_started(hass, add_resource))

    async def remove_with_last_entry() -> None:
        others = [
            other
            for other in hass.config_entries.async_loaded_entries(DOMAIN)
            if other.entry_id != entry.entry_id
        ]
        if not others:
            await async_remove_resource(hass, url)

    entry.async_on_unload(remove_with_last_entry)


FEATURE = Feature(
    name="card",
    needs=Needs(any_of=frozenset({"qbittorrent", "radarr", "sonarr"})),
    async_register=_register,
    async_start=_async_start,
)
