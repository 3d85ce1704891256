"""The Gemini agent's errors, options and set-up, and the LLM APIs it can pick."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_LLM_HASS_API
from homeassistant.core import HomeAssistant, ServiceCall, SupportsResponse
from homeassistant.helpers import intent, llm
from homeassistant.setup import async_setup_component
import pytest

from custom_components.myflix.const import (
    CONF_CHAT_MODEL,
    CONF_PROMPT,
    CONF_TEMPERATURE,
    DOMAIN,
    LLM_API_MYFLIX,
    LLM_API_MYFLIX_ASSIST,
)
from custom_components.myflix.diagnostics import async_get_config_entry_diagnostics
from simulators import gemini as g
from simulators.gemini import SIM_API_KEY

from .conversation_helpers import (  # noqa: F401
    Gemini,
    converse,
    dumped,
    gemini_fixture,
    setup_gemini,
    speech,
)

ERRORS = [
    (g.QUOTA, "en", "Gemini's quota is used up for now. Try again later."),
    (g.QUOTA, "fr", "Le quota de Gemini est épuisé pour l'instant. Réessayez plus tard."),
    (g.PROMPT_BLOCKED, "en", "Gemini blocked this request for safety reasons."),
    (g.ANSWER_BLOCKED, "fr-FR", "Gemini a bloqué cette demande pour des raisons de sécurité."),
    (g.error(500, "Internal error", "INTERNAL"), "en", "Sorry, I had a problem talking to Gemini."),
    (g.error(503, "Overloaded", "UNAVAILABLE"), "de", "Sorry, I had a problem talking to Gemini."),
    ({"candidates": []}, "en", "Gemini gave no answer."),
]  # fmt: skip


@pytest.mark.parametrize(("reply", "language", "said"), ERRORS)
async def test_spoken_errors(
    hass: HomeAssistant,
    gemini: Gemini,
    caplog: pytest.LogCaptureFixture,
    *,
    reply: dict[str, Any],
    language: str,
    said: str,
) -> None:
    """Quota, blocks and server errors are said plainly, in the user's language."""
    await setup_gemini(hass, gemini)
    gemini.sim.script(reply)
    result = await converse(hass, "hello", language=language)
    assert result.response.response_type is intent.IntentResponseType.ERROR
    assert speech(result) == said
    assert SIM_API_KEY not in caplog.text


async def test_invalid_key_starts_reauth(
    hass: HomeAssistant, gemini: Gemini, caplog: pytest.LogCaptureFixture
) -> None:
    """A key revoked after set-up: the user hears it and a reauth flow starts."""
    entry = await setup_gemini(hass, gemini)
    gemini.sim.api_key = "rotated"
    result = await converse(hass, "hello")
    assert speech(result).startswith("Gemini refused the API key.")
    await hass.async_block_till_done()
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == ["reauth"]
    assert flows[0]["context"]["entry_id"] == entry.entry_id
    assert SIM_API_KEY not in caplog.text


async def test_timeout(hass: HomeAssistant, gemini: Gemini) -> None:
    """Gemini too slow: a spoken timeout, not a hang."""
    await setup_gemini(hass, gemini)
    gemini.sim.script(g.slow(0.5, g.text("late")))
    with patch("custom_components.myflix.conversation.GEMINI_TIMEOUT", 0.05):
        result = await converse(hass, "hello")
    assert speech(result) == "Gemini did not answer in time. Try again."


async def test_options_reach_gemini(hass: HomeAssistant, gemini: Gemini) -> None:
    """Model, temperature and prompt are used; no API means no tools."""
    options = {
        CONF_CHAT_MODEL: "models/gemini-2.0-flash",
        CONF_TEMPERATURE: 0.2,
        CONF_PROMPT: "Answer like a pirate.",
    }
    await setup_gemini(hass, gemini, {**options, CONF_LLM_HASS_API: None})
    gemini.sim.script(g.text("Arr."))
    assert speech(await converse(hass, "hi")) == "Arr."
    assert gemini.sim.paths == ["/v1beta/models/gemini-2.0-flash:generateContent"]
    request = gemini.sim.requests[0]
    assert request["generationConfig"]["temperature"] == 0.2
    assert "Answer like a pirate." in dumped(request["systemInstruction"])
    assert "tools" not in request


