"""The card's file: served by Home Assistant, registered as a dashboard resource.

Lovelace is imported only where used: an HA without dashboards has no
resources to add to. The resource carries the bundle's content hash (``?v=``), so browsers load a
new card after an update and cache it otherwise. With dashboards whose
resources are kept in YAML, Myflix cannot add one: the frontend is told to
load the card on every page instead.
"""

from __future__ import annotations

from contextlib import suppress
import hashlib
from pathlib import Path

from homeassistant.components.http import StaticPathConfig
from homeassistant.core import HomeAssistant
from homeassistant.util.hass_dict import HassKey

from custom_components.myflix.const import DOMAIN, LOGGER

CARD_PATH = "/myflix_static/myflix-card.js"
BUNDLE = Path(__file__).parents[2] / "frontend" / "myflix-card.js"
CARD_URL: HassKey[str] = HassKey(f"{DOMAIN}_card_url")
"""The card's versioned URL, once its file is served."""


def _versioned_url() -> str:
    digest = hashlib.sha256(BUNDLE.read_bytes()).hexdigest()[:12]
    return f"{CARD_PATH}?v={digest}"


async def async_serve_card(hass: HomeAssistant) -> str | None:
    """Serve the bundle (once per HA start); return its versioned URL.

    None when the bundle is missing (a checkout whose card was not built):
    the rest of Myflix works without it.
    """
    if (url := hass.data.get(CARD_URL)) is not None:
        return url
    try:
        url = await hass.async_add_executor_job(_versioned_url)
    except OSError as err:
        LOGGER.warning("The Myflix card is not served: %s", err)
        return None
    if CARD_URL not in hass.data:  # another entry may have got here meanwhile
        hass.data[CARD_URL] = url
        await hass.http.async_register_static_paths(
            [StaticPathConfig(CARD_PATH, str(BUNDLE), cache_headers=True)]
        )
    return hass.data[CARD_URL]


def _is_ours(item: dict[str, object]) -> bool:
    return str(item.get("url", "")).split("?", 1)[0] == CARD_PATH


async def async_add_resource(hass: HomeAssistant, url: str) -> None:
    """Make every dashboard load the card: add (or update) its resource."""
    from homeassistant.components.lovelace.const import LOVELACE_DATA  # noqa: PLC0415
    from homeassistant.components.lovelace.resources import (  # noqa: PLC0415
        ResourceStorageCollection,
    )

    if (lovelace := hass.data.get(LOVELACE_DATA)) is None:
        return  # no dashboards here (a headless HA)
    resources = lovelace.resources
    if not isinstance(resources, ResourceStorageCollection):
        if "frontend" in hass.config.components:
            from homeassistant.components.frontend import (  # noqa: PLC0415
                add_extra_js_url,
            )

            add_extra_js_url(hass, url)
        return
    await resources.async_get_info()  # loads the stored resources
    for item in resources.async_items():
        if _is_ours(item):
            if item["url"] != url:
                await resources.async_update_item(
                    item["id"], {"res_type": "module", "url": url}
                )
            return
    await resources.async_create_item({"res_type": "module", "url": url})
    LOGGER.info("Added the Myflix card to the dashboard resources")


async def async_remove_resource(hass: HomeAssistant, url: str) -> None:
    """Take the card's resource out again (the last entry unloads)."""
    from homeassistant.components.lovelace.const import LOVELACE_DATA  # noqa: PLC0415
    from homeassistant.components.lovelace.resources import (  # noqa: PLC0415
        ResourceStorageCollection,
    )

    if (lovelace := hass.data.get(LOVELACE_DATA)) is None:
        return
    resources = lovelace.resources
    if not isinstance(resources, ResourceStorageCollection):
        if "frontend" in hass.config.components:
            from homeassistant.components.frontend import (  # noqa: PLC0415
                remove_extra_js_url,
            )

            with suppress(KeyError):  # HA started without it
                remove_extra_js_url(hass, url)
        return
    for item in list(resources.async_items()):
        if _is_ours(item):
            await resources.async_delete_item(item["id"])
