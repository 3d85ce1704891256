"""The Myflix card: its data subscription, its posters and its files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey

if TYPE_CHECKING:
    from .feed import CardPart

CARD: RuntimeKey[CardPart] = RuntimeKey("card")
