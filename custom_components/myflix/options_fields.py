"""Form fields the option pages share."""

from __future__ import annotations

from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
)


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
