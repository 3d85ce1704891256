"""Tiering repairs: the archive is missing (unmounted?) or full."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.helpers import issue_registry as ir

from custom_components.myflix.const import DOMAIN

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant


class TieringIssues:
    """Raise and clear an entry's tiering repairs (each only on a change)."""

    def __init__(self, hass: HomeAssistant, entry_id: str, archive_root: str) -> None:
        """Name the issues after the entry; they show the archive's path."""
        self._hass = hass
        self._archive = archive_root
        self.missing_id = f"tiering_archive_missing_{entry_id}"
        self.full_id = f"tiering_archive_full_{entry_id}"

    def _set(self, issue_id: str, key: str, active: bool) -> None:
        if not active:
            ir.async_delete_issue(self._hass, DOMAIN, issue_id)
            return
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key=key,
            translation_placeholders={"path": self._archive},
        )

    def archive_missing(self, active: bool) -> None:
        """Raise or clear: the archive root cannot be measured, nothing can move."""
        self._set(self.missing_id, "tiering_archive_missing", active)

    def archive_full(self, active: bool) -> None:
        """Raise or clear: the archive ran out of room (a move rolled back, or a capped plan)."""
        self._set(self.full_id, "tiering_archive_full", active)

    def clear(self) -> None:
        """Drop both (the entry unloads)."""
        self.archive_missing(False)
        self.archive_full(False)
