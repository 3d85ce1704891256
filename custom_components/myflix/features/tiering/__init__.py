"""Storage tiering between a hot and an archive disk: runs, entities, actions, options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey

if TYPE_CHECKING:
    from .runner import TieringRuntime

TIERING: RuntimeKey[TieringRuntime] = RuntimeKey("tiering")
