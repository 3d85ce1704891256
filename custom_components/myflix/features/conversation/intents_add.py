"""Adding by voice: "add the movie {title}" and "add the series {title}".

A title said aloud is fuzzy, so the intent searches first: one clear match
(the only result, or the only one whose title is exactly what was said) is
added; otherwise the best three are read back and nothing is added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import intent
import homeassistant.helpers.config_validation as cv

from custom_components.myflix.const import DOMAIN
from custom_components.myflix.schema import vol

from .llm_tools import mark_untrusted
from .phrases import listing, phrase

# The local agent's platform: its speech goes to a person, not to a model.
LOCAL_PLATFORM = "conversation"
SLOT_TITLE = "title"
CHOICES = 3  # read back when the match is not clear


@dataclass(frozen=True, kw_only=True)
class AddSpec:
    """What one add intent searches and calls."""

    intent_type: str
    description: str
    media_type: str  # search_media's
    results_key: str  # its response's
    action: str  # the add action
    id_field: str  # the add action's id


ADD_INTENTS = (
    AddSpec(
        intent_type="MyflixAddMovie",
        description="Adds a movie to Radarr by its title and searches for it.",
        media_type="movie",
        results_key="movies",
        action="add_movie",
        id_field="tmdb_id",
    ),
    AddSpec(
        intent_type="MyflixAddSeries",
        description="Adds a series to Sonarr by its title and searches for it.",
        media_type="series",
        results_key="series",
        action="add_series",
        id_field="tvdb_id",
    ),
)


async def async_call_action(
    intent_obj: intent.Intent, action: str, data: dict[str, Any]
) -> dict[str, Any]:
    """Call a Myflix action for an intent; its failure is said, in the asked language."""
    try:
        response = await intent_obj.hass.services.async_call(
            DOMAIN,
            action,
            data,
            blocking=True,
            context=intent_obj.context,
            return_response=True,
        )
    except HomeAssistantError as err:
        raise intent.IntentHandleError(
            phrase(intent_obj.language, "failed", error=str(err))
        ) from err
    return dict(response or {})


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def clear_match(said: str, items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Return the one result meant: the only one, or the only one titled as said."""
    if len(items) == 1:
        return items[0]
    exact = [item for item in items if _plain(str(item.get("title"))) == _plain(said)]
    return exact[0] if len(exact) == 1 else None


def _named(item: dict[str, Any]) -> str:
    year = item.get("year")
    return f"{item.get('title')} ({year})" if year else str(item.get("title"))


class MyflixAddHandler(intent.IntentHandler):
    """Searches the said title, adds one clear match, else reads the choices."""

    platforms = None

    def __init__(self, spec: AddSpec) -> None:
        """Take the spec's type and description."""
        self.spec = spec
        self.intent_type = spec.intent_type
        self.description = spec.description

    @property
    def slot_schema(self) -> dict[Any, Any] | None:
        """The one slot: the title as said (a wildcard)."""
        return {vol.Required(SLOT_TITLE): cv.string}

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Search, then add or read back; always answer in words."""
        spec, language = self.spec, intent_obj.language
        slots = self.async_validate_slots(intent_obj.slots)
        said = str(slots[SLOT_TITLE]["value"]).strip()
        result = intent_obj.create_response()
        if not said:
            result.async_set_speech(phrase(language, "add_no_title"))
            return result
        found = await async_call_action(
            intent_obj,
            "search_media",
            {"query": said, "media_type": spec.media_type, "limit": CHOICES},
        )
        if intent_obj.platform != LOCAL_PLATFORM:
            found = mark_untrusted(found)  # titles from the internet, for a model
        listed = found.get(spec.results_key) or {}
        items: list[dict[str, Any]] = list(listed.get("items") or [])
        if not items:
            speech = phrase(language, "add_not_found", title=said)
        elif (item := clear_match(said, items)) is None:
            names = listing(language, [_named(i) for i in items], len(items))
            speech = phrase(language, "add_choose", items=names)
        elif item.get("in_library"):
            speech = phrase(language, "add_already", title=_named(item))
        else:
            added = await async_call_action(
                intent_obj, spec.action, {spec.id_field: item[spec.id_field]}
            )
            speech = phrase(language, "add_done", title=_named(added))
        result.async_set_speech(speech)
        return result
