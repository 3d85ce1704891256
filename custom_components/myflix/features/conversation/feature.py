"""Conversation (LLM tools, Assist sentences), described for the integration's root files."""

from __future__ import annotations

from custom_components.myflix.feature import Feature

from .setup import async_setup_conversation

# The tools and intents answer for every loaded entry: nothing per entry.
FEATURE = Feature(name="conversation", async_register=async_setup_conversation)
