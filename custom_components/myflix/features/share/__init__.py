"""The share gateway: signed download links served by Home Assistant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey

if TYPE_CHECKING:
    from .runtime import ShareRuntime

SHARE: RuntimeKey[ShareRuntime] = RuntimeKey("share")
