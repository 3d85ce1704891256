"""Myflix actions with responses, registered once in ``async_setup``.

Each feature lists its actions in its description (handlers in its
``actions.py``); ``services_common`` finds the entry and maps errors.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback

from .catalog import FEATURES
from .const import DOMAIN
from .feature import Action

# Reads only answer with data; actions that change something may be fired and
# forgotten, or asked what they did.
ACTIONS: tuple[Action, ...] = tuple(
    action for feature in FEATURES for action in feature.actions
)


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the Myflix actions."""
    for action in ACTIONS:
        hass.services.async_register(
            DOMAIN,
            action.name,
            action.handler,
            schema=action.schema,
            supports_response=action.response,
        )
