"""Share gateway actions: create a signed link, revoke links, list them."""

from __future__ import annotations

from datetime import UTC, datetime
import ipaddress
from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
import homeassistant.helpers.config_validation as cv

from custom_components.myflix.engine.share import PathRefusedError, ShareLink
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    require_feature,
    resolve_entry,
    validation_error,
)

from . import SHARE
from .runtime import ShareRuntime, link_url

ATTR_PATH = "path"
ATTR_EXPIRES_IN = "expires_in"
ATTR_MAX_DOWNLOADS = "max_downloads"
ATTR_CLIENT_IP = "client_ip"
ATTR_ID = "id"
ATTR_ALL = "all"
MAX_EXPIRES_IN = 90 * 24 * 3600


def _normalised_ip(value: str) -> str:
    """Return an IP address in its canonical form (as the view sees the client)."""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError as err:
        raise vol.Invalid(f"not an IP address: {value}") from err


CREATE_SHARE_LINK_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Required(ATTR_PATH): vol.All(cv.string, vol.Length(min=1, max=4096)),
        vol.Optional(ATTR_EXPIRES_IN, default=86400): vol.All(
            vol.Coerce(int), vol.Range(min=60, max=MAX_EXPIRES_IN)
        ),
        vol.Optional(ATTR_MAX_DOWNLOADS): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=10000)
        ),
        vol.Optional(ATTR_CLIENT_IP): vol.All(cv.string, _normalised_ip),
    }
)
REVOKE_SHARE_LINKS_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Exclusive(ATTR_ID, "which"): cv.string,
        vol.Exclusive(ATTR_ALL, "which"): cv.boolean,
    }
)
LIST_SHARE_LINKS_SCHEMA = vol.Schema(ENTRY_FIELDS)


def _iso(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat()


def _share(call: ServiceCall) -> tuple[MyflixConfigEntry, ShareRuntime]:
    entry = resolve_entry(call)
    return entry, require_feature(
        entry, entry.runtime_data.get(SHARE), "share_not_configured"
    )


def _describe(link: ShareLink) -> dict[str, Any]:
    """Describe a link as actions show it: never its token or address."""
    return {
        "id": link.id,
        "path": link.path,
        "created_at": _iso(link.created_at),
        "expires_at": _iso(link.expires_at),
        "max_downloads": link.max_downloads,
        "downloads": link.downloads,
        "ip_bound": link.client_ip is not None,
    }


async def async_create_share_link(call: ServiceCall) -> ServiceResponse:
    """Sign a link to one file of a share root; answer its URL and expiry."""
    _entry, share = _share(call)
    path = call.data[ATTR_PATH]
    try:
        share_path = await call.hass.async_add_executor_job(
            share.server.guard.share_path, path
        )
    except PathRefusedError as err:
        raise validation_error(
            "share_path_refused", path=path, reason=err.reason.value
        ) from err
    link, token = await share.links.create(
        share_path,
        expires_in=call.data[ATTR_EXPIRES_IN],
        max_downloads=call.data.get(ATTR_MAX_DOWNLOADS),
        client_ip=call.data.get(ATTR_CLIENT_IP),
    )
    share.stats.changed(now=True)
    return {
        **_describe(link),
        "url": link_url(call.hass, token, share_path.rsplit("/", 1)[-1]),
    }


async def async_revoke_share_links(call: ServiceCall) -> ServiceResponse:
    """Revoke one link by id, or all of them (which also renews the secret)."""
    _entry, share = _share(call)
    if (link_id := call.data.get(ATTR_ID)) is not None:
        if not await share.links.revoke(link_id):
            raise validation_error("share_link_not_found", id=link_id)
        revoked = 1
    elif call.data.get(ATTR_ALL):
        revoked = await share.links.revoke_all()
    else:
        raise validation_error("share_revoke_what")
    share.stats.changed(now=True)
    return {"revoked": revoked}


async def async_list_share_links(call: ServiceCall) -> ServiceResponse:
    """List the links that can still be used (no tokens, no addresses)."""
    _entry, share = _share(call)
    links: list[Any] = [_describe(link) for link in share.links.active()]
    return {"count": len(links), "links": links}
