"""The card's websocket commands: follow an entry's media, remove a download.

Reading is for every signed-in user; removing a download (and its files) is
for administrators only, as HA's own destructive commands are.
"""

from __future__ import annotations

import logging
from typing import Any

from homeassistant.components import websocket_api
from homeassistant.core import HomeAssistant, callback

from custom_components.myflix.features.arr import ARR
from custom_components.myflix.features.card import CARD
from custom_components.myflix.features.card.feed import MediaFeed, tracked_by_apps
from custom_components.myflix.features.healing import HEALING
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.features.vpn import KILLSWITCH
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    TORRENT_HASH,
    backend_errors,
    find_entry,
    require_backend,
    validation_error,
)

_LOGGER = logging.getLogger(__name__)

MAX_DAYS = 30
"""The calendar coordinators read 30 days ahead by default."""


@callback
def async_register_commands(hass: HomeAssistant) -> None:
    """Register the card's commands (once per HA start)."""
    websocket_api.async_register_command(hass, ws_subscribe_media)
    websocket_api.async_register_command(hass, ws_remove_download)


@websocket_api.websocket_command(
    {
        vol.Required("type"): "myflix/media/subscribe",
        vol.Optional("entry_id"): str,
        vol.Optional("days", default=7): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=MAX_DAYS)
        ),
    }
)
@callback
def ws_subscribe_media(
    hass: HomeAssistant,
    connection: websocket_api.ActiveConnection,
    msg: dict[str, Any],
) -> None:
    """Send the queue, the releases coming up and the glances, then what changes."""
    try:
        entry = find_entry(hass, msg.get("entry_id"))
    except Exception as err:  # noqa: BLE001 - answered, translated, as an error
        connection.async_handle_exception(msg, err)
        return
    if (part := entry.runtime_data.get(CARD)) is None:
        connection.async_handle_exception(
            msg, validation_error("card_not_available", entry=entry.title)
        )
        return
    feed = MediaFeed(hass, entry, part, connection, msg_id=msg["id"], days=msg["days"])
    connection.subscriptions[msg["id"]] = feed.stop
    connection.send_result(msg["id"])
    feed.start()


@websocket_api.require_admin
@websocket_api.websocket_command(
    {
        vol.Required("type"): "myflix/media/remove",
        vol.Optional("entry_id"): str,
        vol.Required("hash"): TORRENT_HASH,
        vol.Optional("delete_files", default=False): bool,
    }
)
@websocket_api.async_response
async def ws_remove_download(
    hass: HomeAssistant,
    connection: websocket_api.ActiveConnection,
    msg: dict[str, Any],
) -> None:
    """Remove a download: through the app that follows it, else from qBittorrent.

    Through Radarr or Sonarr the queue record goes with the torrent (the app
    removes it from qBittorrent with its files); without an app, qBittorrent
    removes it, with its files when asked.
    """
    entry = find_entry(hass, msg.get("entry_id"))
    runtime = entry.runtime_data
    qbittorrent = require_backend(entry, "qbittorrent", runtime.get(QBITTORRENT))
    torrent_hash: str = msg["hash"]
    main = qbittorrent.sync.data
    if main is not None and torrent_hash not in main.torrents:
        raise validation_error("unknown_torrents", hashes=torrent_hash)
    if (tracked := tracked_by_apps(entry).get(torrent_hash)) is not None:
        source = tracked.source
        arr = require_backend(entry, source, runtime.get(ARR[source]))
        with backend_errors(hass, entry, source):
            await arr.client.delete_queue_item(tracked.item.id, remove_from_client=True)
        await arr.status.async_refresh()
    else:
        source = "qbittorrent"
        with backend_errors(hass, entry, source):
            await qbittorrent.client.delete(
                [torrent_hash], delete_files=msg["delete_files"]
            )
    # Neither the killswitch nor the healer looks after it any more.
    if (guard := runtime.get(KILLSWITCH)) is not None:
        await guard.killswitch.forget([torrent_hash])
    if (healing := runtime.get(HEALING)) is not None:
        await healing.forget([torrent_hash])
    await qbittorrent.sync.async_refresh()
    _LOGGER.debug("Removed download %s through %s", torrent_hash[:8], source)
    connection.send_result(msg["id"], {"hash": torrent_hash, "removed_by": source})
