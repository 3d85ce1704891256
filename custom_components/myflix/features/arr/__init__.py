"""Radarr and Sonarr: coordinators, entities, calendars, read and add actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from custom_components.myflix.entry import RuntimeKey

if TYPE_CHECKING:
    from custom_components.myflix.clients.radarr import RadarrClient
    from custom_components.myflix.clients.sonarr import SonarrClient

    from .coordinator import ArrRuntime

RADARR: RuntimeKey[ArrRuntime[RadarrClient]] = RuntimeKey("radarr")
SONARR: RuntimeKey[ArrRuntime[SonarrClient]] = RuntimeKey("sonarr")
ARR: dict[str, RuntimeKey[ArrRuntime[Any]]] = {"radarr": RADARR, "sonarr": SONARR}
"""The key of each *arr app's part, by backend name."""
