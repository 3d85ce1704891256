"""Helpers of the conversation tests: the Gemini simulator, a Gemini entry, a dialog."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
import json
from typing import Any

from homeassistant.components import conversation
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_API_KEY, CONF_LLM_HASS_API
from homeassistant.core import Context, HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.config_flow_gemini import DEFAULT_OPTIONS
from custom_components.myflix.const import (
    CONF_ENTRY_KIND,
    CONF_GEMINI_BASE_URL,
    DOMAIN,
    ENTRY_KIND_GEMINI,
    LLM_API_MYFLIX,
)
from simulators.gemini import SIM_API_KEY, GeminiSimulator
from simulators.server import serve

AGENT = "conversation.gemini"


@dataclass
class Gemini:
    """The simulator and its URL."""

    sim: GeminiSimulator
    url: str

    def data(self, key: str = SIM_API_KEY) -> dict[str, Any]:
        """Gemini entry data pointing at the simulator."""
        return {
            CONF_ENTRY_KIND: ENTRY_KIND_GEMINI,
            CONF_API_KEY: key,
            CONF_GEMINI_BASE_URL: self.url,
        }

    def declared(self, index: int = -1) -> list[str]:
        """The function names of a request."""
        return [
            declaration["name"]
            for tool in self.sim.requests[index].get("tools", [])
            for declaration in tool["functionDeclarations"]
        ]

    def responses(self, index: int = -1) -> list[dict[str, Any]]:
        """The function responses a request sends back (its last turn)."""
        parts = self.sim.requests[index]["contents"][-1]["parts"]
        return [
            part["functionResponse"] for part in parts if "functionResponse" in part
        ]


@pytest.fixture(name="gemini")
async def gemini_fixture(socket_enabled: None) -> AsyncIterator[Gemini]:
    """A Gemini simulator on loopback."""
    sim = GeminiSimulator()
    async with serve(sim.make_app()) as url:
        yield Gemini(sim, url)


async def setup_gemini(
    hass: HomeAssistant,
    gemini: Gemini,
    options: dict[str, Any] | None = None,
    key: str = SIM_API_KEY,
) -> MockConfigEntry:
    """Add and load a Gemini entry (Myflix API unless told otherwise)."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Gemini",
        data=gemini.data(key),
        options={
            **DEFAULT_OPTIONS,
            CONF_LLM_HASS_API: LLM_API_MYFLIX,
            **(options or {}),
        },
    )
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    if key == SIM_API_KEY:
        assert entry.state is ConfigEntryState.LOADED
    return entry


async def converse(
    hass: HomeAssistant,
    text: str,
    language: str = "en",
    conversation_id: str | None = None,
) -> conversation.ConversationResult:
    """Say ``text`` to the Gemini agent."""
    return await conversation.async_converse(
        hass, text, conversation_id, Context(), language=language, agent_id=AGENT
    )


def speech(result: conversation.ConversationResult) -> str:
    """What the agent said."""
    text: str = result.response.speech["plain"]["speech"]
    return text


def dumped(value: Any) -> str:
    """JSON text of a value, to search it."""
    return json.dumps(value, ensure_ascii=False)
