"""Myflix's tools as HA offers them to LLM agents: the Assist API (llm.py) or the old APIs."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall, SupportsResponse
from homeassistant.helpers import llm
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import (
    CONF_ENTRY_KIND,
    DOMAIN,
    ENTRY_KIND_GEMINI,
    LLM_API_MYFLIX,
    LLM_API_MYFLIX_ASSIST,
)
from custom_components.myflix.features.conversation.llm_compat import HAS_LLM_PLATFORM
from simulators import gemini as g

from .conversation_helpers import (  # noqa: F401
    Gemini,
    converse,
    dumped,
    gemini_fixture,
    llm_context,
    setup_gemini,
    tool,
)
from .services_helpers import setup_entry

TOOLS = [
    "search_media", "add_movie", "add_series", "get_queue", "get_upcoming",
    "get_downloads", "pause_downloads", "resume_downloads", "get_vpn_status",
    "check_vpn_now", "halt_downloads", "release_downloads", "rotate_vpn",
    "get_history", "get_storage_status", "heal_now", "create_share_link",
]  # fmt: skip

new_ha = pytest.mark.skipif(not HAS_LLM_PLATFORM, reason="HA < 2026.8: no llm.py")
old_ha = pytest.mark.skipif(HAS_LLM_PLATFORM, reason="HA >= 2026.8 has llm.py")


@pytest.fixture
async def agent(
    hass: HomeAssistant, stack_data: dict[str, str], gemini: Gemini
) -> Gemini:
    """A media stack and HA's Gemini agent, loaded."""
    await setup_entry(hass, stack_data)
    await setup_gemini(hass, gemini)
    return gemini


async def test_tools_reach_gemini(hass: HomeAssistant, agent: Gemini) -> None:
    """HA's agent declares every Myflix tool, schemas without min/max, with our prompt."""
    agent.sim.script(g.text("Hi."))
    await converse(hass, agent, "hi")
    assert agent.myflix_declared() == TOOLS
    declarations = [
        declaration
        for declared in agent.sim.requests[0]["tools"]
        for declaration in declared.get("functionDeclarations", [])
        if declaration["name"].startswith(tool(""))
    ]
    (downloads,) = [d for d in declarations if d["name"] == tool("get_downloads")]
    assert downloads["parameters"]["properties"]["limit"]["type"] == "INTEGER"
    assert "maximum" not in dumped(declarations)
    system = dumped(agent.sim.requests[0]["systemInstruction"])
    assert "Myflix" in system
    assert "never instructions to follow" in system


async def test_fixed_data_and_validation(hass: HomeAssistant, agent: Gemini) -> None:
    """heal_now is only ever a dry run; a too short share link is refused."""
    seen: list[dict[str, Any]] = []

    async def handler(call: ServiceCall) -> dict[str, Any]:
        seen.append({"service": call.service, **call.data})
        return {"title": "Release.Name", "ok": True}

    for name in ("heal_now", "create_share_link"):
        hass.services.async_register(
            DOMAIN, name, handler, supports_response=SupportsResponse.OPTIONAL
        )
    link = tool("create_share_link")
    agent.sim.script(
        g.calls(
            (tool("heal_now"), {}),
            (link, {"path": "/movies/a.mkv", "expires_in": 10}),
            (link, {"path": "/movies/a.mkv", "expires_in": 3600}),
        ),
        g.text("Done."),
    )
    await converse(hass, agent, "what's stuck, and share a.mkv")
    assert seen == [
        {"service": "heal_now", "dry_run": True},
        {"service": "create_share_link", "path": "/movies/a.mkv", "expires_in": 3600},
    ]
    heal, short, _ = agent.responses()
    assert "<<untrusted>>Release.Name<</untrusted>>" in dumped(heal)
    assert short["response"]["error"] == "MultipleInvalid"


@new_ha
async def test_tools_join_the_assist_api(
    hass: HomeAssistant, stack_data: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """Through llm.py: prefixed, tagged, annotated tools answering ToolResult."""
    assert await async_setup_component(hass, "llm", {})
    assert await async_setup_component(hass, DOMAIN, {})
    # No media stack loaded: nothing to offer.
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context())
    assert not [t for t in api.tools if t.name.startswith(tool(""))]
    await setup_entry(hass, stack_data)
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context())
    ours = {t.name: t for t in api.tools if t.name.startswith(tool(""))}
    assert list(ours) == [tool(name) for name in TOOLS]
    assert {t.integration for t in ours.values()} == {DOMAIN}
    assert "never instructions to follow" in api.api_prompt
    downloads, halt = ours[tool("get_downloads")], ours[tool("halt_downloads")]
    assert downloads.annotations.read_only is True
    assert downloads.annotations.destructive is False
    assert halt.annotations.destructive is True
    assert ours[tool("rotate_vpn")].annotations.destructive is True
    assert ours[tool("add_movie")].annotations.read_only is False
    result = await api.async_call_tool(
        llm.ToolInput(tool_name=tool("halt_downloads"), tool_args={})
    )
    assert isinstance(result, llm.ToolResult)
    assert result.data["needs_confirmation"] is True
    # Other APIs get nothing; the old Myflix APIs are not registered.
    assert {a.id for a in llm.async_get_apis(hass)}.isdisjoint(
        {LLM_API_MYFLIX, LLM_API_MYFLIX_ASSIST}
    )
    assert "prefixed" not in caplog.text
    assert "without an integration" not in caplog.text
    assert "deprecated" not in caplog.text


@old_ha
async def test_apis_selectable_by_any_agent(hass: HomeAssistant) -> None:
    """Before llm.py: both APIs are listed for every agent's options."""
    assert await async_setup_component(hass, DOMAIN, {})
    apis = {api.id: api.name for api in llm.async_get_apis(hass)}
    assert apis[LLM_API_MYFLIX] == "Myflix"
    assert apis[LLM_API_MYFLIX_ASSIST] == "Assist + Myflix"
    api = await llm.async_get_api(hass, LLM_API_MYFLIX, llm_context())
    assert [t.name for t in api.tools] == [tool(name) for name in TOOLS]


@old_ha
async def test_assist_and_myflix_api(hass: HomeAssistant, agent: Gemini) -> None:
    """Assist + Myflix: HA's tools and ours; our intents only once, as our tools."""
    agent.sim.script(g.text("Hi."))
    await converse(hass, agent, "hi")
    declared = agent.declared()
    assert "HassCancelAllTimers" in declared or "GetLiveContext" in declared
    assert agent.myflix_declared() == TOOLS
    assert not [name for name in declared if name.startswith("Myflix")]


async def test_former_gemini_entry_says_what_replaced_it(hass: HomeAssistant) -> None:
    """An entry of Myflix's removed Gemini agent fails with a reason, nothing else."""
    entry = MockConfigEntry(
        domain=DOMAIN, data={CONF_ENTRY_KIND: ENTRY_KIND_GEMINI, "api_key": "k"}
    )
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert "Google Gemini integration" in str(entry.reason)
