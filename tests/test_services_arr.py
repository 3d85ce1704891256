"""Radarr and Sonarr read actions: get_queue, get_upcoming, search_media."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
import voluptuous as vol

from custom_components.myflix.const import (
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    CONF_SONARR_API_KEY,
    CONF_SONARR_URL,
)
from custom_components.myflix.features.arr import RADARR, SONARR
from custom_components.myflix.services_common import MAX_TEXT, trim
from simulators.radarr import RadarrSimulator
from simulators.server import serve
from simulators.sonarr import SonarrSimulator

from .conftest import RADARR_KEY, SONARR_KEY, Backend
from .services_helpers import call, call_fails, reauth_started, setup_entry

GIB = 1024**3


async def test_get_queue(hass: HomeAssistant, stack_data: dict[str, str]) -> None:
    """Both queues, compact, from the status coordinators."""
    await setup_entry(hass, stack_data)
    response = await call(hass, "get_queue")
    items = response["items"]
    assert response["count"] == len(items) > 4
    assert response["left_out"] == 0
    assert {item["source"] for item in items} == {"radarr", "sonarr"}
    by_title = {item["title"]: item for item in items}
    poor_things = by_title[
        "Poor.Things.2023.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX"
    ]
    assert poor_things | {"download_id": None} == {
        "source": "radarr",
        "title": "Poor.Things.2023.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX",
        "status": "downloading",
        "tracked_status": "ok",
        "progress": round(100 * 11 / 24, 1),
        "size": 24 * GIB,
        "time_left": 42 * 60 + 10,
        "download_id": None,
        "error": None,
        "messages": [],
    }
    assert len(poor_things["download_id"]) == 40
    stalled = by_title["Civil.War.2024.1080p.WEB-DL.DDP5.1.H.264-SPARKS"]
    assert stalled["tracked_status"] == "warning"
    assert stalled["error"] == "The download is stalled with no connections"
    assert stalled["messages"] == []  # the same text is not repeated

    sonarr_only = await call(hass, "get_queue", {"backend": "sonarr", "limit": 2})
    assert {item["source"] for item in sonarr_only["items"]} == {"sonarr"}
    assert len(sonarr_only["items"]) == 2
    assert sonarr_only["left_out"] == sonarr_only["count"] - 2 > 0


async def test_get_queue_backend_down(
    hass: HomeAssistant, stack_data: dict[str, str], radarr: Backend
) -> None:
    """A failed poll is reported, not hidden behind stale data; recovery works."""
    entry = await setup_entry(hass, stack_data)
    status = entry.runtime_data.get(RADARR).status
    radarr.sim.fail_next(4)
    await status.async_refresh()
    err = await call_fails(hass, "get_queue", {}, HomeAssistantError, "server_error")
    assert "Radarr" in str(err)
    # Sonarr's queue is still served on its own.
    assert (await call(hass, "get_queue", {"backend": "sonarr"}))["count"] > 0
    await status.async_refresh()
    assert (await call(hass, "get_queue", {"backend": "radarr"}))["count"] > 0


async def test_get_queue_refused_key(
    hass: HomeAssistant, stack_data: dict[str, str], sonarr: Backend
) -> None:
    """A revoked key makes the poll fail: the action says so and reauth starts."""
    entry = await setup_entry(hass, stack_data)
    sonarr.sim.api_key = "revoked"
    await entry.runtime_data.get(SONARR).status.async_refresh()
    await hass.async_block_till_done()
    await call_fails(
        hass, "get_queue", {"backend": "sonarr"}, HomeAssistantError, "auth_failed"
    )
    assert reauth_started(hass)


async def test_get_upcoming_across_dst(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, socket_enabled: None
) -> None:
    """Movies on their real dates, episodes at local times, across the DST change."""
    # Saturday noon in California; clocks go forward on Sunday 9 March.
    freezer.move_to("2025-03-08T20:00:00+00:00")
    radarr_sim = RadarrSimulator(api_key=RADARR_KEY)
    sonarr_sim = SonarrSimulator(api_key=SONARR_KEY)
    async with (
        serve(radarr_sim.make_app()) as radarr_url,
        serve(sonarr_sim.make_app()) as sonarr_url,
    ):
        entry = await setup_entry(
            hass,
            {
                CONF_RADARR_URL: radarr_url,
                CONF_RADARR_API_KEY: RADARR_KEY,
                CONF_SONARR_URL: sonarr_url,
                CONF_SONARR_API_KEY: SONARR_KEY,
            },
        )
        response = await call(hass, "get_upcoming", {"days": 8})
        assert (response["start"], response["end"]) == ("2025-03-08", "2025-03-15")
        assert [
            (item["date"], item["time"], item.get("series") or item["title"])
            for item in response["items"]
        ] == [
            ("2025-03-08", "17:00", "Severance"),  # 01:00 UTC, PST
            ("2025-03-09", None, "Furiosa: A Mad Max Saga"),
            ("2025-03-09", None, "Deadpool & Wolverine"),
            ("2025-03-10", None, "Inside Out 2"),
            ("2025-03-15", "18:00", "Severance"),  # 01:00 UTC, PDT
        ]
        releases = [item.get("release") for item in response["items"]]
        assert releases == [None, "digital", "cinema", "physical", None]
        assert response["items"][0]["episode"] == "S02E05"
        assert response["count"] == 5

        week = await call(hass, "get_upcoming", {"backend": "radarr", "limit": 1})
        assert week["count"] == 3
        assert week["left_out"] == 2
        assert week["items"][0]["title"] == "Furiosa: A Mad Max Saga"
        assert await hass.config_entries.async_unload(entry.entry_id)


async def test_get_upcoming_errors(
    hass: HomeAssistant, stack_data: dict[str, str], sonarr: Backend
) -> None:
    """A failing calendar is an error; a refused key also starts reauth."""
    await setup_entry(hass, stack_data)
    sonarr.sim.fail_next(1, status=503)
    await call_fails(hass, "get_upcoming", {}, HomeAssistantError, "server_error")
    sonarr.sim.api_key = "revoked"
    assert not reauth_started(hass)
    await call_fails(hass, "get_upcoming", {}, HomeAssistantError, "auth_failed")
    await hass.async_block_till_done()
    assert reauth_started(hass)
    with pytest.raises(vol.Invalid):
        await call(hass, "get_upcoming", {"days": 0})


async def test_search_media(hass: HomeAssistant, stack_data: dict[str, str]) -> None:
    """Lookups through both apps, flagged when in the library, with what was left out."""
    await setup_entry(hass, stack_data)
    response = await call(hass, "search_media", {"query": "Dune", "limit": 2})
    assert response["series"] == {"count": 0, "left_out": 0, "items": []}
    movies = response["movies"]
    assert (movies["count"], movies["left_out"]) == (3, 1)
    assert movies["items"][0] == {
        "title": "Dune: Part Two",
        "year": 2024,
        "tmdb_id": 693134,
        "overview": "Dune: Part Two (2024), a science fiction film from Legendary Pictures.",
        "in_library": False,
    }

    owned = await call(
        hass, "search_media", {"query": "Oppenheimer", "media_type": "movie"}
    )
    assert list(owned) == ["movies"]
    assert owned["movies"]["items"][0]["in_library"] is True

    series = await call(
        hass, "search_media", {"query": "tvdb:371980", "media_type": "series"}
    )
    assert list(series) == ["series"]
    assert series["series"]["items"] == [
        {
            "title": "Severance",
            "year": 2022,
            "tvdb_id": 371980,
            "network": "Apple TV+",
            "overview": "Severance, a drama series on Apple TV+.",
            "in_library": True,
        }
    ]


async def test_search_media_errors(
    hass: HomeAssistant, stack_data: dict[str, str], radarr: Backend
) -> None:
    """An empty query is invalid; a failing lookup is a translated error."""
    await setup_entry(hass, stack_data)
    with pytest.raises(vol.Invalid):
        await call(hass, "search_media", {"query": "  "})
    with pytest.raises(vol.Invalid):
        await call(hass, "search_media", {"query": "Dune", "media_type": "music"})
    radarr.sim.fail_next(1, status=500)
    err = await call_fails(
        hass, "search_media", {"query": "Dune"}, HomeAssistantError, "server_error"
    )
    assert "Radarr" in str(err)
    radarr.sim.fail_next(1, status=400, message="Invalid term")
    await call_fails(
        hass,
        "search_media",
        {"query": "Dune", "media_type": "movie"},
        ServiceValidationError,
        "backend_rejected",
    )


def test_trim() -> None:
    """Long texts are cut at a word and marked; short ones are kept."""
    assert trim(None) is None
    assert trim("short") == "short"
    cut = trim("word " * 100)
    assert cut is not None
    assert len(cut) <= MAX_TEXT + 1
    assert cut.endswith("word…")
