"""The Gemini conversation agent: a tool loop over the LLM API the user picked.

Tools run through the chat log (``async_add_assistant_content``), which owns
the chosen API; this agent only talks to Gemini, at most ten rounds a turn.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from google.genai.errors import APIError
from google.genai.types import (
    AutomaticFunctionCallingConfig,
    Content,
    GenerateContentConfig,
)
from homeassistant.components import conversation
from homeassistant.const import CONF_LLM_HASS_API, MATCH_ALL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent, llm
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
import httpx

from .const import (
    CONF_CHAT_MODEL,
    CONF_PROMPT,
    CONF_TEMPERATURE,
    DEFAULT_CHAT_MODEL,
    DEFAULT_TEMPERATURE,
    DOMAIN,
    GEMINI_TIMEOUT,
    LOGGER,
)
from .gemini_client import GeminiError, GeminiFailure, classify
from .gemini_content import (
    assistant_turn,
    format_tools,
    history,
    parse,
    tool_results,
)
from .gemini_entry import GeminiConfigEntry
from .phrases import phrase

PARALLEL_UPDATES = 0
MAX_TOOL_ITERATIONS = 10  # as HA core's Google agent


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GeminiConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the agent of a Gemini entry."""
    async_add_entities([GeminiConversationEntity(entry)])


class GeminiConversationEntity(conversation.ConversationEntity):
    """Gemini, with the Myflix (and Assist) tools."""

    _attr_has_entity_name = True
    _attr_name = None

    def __init__(self, entry: GeminiConfigEntry) -> None:
        """Describe the agent of ``entry``."""
        self.entry = entry
        self._attr_unique_id = entry.entry_id
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            name=entry.title,
            manufacturer="Google",
            model=entry.options.get(CONF_CHAT_MODEL, DEFAULT_CHAT_MODEL),
            entry_type=DeviceEntryType.SERVICE,
        )
        if entry.options.get(CONF_LLM_HASS_API):
            self._attr_supported_features = (
                conversation.ConversationEntityFeature.CONTROL
            )

    @property
    def supported_languages(self) -> list[str] | Literal["*"]:
        """Gemini speaks any language."""
        return MATCH_ALL

    async def _async_handle_message(
        self,
        user_input: conversation.ConversationInput,
        chat_log: conversation.ChatLog,
    ) -> conversation.ConversationResult:
        """Ask Gemini, run the tools it calls, until it answers in words."""
        options = self.entry.options
        try:
            await chat_log.async_update_llm_data(
                DOMAIN,
                user_input,
                options.get(CONF_LLM_HASS_API),
                options.get(CONF_PROMPT),
            )
        except conversation.ConverseError as err:
            return err.as_conversation_result()
        api = chat_log.llm_api
        system = chat_log.content[0]
        assert isinstance(system, conversation.SystemContent)
        tools = format_tools(api.tools, api.custom_serializer) if api else []
        config = GenerateContentConfig(
            system_instruction=system.content,
            temperature=options.get(CONF_TEMPERATURE, DEFAULT_TEMPERATURE),
            tools=list(tools) or None,
            automatic_function_calling=AutomaticFunctionCallingConfig(
                disable=True, maximum_remote_calls=None
            ),
        )
        contents = history(chat_log)
        text = ""
        for _round in range(MAX_TOOL_ITERATIONS):
            try:
                text, calls = await self._async_generate(contents, config)
            except GeminiError as err:
                return self._failure(user_input, chat_log, err)
            assistant = conversation.AssistantContent(
                agent_id=user_input.agent_id,
                content=text or None,
                tool_calls=calls or None,
            )
            results = [
                result
                async for result in chat_log.async_add_assistant_content(assistant)
            ]
            if not calls:
                break
            contents += [assistant_turn(assistant), tool_results(results)]
        response = intent.IntentResponse(language=user_input.language)
        response.async_set_speech(
            text or phrase(user_input.language, "gemini_no_answer")
        )
        return conversation.ConversationResult(
            response=response,
            conversation_id=chat_log.conversation_id,
            continue_conversation=chat_log.continue_conversation,
        )

    async def _async_generate(
        self, contents: list[Content], config: GenerateContentConfig
    ) -> tuple[str, list[llm.ToolInput]]:
        """One Gemini round; every failure becomes a GeminiError."""
        model = self.entry.options.get(CONF_CHAT_MODEL, DEFAULT_CHAT_MODEL)
        try:
            async with asyncio.timeout(GEMINI_TIMEOUT):
                response = await self.entry.runtime_data.aio.models.generate_content(
                    model=model, contents=contents, config=config
                )
        except (APIError, httpx.HTTPError, OSError, ValueError) as err:
            raise classify(err) from err
        return parse(response)

    def _failure(
        self,
        user_input: conversation.ConversationInput,
        chat_log: conversation.ChatLog,
        err: GeminiError,
    ) -> conversation.ConversationResult:
        """Say what went wrong in the user's language; a refused key starts reauth."""
        LOGGER.warning("Gemini request failed: %s", err)
        if err.failure is GeminiFailure.INVALID_KEY:
            self.entry.async_start_reauth(self.hass)
        response = intent.IntentResponse(language=user_input.language)
        response.async_set_error(
            intent.IntentResponseErrorCode.UNKNOWN,
            phrase(user_input.language, err.failure.value),
        )
        return conversation.ConversationResult(
            response=response, conversation_id=chat_log.conversation_id
        )
