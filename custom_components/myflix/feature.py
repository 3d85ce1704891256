"""What a capability needs from an entry before it applies, stated once.

The entry's set-up and the options menu both ask the same ``Needs``: a page
is offered exactly when its capability runs.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass


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
