"""Form fields the option pages share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
)

from .schema import vol


def whole_number(minimum: int, maximum: int, unit: str) -> NumberSelector:
    """Return a box for a whole number between ``minimum`` and ``maximum``."""
    return NumberSelector(
        NumberSelectorConfig(
            min=minimum,
            max=maximum,
            step=1,
            unit_of_measurement=unit,
            mode=NumberSelectorMode.BOX,
        )
    )


class NumberOption(NamedTuple):
    """A whole-number option: its key, default and bounds, and the unit shown."""

    key: str
    default: int
    minimum: int
    maximum: int
    unit: str


def number_fields(
    options: Mapping[str, Any],
    numbers: Iterable[NumberOption],
    *,
    suggest: bool = False,
) -> dict[vol.Marker, Any]:
    """Return a box per number, filled from ``options``.

    ``suggest``: optional fields that show the value without storing a default,
    so options the user leaves alone are not written.
    """
    fields: dict[vol.Marker, Any] = {}
    for number in numbers:
        value = options.get(number.key, number.default)
        marker = (
            vol.Optional(number.key, description={"suggested_value": value})
            if suggest
            else vol.Required(number.key, default=value)
        )
        fields[marker] = whole_number(number.minimum, number.maximum, number.unit)
    return fields
