"""The vault's options: age recipients, folder and how many files to keep."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
)

from custom_components.myflix.const import (
    CONF_VAULT_FOLDER,
    CONF_VAULT_KEEP,
    CONF_VAULT_RECIPIENTS,
    DEFAULT_VAULT_KEEP,
)
from custom_components.myflix.engine.vault import (
    InvalidRecipientError,
    parse_recipients,
)
from custom_components.myflix.feature import PageCheck
from custom_components.myflix.options_fields import whole_number
from custom_components.myflix.schema import vol


def vault_schema(options: Mapping[str, Any]) -> dict[vol.Marker, Any]:
    """Return the vault's fields, filled with the current options."""
    return {
        vol.Optional(
            CONF_VAULT_RECIPIENTS,
            description={"suggested_value": options.get(CONF_VAULT_RECIPIENTS)},
        ): TextSelector(TextSelectorConfig(multiline=True)),
        vol.Optional(
            CONF_VAULT_FOLDER,
            description={"suggested_value": options.get(CONF_VAULT_FOLDER)},
        ): TextSelector(),
        vol.Required(
            CONF_VAULT_KEEP, default=options.get(CONF_VAULT_KEEP, DEFAULT_VAULT_KEEP)
        ): whole_number(1, 365, "files"),
    }  # fmt: skip


def vault_errors(
    user_input: Mapping[str, Any],
) -> tuple[dict[str, str], dict[str, str]]:
    """Field errors and their placeholders (the bad recipient line)."""
    errors: dict[str, str] = {}
    placeholders: dict[str, str] = {}
    try:
        parse_recipients(str(user_input.get(CONF_VAULT_RECIPIENTS) or ""))
    except InvalidRecipientError as err:
        errors[CONF_VAULT_RECIPIENTS] = "invalid_recipient"
        placeholders["line"] = err.line
    folder = str(user_input.get(CONF_VAULT_FOLDER) or "").strip()
    if folder and not PurePath(folder).is_absolute():
        errors[CONF_VAULT_FOLDER] = "folder_not_absolute"
    return errors, placeholders


async def async_check_vault(
    hass: HomeAssistant, user_input: dict[str, Any]
) -> PageCheck:
    """Check that the recipients parse and the folder is absolute."""
    errors, placeholders = vault_errors(user_input)
    return PageCheck(errors=errors, placeholders=placeholders)
