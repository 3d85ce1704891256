"""The entry type: a loaded entry's runtime, parts registered under typed keys.

Each capability defines the key of its part beside the part's type (as HA's
``HassKey`` does for ``hass.data``) and puts its part in at set-up; this
module knows no capability, so nothing here imports a feature.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from .coordinator import MyflixCoordinator


class RuntimeKey[PartT]:
    """The name of one part of an entry's runtime, typed with what it holds."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        """Name the part (unique per entry)."""
        self.name = name

    def __repr__(self) -> str:
        return f"RuntimeKey({self.name!r})"


@runtime_checkable
class PollingPart(Protocol):
    """A part that polls a backend through coordinators."""

    def coordinators(self) -> list[MyflixCoordinator[Any]]:
        """Every coordinator of the part."""


@dataclass(kw_only=True)
class MyflixRuntimeData:
    """What a loaded entry holds: its parts, and the backends' versions."""

    versions: dict[str, str] = field(default_factory=dict)
    vault_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    """One vault run at a time per entry."""
    _parts: dict[str, Any] = field(default_factory=dict)

    def get[PartT](self, key: RuntimeKey[PartT]) -> PartT | None:
        """Return the part under ``key``, or None when the entry has none."""
        part: PartT | None = self._parts.get(key.name)
        return part

    def set[PartT](self, key: RuntimeKey[PartT], part: PartT | None) -> None:
        """Put ``part`` under ``key`` (None takes it out)."""
        if part is None:
            self._parts.pop(key.name, None)
        else:
            self._parts[key.name] = part

    def coordinators(self) -> list[MyflixCoordinator[Any]]:
        """Every coordinator of the entry, in the order the parts were set."""
        return [
            coordinator
            for part in self._parts.values()
            if isinstance(part, PollingPart)
            for coordinator in part.coordinators()
        ]


type MyflixConfigEntry = ConfigEntry[MyflixRuntimeData]
