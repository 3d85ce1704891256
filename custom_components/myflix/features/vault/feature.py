"""The encrypted vault, described for the integration's root files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.core import SupportsResponse

from custom_components.myflix.feature import Action, Feature, OptionsPart

from .actions import (
    BACKUP_VAULT_SCHEMA,
    VERIFY_VAULT_SCHEMA,
    async_backup_vault_action,
    async_verify_vault,
)
from .options import async_check_vault, vault_schema
from .runner import EVENT_VAULT_CREATED


def _created(data: Mapping[str, Any]) -> str:
    name = str(data.get("path") or "").rsplit("/", 1)[-1]
    size = data.get("size")
    text = f"wrote the vault backup {name}"
    if isinstance(size, int | float):
        text += f" ({size / 1e6:.1f} MB)"
    if missing := data.get("missing"):
        sources = ", ".join(str(item.get("source")) for item in missing)
        text += f"; missing: {sources}"
    return text


ACTIONS: tuple[Action, ...] = (
    Action("backup_vault", async_backup_vault_action, BACKUP_VAULT_SCHEMA, SupportsResponse.OPTIONAL),
    Action("verify_vault", async_verify_vault, VERIFY_VAULT_SCHEMA, SupportsResponse.ONLY),
)  # fmt: skip


FEATURE = Feature(
    name="vault",
    actions=ACTIONS,
    options=(OptionsPart(page="vault", fields=vault_schema, check=async_check_vault),),
    events={EVENT_VAULT_CREATED: _created},
)
