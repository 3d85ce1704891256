"""Gemini contents from HA's chat log and back: tool schemas, history, answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from google.genai.types import (
    Content,
    FinishReason,
    FunctionDeclaration,
    GenerateContentResponse,
    Part,
    Schema,
    Tool,
)
from homeassistant.components import conversation
from homeassistant.helpers import llm
from voluptuous_openapi import convert

from .gemini_client import GeminiError, GeminiFailure
from .llm_tools import MyflixTool

# The subset of OpenAPI that Gemini's Schema accepts (https://ai.google.dev/api/caching#Schema).
_SCHEMA_KEYS = frozenset(
    {"type", "description", "nullable", "enum", "properties", "required", "items"}
)
_BLOCKED = frozenset(
    {
        FinishReason.SAFETY,
        FinishReason.BLOCKLIST,
        FinishReason.PROHIBITED_CONTENT,
        FinishReason.SPII,
    }
)


def _format_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Keep what Gemini accepts; it drops min/max/default, so tools validate."""
    if subschemas := schema.get("allOf"):
        typed = [s for s in subschemas if "type" in s]
        return _format_schema((typed or subschemas)[0])
    result: dict[str, Any] = {}
    for key, value in schema.items():
        if key not in _SCHEMA_KEYS:
            continue
        if key == "type":
            result[key] = value.upper()
        elif key == "items":
            result[key] = _format_schema(value)
        elif key == "properties":
            result[key] = {name: _format_schema(sub) for name, sub in value.items()}
        else:
            result[key] = value
    if result.get("enum") and result.get("type") != "STRING":
        result["type"] = "STRING"
        result["enum"] = [str(item) for item in result["enum"]]
    if result.get("type") == "OBJECT" and not result.get("properties"):
        result["properties"] = {"json": {"type": "STRING"}}
        result["required"] = []
    return result


def _declaration(
    tool: llm.Tool, serializer: Callable[[Any], Any] | None
) -> FunctionDeclaration:
    """Describe one tool for Gemini."""
    return FunctionDeclaration(
        name=tool.name,
        description=tool.description,
        parameters=cast(
            Schema,
            _format_schema(convert(tool.parameters, custom_serializer=serializer)),
        )
        if tool.parameters.schema
        else None,
    )


# Myflix tools never change (and hold no selector): described once.
_MYFLIX_DECLARATIONS: dict[str, FunctionDeclaration] = {}


def format_tools(
    tools: list[llm.Tool], serializer: Callable[[Any], Any] | None
) -> list[Tool]:
    """Return all the API's tools as one Gemini tool of function declarations."""
    declarations = []
    for tool in tools:
        if not isinstance(tool, MyflixTool):
            declarations.append(_declaration(tool, serializer))
            continue
        if (declaration := _MYFLIX_DECLARATIONS.get(tool.name)) is None:
            declaration = _MYFLIX_DECLARATIONS[tool.name] = _declaration(tool, None)
        declarations.append(declaration)
    return [Tool(function_declarations=declarations)] if declarations else []


def assistant_turn(content: conversation.AssistantContent) -> Content:
    """Return what the model said: its text and tool calls."""
    parts = [Part.from_text(text=content.content)] if content.content else []
    parts += [
        Part.from_function_call(name=call.tool_name, args=call.tool_args)
        for call in content.tool_calls or ()
    ]
    return Content(role="model", parts=parts or [Part.from_text(text="")])


def _convert(content: conversation.Content) -> Content | None:
    """One chat-log turn as Gemini content (tool results are grouped by the caller)."""
    if isinstance(content, conversation.AssistantContent):
        return assistant_turn(content)
    if isinstance(content, conversation.UserContent):
        return Content(role="user", parts=[Part.from_text(text=content.content)])
    return None


def tool_results(results: list[conversation.ToolResultContent]) -> Content:
    """Tool answers, as one user turn of function responses."""
    return Content(
        role="user",
        parts=[
            Part.from_function_response(name=r.tool_name, response=r.tool_result)
            for r in results
        ],
    )


def history(chat_log: conversation.ChatLog) -> list[Content]:
    """Return the chat log after its system prompt, as Gemini contents."""
    contents: list[Content] = []
    pending: list[conversation.ToolResultContent] = []
    for content in chat_log.content[1:]:
        if isinstance(content, conversation.ToolResultContent):
            pending.append(content)
            continue
        if pending:
            contents.append(tool_results(pending))
            pending = []
        if (converted := _convert(content)) is not None:
            contents.append(converted)
    if pending:
        contents.append(tool_results(pending))
    if contents and contents[0].role != "user":
        # Gemini wants a user turn first (a conversation started by HA has none).
        contents.insert(0, Content(role="user", parts=[Part.from_text(text=" ")]))
    return contents


def parse(response: GenerateContentResponse) -> tuple[str, list[llm.ToolInput]]:
    """Return the answer's text and tool calls; raise on a blocked or empty answer."""
    feedback = response.prompt_feedback
    if feedback is not None and feedback.block_reason is not None:
        raise GeminiError(GeminiFailure.BLOCKED, str(feedback.block_reason))
    if not response.candidates:
        raise GeminiError(GeminiFailure.NO_ANSWER)
    candidate = response.candidates[0]
    if candidate.finish_reason in _BLOCKED:
        raise GeminiError(GeminiFailure.BLOCKED, str(candidate.finish_reason))
    parts = (candidate.content.parts if candidate.content else None) or []
    text = " ".join(part.text.strip() for part in parts if part.text).strip()
    calls = [
        llm.ToolInput(
            tool_name=part.function_call.name or "",
            tool_args=dict(part.function_call.args or {}),
        )
        for part in parts
        if part.function_call is not None
    ]
    if not text and not calls:
        raise GeminiError(GeminiFailure.NO_ANSWER)
    return text, calls
