"""The engines' store protocol (``load``/``save``) in memory, for tests without HA."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class MemoryStore:
    """Keeps what was saved last; counts the saves."""

    def __init__(self) -> None:
        self.data: Mapping[str, Any] | None = None
        self.saves = 0

    async def load(self) -> Mapping[str, Any] | None:
        return self.data

    async def save(self, data: dict[str, Any]) -> None:
        self.data = data
        self.saves += 1
