"""What every Myflix action shares: finding the entry and backend, errors, limits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import homeassistant.helpers.config_validation as cv

from .clients.errors import (
    MyflixAuthenticationError,
    MyflixError,
    MyflixValidationError,
)
from .const import BACKEND_NAMES, DOMAIN
from .coordinator import MyflixCoordinator, backend_error, failed_parts
from .entry import MyflixConfigEntry
from .schema import vol

ATTR_LIMIT = "limit"
ATTR_QUERY = "query"

# Every action may name its entry; it must when several are loaded.
ENTRY_FIELDS: dict[vol.Marker, Any] = {vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string}
TORRENT_HASH = vol.All(cv.string, vol.Strip, vol.Match(r"^[0-9a-fA-F]{40}$"), vol.Lower)
"""A torrent's info hash (40 hex characters), as qBittorrent writes it."""
# KiB/s; qBittorrent stores limits in bytes/s as a signed 32-bit int.
SPEED_LIMIT = vol.All(vol.Coerce(int), vol.Range(min=0, max=2**31 // 1024 - 1))
"""A qBittorrent speed limit in KiB/s (0 = none)."""


def limit_field(default: int, maximum: int) -> dict[vol.Marker, Any]:
    """Build the ``limit`` field: how many items a list response holds at most."""
    return {
        vol.Optional(ATTR_LIMIT, default=default): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=maximum)
        )
    }


# Longer texts (overviews, messages) are cut so responses stay small.
MAX_TEXT = 200


def validation_error(key: str, **placeholders: str) -> ServiceValidationError:
    """Build a translated error about something the caller can fix."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders,
    )


def resolve_entry(call: ServiceCall) -> MyflixConfigEntry:
    """Return the loaded entry the call names, or the only loaded one."""
    return find_entry(call.hass, call.data.get(ATTR_CONFIG_ENTRY_ID))


def find_entry(hass: HomeAssistant, entry_id: str | None) -> MyflixConfigEntry:
    """Return the loaded entry ``entry_id``, or the only loaded one when None."""
    if entry_id is not None:
        entry = hass.config_entries.async_get_entry(entry_id)
        if entry is None or entry.domain != DOMAIN:
            raise validation_error("entry_not_found", entry_id=entry_id)
        if entry.state is not ConfigEntryState.LOADED:
            raise validation_error("entry_not_loaded", entry=entry.title)
        return entry
    loaded: list[MyflixConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    if not loaded:
        raise validation_error("no_entry_loaded")
    if len(loaded) > 1:
        titles = ", ".join(entry.title for entry in loaded)
        raise validation_error("entry_required", entries=titles)
    return loaded[0]


def require_backend[RuntimeT](
    entry: MyflixConfigEntry, backend: str, runtime: RuntimeT | None
) -> RuntimeT:
    """Return the backend's runtime; raise if the entry does not have it."""
    if runtime is None:
        raise validation_error(
            "backend_not_configured", backend=BACKEND_NAMES[backend], entry=entry.title
        )
    return runtime


def require_feature[RuntimeT](
    entry: MyflixConfigEntry, runtime: RuntimeT | None, not_configured: str
) -> RuntimeT:
    """Return a feature's runtime; raise ``not_configured`` when the entry has none."""
    if runtime is None:
        raise validation_error(not_configured, entry=entry.title)
    return runtime


@contextmanager
def backend_errors(
    hass: HomeAssistant, entry: MyflixConfigEntry, backend: str
) -> Iterator[None]:
    """Turn client errors inside the block into translated HA errors.

    A refused credential also starts reauth, as a coordinator would.
    """
    try:
        yield
    except MyflixAuthenticationError as err:
        entry.async_start_reauth(hass)
        raise backend_error(HomeAssistantError, err, backend) from err
    except MyflixValidationError as err:
        raise validation_error(
            "backend_rejected", backend=BACKEND_NAMES[backend], error=str(err)
        ) from err
    except MyflixError as err:
        raise backend_error(HomeAssistantError, err, backend) from err


def current_data[DataT](coordinator: MyflixCoordinator[DataT]) -> DataT:
    """Return the coordinator's data, or raise its last failure, translated.

    Stale data is not served: a backend that stopped answering says so.
    """
    if coordinator.last_update_success and coordinator.data is not None:
        return coordinator.data
    err = coordinator.last_exception
    if isinstance(err, HomeAssistantError) and err.translation_key:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key=err.translation_key,
            translation_placeholders=err.translation_placeholders,
        ) from err
    raise HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key="backend_unavailable",
        translation_placeholders={"backend": BACKEND_NAMES[coordinator.backend]},
    )


def current_parts[DataT](coordinator: MyflixCoordinator[DataT], *parts: str) -> DataT:
    """Like ``current_data``, and raise if one of ``parts`` failed in that poll."""
    data = current_data(coordinator)
    failed = failed_parts(data)
    if (part := next((p for p in parts if p in failed), None)) is not None:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="endpoint_unavailable",
            translation_placeholders={
                "backend": BACKEND_NAMES[coordinator.backend],
                "endpoint": part,
                "error": failed[part],
            },
        )
    return data


def limited(items: Sequence[Any], limit: int, key: str = "items") -> dict[str, Any]:
    """Keep the first ``limit`` items; say how many there are and were left out."""
    return {
        "count": len(items),
        "left_out": max(len(items) - limit, 0),
        key: list(items[:limit]),
    }


def trim(text: str | None) -> str | None:
    """Cut a long text at a word boundary, marking the cut."""
    if text is None or len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT].rsplit(" ", 1)[0] + "…"


def percent(done: float, total: float) -> float:
    """``done`` of ``total`` in percent, one decimal (0 when the total is unknown)."""
    return round(100 * done / total, 1) if total > 0 else 0.0
