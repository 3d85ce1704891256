"""Event entities: torrents added and completed, imports done, never a replay."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import (
    EVENT_STATE_CHANGED,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.myflix.clients.errors import MyflixConnectionError
from custom_components.myflix.const import CONF_RADARR_URL
from custom_components.myflix.features.arr import RADARR
from simulators.arr import Grab
from simulators.arr.queue import DownloadQueue
from simulators.qbittorrent_link import QbittorrentLink
from simulators.radarr import RadarrSimulator
from simulators.server import serve

from .conftest import QBT_PASS, QBT_USER, RADARR_KEY, Backend
from .entity_helpers import (
    ARR_POLL,
    FROZEN_NOW,
    QBITTORRENT_POLL,
    setup_platform,
    time_travel,
)

pytestmark = pytest.mark.freeze_time(FROZEN_NOW)

DOWNLOADS = "event.qbittorrent_downloads"
RADARR_IMPORTS = "event.radarr_imports"
SONARR_IMPORTS = "event.sonarr_imports"
# What an event entity always has; the rest of its attributes is the event data.
_BASE = {"event_type", "event_types", "friendly_name"}


class Events:
    """The entry under test: set it up, poll, and read what its entities fired."""

    def __init__(
        self, hass: HomeAssistant, data: dict[str, str], freezer: FrozenDateTimeFactory
    ) -> None:
        self.hass, self.data, self.freezer = hass, data, freezer
        self.fired = async_capture_events(hass, EVENT_STATE_CHANGED)

    async def setup(self, **data: str) -> MockConfigEntry:
        return await setup_platform(self.hass, {**self.data, **data}, Platform.EVENT)

    async def poll(self, delta: timedelta, times: int = 1) -> None:
        for _ in range(times):
            await time_travel(self.hass, self.freezer, delta)

    def state(self, entity_id: str) -> str:
        state = self.hass.states.get(entity_id)
        assert state is not None, entity_id
        return state.state

    def of(self, entity_id: str) -> list[tuple[str, dict[str, Any]]]:
        """The (event type, data) an entity fired, oldest first."""
        out = []
        for event in self.fired:
            new = event.data["new_state"]
            if event.data["entity_id"] != entity_id or new is None:
                continue
            if new.state in (STATE_UNKNOWN, STATE_UNAVAILABLE):
                continue
            data = {k: v for k, v in new.attributes.items() if k not in _BASE}
            out.append((new.attributes["event_type"], data))
        return out


@pytest.fixture
def events(
    hass: HomeAssistant, stack_data: dict[str, str], freezer: FrozenDateTimeFactory
) -> Events:
    """The Myflix entry with only its event entities, on the simulators."""
    return Events(hass, stack_data, freezer)


async def search(sim: DownloadQueue, command: str, **fields: Any) -> Grab:
    """Run a search command in the simulator and return the grab it made."""
    sim.start_command(command, fields)
    await sim.wait_idle()
    return sim.grabs[-1]


def finish(grab: Grab) -> None:
    """Make a download outside qBittorrent finished and ready to import."""
    grab.state.update(
        status="completed", sizeleft=0.0, trackedDownloadState="importPending"
    )


def movie_id(sim: RadarrSimulator, title: str) -> int:
    return next(m["id"] for m in sim.movies.values() if m["title"] == title)


async def test_entities(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """The three event entities, their event types and registry entries."""
    entry = await setup_platform(hass, stack_data, Platform.EVENT)
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_no_events_for_what_exists_at_setup(
    events: Events, qbittorrent: Backend
) -> None:
    """The first sync is a baseline: torrents already there are not 'added'."""
    qbittorrent.sim.add_torrent(name="Old.Finished.Release", progress=1.0)
    qbittorrent.sim.add_torrent(name="Old.Running.Release", progress=0.4)
    await events.setup()
    await events.poll(QBITTORRENT_POLL)
    assert events.state(DOWNLOADS) == STATE_UNKNOWN
    assert events.of(DOWNLOADS) == []


async def test_no_events_when_qbittorrent_comes_up_after_setup(
    events: Events, qbittorrent: Backend
) -> None:
    """Down at setup, then up: its first sync is the baseline, not a storm."""
    qbittorrent.sim.add_torrent(name="Already.There", progress=0.4)
    qbittorrent.sim.fail_next(status=500)
    await events.setup()
    assert events.state(DOWNLOADS) == STATE_UNAVAILABLE
    await events.poll(QBITTORRENT_POLL)
    assert events.state(DOWNLOADS) == STATE_UNKNOWN
    assert events.of(DOWNLOADS) == []


async def test_added_then_completed(events: Events, qbittorrent: Backend) -> None:
    """A new torrent fires 'added'; ticking it to 100 % fires 'completed' once."""
    sim = qbittorrent.sim
    await events.setup()
    torrent_hash = sim.add_torrent(
        name="Dune.Part.Two.2024.2160p",
        size=2_000_000_000,
        category="radarr",
        progress=0.1,
        dlspeed=500_000_000,
        seeds=20,
        added_ago=0,
    )
    await events.poll(QBITTORRENT_POLL)
    data = {
        "name": "Dune.Part.Two.2024.2160p",
        "category": "radarr",
        "size": 2_000_000_000,
        "hash": torrent_hash,
    }
    assert events.of(DOWNLOADS) == [("added", data)]
    assert events.state(DOWNLOADS) == "2025-03-14T18:00:05.000+00:00"
    sim.tick(2)
    await events.poll(QBITTORRENT_POLL)
    assert len(events.of(DOWNLOADS)) == 1  # still downloading
    sim.tick(5)
    await events.poll(QBITTORRENT_POLL, times=2)
    assert events.of(DOWNLOADS) == [("added", data), ("completed", data)]


async def test_several_events_in_one_poll(events: Events, qbittorrent: Backend) -> None:
    """Two torrents added in one poll are two events, not one."""
    sim = qbittorrent.sim
    running = sim.add_torrent(name="Running", progress=0.9)
    await events.setup()
    sim.add_torrent(name="First", category="tv-sonarr")
    sim.add_torrent(name="Second", category="radarr")
    sim.set_torrent(running, progress=1.0, state="uploading")
    await events.poll(QBITTORRENT_POLL)
    assert sorted((kind, data["name"]) for kind, data in events.of(DOWNLOADS)) == [
        ("added", "First"),
        ("added", "Second"),
        ("completed", "Running"),
    ]


async def test_outage_then_recovery_reports_only_real_changes(
    events: Events, qbittorrent: Backend
) -> None:
    """Unavailable while qBittorrent fails; afterwards only what changed meanwhile."""
    sim = qbittorrent.sim
    sim.add_torrent(name="Kept", progress=0.5)
    await events.setup()
    sim.fail_next(3, status=500)
    await events.poll(QBITTORRENT_POLL)
    assert events.state(DOWNLOADS) == STATE_UNAVAILABLE
    sim.add_torrent(name="Added.While.Down")
    await events.poll(QBITTORRENT_POLL, times=3)
    assert events.state(DOWNLOADS) != STATE_UNAVAILABLE
    assert [data["name"] for _, data in events.of(DOWNLOADS)] == ["Added.While.Down"]


async def test_radarr_import_fires_imported(events: Events, radarr: Backend) -> None:
    """Radarr's downloadFolderImported history event becomes 'imported'."""
    sim = radarr.sim
    await events.setup()
    grab = await search(
        sim, "MoviesSearch", movieIds=[movie_id(sim, "Deadpool & Wolverine")]
    )
    finish(grab)
    await events.poll(ARR_POLL)
    assert events.of(RADARR_IMPORTS) == []  # Radarr checks once a minute
    await events.poll(ARR_POLL)
    data = {
        "title": "Deadpool & Wolverine",
        "year": 2024,
        "quality": "WEBDL-2160p",
        "release": grab.title,
    }
    assert events.of(RADARR_IMPORTS) == [("imported", data)]
    await events.poll(ARR_POLL, times=2)
    assert len(events.of(RADARR_IMPORTS)) == 1  # never twice


