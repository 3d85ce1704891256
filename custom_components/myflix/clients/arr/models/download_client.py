"""A download client as an *arr app is set up to use it (categories included)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from custom_components.myflix.clients.converters import as_bool, as_int, as_str

from .base import ArrModel, from_json


def _settings(value: Any) -> dict[str, Any]:
    """Flatten the provider ``fields`` list into ``{name: value}``."""
    if not isinstance(value, list):
        return {}
    return {
        item["name"]: item.get("value")
        for item in value
        if isinstance(item, dict) and isinstance(item.get("name"), str)
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadClient(ArrModel):
    """``GET downloadclient``: one configured client; secrets stay in ``settings``."""

    id: int = field(metadata=from_json("id", as_int))
    name: str = field(default="", metadata=from_json("name", as_str))
    implementation: str = field(
        default="", metadata=from_json("implementation", as_str)
    )
    protocol: str = field(default="unknown", metadata=from_json("protocol", as_str))
    enable: bool = field(default=True, metadata=from_json("enable", as_bool))
    settings: dict[str, Any] = field(
        default_factory=dict, metadata=from_json("fields", _settings)
    )

    def categories(self, names: tuple[str, ...]) -> set[str]:
        """Return the non-empty category settings among ``names``."""
        return {
            value
            for name in names
            if isinstance(value := self.settings.get(name), str) and value
        }
