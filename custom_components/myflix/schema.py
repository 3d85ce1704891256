"""The schema library of the running Home Assistant: probatio, or voluptuous before it.

HA 2026.9 replaced voluptuous with probatio, which keeps voluptuous's API: its
flows, actions and LLM tools take probatio schemas (and ``import voluptuous``
is aliased to probatio at start). HA 2026.6 to 2026.8 have voluptuous only.
"""

from __future__ import annotations

try:
    import probatio as vol
except ImportError:  # HA < 2026.9
    import voluptuous as vol  # type: ignore[no-redef,unused-ignore]

__all__ = ["vol"]
