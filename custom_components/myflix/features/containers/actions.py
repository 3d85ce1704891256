"""Container updates through Watchtower's HTTP API, reporting what changed."""

from __future__ import annotations

from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import homeassistant.helpers.config_validation as cv

from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.clients.watchtower import ContainerImage, WatchtowerClient
from custom_components.myflix.const import (
    CONF_WATCHTOWER_TOKEN,
    CONF_WATCHTOWER_URL,
    DOMAIN,
)
from custom_components.myflix.coordinator import backend_error
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    resolve_entry,
    validation_error,
)

ATTR_IMAGES = "images"
EVENT_CONTAINERS_UPDATED = f"{DOMAIN}_containers_updated"

UPDATE_CONTAINERS_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_IMAGES, default=[]): vol.All(cv.ensure_list, [cv.string]),
    }
)


def changes(
    before: list[ContainerImage], after: list[ContainerImage]
) -> list[dict[str, Any]]:
    """Containers whose image digest or id differs after the update."""
    old = {c.name: c for c in before}
    changed = []
    for new in after:
        previous = old.get(new.name)
        if previous is None or (previous.digest, previous.image_id) != (
            new.digest,
            new.image_id,
        ):
            changed.append(
                {
                    "name": new.name,
                    "image": new.image,
                    "before": previous.digest or previous.image_id
                    if previous
                    else None,
                    "after": new.digest or new.image_id,
                }
            )
    return changed


async def async_update_containers(call: ServiceCall) -> ServiceResponse:
    """Ask Watchtower to update now; answer which containers changed."""
    hass = call.hass
    entry = resolve_entry(call)
    if not (url := entry.data.get(CONF_WATCHTOWER_URL)):
        raise validation_error("watchtower_not_configured", entry=entry.title)
    client = WatchtowerClient(
        url=url,
        token=entry.data.get(CONF_WATCHTOWER_TOKEN, ""),
        session=async_get_clientsession(hass),
    )
    images: list[str] = call.data[ATTR_IMAGES]
    # A refused token is not a reauth: the token is changed by reconfiguring.
    try:
        before = await client.containers()
        summary = await client.update(images)
        after = await client.containers() if before is not None else None
    except MyflixError as err:
        raise backend_error(HomeAssistantError, err, "watchtower") from err
    response: dict[str, Any] = {
        "images": images,
        "summary": {k: v for k, v in vars(summary).items() if v is not None} or None,
    }
    if before is not None and after is not None:
        changed = changes(before, after)
        response |= {
            "method": "digests",
            "changed": changed,
            "unchanged": len(after) - len(changed),
        }
    else:
        # containrrr 1.7 says nothing: only the fork's counters, if any.
        response |= {
            "method": "summary" if response["summary"] else "none",
            "changed": None,
            "unchanged": None,
        }
    hass.bus.async_fire(
        EVENT_CONTAINERS_UPDATED, {**response, "entry_id": entry.entry_id}
    )
    return response
