"""What the running Home Assistant offers LLM tools, from 2026.6 to today.

HA 2026.9 replaced voluptuous with probatio (same API): a tool's parameters
must be a schema of the library HA converts for the model. HA 2026.8 added the
``llm.py`` platform (tools join the Assist API), ``llm.ToolResult`` and
``llm.ToolAnnotations``; older HA gets plain dicts and registered APIs.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

from homeassistant.helpers import llm
from homeassistant.util.json import JsonObjectType

from custom_components.myflix.schema import vol

__all__ = ["HAS_LLM_PLATFORM", "tool_annotations", "tool_result", "vol"]

# HA >= 2026.8: integrations add tools to the Assist API through ``llm.py``.
HAS_LLM_PLATFORM = find_spec("homeassistant.components.llm") is not None


def tool_result(data: JsonObjectType, *, error: bool = False) -> Any:
    """Return ``llm.ToolResult`` where HA has it (2026.10), the dict before."""
    if (result := getattr(llm, "ToolResult", None)) is not None:
        return result(data=data, error=error)
    return data


def tool_annotations(**hints: bool) -> Any:
    """Return ``llm.ToolAnnotations`` where HA has it, else None."""
    if (cls := getattr(llm, "ToolAnnotations", None)) is not None:
        return cls(**hints)
    return None
