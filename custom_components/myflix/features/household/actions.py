"""Actions of the household hold: ``hold_for_playback`` and ``end_playback_hold``."""

from __future__ import annotations

from homeassistant.core import ServiceCall, ServiceResponse
import homeassistant.helpers.config_validation as cv

from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    SPEED_LIMIT,
    backend_errors,
    require_backend,
    resolve_entry,
)

from . import HOLD
from .hold import KIB, PlaybackHold, Throttle

ATTR_ALTERNATIVE = "alternative"
ATTR_DOWNLOAD_LIMIT = "download_limit"
ATTR_UPLOAD_LIMIT = "upload_limit"

HOLD_FOR_PLAYBACK_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_ALTERNATIVE): cv.boolean,
        vol.Optional(ATTR_DOWNLOAD_LIMIT): SPEED_LIMIT,
        vol.Optional(ATTR_UPLOAD_LIMIT): SPEED_LIMIT,
    }
)
END_PLAYBACK_HOLD_SCHEMA = vol.Schema(ENTRY_FIELDS)


def _hold(entry: MyflixConfigEntry) -> PlaybackHold:
    return require_backend(entry, "qbittorrent", entry.runtime_data.get(HOLD))


def _throttle(call: ServiceCall) -> Throttle:
    """Read the throttle: the alternative limits, unless limits are given (KiB/s)."""
    download, upload = (
        call.data.get(ATTR_DOWNLOAD_LIMIT),
        call.data.get(ATTR_UPLOAD_LIMIT),
    )
    given = download is not None or upload is not None
    return Throttle(
        alternative=call.data.get(ATTR_ALTERNATIVE, not given),
        download_limit=None if download is None else download * KIB,
        upload_limit=None if upload is None else upload * KIB,
    )


async def async_hold_for_playback(call: ServiceCall) -> ServiceResponse:
    """Slow qBittorrent down and make tiering wait; remember what it had."""
    entry = resolve_entry(call)
    hold = _hold(entry)
    with backend_errors(call.hass, entry, "qbittorrent"):
        return await hold.async_hold(_throttle(call))


async def async_end_playback_hold(call: ServiceCall) -> ServiceResponse:
    """Put back exactly what the hold replaced; let tiering go on."""
    entry = resolve_entry(call)
    hold = _hold(entry)
    with backend_errors(call.hass, entry, "qbittorrent"):
        return await hold.async_release()
