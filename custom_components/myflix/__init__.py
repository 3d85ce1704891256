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
from .clients.errors import MyflixAuthenticationError
from .clients.gluetun import GluetunClient
from .clients.qbittorrent import QbittorrentClient
from .clients.radarr import RadarrClient
from .clients.sonarr import SonarrClient
from .const import CONF_ENTRY_KIND, DOMAIN, ENTRY_KIND_GEMINI
from .coordinator import backend_error
from .entity import async_remove_stale_devices
from .entry import MyflixConfigEntry, MyflixRuntimeData
from .features.arr import RADARR, SONARR
from .features.arr.coordinator import create_radarr_runtime, create_sonarr_runtime
from .features.conversation.setup import async_setup_conversation
from .features.healing import HEALING, HEALING_NEEDS
from .features.healing.runner import async_setup_healing
from .features.qbittorrent import QBITTORRENT
from .features.qbittorrent.coordinator import create_qbittorrent_runtime
from .features.share import SHARE
from .features.share.runtime import async_register_share_view, async_setup_share
from .features.tiering import TIERING
from .features.tiering.setup import async_setup_tiering
from .features.vpn import KILLSWITCH, KILLSWITCH_NEEDS, VPN
from .features.vpn.coordinator import create_vpn_runtime
from .features.vpn.killswitch import async_setup_killswitch
from .features.vpn.port_sync import async_setup_port_sync
from .issues import async_setup_issues
from .recovery import async_setup_recovery
from .services import async_setup_services
from .storage import EntryStore, async_remove_entry_stores

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)

# Seconds a backend gets to answer during setup; a slower one is set up as
# down and its coordinators keep retrying, so HA's start is not held up.
SETUP_DEADLINE = 1.0

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.CALENDAR,
    Platform.EVENT,
    Platform.NUMBER,
    Platform.SENSOR,
    Platform.SWITCH,
]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions once, so automations validate even without an entry.

    Also serves the share links (one view for every entry) and installs the
    blueprints and the Assist sentences (or updates them, unless the user
    edited them).
    """
    async_setup_services(hass)
    async_register_share_view(hass)
    async_setup_conversation(hass)
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

    runtime = MyflixRuntimeData(versions=versions)
    for client in clients.values():
        match client:
            case RadarrClient():
                runtime.set(RADARR, create_radarr_runtime(hass, entry, client))
            case SonarrClient():
                runtime.set(SONARR, create_sonarr_runtime(hass, entry, client))
            case QbittorrentClient():
                runtime.set(
                    QBITTORRENT, create_qbittorrent_runtime(hass, entry, client)
                )
            case GluetunClient():
                vpn_runtime = create_vpn_runtime(hass, entry, client)
                await vpn_runtime.rotation.restore(
                    EntryStore(hass, "rotation", entry.entry_id)
                )
                runtime.set(VPN, vpn_runtime)
    entry.runtime_data = runtime

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
    backends = set(clients)
    vpn, qbittorrent = runtime.get(VPN), runtime.get(QBITTORRENT)
    if KILLSWITCH_NEEDS.met(backends) and vpn is not None and qbittorrent is not None:
        # Before the platforms: an HA restart while tripped stays halted at once.
        runtime.set(
            KILLSWITCH, await async_setup_killswitch(hass, entry, vpn, qbittorrent)
        )
    runtime.set(SHARE, await async_setup_share(hass, entry))
    if HEALING_NEEDS.met(backends) and qbittorrent is not None:
        runtime.set(HEALING, await async_setup_healing(hass, entry, qbittorrent))
    async_setup_issues(hass, entry)
    async_setup_recovery(hass, entry)
    async_setup_port_sync(hass, entry)
    async_remove_stale_devices(
        hass, entry, *(["share"] if runtime.get(SHARE) is not None else [])
    )
    runtime.set(TIERING, await async_setup_tiering(hass, entry))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: MyflixConfigEntry) -> bool:
    """Unload the platforms of an entry."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Drop what a removed entry stored (killswitch state, VPN rotation, share links)."""
    await async_remove_entry_stores(hass, entry.entry_id)
