"""'Why did {title} disappear?': the history answers, newest record of that title first."""

from __future__ import annotations

from typing import Any

from homeassistant.helpers import intent
import homeassistant.helpers.config_validation as cv
from homeassistant.util import dt as dt_util

from custom_components.myflix.schema import vol

from .intents_add import LOCAL_PLATFORM, SLOT_TITLE, async_call_action
from .llm_tools import mark_untrusted
from .phrases import phrase, word

# Kinds a person asks about by title, and how the answer names the change.
_WHAT = frozenset(
    {"healing_replaced", "healing_strike", "share_downloaded", "vpn_rotated"}
)


def _when(record: dict[str, Any]) -> str:
    """Say the record's time in the home's zone, as a person reads it."""
    at = dt_util.as_local(dt_util.parse_datetime(record["at"]) or dt_util.utcnow())
    return at.strftime("%Y-%m-%d %H:%M")


def _reason(language: str | None, record: dict[str, Any]) -> str:
    reason = word(language, str(record.get("reason") or "unknown"))
    evidence = record.get("evidence") or {}
    if "strikes" in evidence and "max_strikes" in evidence:
        reason += f" ({evidence['strikes']}/{evidence['max_strikes']})"
    return reason


class MyflixWhyHandler(intent.IntentHandler):
    """Answers 'why did {title} disappear' from the entry's history."""

    intent_type = "MyflixWhyGone"
    description = "Says why Myflix removed or changed a title (from its history)."
    platforms = None

    @property
    def slot_schema(self) -> dict[Any, Any] | None:
        """The one slot: the title as said (a wildcard)."""
        return {vol.Required(SLOT_TITLE): cv.string}

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Find the newest record of the title; say what Myflix did and why."""
        language = intent_obj.language
        slots = self.async_validate_slots(intent_obj.slots)
        said = str(slots[SLOT_TITLE]["value"]).strip()
        result = intent_obj.create_response()
        if not said:
            result.async_set_speech(phrase(language, "why_no_title"))
            return result
        found = await async_call_action(
            intent_obj, "get_history", {"title": said, "limit": 1}
        )
        if intent_obj.platform != LOCAL_PLATFORM:
            found = mark_untrusted(found)  # release names come from the internet
        records: list[dict[str, Any]] = list(found.get("records") or [])
        if not records:
            result.async_set_speech(phrase(language, "why_none", title=said))
            return result
        record = records[0]
        kind = record["kind"]
        what = phrase(language, f"what_{kind}" if kind in _WHAT else "what_other")
        result.async_set_speech(
            phrase(
                language,
                "why",
                when=_when(record),
                what=what,
                title=record.get("title") or said,
                reason=_reason(language, record),
            )
        )
        result.async_set_speech_slots(found)
        return result
