"""Conversation glue called from ``__init__``: the LLM APIs, the intents, the Gemini entry."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.importlib import async_import_module

from .entry_kind import is_gemini_entry
from .intents import async_register_intents
from .llm_api import async_register_llm_apis

# google-genai takes about half a second to import: only Gemini entries pay it.
GEMINI_ENTRY_MODULE = f"{__package__}.gemini_entry"


@callback
def async_setup_conversation(hass: HomeAssistant) -> None:
    """Register the LLM APIs and the intents once, for the lifetime of HA."""
    async_register_llm_apis(hass)
    async_register_intents(hass)


async def async_setup_conversation_entry(
    hass: HomeAssistant, entry: ConfigEntry[Any]
) -> bool | None:
    """Set a Gemini entry up; None for a media stack entry."""
    if not is_gemini_entry(entry):
        return None
    module = await async_import_module(hass, GEMINI_ENTRY_MODULE)
    setup: bool = await module.async_setup_gemini_entry(hass, entry)
    return setup


async def async_unload_conversation_entry(
    hass: HomeAssistant, entry: ConfigEntry[Any]
) -> bool | None:
    """Unload a Gemini entry; None for a media stack entry."""
    if not is_gemini_entry(entry):
        return None
    module = await async_import_module(hass, GEMINI_ENTRY_MODULE)
    unloaded: bool = await module.async_unload_gemini_entry(hass, entry)
    return unloaded
