"""The self-healing part of the options form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.helpers.selector import (
    BooleanSelector,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
)

from custom_components.myflix.const import (
    CONF_HEALING_INTERVAL,
    CONF_HEALING_MAX_STRIKES,
    CONF_HEALING_MIN_AGE,
    CONF_HEALING_MIN_SPEED,
    CONF_HEALING_PRIVATE,
    CONF_HEALING_PROTECTED_TAG,
    CONF_HEALING_STOP_INSTEAD,
    DEFAULT_HEALING_INTERVAL,
    DEFAULT_HEALING_MAX_STRIKES,
    DEFAULT_HEALING_MIN_AGE,
    DEFAULT_HEALING_MIN_SPEED,
    DEFAULT_HEALING_PROTECTED_TAG,
)
from custom_components.myflix.engine.healing import PrivateHandling
from custom_components.myflix.options_fields import NumberOption, number_fields
from custom_components.myflix.schema import vol

NUMBERS = (
    NumberOption(CONF_HEALING_INTERVAL, DEFAULT_HEALING_INTERVAL, 1, 1440, "min"),
    NumberOption(
        CONF_HEALING_MAX_STRIKES, DEFAULT_HEALING_MAX_STRIKES, 2, 50, "strikes"
    ),
    NumberOption(
        CONF_HEALING_MIN_SPEED, DEFAULT_HEALING_MIN_SPEED, 1, 1_000_000, "kB/s"
    ),
    NumberOption(CONF_HEALING_MIN_AGE, DEFAULT_HEALING_MIN_AGE, 0, 10080, "min"),
)


def healing_options_schema(options: Mapping[str, Any]) -> dict[vol.Marker, Any]:
    """Return the healing fields, filled with the current options."""
    schema = number_fields(options, NUMBERS)
    tag = options.get(CONF_HEALING_PROTECTED_TAG, DEFAULT_HEALING_PROTECTED_TAG)
    schema[vol.Required(CONF_HEALING_PROTECTED_TAG, default=tag)] = TextSelector()
    private = options.get(CONF_HEALING_PRIVATE, PrivateHandling.SKIP.value)
    schema[vol.Required(CONF_HEALING_PRIVATE, default=private)] = SelectSelector(
        SelectSelectorConfig(
            options=[choice.value for choice in PrivateHandling],
            mode=SelectSelectorMode.DROPDOWN,
            translation_key="healing_private",
        )
    )
    stop = options.get(CONF_HEALING_STOP_INSTEAD, False)
    schema[vol.Required(CONF_HEALING_STOP_INSTEAD, default=stop)] = BooleanSelector()
    return schema
