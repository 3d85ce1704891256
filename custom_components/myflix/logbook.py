"""Logbook text for Myflix's events: what happened, in one line, no secrets."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.core import Event, HomeAssistant, callback

from .const import DOMAIN
from .features.containers.actions import EVENT_CONTAINERS_UPDATED
from .features.healing.runner import EVENT_REPLACED, EVENT_STALLED
from .features.share.runtime import EVENT_DOWNLOADED
from .features.tiering.runner import EVENT_FINISHED, EVENT_PROGRESS
from .features.vault.runner import EVENT_VAULT_CREATED
from .features.vpn.actions import EVENT_ROTATED
from .features.vpn.killswitch import EVENT_RELEASED, EVENT_TRIPPED

# The logbook's entry keys (homeassistant.components.logbook's LOGBOOK_ENTRY_*),
# spelled out: importing the logbook integration would make it a dependency.
LOGBOOK_ENTRY_NAME = "name"
LOGBOOK_ENTRY_MESSAGE = "message"

type Describe = Callable[[Mapping[str, Any]], str]


def _words(value: Any) -> str:
    return str(value or "unknown").replace("_", " ")


def _tripped(data: Mapping[str, Any]) -> str:
    reason, torrents = _words(data.get("reason")), data.get("torrents", 0)
    text = f"halted downloads ({reason}): {torrents} torrent(s) stopped"
    if isinstance(latency := data.get("latency_ms"), int | float):
        text += f", {latency:.0f} ms after the leak was seen"
    return text


def _released(data: Mapping[str, Any]) -> str:
    how = "by hand" if data.get("manual") else "the VPN is clean again"
    return f"resumed {data.get('torrents', 0)} torrent(s): {how}"


def _rotated(data: Mapping[str, Any]) -> str:
    return (
        f"moved the VPN to {data.get('server')} (load {data.get('load')} %,"
        f" {data.get('latency_ms')} ms)"
    )


def _shared(data: Mapping[str, Any]) -> str:
    limit = data.get("max_downloads")
    count = f"{data.get('downloads')}/{limit}" if limit else f"{data.get('downloads')}"
    return f"shared file {data.get('file')} was downloaded (download {count})"


def _vault(data: Mapping[str, Any]) -> str:
    name = str(data.get("path") or "").rsplit("/", 1)[-1]
    size = data.get("size")
    text = f"wrote the vault backup {name}"
    if isinstance(size, int | float):
        text += f" ({size / 1e6:.1f} MB)"
    if missing := data.get("missing"):
        sources = ", ".join(str(item.get("source")) for item in missing)
        text += f"; missing: {sources}"
    return text


def _containers(data: Mapping[str, Any]) -> str:
    if (changed := data.get("changed")) is not None:
        names = ", ".join(str(item.get("name")) for item in changed)
        return f"updated containers: {names}" if names else "containers up to date"
    return "asked Watchtower to update the containers"


def _stalled(data: Mapping[str, Any]) -> str:
    return (
        f"struck {data.get('title')} ({_words(data.get('reason'))}):"
        f" {data.get('strikes')} of {data.get('max_strikes')} strikes"
    )


def _replaced(data: Mapping[str, Any]) -> str:
    text = f"replaced {data.get('title')} ({_words(data.get('reason'))}) in {data.get('app')}"
    return text + (", its data keeps seeding" if data.get("kept_data") else "")


def _gigabytes(value: Any) -> str:
    return f"{value / 1e9:.1f} GB" if isinstance(value, int | float) else "?"


def _tiering_progress(data: Mapping[str, Any]) -> str:
    return (
        f"moving to the archive: {_gigabytes(data.get('moved_bytes'))} of"
        f" {_gigabytes(data.get('total_bytes'))} ({data.get('percent')} %)"
    )


def _tiering_finished(data: Mapping[str, Any]) -> str:
    return (
        f"tiering {_words(data.get('outcome'))}: {data.get('moved_files', 0)} file(s),"
        f" {_gigabytes(data.get('moved_bytes'))} moved to the archive"
    )


DESCRIPTIONS: dict[str, Describe] = {
    EVENT_PROGRESS: _tiering_progress,
    EVENT_FINISHED: _tiering_finished,
    EVENT_STALLED: _stalled,
    EVENT_REPLACED: _replaced,
    EVENT_TRIPPED: _tripped,
    EVENT_RELEASED: _released,
    EVENT_ROTATED: _rotated,
    EVENT_DOWNLOADED: _shared,
    EVENT_VAULT_CREATED: _vault,
    EVENT_CONTAINERS_UPDATED: _containers,
}


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Describe every event Myflix fires."""
    for event_type, describe in DESCRIPTIONS.items():

        @callback
        def entry(event: Event, describe: Describe = describe) -> dict[str, str]:
            return {
                LOGBOOK_ENTRY_NAME: "Myflix",
                LOGBOOK_ENTRY_MESSAGE: describe(event.data),
            }

        async_describe_event(DOMAIN, event_type, entry)
