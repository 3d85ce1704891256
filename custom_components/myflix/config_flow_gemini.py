"""Config and options flow steps of the Gemini agent entry.

Offered from the Myflix "add entry" menu once a media stack exists. The key
is checked by asking Gemini about the model; advanced mode may point the
agent at another endpoint (a proxy, or the demo's simulated Gemini).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_API_KEY, CONF_LLM_HASS_API
from homeassistant.helpers import llm
from homeassistant.helpers.importlib import async_import_module
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    TemplateSelector,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import voluptuous as vol

from .const import (
    CONF_CHAT_MODEL,
    CONF_ENTRY_KIND,
    CONF_GEMINI_BASE_URL,
    CONF_PROMPT,
    CONF_TEMPERATURE,
    DEFAULT_CHAT_MODEL,
    DEFAULT_TEMPERATURE,
    ENTRY_KIND_GEMINI,
    LLM_API_MYFLIX_ASSIST,
    LOGGER,
)

GEMINI_TITLE = "Gemini"
NO_API = "none"
_KEY = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
_URL = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))

DEFAULT_OPTIONS: dict[str, Any] = {
    CONF_LLM_HASS_API: LLM_API_MYFLIX_ASSIST,
    CONF_CHAT_MODEL: DEFAULT_CHAT_MODEL,
    CONF_TEMPERATURE: DEFAULT_TEMPERATURE,
    CONF_PROMPT: llm.DEFAULT_INSTRUCTIONS_PROMPT,
}


class GeminiFlowSteps(ConfigFlow):
    """The steps that add the Gemini agent or replace its key."""

    async def _async_check_gemini(
        self, data: Mapping[str, Any], model: str
    ) -> dict[str, str]:
        """Ask Gemini with this key; return form errors (never the key)."""
        client_module = await async_import_module(
            self.hass, f"{__package__}.gemini_client"
        )
        entry_module = await async_import_module(
            self.hass, f"{__package__}.gemini_entry"
        )
        try:
            client = await client_module.async_create_client(self.hass, data)
            await entry_module.async_check_key(client, model)
        except client_module.GeminiError as err:
            if err.failure is client_module.GeminiFailure.INVALID_KEY:
                return {CONF_API_KEY: "invalid_api_key"}
            LOGGER.debug("Gemini check failed: %s", err)
            return {"base": "cannot_connect"}
        except Exception:  # noqa: BLE001
            LOGGER.exception("Unexpected error while checking the Gemini key")
            return {"base": "unknown"}
        return {}

    async def async_step_gemini(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the Gemini API key (and, in advanced mode, the endpoint)."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {CONF_ENTRY_KIND: ENTRY_KIND_GEMINI, CONF_API_KEY: ""}
            data |= {k: str(v).strip() for k, v in user_input.items() if v}
            self._async_abort_entries_match({CONF_API_KEY: data[CONF_API_KEY]})
            if not (errors := await self._async_check_gemini(data, DEFAULT_CHAT_MODEL)):
                return self.async_create_entry(
                    title=GEMINI_TITLE, data=data, options=DEFAULT_OPTIONS
                )
        schema: dict[vol.Marker, Any] = {vol.Required(CONF_API_KEY): _KEY}
        if self.show_advanced_options:
            schema[vol.Optional(CONF_GEMINI_BASE_URL)] = _URL
        return self.async_show_form(
            step_id="gemini", data_schema=vol.Schema(schema), errors=errors
        )

    async def async_step_gemini_key(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Replace the key of the Gemini entry (reauth or reconfigure)."""
        entry = (
            self._get_reauth_entry()
            if self.source == "reauth"
            else self._get_reconfigure_entry()
        )
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**entry.data, CONF_API_KEY: user_input[CONF_API_KEY].strip()}
            model = entry.options.get(CONF_CHAT_MODEL, DEFAULT_CHAT_MODEL)
            if not (errors := await self._async_check_gemini(data, model)):
                return self.async_update_reload_and_abort(entry, data=data)
        return self.async_show_form(
            step_id="gemini_key",
            data_schema=vol.Schema({vol.Required(CONF_API_KEY): _KEY}),
            errors=errors,
        )


class GeminiOptionsFlow(OptionsFlow):
    """Model, prompt, LLM API and temperature of the Gemini agent."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Start with the only step."""
        return await self.async_step_gemini(user_input)

    async def async_step_gemini(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and save the agent's options; "none" means no tools."""
        if user_input is not None:
            if user_input.get(CONF_LLM_HASS_API) == NO_API:
                user_input.pop(CONF_LLM_HASS_API)
            return self.async_create_entry(data=user_input)
        options = {**DEFAULT_OPTIONS, **self.config_entry.options}
        apis = [SelectOptionDict(label="No control", value=NO_API)] + [
            SelectOptionDict(label=api.name, value=api.id)
            for api in llm.async_get_apis(self.hass)
        ]
        schema = {
            vol.Optional(
                CONF_CHAT_MODEL,
                description={"suggested_value": options[CONF_CHAT_MODEL]},
            ): str,
            vol.Optional(
                CONF_PROMPT, description={"suggested_value": options[CONF_PROMPT]}
            ): TemplateSelector(),
            vol.Optional(
                CONF_LLM_HASS_API,
                default=self.config_entry.options.get(CONF_LLM_HASS_API, NO_API),
            ): SelectSelector(SelectSelectorConfig(options=apis)),
            vol.Optional(
                CONF_TEMPERATURE, default=options[CONF_TEMPERATURE]
            ): NumberSelector(NumberSelectorConfig(min=0, max=2, step=0.05)),
        }
        return self.async_show_form(step_id="gemini", data_schema=vol.Schema(schema))
