"""Vault actions: back up into an encrypted file, verify one with a secret key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse
from homeassistant.exceptions import HomeAssistantError
import homeassistant.helpers.config_validation as cv

from custom_components.myflix.engine.vault import (
    CorruptVaultError,
    InvalidIdentityError,
    InvalidRecipientError,
    WrongIdentityError,
    is_vault_name,
    open_vault,
    vault_files,
)
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    resolve_entry,
    validation_error,
)

from .runner import EVENT_VAULT_CREATED, async_backup_vault, recipients_of, vault_folder

ATTR_RECIPIENTS = "recipients"
ATTR_PATH = "path"
ATTR_IDENTITY = "identity"
ATTR_IDENTITY_FILE = "identity_file"

BACKUP_VAULT_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELDS,
        vol.Optional(ATTR_RECIPIENTS): vol.Any(cv.string, [cv.string]),
    }
)
VERIFY_VAULT_SCHEMA = vol.All(
    vol.Schema(
        {
            **ENTRY_FIELDS,
            vol.Optional(ATTR_PATH): cv.string,
            vol.Exclusive(ATTR_IDENTITY, "identity"): cv.string,
            vol.Exclusive(ATTR_IDENTITY_FILE, "identity"): cv.string,
        }
    ),
    cv.has_at_least_one_key(ATTR_IDENTITY, ATTR_IDENTITY_FILE),
)


async def async_backup_vault_action(call: ServiceCall) -> ServiceResponse:
    """Write a new vault and answer its path, size, SHA-256 and contents."""
    entry = resolve_entry(call)
    try:
        recipients = recipients_of(entry, call.data.get(ATTR_RECIPIENTS))
    except InvalidRecipientError as err:
        raise validation_error("vault_invalid_recipient", line=err.line) from err
    if not recipients:
        raise validation_error("vault_no_recipients", entry=entry.title)
    try:
        result = await async_backup_vault(call.hass, entry, recipients)
    except OSError as err:
        raise HomeAssistantError(
            translation_domain="myflix",
            translation_key="vault_write_failed",
            translation_placeholders={
                "folder": str(vault_folder(call.hass, entry)),
                "error": err.strerror or type(err).__name__,
            },
        ) from err
    response = result.as_dict()
    call.hass.bus.async_fire(
        EVENT_VAULT_CREATED, {**response, "entry_id": entry.entry_id}
    )
    return response


def _target(call: ServiceCall, entry: MyflixConfigEntry) -> Path:
    """Return the file to verify: the call's path inside the vault folder, else the newest."""
    folder = vault_folder(call.hass, entry)
    if (raw := call.data.get(ATTR_PATH)) is None:
        if not (files := vault_files(folder)):
            raise validation_error("vault_none", folder=str(folder))
        return files[0]
    path = Path(raw) if Path(raw).is_absolute() else folder / raw
    inside = path.resolve().parent == folder.resolve()
    if not inside or not is_vault_name(path.name) or not path.is_file():
        raise validation_error("vault_not_found", path=raw, folder=str(folder))
    return path


def _read_identity(call: ServiceCall) -> str:
    """Return the secret key from the call, or from the first key line of a file."""
    if (secret := call.data.get(ATTR_IDENTITY)) is not None:
        return str(secret)
    name = call.data[ATTR_IDENTITY_FILE]
    try:
        lines = Path(name).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise validation_error("vault_identity_file", path=name) from err
    return next((ln for ln in lines if ln.strip() and not ln.startswith("#")), "")


def _verify(call: ServiceCall, path: Path) -> dict[str, Any]:
    """Blocking: read the identity, decrypt and list (executor)."""
    return open_vault(path, _read_identity(call))


async def async_verify_vault(call: ServiceCall) -> ServiceResponse:
    """Decrypt a vault with a secret key and list what it holds."""
    entry = resolve_entry(call)
    hass = call.hass
    path = await hass.async_add_executor_job(_target, call, entry)
    try:
        return await hass.async_add_executor_job(_verify, call, path)
    except InvalidIdentityError as err:
        raise validation_error("vault_invalid_identity") from err
    except WrongIdentityError as err:
        raise validation_error("vault_wrong_identity", path=path.name) from err
    except CorruptVaultError as err:
        raise validation_error("vault_corrupt", path=path.name) from err
