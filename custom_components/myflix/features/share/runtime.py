"""The share gateway in Home Assistant: roots, store, limits, the view, events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import os
import re
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiohttp import web
from homeassistant.components.http.ban import process_wrong_login
from homeassistant.core import HassJob, HomeAssistant, callback
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView
from homeassistant.helpers.network import NoURLAvailableError, get_url
from homeassistant.util import dt as dt_util

from custom_components.myflix.const import (
    CONF_SHARE_BANDWIDTH,
    CONF_SHARE_DOWNLOADS_PER_IP,
    CONF_SHARE_REQUESTS_PER_SECOND,
    CONF_SHARE_ROOTS,
    DEFAULT_SHARE_BANDWIDTH,
    DEFAULT_SHARE_DOWNLOADS_PER_IP,
    DEFAULT_SHARE_REQUESTS_PER_SECOND,
    DOMAIN,
    LOGGER,
)
from custom_components.myflix.engine.share import (
    BandwidthLimiter,
    DownloadSlots,
    PathGuard,
    RequestLimiter,
    ShareLink,
    ShareLinks,
    TokenError,
    TokenRefusal,
)
from custom_components.myflix.history import async_record
from custom_components.myflix.storage import EntryStore

from . import SHARE
from .server import ShareServer, ShareStats

if TYPE_CHECKING:
    from custom_components.myflix.entry import MyflixConfigEntry

EVENT_DOWNLOADED = f"{DOMAIN}_share_downloaded"
SHARE_URL = "/api/myflix/share/{token}/{filename}"
MIB = 1024 * 1024


def share_roots(options: Mapping[str, Any]) -> list[str]:
    """Split the configured share roots (one directory a line)."""
    text = str(options.get(CONF_SHARE_ROOTS) or "")
    return [line.strip() for line in re.split(r"[\r\n]+", text) if line.strip()]


def root_names(roots: list[str]) -> dict[str, str]:
    """Name each root by its last folder, made unique with ``-2``, ``-3``…."""
    names: dict[str, str] = {}
    for root in roots:
        base = os.path.basename(os.path.normpath(root)) or "root"
        name, n = base, 1
        while name in names:
            n += 1
            name = f"{base}-{n}"
        names[name] = root
    return names


def invalid_root(hass: HomeAssistant, root: str) -> str | None:
    """Return the error key of a root that may not be shared, else None (blocking)."""
    if not os.path.isabs(root) or not os.path.isdir(root):
        return "share_root_missing"
    if not hass.config.is_allowed_path(root):
        return "share_root_not_allowed"
    return None


@dataclass(kw_only=True)
class ShareRuntime:
    """An entry's share gateway."""

    server: ShareServer

    @property
    def links(self) -> ShareLinks:
        """Return the link registry."""
        return self.server.links

    @property
    def stats(self) -> ShareStats:
        """Return the counters the sensors show."""
        return self.server.stats


def link_url(hass: HomeAssistant, token: str, filename: str) -> str:
    """Build the public URL of a link: HA's external URL, else its internal one.

    Without any configured or detectable URL, the path alone is returned.
    """
    path = SHARE_URL.format(token=token, filename=quote(filename, safe=""))
    try:
        base = get_url(hass, prefer_external=True, allow_ip=True)
    except NoURLAvailableError:
        return path
    return f"{base}{path}"


async def async_setup_share(
    hass: HomeAssistant, entry: MyflixConfigEntry
) -> ShareRuntime | None:
    """Start the gateway of an entry with share roots; None without any."""
    if not (roots := share_roots(entry.options)):
        return None
    usable: dict[str, str] = {}
    for name, root in root_names(roots).items():
        if (
            error := await hass.async_add_executor_job(invalid_root, hass, root)
        ) is None:
            usable[name] = root
        else:
            LOGGER.warning("Share root %s is not shared: %s", root, error)
    options = entry.options
    # Private (0600): the document holds the signing secret.
    links = ShareLinks(
        EntryStore(hass, "share", entry.entry_id, private=True), time.time
    )
    await links.restore()
    guard = await hass.async_add_executor_job(PathGuard, usable)

    @callback
    def downloaded(link: ShareLink, completed: int) -> None:
        # No token, no IP, no secret: which link, which file, how often.
        file = link.path.rsplit("/", 1)[-1]
        data = {
            "id": link.id,
            "file": file,
            "downloads": link.downloads,
            "max_downloads": link.max_downloads,
        }
        hass.bus.async_fire(EVENT_DOWNLOADED, {"entry_id": entry.entry_id, **data})
        async_record(
            entry,
            "share_downloaded",
            title=file,
            reason="link_used",
            evidence={k: v for k, v in data.items() if k != "file"},
        )

    server = ShareServer(
        links=links,
        guard=guard,
        requests=RequestLimiter(
            options.get(
                CONF_SHARE_REQUESTS_PER_SECOND, DEFAULT_SHARE_REQUESTS_PER_SECOND
            ),
            time.monotonic,
        ),
        slots=DownloadSlots(
            options.get(CONF_SHARE_DOWNLOADS_PER_IP, DEFAULT_SHARE_DOWNLOADS_PER_IP)
        ),
        bandwidth=BandwidthLimiter(
            int(options.get(CONF_SHARE_BANDWIDTH, DEFAULT_SHARE_BANDWIDTH) * MIB),
            time.monotonic,
        ),
        stats=ShareStats(today=lambda: dt_util.now().date()),
        run_blocking=hass.async_add_executor_job,
        on_refused_token=process_wrong_login,
        on_download=downloaded,
    )
    # Downloads end promptly on unload, and at HA stop (entries are not unloaded).
    entry.async_on_unload(server.close)
    entry.async_on_unload(
        hass.async_add_shutdown_job(
            HassJob(_async_close, "myflix share gateway"), server
        )
    )
    return ShareRuntime(server=server)


async def _async_close(server: ShareServer) -> None:
    server.close()


@callback
def async_register_share_view(hass: HomeAssistant) -> None:
    """Register the one share view, from ``async_setup`` (before HTTP starts).

    It answers for every entry's gateway, and 404 while none is loaded.
    """
    hass.http.register_view(ShareView())


def _gateways(hass: HomeAssistant) -> list[ShareServer]:
    entries: list[MyflixConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    return [
        share.server
        for entry in entries
        if (share := entry.runtime_data.get(SHARE)) is not None
    ]


class ShareView(HomeAssistantView):
    """Serves share links to anyone holding one: the token is the credential."""

    url = SHARE_URL
    name = f"api:{DOMAIN}:share"
    requires_auth = False

    async def get(
        self, request: web.Request, token: str, filename: str
    ) -> web.StreamResponse:
        """Serve a file (or a range of it) a link grants."""
        hass = request.app[KEY_HASS]
        servers = _gateways(hass)
        if not servers:
            await process_wrong_login(request)
            return web.Response(status=404)
        ip = request.remote or ""
        for server in servers:
            if (limited := server.throttle(ip)) is not None:
                return limited
        refusal: TokenError | None = None
        for server in servers:
            try:
                link = server.links.authorize(token, ip)
            except TokenError as err:
                # A link of another entry fails the signature there: keep the telling reason.
                if refusal is None or refusal.reason is TokenRefusal.FORGED:
                    refusal = err
                continue
            return await server.serve_link(request, link, filename)
        assert refusal is not None
        return await servers[0].refuse_token(request, refusal)

    head = get
