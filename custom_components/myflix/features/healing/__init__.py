"""Self-healing of stuck downloads and cleaning: the healer's glue, entities, actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey
from custom_components.myflix.feature import Needs

if TYPE_CHECKING:
    from .runner import HealingRuntime

HEALING: RuntimeKey[HealingRuntime] = RuntimeKey("healing")
HEALING_NEEDS = Needs(
    all_of=frozenset({"qbittorrent"}), any_of=frozenset({"radarr", "sonarr"})
)
"""Strikes need the torrents and an app to blocklist and search again."""
