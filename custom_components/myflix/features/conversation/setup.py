"""Conversation set-up, once per HA start: the intents and, on older HA, the LLM APIs.

The Gemini conversation is HA core's Google Gemini agent (or any other LLM
agent) on the Assist API, where ``llm.py`` puts Myflix's tools.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback

from .intents import async_register_intents
from .llm_api import async_register_llm_apis


@callback
def async_setup_conversation(hass: HomeAssistant) -> None:
    """Register the intents (and, on HA < 2026.8, the LLM APIs) once."""
    async_register_llm_apis(hass)
    async_register_intents(hass)
