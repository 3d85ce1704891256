"""The share gateway's options: its roots and per-IP limits, checked before saving."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
)

from custom_components.myflix.const import (
    CONF_SHARE_BANDWIDTH,
    CONF_SHARE_DOWNLOADS_PER_IP,
    CONF_SHARE_REQUESTS_PER_SECOND,
    CONF_SHARE_ROOTS,
    DEFAULT_SHARE_BANDWIDTH,
    DEFAULT_SHARE_DOWNLOADS_PER_IP,
    DEFAULT_SHARE_REQUESTS_PER_SECOND,
)
from custom_components.myflix.feature import PageCheck
from custom_components.myflix.options_fields import NumberOption, number_fields
from custom_components.myflix.schema import vol

from .runtime import invalid_root, share_roots

LIMITS = (
    NumberOption(CONF_SHARE_REQUESTS_PER_SECOND, DEFAULT_SHARE_REQUESTS_PER_SECOND, 1, 1000, "req/s"),
    NumberOption(CONF_SHARE_DOWNLOADS_PER_IP, DEFAULT_SHARE_DOWNLOADS_PER_IP, 1, 20, "downloads"),
    NumberOption(CONF_SHARE_BANDWIDTH, DEFAULT_SHARE_BANDWIDTH, 0, 1000, "MiB/s"),
)  # fmt: skip


def share_schema(options: Mapping[str, Any]) -> dict[vol.Marker, Any]:
    """Build the share fields of the options form, prefilled from ``options``."""
    # Suggested, not defaults: options the user leaves alone are not stored.
    roots = options.get(CONF_SHARE_ROOTS, "")
    schema: dict[vol.Marker, Any] = {
        vol.Optional(
            CONF_SHARE_ROOTS, description={"suggested_value": roots}
        ): TextSelector(TextSelectorConfig(multiline=True))
    }
    return schema | number_fields(options, LIMITS, suggest=True)


async def async_check_share(
    hass: HomeAssistant, user_input: dict[str, Any]
) -> PageCheck:
    """Every root must exist and be an allowed path."""
    for root in share_roots(user_input):
        if error := await hass.async_add_executor_job(invalid_root, hass, root):
            return PageCheck(errors={CONF_SHARE_ROOTS: error})
    return PageCheck()
