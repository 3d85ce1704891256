"""The Radarr and Sonarr calendars: real dates, local air times, any range, errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from unittest.mock import ANY

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import snapshot_platform
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.myflix.clients.arr.models import Episode
from custom_components.myflix.const import CONF_SONARR_URL
from custom_components.myflix.features.arr.calendar import episode_event
from simulators.radarr import RadarrSimulator
from simulators.server import free_port
from simulators.sonarr import SonarrSimulator

from .conftest import Backend
from .entity_helpers import FROZEN_NOW, setup_platform, time_travel

pytestmark = pytest.mark.freeze_time(FROZEN_NOW)

RADARR = "calendar.radarr_releases"
SONARR = "calendar.sonarr_air_dates"
DASH = "\N{EN DASH}"


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def only_movie(sim: RadarrSimulator, title: str, **dates: str) -> None:
    """Leave one monitored movie, with these release dates (midnight UTC)."""
    for movie in sim.movies.values():
        movie["monitored"] = movie["title"] == title
        if movie["monitored"]:
            movie.update(inCinemas=None, digitalRelease=None, physicalRelease=None)
            movie.update({key: _utc(value) for key, value in dates.items()})


def only_episode(
    sim: SonarrSimulator, air_utc: str, runtime: int, *, title: str = "Cold Harbor"
) -> None:
    """Leave one monitored episode (Severance S02E10) airing at ``air_utc``."""
    severance = next(s["id"] for s in sim.series.values() if s["title"] == "Severance")
    for episode in sim.episodes.values():
        target = episode["seriesId"] == severance and (
            episode["seasonNumber"],
            episode["episodeNumber"],
        ) == (2, 10)
        episode["monitored"] = target
        if target:
            episode.update(airDateUtc=_utc(air_utc), runtime=runtime, title=title)


async def get_events(
    hass: HomeAssistant, entity_id: str, start: str, end: str
) -> list[tuple[str, str, str]]:
    """Ask ``calendar.get_events`` for a local range; (start, end, summary) each."""
    response = await hass.services.async_call(
        "calendar",
        "get_events",
        {
            "entity_id": entity_id,
            "start_date_time": dt_util.as_local(datetime.fromisoformat(start)),
            "end_date_time": dt_util.as_local(datetime.fromisoformat(end)),
        },
        blocking=True,
        return_response=True,
    )
    events: list[dict[str, Any]] = response[entity_id]["events"]  # type: ignore[assignment,index]
    return [(e["start"], e["end"], e["summary"]) for e in events]


def _calendar_queries(backend: Backend) -> list[dict[str, str]]:
    return [dict(e.query) for e in backend.sim.requests if e.path == "/api/v3/calendar"]


async def test_entities(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    *,
    radarr: Backend,
    sonarr: Backend,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Both calendars, their next event as state attributes, and their registry entries."""
    only_movie(radarr.sim, "Deadpool & Wolverine", digitalRelease="2025-03-20")
    only_episode(sonarr.sim, "2025-03-15T02:00:00", 50)
    entry = await setup_platform(hass, stack_data, Platform.CALENDAR)
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


@pytest.mark.parametrize(
    "time_zone",
    ["US/Pacific", "America/Sao_Paulo", "Europe/Zurich", "Pacific/Auckland"],
)
async def test_radarr_releases_fall_on_their_real_dates(
    hass: HomeAssistant, stack_data: dict[str, str], radarr: Backend, time_zone: str
) -> None:
    """Midnight UTC is the release date everywhere, not the day before in the west."""
    await hass.config.async_set_time_zone(time_zone)
    only_movie(
        radarr.sim,
        "Deadpool & Wolverine",
        inCinemas="2025-03-20",
        digitalRelease="2025-04-01",
        physicalRelease="2025-04-15",
    )
    await setup_platform(hass, stack_data, Platform.CALENDAR)
    assert await get_events(hass, RADARR, "2025-03-14", "2025-04-14") == [
        ("2025-03-20", "2025-03-21", "Deadpool & Wolverine (cinema release)"),
        ("2025-04-01", "2025-04-02", "Deadpool & Wolverine (digital release)"),
    ]
    state = hass.states.get(RADARR)
    assert state is not None
    assert state.state == STATE_OFF
    assert state.attributes["message"] == "Deadpool & Wolverine (cinema release)"
    assert state.attributes["all_day"] is True
    assert state.attributes["start_time"] == "2025-03-20 00:00:00"
    assert state.attributes["end_time"] == "2025-03-21 00:00:00"


