"""Myflix LLM APIs for HA before 2026.8, which has no ``llm.py`` platform.

There an agent picks one API, so "Myflix" offers the media tools alone and
"Assist + Myflix" offers them beside HA's Assist tools. The APIs are
registered once in ``async_setup``: an agent keeps working while a Myflix
entry reloads, its tools answer with an error meanwhile. On newer HA the
tools are in the Assist API itself (``llm.py``) and these APIs do not exist.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import llm

from custom_components.myflix.const import DOMAIN, LLM_API_MYFLIX, LLM_API_MYFLIX_ASSIST

from .llm_compat import HAS_LLM_PLATFORM
from .llm_tools import API_PROMPT, available_tools


class MyflixLLMAPI(llm.API):
    """The Myflix media tools."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Name the API."""
        super().__init__(hass=hass, id=LLM_API_MYFLIX, name="Myflix")

    async def async_get_api_instance(
        self, llm_context: llm.LLMContext
    ) -> llm.APIInstance:
        """Offer the tools whose actions exist in this build."""
        return llm.APIInstance(
            api=self,
            api_prompt=API_PROMPT,
            llm_context=llm_context,
            tools=available_tools(self.hass),
        )


class MyflixAssistLLMAPI(llm.API):
    """HA's Assist tools and the Myflix tools together."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Name the API."""
        super().__init__(hass=hass, id=LLM_API_MYFLIX_ASSIST, name="Assist + Myflix")

    async def async_get_api_instance(
        self, llm_context: llm.LLMContext
    ) -> llm.APIInstance:
        """Assist's tools (minus our intents, covered by richer tools) and ours."""
        assist = await llm.async_get_api(self.hass, llm.LLM_API_ASSIST, llm_context)
        ours = available_tools(self.hass)
        # Our intents become Assist tools too; the Myflix tools already cover them.
        home = [t for t in assist.tools if not t.name.lower().startswith(DOMAIN)]
        return llm.APIInstance(
            api=self,
            api_prompt=f"{assist.api_prompt}\n{API_PROMPT}",
            llm_context=llm_context,
            tools=[*home, *ours],
            custom_serializer=assist.custom_serializer,
        )


@callback
def async_register_llm_apis(hass: HomeAssistant) -> None:
    """Register both APIs for the lifetime of HA, where HA has no llm.py platform."""
    if HAS_LLM_PLATFORM:
        return
    llm.async_register_api(hass, MyflixLLMAPI(hass))
    llm.async_register_api(hass, MyflixAssistLLMAPI(hass))
