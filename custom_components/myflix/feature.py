"""What a capability is, described once: the root files gather from these descriptions.

Each ``features/<capability>/feature.py`` exports one ``Feature``: what it
needs from an entry, how it sets up, the entities it adds per platform, its
actions, its part of the options pages and the logbook text of its events.
``catalog.py`` lists them; ``__init__.py``, the platform files,
``services.py``, ``options_flow.py`` and ``logbook.py`` only read the list.
"""

from __future__ import annotations

from collections.abc import (
    Awaitable,
    Callable,
    Collection,
    Coroutine,
    Iterable,
    Mapping,
)
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from homeassistant.const import Platform
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
)
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import VolSchemaType

from .backends import BackendClient
from .entry import MyflixConfigEntry, MyflixRuntimeData
from .schema import vol


@dataclass(frozen=True, kw_only=True)
class Needs:
    """The backends a capability needs: all of ``all_of`` and one of ``any_of``."""

    all_of: frozenset[str] = frozenset()
    any_of: frozenset[str] = frozenset()

    def met(self, backends: Collection[str]) -> bool:
        """Tell whether an entry with ``backends`` configured has what is needed."""
        return self.all_of.issubset(backends) and (
            not self.any_of or not self.any_of.isdisjoint(backends)
        )


type ActionHandler = Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]


class Action(NamedTuple):
    """A ``myflix.<name>`` action: its handler, its schema, whether it answers."""

    name: str
    handler: ActionHandler
    schema: VolSchemaType
    response: SupportsResponse


@dataclass(frozen=True, kw_only=True)
class PageCheck:
    """What checking a page's input found; ``data`` replaces the input when set."""

    errors: dict[str, str] = field(default_factory=dict)
    placeholders: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] | None = None


@dataclass(frozen=True, kw_only=True)
class OptionsPart:
    """A feature's fields on one options page, and how to check what was typed."""

    page: str
    fields: Callable[[Mapping[str, Any]], dict[vol.Marker, Any]]
    """The form fields, filled from the current options."""
    check: Callable[[HomeAssistant, dict[str, Any]], Awaitable[PageCheck]] | None = None


type EntitiesOf = Callable[
    [MyflixConfigEntry, AddConfigEntryEntitiesCallback], list[Entity]
]
"""The entities a feature adds now on one platform; it may keep the callback to add more later."""

type DescribeEvent = Callable[[Mapping[str, Any]], str]
"""The logbook line of one of a feature's events, from the event's data."""


@dataclass(frozen=True, kw_only=True)
class Feature:
    """One capability of Myflix, as the integration's root files see it."""

    name: str
    needs: Needs = Needs()
    """What an entry must configure for the feature to set up and show its pages."""
    async_register: Callable[[HomeAssistant], None] | None = None
    """Once per HA start, whatever the entries (views, conversation)."""
    async_connect: (
        Callable[
            [HomeAssistant, MyflixConfigEntry, Mapping[str, BackendClient]],
            Awaitable[None],
        ]
        | None
    ) = None
    """Puts the feature's part over its backend's client, before the first refresh."""
    async_start: (
        Callable[[HomeAssistant, MyflixConfigEntry], Awaitable[None]] | None
    ) = None
    """Starts what runs on the parts, once their coordinators have data."""
    entities: Mapping[Platform, EntitiesOf] = field(default_factory=dict)
    actions: tuple[Action, ...] = ()
    options: tuple[OptionsPart, ...] = ()
    events: Mapping[str, DescribeEvent] = field(default_factory=dict)
    devices: Callable[[MyflixRuntimeData], Iterable[str]] = lambda _: ()
    """Devices of the entry besides its backends' (kept by the stale-device sweep)."""


def event_words(value: Any) -> str:
    """Write a reason or outcome as logbook words: ``vpn_ip_is_home`` → ``vpn ip is home``."""
    return str(value or "unknown").replace("_", " ")