async def test_radarr_range_outside_the_window_is_fetched(
    hass: HomeAssistant, stack_data: dict[str, str], radarr: Backend
) -> None:
    """A month view far ahead asks Radarr for that month."""
    only_movie(radarr.sim, "Deadpool & Wolverine", physicalRelease="2025-12-02")
    await setup_platform(hass, stack_data, Platform.CALENDAR)
    assert len(_calendar_queries(radarr)) == 1
    assert await get_events(hass, RADARR, "2025-12-01", "2026-01-01") == [
        ("2025-12-02", "2025-12-03", "Deadpool & Wolverine (physical release)")
    ]
    assert _calendar_queries(radarr)[-1] == {
        "start": "2025-12-01T00:00:00Z",
        "end": "2026-01-01T00:00:00Z",
        "unmonitored": "false",
    }
    assert await get_events(hass, RADARR, "2025-12-03", "2026-01-01") == []


async def test_sonarr_air_time_in_local_time_across_the_day_boundary(
    hass: HomeAssistant, stack_data: dict[str, str], sonarr: Backend
) -> None:
    """03:00 UTC on the 15th is the evening of the 14th in US/Pacific."""
    only_episode(sonarr.sim, "2025-03-15T03:00:00", 60)
    await setup_platform(hass, stack_data, Platform.CALENDAR)
    episode = (
        "2025-03-14T20:00:00-07:00",
        "2025-03-14T21:00:00-07:00",
        f"Severance {DASH} S02E10 {DASH} Cold Harbor",
    )
    assert await get_events(hass, SONARR, "2025-03-14", "2025-03-15") == [episode]
    assert await get_events(hass, SONARR, "2025-03-15", "2025-03-16") == []
    state = hass.states.get(SONARR)
    assert state is not None
    assert state.attributes["start_time"] == "2025-03-14 20:00:00"
    assert state.attributes["all_day"] is False


async def test_sonarr_episode_without_runtime_or_title(
    hass: HomeAssistant, stack_data: dict[str, str], sonarr: Backend
) -> None:
    """No runtime means 30 minutes; no title leaves it out of the summary."""
    only_episode(sonarr.sim, "2025-03-15T03:00:00", 0, title="")
    await setup_platform(hass, stack_data, Platform.CALENDAR)
    assert await get_events(hass, SONARR, "2025-03-14", "2025-03-15") == [
        (
            "2025-03-14T20:00:00-07:00",
            "2025-03-14T20:30:00-07:00",
            f"Severance {DASH} S02E10",
        )
    ]


@pytest.mark.parametrize(
    ("time_zone", "air_utc", "start", "end"),
    [
        # Zurich falls back at 03:00 CEST: 02:30 CEST + 1 h is 02:30 CET.
        (
            "Europe/Zurich",
            "2026-10-25T00:30:00",
            "2026-10-25T02:30:00+02:00",
            "2026-10-25T02:30:00+01:00",
        ),
        # US/Pacific falls back at 02:00 PDT: 01:30 PDT + 1 h is 01:30 PST.
        (
            "US/Pacific",
            "2026-11-01T08:30:00",
            "2026-11-01T01:30:00-07:00",
            "2026-11-01T01:30:00-08:00",
        ),
        # Zurich springs forward at 02:00 CET: 01:30 CET + 1 h is 03:30 CEST.
        (
            "Europe/Zurich",
            "2026-03-29T00:30:00",
            "2026-03-29T01:30:00+01:00",
            "2026-03-29T03:30:00+02:00",
        ),
    ],
)
@pytest.mark.parametrize("in_window", [True, False])
async def test_sonarr_air_times_across_dst(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    sonarr: Backend,
    freezer: FrozenDateTimeFactory,
    *,
    time_zone: str,
    air_utc: str,
    start: str,
    end: str,
    in_window: bool,
) -> None:
    """An hour-long episode lasts an hour when the clocks change, in or out of the window."""
    await hass.config.async_set_time_zone(time_zone)
    if in_window:
        freezer.move_to(_utc(air_utc) - timedelta(days=2))
    only_episode(sonarr.sim, air_utc, 60)
    await setup_platform(hass, stack_data, Platform.CALENDAR)
    day = start[:10]
    following = (datetime.fromisoformat(day) + timedelta(days=1)).date().isoformat()
    queries = len(_calendar_queries(sonarr))
    assert await get_events(hass, SONARR, day, following) == [
        (start, end, f"Severance {DASH} S02E10 {DASH} Cold Harbor")
    ]
    assert len(_calendar_queries(sonarr)) == queries + (not in_window)


