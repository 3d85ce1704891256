"""Which kind of Myflix entry this is: a media stack, or the Gemini agent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_API_KEY

from .const import CONF_ENTRY_KIND, ENTRY_KIND_GEMINI


def is_gemini_data(data: Mapping[str, Any]) -> bool:
    """Whether entry data belongs to the Gemini agent."""
    return data.get(CONF_ENTRY_KIND) == ENTRY_KIND_GEMINI


def is_gemini_entry(entry: ConfigEntry[Any]) -> bool:
    """Whether the entry is the Gemini agent (else a media stack)."""
    return is_gemini_data(entry.data)


def gemini_diagnostics(entry: ConfigEntry[Any]) -> dict[str, Any]:
    """Return the Gemini entry's settings; the key is never part of it."""
    return {
        "entry": {
            "title": entry.title,
            "data": {
                key: "**REDACTED**" if key == CONF_API_KEY else value
                for key, value in entry.data.items()
            },
            "options": dict(entry.options),
        }
    }