async def test_sonarr_pack_import_fires_per_episode(
    events: Events, sonarr: Backend
) -> None:
    """A season pack is one import per episode, each with series and episode."""
    sim = sonarr.sim
    await events.setup()
    bear = next(s["id"] for s in sim.series.values() if s["title"] == "The Bear")
    grab = await search(sim, "SeasonSearch", seriesId=bear, seasonNumber=2)
    finish(grab)
    await events.poll(ARR_POLL, times=2)
    fired = events.of(SONARR_IMPORTS)
    assert [kind for kind, _ in fired] == ["imported"] * len(grab.episode_ids)
    assert len(fired) > 1
    first = fired[0][1]
    assert set(first) == {"series", "season", "episode", "title", "quality", "release"}
    assert (first["series"], first["season"], first["quality"]) == (
        "The Bear",
        2,
        "WEBDL-1080p",
    )


async def test_imports_before_setup_are_not_replayed(
    events: Events, radarr: Backend
) -> None:
    """An import Radarr did before HA started is history, not an event."""
    sim = radarr.sim
    finish(await search(sim, "MoviesSearch", movieIds=[movie_id(sim, "Civil War")]))
    await sim.import_finished()
    await events.setup()
    await events.poll(ARR_POLL, times=2)
    assert events.state(RADARR_IMPORTS) == STATE_UNKNOWN


