"""Killswitch actions: halt downloads by hand, release them, check the VPN now."""

from __future__ import annotations

from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
import homeassistant.helpers.config_validation as cv
import voluptuous as vol

from .coordinator import MyflixConfigEntry
from .engine.killswitch import (
    KillswitchEvent,
    KillswitchSnapshot,
    ReleaseRefusedError,
)
from .killswitch_runner import KillswitchRuntime
from .services_common import (
    ENTRY_FIELDS,
    backend_errors,
    resolve_entry,
    validation_error,
)

ATTR_REASON = "reason"

HALT_DOWNLOADS_SCHEMA = vol.Schema(
    {**ENTRY_FIELDS, vol.Optional(ATTR_REASON, default=""): cv.string}
)
KILLSWITCH_SCHEMA = vol.Schema(ENTRY_FIELDS)


def _killswitch(call: ServiceCall) -> tuple[MyflixConfigEntry, KillswitchRuntime]:
    """Return the call's entry and its killswitch (gluetun and qBittorrent needed)."""
    entry = resolve_entry(call)
    if (runtime := entry.runtime_data.killswitch) is None:
        raise validation_error("killswitch_not_configured", entry=entry.title)
    return entry, runtime


def _response(
    snapshot: KillswitchSnapshot, event: KillswitchEvent | None
) -> dict[str, Any]:
    """Return the state after the action and what it did (no addresses, no hashes)."""
    return {
        "state": snapshot.state.value,
        "verdict": snapshot.verdict.value,
        "reason": snapshot.reason.value,
        "detail": snapshot.detail,
        "stopped": snapshot.stopped,
        "event": {"type": event.type.value, **event.as_data()} if event else None,
    }


async def async_halt_downloads(call: ServiceCall) -> ServiceResponse:
    """Stop every torrent until ``release_downloads``, whatever the VPN says."""
    entry, runtime = _killswitch(call)
    with backend_errors(call.hass, entry, "qbittorrent"):
        event = await runtime.killswitch.halt(call.data[ATTR_REASON])
    return _response(runtime.snapshot, event)


async def async_release_downloads(call: ServiceCall) -> ServiceResponse:
    """Resume the torrents the killswitch holds; armed, only on a clean VPN."""
    entry, runtime = _killswitch(call)
    try:
        with backend_errors(call.hass, entry, "qbittorrent"):
            event = await runtime.killswitch.release()
    except ReleaseRefusedError as err:
        raise validation_error(
            "release_refused", reason=err.reason.value, detail=runtime.snapshot.detail
        ) from err
    return _response(runtime.snapshot, event)


async def async_check_vpn_now(call: ServiceCall) -> ServiceResponse:
    """Check the VPN once, now, and act on the verdict as the watcher would."""
    entry, runtime = _killswitch(call)
    with backend_errors(call.hass, entry, "qbittorrent"):
        event = await runtime.check_now()
    return _response(runtime.snapshot, event)
