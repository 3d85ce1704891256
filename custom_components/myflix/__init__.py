"""The Myflix integration: a home media stack run from Home Assistant."""

from __future__ import annotations

import asyncio

from aiohttp import ClientSession, CookieJar
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    ConfigEntryError,
    ConfigEntryNotReady,
)
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.aiohttp_client import (
    async_create_clientsession,
    async_get_clientsession,
)
from homeassistant.helpers.typing import ConfigType
from homeassistant.helpers.update_coordinator import UpdateFailed

from .backends import (
    BackendDescription,
    async_check_clients,
    create_clients,
)
from .blueprint_installer import async_install_blueprints, async_install_sentences
from .catalog import FEATURES
from .clients.errors import MyflixAuthenticationError
from .const import CONF_ENTRY_KIND, DOMAIN, ENTRY_KIND_GEMINI
from .coordinator import backend_error
from .entity import async_remove_stale_devices
from .entry import MyflixConfigEntry, MyflixRuntimeData
from .issues import async_setup_issues
from .recovery import async_setup_recovery
from .services import async_setup_services
from .storage import async_remove_entry_stores

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)

# Seconds a backend gets to answer during setup; a slower one is set up as
# down and its coordinators keep retrying, so HA's start is not held up.
SETUP_DEADLINE = 1.0

# Every platform a feature adds entities to.
PLATFORMS: list[Platform] = sorted({p for f in FEATURES for p in f.entities})


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions once, so automations validate even without an entry.

    Also lets each feature register what serves every entry (the share view,
    the conversation tools), and installs the blueprints and the Assist
    sentences (or updates them, unless the user edited them).
    """
    async_setup_services(hass)
    for feature in FEATURES:
        if feature.async_register is not None:
            feature.async_register(hass)
    await async_install_blueprints(hass)
    await async_install_sentences(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: MyflixConfigEntry) -> bool:
    """Connect the configured backends, start their coordinators, add entities."""
    if entry.data.get(CONF_ENTRY_KIND) == ENTRY_KIND_GEMINI:
        # Myflix's own Gemini agent is gone: HA's Google Gemini agent has the tools.
        raise ConfigEntryError(
            translation_domain=DOMAIN, translation_key="gemini_entry_removed"
        )
    shared = async_get_clientsession(hass)

    def session_for(backend: BackendDescription) -> ClientSession:
        # qBittorrent logs in with a cookie; IP hosts need an unsafe jar of its own.
        if backend.needs_cookies:
            return async_create_clientsession(hass, cookie_jar=CookieJar(unsafe=True))
        return shared

    clients = create_clients(entry.data, session_for)
    versions, failures = await async_check_clients(clients, deadline=SETUP_DEADLINE)
    for key, err in failures.items():
        if isinstance(err, MyflixAuthenticationError):
            raise backend_error(ConfigEntryAuthFailed, err, key) from err
    if failures and len(failures) == len(clients):
        key, err = next(iter(failures.items()))
        raise backend_error(ConfigEntryNotReady, err, key) from err

    entry.runtime_data = runtime = MyflixRuntimeData(versions=versions)
    features = [f for f in FEATURES if f.needs.met(clients)]
    for feature in features:
        if feature.async_connect is not None:
            await feature.async_connect(hass, entry, clients)

    # A backend that is down does not hold the others back: its entities stay
    # unavailable and its coordinators keep retrying on their own schedule.
    reachable = [c for c in runtime.coordinators() if c.backend not in failures]
    for coordinator in runtime.coordinators():
        if (failure := failures.get(coordinator.backend)) is not None:
            coordinator.async_set_update_error(
                backend_error(UpdateFailed, failure, coordinator.backend)
            )
    # Not the first refresh that raises "not ready": one endpoint that fails or
    # answers garbage makes only its own entities unavailable, and the
    # coordinator retries on its schedule; the entry still loads.
    await asyncio.gather(*(coordinator.async_refresh() for coordinator in reachable))
    for feature in features:
        if feature.async_start is not None:
            await feature.async_start(hass, entry)
    async_setup_issues(hass, entry)
    async_setup_recovery(hass, entry)
    async_remove_stale_devices(
        hass, entry, *(device for f in features for device in f.devices(runtime))
    )
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: MyflixConfigEntry) -> bool:
    """Unload the platforms of an entry."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Drop what a removed entry stored (killswitch state, VPN rotation, share links)."""
    await async_remove_entry_stores(hass, entry.entry_id)