async def test_a_failed_history_read_loses_nothing(
    events: Events, radarr: Backend
) -> None:
    """When the history cannot be read, the next look still finds the import."""
    sim = radarr.sim
    entry = await events.setup()
    client = entry.runtime_data.get(RADARR).client
    finish(await search(sim, "MoviesSearch", movieIds=[movie_id(sim, "Civil War")]))
    with patch.object(
        client, "history_since", side_effect=MyflixConnectionError("reset")
    ):
        await events.poll(ARR_POLL, times=2)
    assert events.of(RADARR_IMPORTS) == []
    await events.poll(ARR_POLL)
    assert [data["title"] for _, data in events.of(RADARR_IMPORTS)] == ["Civil War"]


@pytest.fixture
async def linked_radarr(qbittorrent: Backend) -> AsyncIterator[Backend]:
    """A Radarr that sends its grabs to the qBittorrent simulator, as the real one."""
    link = QbittorrentLink(qbittorrent.url, QBT_USER, QBT_PASS)
    sim = RadarrSimulator(api_key=RADARR_KEY, download_client=link)
    async with serve(sim.make_app()) as url:
        yield Backend(sim, url)


async def test_grab_download_and_import_end_to_end(
    events: Events, qbittorrent: Backend, linked_radarr: Backend
) -> None:
    """Radarr grabs, qBittorrent adds and finishes, Radarr imports: three events."""
    await events.setup(**{CONF_RADARR_URL: linked_radarr.url})
    sim = linked_radarr.sim
    grab = await search(sim, "MoviesSearch", movieIds=[movie_id(sim, "Civil War")])
    torrent_hash = grab.download_id.lower()
    qbittorrent.sim.set_torrent(torrent_hash, has_metadata=True, size=9_000_000_000)
    qbittorrent.sim.set_torrent(torrent_hash, seeds=30, dlspeed=3_000_000_000)
    await events.poll(QBITTORRENT_POLL)
    qbittorrent.sim.tick(4)
    await events.poll(ARR_POLL, times=2)
    assert [kind for kind, _ in events.of(DOWNLOADS)] == ["added", "completed"]
    assert events.of(DOWNLOADS)[1][1]["category"] == "radarr"
    assert [data["title"] for _, data in events.of(RADARR_IMPORTS)] == ["Civil War"]