async def test_myflix_api_tools(hass: HomeAssistant, gemini: Gemini) -> None:
    """The Myflix API offers the tools whose actions exist, schemas without min/max."""
    await setup_gemini(hass, gemini)
    gemini.sim.script(g.text("Hi."))
    await converse(hass, "hi")
    assert gemini.declared() == [
        "search_media", "add_movie", "add_series", "get_queue", "get_upcoming",
        "get_downloads", "pause_downloads", "resume_downloads", "get_vpn_status",
        "check_vpn_now", "halt_downloads", "release_downloads", "rotate_vpn",
        "get_storage_status", "heal_now", "create_share_link",  # their actions exist
    ]  # fmt: skip
    declarations = gemini.sim.requests[0]["tools"][0]["functionDeclarations"]
    limit = declarations[5]["parameters"]["properties"]["limit"]
    assert limit["type"] == "INTEGER"
    assert "maximum" not in dumped(declarations)
    assert "Myflix" in dumped(gemini.sim.requests[0]["systemInstruction"])


async def test_tools_appear_when_their_action_lands(
    hass: HomeAssistant, gemini: Gemini
) -> None:
    """heal_now, get_storage_status and create_share_link follow their actions."""
    await setup_gemini(hass, gemini)
    seen: list[dict[str, Any]] = []

    async def handler(call: ServiceCall) -> dict[str, Any]:
        seen.append({"service": call.service, **call.data})
        return {"title": "Release.Name", "ok": True}

    for name in ("heal_now", "get_storage_status", "create_share_link"):
        hass.services.async_register(
            DOMAIN, name, handler, supports_response=SupportsResponse.OPTIONAL
        )
    gemini.sim.script(
        g.calls(
            ("heal_now", {}),
            ("create_share_link", {"path": "/movies/a.mkv", "expires_in": 10}),
            ("create_share_link", {"path": "/movies/a.mkv", "expires_in": 3600}),
        ),
        g.text("Done."),
    )
    await converse(hass, "what's stuck, and share a.mkv")
    assert {"heal_now", "get_storage_status", "create_share_link"} <= set(
        gemini.declared(0)
    )
    # heal_now is only ever a dry run; a too short link is refused.
    assert seen == [
        {"service": "heal_now", "dry_run": True},
        {"service": "create_share_link", "path": "/movies/a.mkv", "expires_in": 3600},
    ]
    heal, short, _ = gemini.responses()
    assert "<<untrusted>>Release.Name<</untrusted>>" in dumped(heal)
    assert short["response"]["error"] == "MultipleInvalid"


async def test_assist_and_myflix_api(hass: HomeAssistant, gemini: Gemini) -> None:
    """Assist + Myflix: HA's tools and ours; our intents only once, as our tools."""
    await setup_gemini(hass, gemini, {CONF_LLM_HASS_API: LLM_API_MYFLIX_ASSIST})
    gemini.sim.script(g.text("Hi."))
    await converse(hass, "hi")
    declared = gemini.declared()
    assert "HassCancelAllTimers" in declared or "GetLiveContext" in declared
    assert {"get_downloads", "halt_downloads"} <= set(declared)
    assert not [name for name in declared if name.lower().startswith("myflix")]


async def test_missing_api(hass: HomeAssistant, gemini: Gemini) -> None:
    """An agent whose API is gone answers with an error, it does not crash."""
    await setup_gemini(hass, gemini, {CONF_LLM_HASS_API: "gone"})
    result = await converse(hass, "hi")
    assert result.response.response_type is intent.IntentResponseType.ERROR
    assert gemini.sim.requests == []


async def test_apis_selectable_by_any_agent(hass: HomeAssistant) -> None:
    """Both APIs are listed for every agent's options (llm.async_get_apis)."""
    assert await async_setup_component(hass, DOMAIN, {})
    apis = {api.id: api.name for api in llm.async_get_apis(hass)}
    assert apis[LLM_API_MYFLIX] == "Myflix"
    assert apis[LLM_API_MYFLIX_ASSIST] == "Assist + Myflix"


async def test_setup_invalid_key_and_unreachable(
    hass: HomeAssistant, gemini: Gemini
) -> None:
    """A refused key fails set-up with reauth; an unreachable Gemini retries."""
    entry = await setup_gemini(hass, gemini, key="wrong")
    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == ["reauth"]
    gemini.url = "http://127.0.0.1:9"
    other = await setup_gemini(hass, gemini, key="another")
    assert other.state is ConfigEntryState.SETUP_RETRY


async def test_unload_and_diagnostics(hass: HomeAssistant, gemini: Gemini) -> None:
    """Diagnostics hold the options, never the key; the entry unloads."""
    entry = await setup_gemini(hass, gemini)
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    assert SIM_API_KEY not in dumped(diagnostics)
    assert diagnostics["entry"]["options"][CONF_LLM_HASS_API] == LLM_API_MYFLIX
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert hass.states.get("conversation.gemini").state == "unavailable"
