"""The Myflix integration: a home media stack run from Home Assistant."""

from __future__ import annotations

from aiohttp import ClientSession, CookieJar
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
from homeassistant.helpers.aiohttp_client import (
    async_create_clientsession,
    async_get_clientsession,
)

from .backends import (
    BackendDescription,
    async_check_clients,
    create_clients,
    error_key,
)
from .clients.errors import MyflixAuthenticationError
from .const import DOMAIN
from .coordinator import MyflixConfigEntry, MyflixRuntimeData

PLATFORMS: list[Platform] = []


async def async_setup_entry(hass: HomeAssistant, entry: MyflixConfigEntry) -> bool:
    """Connect every configured backend, then set up the platforms."""
    shared = async_get_clientsession(hass)

    def session_for(backend: BackendDescription) -> ClientSession:
        # qBittorrent logs in with a cookie; IP hosts need an unsafe jar of its own.
        if backend.needs_cookies:
            return async_create_clientsession(hass, cookie_jar=CookieJar(unsafe=True))
        return shared

    clients = create_clients(entry.data, session_for)
    versions, failures = await async_check_clients(clients)
    for key, err in failures.items():
        placeholders = {"backend": key.capitalize(), "error": str(err)}
        if isinstance(err, MyflixAuthenticationError):
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN,
                translation_key="auth_failed",
                translation_placeholders=placeholders,
            ) from err
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key=error_key(err),
            translation_placeholders=placeholders,
        ) from err
    entry.runtime_data = MyflixRuntimeData.from_clients(clients.values(), versions)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: MyflixConfigEntry) -> bool:
    """Unload the platforms of an entry."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
