"""Myflix's tools in HA's Assist API (HA >= 2026.8): every LLM agent gets them.

HA's ``llm`` integration asks each integration's ``llm.py`` for tools when an
agent using the Assist API takes a turn: Google Gemini, OpenAI, Anthropic and
Ollama agents use the media stack with no Myflix-specific setup. Older HA gets
the same tools through the APIs ``features/conversation/llm_api.py`` registers.
"""

from __future__ import annotations

from homeassistant.components.llm import LLMTools
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import llm

from .const import DOMAIN
from .features.conversation.llm_tools import API_PROMPT, available_tools


@callback
def async_get_tools(
    hass: HomeAssistant, llm_context: llm.LLMContext, api_id: str
) -> LLMTools | None:
    """Offer the media tools to Assist while a media stack is loaded."""
    if api_id != llm.LLM_API_ASSIST or not hass.config_entries.async_loaded_entries(
        DOMAIN
    ):
        return None
    if not (tools := available_tools(hass)):
        return None
    return LLMTools(tools=tools, prompt=API_PROMPT)
