"""add_movie and add_series: by id or title, choices by name or default, errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
import voluptuous as vol

from custom_components.myflix.features.arr import ARR

from .conftest import Backend
from .services_helpers import call, call_fails, reauth_started, setup_entry


def _commands(backend: Backend) -> list[str]:
    return [command["name"] for command in backend.sim.commands.values()]


@dataclass(frozen=True)
class AddCase:
    """One add by id: the app, what to send, what comes back, what the app did."""

    backend: str
    service: str
    data: dict[str, Any]
    response: dict[str, Any]
    profile_id: int
    command: str


ADD_BY_ID = [
    AddCase(
        "radarr",
        "add_movie",
        {"tmdb_id": 693134, "quality_profile": "ultra-hd"},
        {
            "title": "Dune: Part Two",
            "year": 2024,
            "tmdb_id": 693134,
            "path": "/data/media/movies/Dune - Part Two (2024)",
            "quality_profile": "Ultra-HD",
            "root_folder": "/data/media/movies",
            "monitored": True,
            "searching": True,
        },
        5,
        "MoviesSearch",
    ),
    AddCase(
        "sonarr",
        "add_series",
        {"tvdb_id": 392256, "monitor": "future", "quality_profile": "HD-1080p"},
        {
            "title": "The Last of Us",
            "year": 2023,
            "tvdb_id": 392256,
            "path": "/data/media/tv/The Last of Us (2023)",
            "quality_profile": "HD-1080p",
            "root_folder": "/data/media/tv",
            "monitored": True,
            "searching": True,
        },
        4,
        "MissingEpisodeSearch",
    ),
]


@pytest.mark.parametrize("case", ADD_BY_ID, ids=lambda case: case.service)
async def test_add_by_id(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    request: pytest.FixtureRequest,
    case: AddCase,
) -> None:
    """Add by id with a profile named in any case; search starts; counts refresh."""
    backend: Backend = request.getfixturevalue(case.backend)
    entry = await setup_entry(hass, stack_data)
    library = entry.runtime_data.get(ARR[case.backend]).library
    before = library.data.total
    response = await call(hass, case.service, case.data)
    added_id = response.pop("id")
    assert response == case.response
    stored = backend.sim.movies if case.backend == "radarr" else backend.sim.series
    assert stored[added_id]["qualityProfileId"] == case.profile_id
    assert stored[added_id]["monitored"] is True
    assert case.command in _commands(backend)
    assert library.data.total == before + 1
    await backend.sim.wait_idle()


async def test_add_movie_by_title_with_defaults(
    hass: HomeAssistant, stack_data: dict[str, str], radarr: Backend
) -> None:
    """Add the first lookup result, unmonitored, without searching, with defaults."""
    await setup_entry(hass, stack_data)
    response = await call(
        hass,
        "add_movie",
        {
            "query": "Gladiator II",
            "monitor": False,
            "search": False,
            "root_folder": "/data/media/movies/",
        },
    )
    assert response["title"] == "Gladiator II"
    assert response["quality_profile"] == "Any"  # the first profile Radarr lists
    assert response["root_folder"] == "/data/media/movies"
    assert response["monitored"] is False
    assert response["searching"] is False
    assert radarr.sim.movies[response["id"]]["qualityProfileId"] == 1
    assert "MoviesSearch" not in _commands(radarr)


@pytest.mark.parametrize(
    "case",
    [
        ({"tmdb_id": 872585}, "already_in_library", "Oppenheimer (2023)"),
        ({"query": "no such film"}, "media_not_found", "no such film"),
        (
            {"tmdb_id": 693134, "quality_profile": "4K"},
            "unknown_quality_profile",
            "Any, HD-1080p, Ultra-HD",
        ),
        (
            {"tmdb_id": 693134, "root_folder": "/mnt/elsewhere"},
            "unknown_root_folder",
            "/data/media/movies",
        ),
    ],
)
async def test_add_movie_refused(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    radarr: Backend,
    case: tuple[dict[str, Any], str, str],
) -> None:
    """What the caller can fix is a validation error naming the valid choices."""
    data, key, in_message = case
    await setup_entry(hass, stack_data)
    count = len(radarr.sim.movies)
    err = await call_fails(hass, "add_movie", data, ServiceValidationError, key)
    assert in_message in str(err)
    assert len(radarr.sim.movies) == count


async def test_add_without_profiles_or_folders(
    hass: HomeAssistant, stack_data: dict[str, str], radarr: Backend
) -> None:
    """No profile, or no accessible root folder, to fall back on is an error."""
    await setup_entry(hass, stack_data)
    radarr.sim.root_folders[0]["accessible"] = False
    await call_fails(
        hass, "add_movie", {"tmdb_id": 693134}, ServiceValidationError, "no_root_folder"
    )
    radarr.sim.quality_profiles.clear()
    await call_fails(
        hass,
        "add_movie",
        {"tmdb_id": 693134},
        ServiceValidationError,
        "no_quality_profile",
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"tmdb_id": 693134, "query": "Dune"},
        {"tmdb_id": 0},
        {"query": ""},
        {"tmdb_id": 693134, "monitor": "sometimes"},
    ],
)
async def test_add_movie_invalid(
    hass: HomeAssistant, stack_data: dict[str, str], data: dict[str, Any]
) -> None:
    """Exactly one of id and title; ids are positive."""
    await setup_entry(hass, stack_data)
    with pytest.raises(vol.Invalid):
        await call(hass, "add_movie", data)


async def test_add_movie_backend_errors(
    hass: HomeAssistant, stack_data: dict[str, str], radarr: Backend
) -> None:
    """Radarr down or refusing: translated errors; a revoked key starts reauth."""
    await setup_entry(hass, stack_data)
    radarr.sim.fail_next(3)
    await call_fails(
        hass, "add_movie", {"tmdb_id": 693134}, HomeAssistantError, "server_error"
    )
    radarr.sim.fail_next(3, status=400, message="Refused")
    err = await call_fails(
        hass,
        "add_movie",
        {"tmdb_id": 693134},
        ServiceValidationError,
        "backend_rejected",
    )
    assert "Refused" in str(err)
    radarr.sim.api_key = "revoked"
    await call_fails(
        hass, "add_movie", {"tmdb_id": 693134}, HomeAssistantError, "auth_failed"
    )
    await hass.async_block_till_done()
    assert reauth_started(hass)


async def test_add_series_choices(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """A title and the monitor type "none" add an unmonitored series; owned is refused."""
    await setup_entry(hass, stack_data)
    unmonitored = await call(
        hass,
        "add_series",
        {"query": "Slow Horses", "monitor": "none", "search": False},
    )
    assert unmonitored["title"] == "Slow Horses"
    assert unmonitored["monitored"] is False

    await call_fails(
        hass,
        "add_series",
        {"query": "Severance"},
        ServiceValidationError,
        "already_in_library",
    )
    with pytest.raises(vol.Invalid):
        await call(hass, "add_series", {"tvdb_id": 393189, "monitor": "everything"})
