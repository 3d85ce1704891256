"""The demo stack in tests: its settings on free ports, Myflix and HA's Gemini agent on it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from homeassistant.components import conversation
from homeassistant.config_entries import SOURCE_USER, ConfigEntry
from homeassistant.core import Context, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
import pytest

from custom_components.myflix.const import DOMAIN, LLM_API_MYFLIX_ASSIST
from custom_components.myflix.features.conversation.llm_compat import HAS_LLM_PLATFORM
from simulators.server import free_port
from simulators.stack import StackSettings

GOOGLE = "google_generative_ai_conversation"


def free_port_settings(**changes: Any) -> StackSettings:
    """The stack's settings with every server on a free port."""
    return StackSettings(
        radarr_port=free_port(),
        sonarr_port=free_port(),
        qbittorrent_port=free_port(),
        gluetun_port=free_port(),
        ip_echo_port=free_port(),
        gemini_port=free_port(),
        nordvpn_port=free_port(),
        **changes,
    )


async def add_myflix(hass: HomeAssistant, config_entry: dict[str, Any]) -> ConfigEntry:
    """Run the config flow with the stack's printed entry data, as the demo does."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], config_entry
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    (entry,) = hass.config_entries.async_entries(DOMAIN)
    return entry


@asynccontextmanager
async def gemini_agent(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch, gemini: dict[str, str]
) -> AsyncIterator[str]:
    """HA's Gemini agent on the simulated Gemini; yield its entity id.

    The demo starts HA with GOOGLE_GEMINI_BASE_URL; the user adds HA's Google
    Gemini integration with the simulator's key, nothing Myflix-specific.
    """
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", gemini["base_url"].rstrip("/") + "/")
    result = await hass.config_entries.flow.async_init(
        GOOGLE, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": gemini["api_key"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    google = result["result"]
    (agent,) = [
        entity.entity_id
        for entity in er.async_entries_for_config_entry(
            er.async_get(hass), google.entry_id
        )
        if entity.domain == "conversation"
    ]
    if not HAS_LLM_PLATFORM:  # before llm.py, the agent picks the Myflix API
        (subentry,) = [
            s for s in google.subentries.values() if s.subentry_type == "conversation"
        ]
        hass.config_entries.async_update_subentry(
            google,
            subentry,
            data={**subentry.data, "llm_hass_api": [LLM_API_MYFLIX_ASSIST]},
        )
        await hass.async_block_till_done()
    try:
        yield agent
    finally:
        client = google.runtime_data
        assert await hass.config_entries.async_unload(google.entry_id)
        await client.aio.aclose()  # HA closes it on shutdown, after the test


async def assert_gemini_uses_myflix(hass: HomeAssistant, agent: str) -> None:
    """Asked what downloads, the agent answers through Myflix's tool."""
    answer = await conversation.async_converse(
        hass, "what's downloading?", None, Context(), agent_id=agent
    )
    spoken = answer.response.speech["plain"]["speech"]
    assert spoken.startswith("(simulated Gemini) myflix__get_downloads: ")
