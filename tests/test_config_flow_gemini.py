"""Adding the Gemini agent, replacing its key, and its options."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_API_KEY, CONF_LLM_HASS_API
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import llm
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import (
    CONF_CHAT_MODEL,
    CONF_GEMINI_BASE_URL,
    CONF_PROMPT,
    CONF_RADARR_URL,
    CONF_TEMPERATURE,
    DEFAULT_CHAT_MODEL,
    DOMAIN,
    LLM_API_MYFLIX,
    LLM_API_MYFLIX_ASSIST,
)
from simulators.gemini import SIM_API_KEY

from .conversation_helpers import Gemini, gemini_fixture, setup_gemini  # noqa: F401


async def _gemini_form(hass: HomeAssistant, advanced: bool = True) -> dict[str, Any]:
    """Open the add-entry menu next to a stack and pick the Gemini agent."""
    MockConfigEntry(domain=DOMAIN, data={CONF_RADARR_URL: "http://x"}).add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER, "show_advanced_options": advanced}
    )
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["stack", "gemini"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "gemini"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "gemini"
    return result


async def test_add_gemini_agent(hass: HomeAssistant, gemini: Gemini) -> None:
    """A wrong key is refused at the field; the right one creates the agent."""
    form = await _gemini_form(hass)
    wrong = await hass.config_entries.flow.async_configure(
        form["flow_id"], {CONF_API_KEY: "wrong", CONF_GEMINI_BASE_URL: gemini.url}
    )
    assert wrong["errors"] == {CONF_API_KEY: "invalid_api_key"}
    with patch("custom_components.myflix.async_setup_entry", return_value=True):
        done = await hass.config_entries.flow.async_configure(
            form["flow_id"],
            {CONF_API_KEY: f" {SIM_API_KEY} ", CONF_GEMINI_BASE_URL: gemini.url},
        )
    assert done["type"] is FlowResultType.CREATE_ENTRY
    assert done["title"] == "Gemini"
    assert done["data"] == gemini.data()
    assert done["options"][CONF_LLM_HASS_API] == LLM_API_MYFLIX_ASSIST
    assert done["options"][CONF_CHAT_MODEL] == DEFAULT_CHAT_MODEL


async def test_endpoint_only_in_advanced_mode(hass: HomeAssistant) -> None:
    """Users see the key only; the endpoint is an advanced setting."""
    form = await _gemini_form(hass, advanced=False)
    assert list(form["data_schema"].schema) == [CONF_API_KEY]


@pytest.mark.parametrize(
    ("failure", "error"),
    [(None, {"base": "cannot_connect"}), (RuntimeError("boom"), {"base": "unknown"})],
)
async def test_gemini_unreachable_or_unexpected(
    hass: HomeAssistant,
    socket_enabled: None,
    failure: Exception | None,
    error: dict[str, str],
) -> None:
    """Nobody answering, or a bug: a form error, never a crash."""
    form = await _gemini_form(hass)
    data = {CONF_API_KEY: "k", CONF_GEMINI_BASE_URL: "http://127.0.0.1:9"}
    if failure is None:
        result = await hass.config_entries.flow.async_configure(form["flow_id"], data)
    else:
        with patch(
            "custom_components.myflix.gemini_entry.async_check_key", side_effect=failure
        ):
            result = await hass.config_entries.flow.async_configure(
                form["flow_id"], data
            )
    assert result["errors"] == error


async def test_same_key_twice(hass: HomeAssistant, gemini: Gemini) -> None:
    """One agent per key."""
    MockConfigEntry(domain=DOMAIN, data=gemini.data()).add_to_hass(hass)
    form = await _gemini_form(hass)
    result = await hass.config_entries.flow.async_configure(
        form["flow_id"], {CONF_API_KEY: SIM_API_KEY, CONF_GEMINI_BASE_URL: gemini.url}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


@pytest.mark.parametrize("source", ["reauth", "reconfigure"])
async def test_replace_key(hass: HomeAssistant, gemini: Gemini, source: str) -> None:
    """Reauth and reconfigure ask for the key only and keep the endpoint."""
    entry = await setup_gemini(hass, gemini, key="revoked")
    if source == "reauth":
        result = await entry.start_reauth_flow(hass)
    else:
        result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "gemini_key"
    wrong = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_API_KEY: "still-wrong"}
    )
    assert wrong["errors"] == {CONF_API_KEY: "invalid_api_key"}
    done = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_API_KEY: SIM_API_KEY}
    )
    assert done["type"] is FlowResultType.ABORT
    assert done["reason"] == f"{source}_successful"
    assert entry.data == gemini.data()
    await hass.async_block_till_done()


async def test_options(hass: HomeAssistant, gemini: Gemini) -> None:
    """Every registered LLM API is offered; "none" removes the tools."""
    entry = await setup_gemini(hass, gemini)
    form = await hass.config_entries.options.async_init(entry.entry_id)
    assert form["step_id"] == "gemini"
    selector = form["data_schema"].schema[CONF_LLM_HASS_API]
    offered = [option["value"] for option in selector.config["options"]]
    assert offered == ["none"] + [api.id for api in llm.async_get_apis(hass)]
    assert {LLM_API_MYFLIX, LLM_API_MYFLIX_ASSIST, llm.LLM_API_ASSIST} <= set(offered)
    options = {
        CONF_CHAT_MODEL: "models/gemini-2.0-flash",
        CONF_PROMPT: "Be brief.",
        CONF_LLM_HASS_API: "none",
        CONF_TEMPERATURE: 0.3,
    }
    done = await hass.config_entries.options.async_configure(form["flow_id"], options)
    assert done["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert CONF_LLM_HASS_API not in entry.options
    assert entry.options[CONF_PROMPT] == "Be brief."
