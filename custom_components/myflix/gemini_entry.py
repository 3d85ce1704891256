"""The Gemini agent's config entry: a Myflix entry of its own kind, holding the key.

A user who wants Gemini to run their media stack adds it from the Myflix
integration (a second entry next to the stack), like HA's own Google
Generative AI integration: the key in the entry data (reauth replaces it),
model, prompt, LLM API and temperature in its options.
"""

from __future__ import annotations

from google.genai import Client
from google.genai.errors import APIError
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
import httpx

from .const import CONF_CHAT_MODEL, DEFAULT_CHAT_MODEL, DOMAIN
from .gemini_client import GeminiError, GeminiFailure, async_create_client, classify

type GeminiConfigEntry = ConfigEntry[Client]

GEMINI_PLATFORMS: list[Platform] = [Platform.CONVERSATION]


async def async_check_key(client: Client, model: str) -> None:
    """Ask Gemini about the model: proves the key and the model; raises GeminiError."""
    try:
        await client.aio.models.get(model=model)
    except (APIError, httpx.HTTPError, OSError) as err:
        raise classify(err) from err


async def async_setup_gemini_entry(
    hass: HomeAssistant, entry: GeminiConfigEntry
) -> bool:
    """Build the client, check the key, add the conversation entity."""
    client = await async_create_client(hass, entry.data)
    try:
        await async_check_key(
            client, entry.options.get(CONF_CHAT_MODEL, DEFAULT_CHAT_MODEL)
        )
    except GeminiError as err:
        if err.failure is GeminiFailure.INVALID_KEY:
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN, translation_key="gemini_invalid_key"
            ) from err
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="gemini_unavailable",
            translation_placeholders={"error": str(err)},
        ) from err
    entry.runtime_data = client
    await hass.config_entries.async_forward_entry_setups(entry, GEMINI_PLATFORMS)
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    return True


async def _async_options_updated(hass: HomeAssistant, entry: GeminiConfigEntry) -> None:
    """Reload for a new model, prompt, API or temperature."""
    await hass.config_entries.async_reload(entry.entry_id)


async def async_unload_gemini_entry(
    hass: HomeAssistant, entry: GeminiConfigEntry
) -> bool:
    """Remove the conversation entity."""
    return await hass.config_entries.async_unload_platforms(entry, GEMINI_PLATFORMS)
