"""Self-healing of stuck downloads and cleaning: the healer's glue, entities, actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey

if TYPE_CHECKING:
    from .runner import HealingRuntime

HEALING: RuntimeKey[HealingRuntime] = RuntimeKey("healing")
