"""The vault's options: age recipients, folder and how many files to keep."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    TextSelector,
    TextSelectorConfig,
)
import voluptuous as vol

from .const import (
    CONF_VAULT_FOLDER,
    CONF_VAULT_KEEP,
    CONF_VAULT_RECIPIENTS,
    DEFAULT_VAULT_KEEP,
)
from .engine.vault import InvalidRecipientError, parse_recipients

TEXT_OPTIONS = (CONF_VAULT_RECIPIENTS, CONF_VAULT_FOLDER)


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
        ): NumberSelector(
            NumberSelectorConfig(
                min=1, max=365, step=1, unit_of_measurement="files",
                mode=NumberSelectorMode.BOX,
            )
        ),
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


def vault_changes(
    user_input: Mapping[str, Any], options: Mapping[str, Any]
) -> dict[str, Any]:
    """Return the new options: cleared text fields are dropped, not kept from before."""
    new = {k: v for k, v in options.items() if k not in TEXT_OPTIONS}
    for key in TEXT_OPTIONS:
        if text := str(user_input.get(key) or "").strip():
            new[key] = text
    return new
