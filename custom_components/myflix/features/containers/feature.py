"""Container updates through Watchtower, described for the integration's root files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.core import SupportsResponse

from custom_components.myflix.feature import Action, Feature

from .actions import (
    EVENT_CONTAINERS_UPDATED,
    UPDATE_CONTAINERS_SCHEMA,
    async_update_containers,
)


def _updated(data: Mapping[str, Any]) -> str:
    if (changed := data.get("changed")) is not None:
        names = ", ".join(str(item.get("name")) for item in changed)
        return f"updated containers: {names}" if names else "containers up to date"
    return "asked Watchtower to update the containers"


ACTIONS: tuple[Action, ...] = (
    Action("update_containers", async_update_containers, UPDATE_CONTAINERS_SCHEMA, SupportsResponse.OPTIONAL),
)  # fmt: skip


FEATURE = Feature(
    name="containers",
    actions=ACTIONS,
    events={EVENT_CONTAINERS_UPDATED: _updated},
)
