"""Options flow for Myflix: polling intervals, calendar days and the killswitch tuning."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.config_entries import (
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
)
import voluptuous as vol

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
from .options_share import async_share_errors, share_schema
from .options_vault import vault_changes, vault_errors, vault_schema
from .tiering_options import (
    TIERING_FIELDS,
    TIERING_ONLY,
    tiering_schema,
    validate_tiering,
)


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
_VPN = frozenset({"gluetun"})
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


class MyflixOptionsFlow(OptionsFlow):
    """Tune polling intervals and the calendar window; the entry then reloads."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the options of the configured backends only."""
        options: Mapping[str, Any] = self.config_entry.options
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None:
            errors, placeholders = vault_errors(user_input)
        if user_input is not None and not errors:
            errors, tiering_placeholders = await self.hass.async_add_executor_job(
                validate_tiering, self.hass, user_input
            )
            if errors:  # the folder the error names
                placeholders |= tiering_placeholders
        if user_input is not None and not errors:
            # NumberSelector hands back floats; the coordinators want whole units.
            changes = {
                key: value if isinstance(value, bool | str) else int(value)
                for key, value in user_input.items()
            }
            # Without hot folders tiering is off: its settings are not kept
            # (the archive folder is, the vault may live below it).
            if not changes.get(CONF_TIERING_HOT_ROOTS):
                changes = {k: v for k, v in changes.items() if k not in TIERING_ONLY}
            if not (errors := await async_share_errors(self.hass, changes)):
                # An emptied text field is left out of the input: it clears it.
                kept = {k: v for k, v in options.items() if k not in TIERING_FIELDS}
                data = vault_changes(user_input, {**kept, **changes})
                return self.async_create_entry(data=data)
            options = {**options, **changes}
        configured = {
            backend.key for backend in configured_backends(self.config_entry.data)
        }
        schema: dict[vol.Marker, Any] = {
            vol.Required(
                option.key, default=options.get(option.key, option.default)
            ): NumberSelector(
                NumberSelectorConfig(
                    min=option.minimum,
                    max=option.maximum,
                    step=1,
                    unit_of_measurement=option.unit,
                    mode=NumberSelectorMode.BOX,
                )
            )
            for option in _OPTIONS
            if option.backends & configured
        }
        if _VPN & configured:
            unbound = options.get(CONF_UNBOUND_IS_LEAK, False)
            schema[vol.Required(CONF_UNBOUND_IS_LEAK, default=unbound)] = (
                BooleanSelector()
            )
        schema.update(share_schema(options))
        schema.update(vault_schema(user_input or options))
        schema.update(tiering_schema(dict(options)))
        data_schema = vol.Schema(schema)
        if user_input is not None:
            data_schema = self.add_suggested_values_to_schema(data_schema, user_input)
        return self.async_show_form(
            step_id="init",
            data_schema=data_schema,
            errors=errors,
            description_placeholders=placeholders,
        )
