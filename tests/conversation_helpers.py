"""Helpers of the conversation tests: HA's Google Gemini agent on the simulated Gemini.

The agent is HA core's ``google_generative_ai_conversation`` (a conversation
subentry of its entry), its google-genai client pointed at the simulator with
``GOOGLE_GEMINI_BASE_URL``. It uses the Assist API, where Myflix's ``llm.py``
adds the tools (HA >= 2026.8), or "Assist + Myflix" on older HA.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
import json
from typing import Any

from homeassistant.components import conversation
from homeassistant.config_entries import ConfigEntryState, ConfigSubentryData
from homeassistant.const import CONF_API_KEY, CONF_LLM_HASS_API, CONF_PROMPT
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import entity_registry as er, llm
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import LLM_API_MYFLIX_ASSIST
from custom_components.myflix.features.conversation.llm_compat import HAS_LLM_PLATFORM
from custom_components.myflix.features.conversation.llm_tools import TOOL_PREFIX
from simulators.gemini import SIM_API_KEY, GeminiSimulator
from simulators.server import serve

GOOGLE = "google_generative_ai_conversation"
# The API that gives an agent the home and the media stack on this HA.
MEDIA_API = llm.LLM_API_ASSIST if HAS_LLM_PLATFORM else LLM_API_MYFLIX_ASSIST


def tool(name: str) -> str:
    """A Myflix tool's name as the model sees it."""
    return f"{TOOL_PREFIX}{name}"


@dataclass
class Gemini:
    """The simulator, its URL and the agent once set up."""

    sim: GeminiSimulator
    url: str
    agent_id: str = ""

    def declared(self, index: int = -1) -> list[str]:
        """The function names of a request."""
        return [
            declaration["name"]
            for tool in self.sim.requests[index].get("tools", [])
            for declaration in tool.get("functionDeclarations", [])
        ]

    def myflix_declared(self, index: int = -1) -> list[str]:
        """The Myflix function names of a request, prefix removed."""
        return [
            name.removeprefix(TOOL_PREFIX)
            for name in self.declared(index)
            if name.startswith(TOOL_PREFIX)
        ]

    def responses(self, index: int = -1) -> list[dict[str, Any]]:
        """The function responses a request sends back (its last turn).

        HA >= 2026.10 sends a tool's ``ToolResult`` as ``{"data", "error"}``;
        the tool's own answer is unwrapped so tests read it the same way.
        """
        parts = self.sim.requests[index]["contents"][-1]["parts"]
        answers = []
        for part in parts:
            if (answer := part.get("functionResponse")) is None:
                continue
            response = answer["response"]
            if set(response) == {"data", "error"}:
                answer = {**answer, "response": response["data"]}
            answers.append(answer)
        return answers


@pytest.fixture(name="gemini")
async def gemini_fixture(
    hass: HomeAssistant, socket_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Gemini]:
    """A Gemini simulator on loopback; google-genai clients made now use it."""
    sim = GeminiSimulator()
    async with serve(sim.make_app()) as url:
        monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", url.rstrip("/") + "/")
        yield Gemini(sim, url)
        # HA leaves closing the client to its shutdown; the test ends before.
        for entry in hass.config_entries.async_entries(GOOGLE):
            if (client := getattr(entry, "runtime_data", None)) is not None:
                await client.aio.aclose()


async def setup_gemini(
    hass: HomeAssistant,
    gemini: Gemini,
    options: dict[str, Any] | None = None,
    key: str = SIM_API_KEY,
) -> MockConfigEntry:
    """Add and load HA's Google Gemini entry with one conversation agent."""
    entry = MockConfigEntry(
        domain=GOOGLE,
        title="Google Generative AI",
        data={CONF_API_KEY: key},
        version=2,
        minor_version=4,
        subentries_data=[
            ConfigSubentryData(
                data={
                    CONF_PROMPT: llm.DEFAULT_INSTRUCTIONS_PROMPT,
                    CONF_LLM_HASS_API: [MEDIA_API],
                    "recommended": True,
                    **(options or {}),
                },
                subentry_type="conversation",
                title="Gemini",
                unique_id=None,
            )
        ],
    )
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    (subentry_id,) = entry.subentries
    agent_id = er.async_get(hass).async_get_entity_id(
        "conversation", GOOGLE, subentry_id
    )
    assert agent_id is not None
    gemini.agent_id = agent_id
    return entry


async def converse(
    hass: HomeAssistant,
    gemini: Gemini,
    text: str,
    language: str = "en",
    conversation_id: str | None = None,
) -> conversation.ConversationResult:
    """Say ``text`` to the Gemini agent."""
    return await conversation.async_converse(
        hass,
        text,
        conversation_id,
        Context(),
        language=language,
        agent_id=gemini.agent_id,
    )


def speech(result: conversation.ConversationResult) -> str:
    """What the agent said."""
    text: str = result.response.speech["plain"]["speech"]
    return text


def dumped(value: Any) -> str:
    """JSON text of a value, to search it."""
    return json.dumps(value, ensure_ascii=False)


def llm_context() -> llm.LLMContext:
    """An LLM context as an agent passes it (no user, English)."""
    return llm.LLMContext(
        platform="some_llm",
        context=Context(),
        language="en",
        assistant="conversation",
        device_id=None,
    )