@pytest.mark.parametrize(
    ("entity_id", "until_on", "on_for"),
    [
        # Released on the 15th: on from 00:00 to 24:00 PDT (it is 11:00 on the 14th).
        (RADARR, timedelta(hours=13, seconds=1), timedelta(days=1)),
        # On the air from 18:30 to 19:00 UTC (it is 18:00).
        (SONARR, timedelta(minutes=31), timedelta(minutes=30)),
    ],
)
async def test_on_while_the_event_is_on(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    freezer: FrozenDateTimeFactory,
    *,
    radarr: Backend,
    sonarr: Backend,
    entity_id: str,
    until_on: timedelta,
    on_for: timedelta,
) -> None:
    """The state follows the event in local time, then the next event moves on."""
    only_movie(radarr.sim, "Deadpool & Wolverine", digitalRelease="2025-03-15")
    only_episode(sonarr.sim, "2025-03-14T18:30:00", 30)
    await setup_platform(hass, stack_data, Platform.CALENDAR)
    states = [hass.states.get(entity_id)]
    await time_travel(hass, freezer, until_on)
    states.append(hass.states.get(entity_id))
    await time_travel(hass, freezer, on_for)
    states.append(hass.states.get(entity_id))
    assert [(s.state, s.attributes.get("message")) for s in states if s] == [
        (STATE_OFF, ANY),
        (STATE_ON, ANY),
        (STATE_OFF, None),
    ]


async def test_fetch_errors_are_translated(
    hass: HomeAssistant, stack_data: dict[str, str], sonarr: Backend
) -> None:
    """A backend failure on a fetched range is a translated HomeAssistantError."""
    await setup_platform(hass, stack_data, Platform.CALENDAR)
    sonarr.sim.fail_next(status=500)
    with pytest.raises(HomeAssistantError) as err:
        await get_events(hass, SONARR, "2026-01-01", "2026-02-01")
    assert err.value.translation_key == "server_error"
    assert err.value.translation_placeholders["backend"] == "Sonarr"
    assert "Sonarr answered with an internal error" in str(err.value)


async def test_sonarr_down_at_setup(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    hass_client: ClientSessionGenerator,
) -> None:
    """Unavailable without data; the calendar panel's request says why."""
    down = f"http://127.0.0.1:{free_port()}"
    await setup_platform(hass, {**stack_data, CONF_SONARR_URL: down}, Platform.CALENDAR)
    assert hass.states.get(SONARR).state == STATE_UNAVAILABLE  # type: ignore[union-attr]
    client = await hass_client()
    response = await client.get(
        f"/api/calendars/{SONARR}",
        params={"start": "2025-03-14T00:00:00Z", "end": "2025-03-15T00:00:00Z"},
    )
    assert response.status == 500
    message = (await response.json())["message"]
    assert message.startswith("Error reading events: Cannot connect to Sonarr")


def test_an_episode_without_air_time_is_not_on_the_calendar() -> None:
    assert episode_event(Episode.from_dict({"id": 1, "title": "TBA"})) is None
