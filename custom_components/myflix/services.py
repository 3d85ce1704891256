"""Myflix actions with responses, registered once in ``async_setup``.

The handlers live in each capability's ``features/<capability>/actions.py``
(``features/arr/add.py`` adds titles); ``services_common`` finds the entry
and maps errors.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.helpers.typing import VolSchemaType

from .const import DOMAIN
from .features.arr.actions import (
    GET_QUEUE_SCHEMA,
    GET_UPCOMING_SCHEMA,
    SEARCH_MEDIA_SCHEMA,
    async_get_queue,
    async_get_upcoming,
    async_search_media,
)
from .features.arr.add import (
    ADD_MOVIE_SCHEMA,
    ADD_SERIES_SCHEMA,
    async_add_movie,
    async_add_series,
)
from .features.containers.actions import (
    UPDATE_CONTAINERS_SCHEMA,
    async_update_containers,
)
from .features.healing.actions import (
    FORGET_STRIKES_SCHEMA,
    HEAL_NOW_SCHEMA,
    LIST_STRIKES_SCHEMA,
    async_forget_strikes,
    async_heal_now,
    async_list_strikes,
)
from .features.healing.clean import CLEAN_SCHEMA, async_clean
from .features.qbittorrent.actions import (
    GET_TORRENTS_SCHEMA,
    SET_SPEED_LIMITS_SCHEMA,
    SWITCH_SCHEMA,
    async_get_torrents,
    async_pause_downloads,
    async_resume_downloads,
    async_set_speed_limits,
)
from .features.qbittorrent.space import GET_FREE_SPACE_SCHEMA, async_get_free_space
from .features.share.actions import (
    CREATE_SHARE_LINK_SCHEMA,
    LIST_SHARE_LINKS_SCHEMA,
    REVOKE_SHARE_LINKS_SCHEMA,
    async_create_share_link,
    async_list_share_links,
    async_revoke_share_links,
)
from .features.tiering.actions import (
    PLAN_TIERING_SCHEMA,
    RUN_TIERING_SCHEMA,
    TIERING_SCHEMA,
    async_cancel_tiering,
    async_get_storage_status,
    async_plan_tiering,
    async_run_tiering,
)
from .features.vault.actions import (
    BACKUP_VAULT_SCHEMA,
    VERIFY_VAULT_SCHEMA,
    async_backup_vault_action,
    async_verify_vault,
)
from .features.vpn.actions import (
    HALT_DOWNLOADS_SCHEMA,
    KILLSWITCH_SCHEMA,
    ROTATE_VPN_SCHEMA,
    async_check_vpn_now,
    async_halt_downloads,
    async_release_downloads,
    async_rotate_vpn,
)
from .features.vpn.status import GET_VPN_STATUS_SCHEMA, async_get_vpn_status

type ActionHandler = Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]

# Reads only answer with data; actions that change something may be fired and
# forgotten, or asked what they did.
ACTIONS: tuple[tuple[str, ActionHandler, VolSchemaType, SupportsResponse], ...] = (
    ("get_queue", async_get_queue, GET_QUEUE_SCHEMA, SupportsResponse.ONLY),
    ("get_upcoming", async_get_upcoming, GET_UPCOMING_SCHEMA, SupportsResponse.ONLY),
    ("search_media", async_search_media, SEARCH_MEDIA_SCHEMA, SupportsResponse.ONLY),
    ("add_movie", async_add_movie, ADD_MOVIE_SCHEMA, SupportsResponse.OPTIONAL),
    ("add_series", async_add_series, ADD_SERIES_SCHEMA, SupportsResponse.OPTIONAL),
    ("get_torrents", async_get_torrents, GET_TORRENTS_SCHEMA, SupportsResponse.ONLY),
    ("pause_downloads", async_pause_downloads, SWITCH_SCHEMA, SupportsResponse.OPTIONAL),
    ("resume_downloads", async_resume_downloads, SWITCH_SCHEMA, SupportsResponse.OPTIONAL),
    ("set_speed_limits", async_set_speed_limits, SET_SPEED_LIMITS_SCHEMA, SupportsResponse.OPTIONAL),
    ("halt_downloads", async_halt_downloads, HALT_DOWNLOADS_SCHEMA, SupportsResponse.OPTIONAL),
    ("release_downloads", async_release_downloads, KILLSWITCH_SCHEMA, SupportsResponse.OPTIONAL),
    ("check_vpn_now", async_check_vpn_now, KILLSWITCH_SCHEMA, SupportsResponse.OPTIONAL),
    ("rotate_vpn", async_rotate_vpn, ROTATE_VPN_SCHEMA, SupportsResponse.OPTIONAL),
    ("create_share_link", async_create_share_link, CREATE_SHARE_LINK_SCHEMA, SupportsResponse.ONLY),
    ("revoke_share_links", async_revoke_share_links, REVOKE_SHARE_LINKS_SCHEMA, SupportsResponse.OPTIONAL),
    ("list_share_links", async_list_share_links, LIST_SHARE_LINKS_SCHEMA, SupportsResponse.ONLY),
    ("backup_vault", async_backup_vault_action, BACKUP_VAULT_SCHEMA, SupportsResponse.OPTIONAL),
    ("verify_vault", async_verify_vault, VERIFY_VAULT_SCHEMA, SupportsResponse.ONLY),
    ("update_containers", async_update_containers, UPDATE_CONTAINERS_SCHEMA, SupportsResponse.OPTIONAL),
    ("get_vpn_status", async_get_vpn_status, GET_VPN_STATUS_SCHEMA, SupportsResponse.ONLY),
    ("heal_now", async_heal_now, HEAL_NOW_SCHEMA, SupportsResponse.OPTIONAL),
    ("list_strikes", async_list_strikes, LIST_STRIKES_SCHEMA, SupportsResponse.ONLY),
    ("forget_strikes", async_forget_strikes, FORGET_STRIKES_SCHEMA, SupportsResponse.OPTIONAL),
    ("clean", async_clean, CLEAN_SCHEMA, SupportsResponse.OPTIONAL),
    ("plan_tiering", async_plan_tiering, PLAN_TIERING_SCHEMA, SupportsResponse.ONLY),
    ("run_tiering", async_run_tiering, RUN_TIERING_SCHEMA, SupportsResponse.OPTIONAL),
    ("cancel_tiering", async_cancel_tiering, TIERING_SCHEMA, SupportsResponse.OPTIONAL),
    ("get_storage_status", async_get_storage_status, TIERING_SCHEMA, SupportsResponse.ONLY),
    ("get_free_space", async_get_free_space, GET_FREE_SPACE_SCHEMA, SupportsResponse.ONLY),
)  # fmt: skip


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the Myflix actions."""
    for name, handler, schema, supports_response in ACTIONS:
        hass.services.async_register(
            DOMAIN, name, handler, schema=schema, supports_response=supports_response
        )
