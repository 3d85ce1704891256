"""Intents for the common asks, answered without any LLM, in English and French.

HA's local agent reaches them through the sentences in ``sentences/``, which
Myflix installs into ``<config>/custom_sentences/<language>/``; every LLM
agent using the Assist API gets them as tools. Each calls the Myflix action of the same capability.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent

from .intents_add import (
    ADD_INTENTS,
    LOCAL_PLATFORM,
    MyflixAddHandler,
    async_call_action,
)
from .intents_history import MyflixWhyHandler
from .llm_tools import mark_untrusted
from .phrases import listing, phrase, size, word

type Speak = Callable[[str | None, dict[str, Any]], str]


@dataclass(frozen=True, kw_only=True)
class IntentSpec:
    """One intent: the action it calls and how it speaks the answer."""

    intent_type: str
    description: str
    action: str
    data: dict[str, Any]
    speak: Speak


def _names(items: list[dict[str, Any]], key: str) -> list[str]:
    return [str(item.get(key) or "?") for item in items]


def _speak_queue(language: str | None, response: dict[str, Any]) -> str:
    if not (count := response["count"]):
        return phrase(language, "queue_empty")
    items = listing(language, _names(response["items"], "title"), count)
    return phrase(language, "queue", count=count, items=items)


def _speak_torrents(key: str) -> Speak:
    """Say how many torrents the listing found and the first names."""

    def speak(language: str | None, response: dict[str, Any]) -> str:
        if not (count := response["count"]):
            return phrase(language, f"{key}_none")
        items = listing(language, _names(response["items"], "name"), count)
        return phrase(language, key, count=count, items=items)

    return speak


def _speak_switch(key: str) -> Speak:
    return lambda language, response: phrase(language, key, count=response["count"])


def _speak_vpn(language: str | None, response: dict[str, Any]) -> str:
    tunnel = word(language, response["tunnel"])
    server = response["server"] or response["country"] or "?"
    if (killswitch := response["killswitch"]) is None:
        return phrase(language, "vpn", tunnel=tunnel, server=server)
    state = word(language, killswitch["state"])
    return phrase(
        language, "vpn_killswitch", tunnel=tunnel, server=server, killswitch=state
    )


def _speak_today(language: str | None, response: dict[str, Any]) -> str:
    if not (count := response["count"]):
        return phrase(language, "today_none")
    names = [
        f"{item['series']} {item['episode']}" if "series" in item else item["title"]
        for item in response["items"]
    ]
    return phrase(language, "today", items=listing(language, names, count))


def _speak_space(language: str | None, response: dict[str, Any]) -> str:
    if not (count := response["count"]):
        return phrase(language, "space_none")
    # A folder by its last name ("movies"), least free space first.
    names = [
        f"{place['path'].rstrip('/').rsplit('/', 1)[-1] or place['path']} "
        f"{size(language, place['free_bytes'])}"
        for place in response["places"]
    ]
    return phrase(language, "space", items=listing(language, names, count))


INTENTS: tuple[IntentSpec, ...] = (
    IntentSpec(
        intent_type="MyflixQueueStatus",
        description="Says what Radarr and Sonarr are downloading (the queue).",
        action="get_queue",
        data={"limit": 3},
        speak=_speak_queue,
    ),
    IntentSpec(
        intent_type="MyflixDownloading",
        description="Says which torrents qBittorrent is downloading.",
        action="get_torrents",
        data={"status": "downloading", "limit": 3},
        speak=_speak_torrents("downloading"),
    ),
    IntentSpec(
        intent_type="MyflixStalled",
        description="Says which downloads are stalled (started, no data moving).",
        action="get_torrents",
        data={"status": "stalled_downloading", "limit": 3},
        speak=_speak_torrents("stalled"),
    ),
    IntentSpec(
        intent_type="MyflixPauseDownloads",
        description="Pauses every torrent in qBittorrent.",
        action="pause_downloads",
        data={},
        speak=_speak_switch("paused"),
    ),
    IntentSpec(
        intent_type="MyflixResumeDownloads",
        description="Resumes every torrent in qBittorrent.",
        action="resume_downloads",
        data={},
        speak=_speak_switch("resumed"),
    ),
    IntentSpec(
        intent_type="MyflixVpnStatus",
        description="Says whether the VPN is up, its server and the killswitch state.",
        action="get_vpn_status",
        data={},
        speak=_speak_vpn,
    ),
    IntentSpec(
        intent_type="MyflixFreeSpace",
        description="Says how much disk space is left for media and downloads.",
        action="get_free_space",
        data={},
        speak=_speak_space,
    ),
    IntentSpec(
        intent_type="MyflixUpcomingToday",
        description="Says which movies and episodes come out today.",
        action="get_upcoming",
        data={"days": 1, "limit": 3},
        speak=_speak_today,
    ),
)


class MyflixIntentHandler(intent.IntentHandler):
    """Answers one intent by calling its Myflix action."""

    platforms = None

    def __init__(self, spec: IntentSpec) -> None:
        """Take the spec's type and description."""
        self.spec = spec
        self.intent_type = spec.intent_type
        self.description = spec.description

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Call the action, speak its answer; for a model, internet text is marked."""
        spec, language = self.spec, intent_obj.language
        data = await async_call_action(intent_obj, spec.action, spec.data)
        if intent_obj.platform != LOCAL_PLATFORM:
            data = mark_untrusted(data)
        result = intent_obj.create_response()
        result.async_set_speech(spec.speak(language, data))
        result.async_set_speech_slots(data)
        return result


@callback
def async_register_intents(hass: HomeAssistant) -> None:
    """Register the Myflix intents for the lifetime of HA."""
    for spec in INTENTS:
        intent.async_register(hass, MyflixIntentHandler(spec))
    for add in ADD_INTENTS:
        intent.async_register(hass, MyflixAddHandler(add))
    intent.async_register(hass, MyflixWhyHandler())
