"""Logbook text for Myflix's events: what happened, in one line, no secrets.

Each feature writes the lines of its own events in its description.
"""

from __future__ import annotations

from collections.abc import Callable

from homeassistant.core import Event, HomeAssistant, callback

from .catalog import FEATURES
from .const import DOMAIN
from .feature import DescribeEvent

# The logbook's entry keys (homeassistant.components.logbook's LOGBOOK_ENTRY_*),
# spelled out: importing the logbook integration would make it a dependency.
LOGBOOK_ENTRY_NAME = "name"
LOGBOOK_ENTRY_MESSAGE = "message"

DESCRIPTIONS: dict[str, DescribeEvent] = {
    event_type: describe
    for feature in FEATURES
    for event_type, describe in feature.events.items()
}


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Describe every event Myflix fires."""
    for event_type, describe in DESCRIPTIONS.items():

        @callback
        def entry(event: Event, describe: DescribeEvent = describe) -> dict[str, str]:
            return {
                LOGBOOK_ENTRY_NAME: "Myflix",
                LOGBOOK_ENTRY_MESSAGE: describe(event.data),
            }

        async_describe_event(DOMAIN, event_type, entry)
