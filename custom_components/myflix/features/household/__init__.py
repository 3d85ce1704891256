"""Bandwidth that follows the household: a hold on qBittorrent and tiering while people watch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey
from custom_components.myflix.feature import Needs

if TYPE_CHECKING:
    from .hold import PlaybackHold

HOLD: RuntimeKey[PlaybackHold] = RuntimeKey("playback_hold")
HOLD_NEEDS = Needs(all_of=frozenset({"qbittorrent"}))
"""The hold changes qBittorrent's limits; tiering waits too where it runs."""
