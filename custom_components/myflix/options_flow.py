"""Options flow for Myflix: a menu of pages (polling, VPN, healing, share, vault)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.config_entries import (
    ConfigFlowResult,
    OptionsFlowWithReload,
)
from homeassistant.helpers.selector import (
    BooleanSelector,
)

from .backends import (
    configured_backends,
)
from .const import (
    CONF_ARR_INTERVAL,
    CONF_CALENDAR_DAYS,
    CONF_FAIL_CLOSED_AFTER,
    CONF_KILLSWITCH_INTERVAL,
    CONF_LATENCY_WEIGHT,
    CONF_LIBRARY_INTERVAL,
    CONF_QBITTORRENT_INTERVAL,
    CONF_RELEASE_AFTER,
    CONF_TIERING_HOT_ROOTS,
    CONF_UNBOUND_IS_LEAK,
    DEFAULT_ARR_INTERVAL,
    DEFAULT_CALENDAR_DAYS,
    DEFAULT_FAIL_CLOSED_AFTER,
    DEFAULT_KILLSWITCH_INTERVAL,
    DEFAULT_LATENCY_WEIGHT,
    DEFAULT_LIBRARY_INTERVAL,
    DEFAULT_QBITTORRENT_INTERVAL,
    DEFAULT_RELEASE_AFTER,
)
from .features.healing import HEALING_NEEDS
from .features.healing.options import healing_options_schema
from .features.share.options import async_share_errors, share_schema
from .features.tiering.options import TIERING_ONLY, tiering_schema, validate_tiering
from .features.vault.options import vault_errors, vault_schema
from .features.vpn import VPN_NEEDS
from .options_fields import whole_number
from .schema import vol


@dataclass(frozen=True, kw_only=True)
class _Option:
    """One tunable: its default, bounds, unit, and the backends it applies to."""

    key: str
    default: int
    minimum: int
    maximum: int
    unit: str
    backends: frozenset[str]


_ARR = frozenset({"radarr", "sonarr"})
_VPN = VPN_NEEDS.all_of
_OPTIONS: tuple[_Option, ...] = (
    _Option(
        key=CONF_QBITTORRENT_INTERVAL, default=DEFAULT_QBITTORRENT_INTERVAL,
        minimum=2, maximum=300, unit="s", backends=frozenset({"qbittorrent"}),
    ),
    _Option(
        key=CONF_ARR_INTERVAL, default=DEFAULT_ARR_INTERVAL,
        minimum=10, maximum=3600, unit="s", backends=_ARR,
    ),
    _Option(
        key=CONF_LIBRARY_INTERVAL, default=DEFAULT_LIBRARY_INTERVAL,
        minimum=10, maximum=1440, unit="min", backends=_ARR,
    ),
    _Option(
        key=CONF_CALENDAR_DAYS, default=DEFAULT_CALENDAR_DAYS,
        minimum=1, maximum=90, unit="d", backends=_ARR,
    ),
    _Option(
        key=CONF_KILLSWITCH_INTERVAL, default=DEFAULT_KILLSWITCH_INTERVAL,
        minimum=50, maximum=60000, unit="ms", backends=_VPN,
    ),
    _Option(
        key=CONF_FAIL_CLOSED_AFTER, default=DEFAULT_FAIL_CLOSED_AFTER,
        minimum=1, maximum=3600, unit="s", backends=_VPN,
    ),
    _Option(
        key=CONF_RELEASE_AFTER, default=DEFAULT_RELEASE_AFTER,
        minimum=1, maximum=100, unit="checks", backends=_VPN,
    ),
    _Option(
        key=CONF_LATENCY_WEIGHT, default=DEFAULT_LATENCY_WEIGHT,
        minimum=0, maximum=100, unit="%", backends=_VPN,
    ),
)  # fmt: skip


def _numbers(
    options: Mapping[str, Any], keys: frozenset[str], configured: set[str]
) -> dict[vol.Marker, Any]:
    """Return the number fields of ``keys`` that apply to the configured backends."""
    return {
        vol.Required(
            option.key, default=options.get(option.key, option.default)
        ): whole_number(option.minimum, option.maximum, option.unit)
        for option in _OPTIONS
        if option.key in keys and option.backends & configured
    }


_POLLING = frozenset(
    {
        CONF_QBITTORRENT_INTERVAL,
        CONF_ARR_INTERVAL,
        CONF_LIBRARY_INTERVAL,
        CONF_CALENDAR_DAYS,
    }
)
_VPN_NUMBERS = frozenset(
    {
        CONF_KILLSWITCH_INTERVAL,
        CONF_FAIL_CLOSED_AFTER,
        CONF_RELEASE_AFTER,
        CONF_LATENCY_WEIGHT,
    }
)


class MyflixOptionsFlow(OptionsFlowWithReload):
    """A menu of option pages, one per capability; saving a page reloads the entry."""

    @property
    def _configured(self) -> set[str]:
        return {backend.key for backend in configured_backends(self.config_entry.data)}

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer the pages that apply to this entry's backends."""
        configured = self._configured
        pages = ["polling"]
        if VPN_NEEDS.met(configured):
            pages.append("vpn")
        if HEALING_NEEDS.met(configured):
            pages.append("healing")
        pages += ["share", "vault", "tiering"]
        return self.async_show_menu(step_id="init", menu_options=pages)

    async def async_step_polling(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Tune the polling intervals and the calendar window."""
        schema = _numbers(self._options(user_input), _POLLING, self._configured)
        return await self._page("polling", schema, user_input)

    async def async_step_vpn(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Tune the killswitch's timing and the rotation's latency weight."""
        options = self._options(user_input)
        schema = _numbers(options, _VPN_NUMBERS, self._configured)
        unbound = options.get(CONF_UNBOUND_IS_LEAK, False)
        schema[vol.Required(CONF_UNBOUND_IS_LEAK, default=unbound)] = BooleanSelector()
        return await self._page("vpn", schema, user_input)

    async def async_step_healing(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Tune self-healing: interval, strikes, floors and protections."""
        schema = healing_options_schema(self._options(user_input))
        return await self._page("healing", schema, user_input)

    async def async_step_share(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Set the share gateway's roots and per-address limits."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = await async_share_errors(self.hass, user_input)
        schema = share_schema(self._options(user_input))
        return await self._page("share", schema, user_input, errors)

    async def async_step_vault(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Set the vault's recipients, folder and retention."""
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None:
            errors, placeholders = vault_errors(user_input)
        schema = vault_schema(self._options(user_input))
        return await self._page("vault", schema, user_input, errors, placeholders)

    async def async_step_tiering(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Set the hot and archive folders, the mode, watermarks and filters."""
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None:
            errors, placeholders = await self.hass.async_add_executor_job(
                validate_tiering, self.hass, user_input
            )
            if not errors and not user_input.get(CONF_TIERING_HOT_ROOTS):
                # Without hot folders tiering is off: its settings are not kept
                # (the archive folder is: the vault may live below it).
                user_input = {
                    k: v for k, v in user_input.items() if k not in TIERING_ONLY
                }
        schema = tiering_schema(dict(self._options(user_input)))
        return await self._page("tiering", schema, user_input, errors, placeholders)

    def _options(self, user_input: Mapping[str, Any] | None) -> Mapping[str, Any]:
        """Return the options, with what the user just typed when a page is shown again."""
        return {**self.config_entry.options, **(user_input or {})}

    async def _page(
        self,
        step_id: str,
        schema: dict[vol.Marker, Any],
        user_input: dict[str, Any] | None,
        errors: dict[str, str] | None = None,
        placeholders: dict[str, str] | None = None,
    ) -> ConfigFlowResult:
        """Save a page's fields over the other options, or show it (again)."""
        if user_input is not None and not errors:
            # NumberSelector hands back floats; the coordinators want whole units.
            changes = {
                key: value if isinstance(value, bool | str) else int(value)
                for key, value in user_input.items()
                if not isinstance(value, str) or value.strip()
            }
            # A field left empty is dropped, not kept from before.
            page = {str(marker) for marker in schema}
            kept = {k: v for k, v in self.config_entry.options.items() if k not in page}
            return self.async_create_entry(data={**kept, **changes})
        return self.async_show_form(
            step_id=step_id,
            data_schema=vol.Schema(schema),
            errors=errors or {},
            description_placeholders=placeholders,
        )
