"""The card's websocket subscription and commands, in a real hass over the simulators.

The first message holds the queue (qBittorrent's downloads named as Radarr and
Sonarr name them), the releases coming up and the glances; after it only the
rows that changed go out. Removing a download is for administrators only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.myflix.features.qbittorrent import QBITTORRENT
from simulators.arr.grab import Grab

from .conftest import Backend
from .services_helpers import SECRETS, call, setup_entry

MIB = 1024**2


@dataclass
class Card:
    """The simulators, the entry, and the hashes of the torrents seeded."""

    radarr: Backend
    sonarr: Backend
    qbittorrent: Backend
    entry: MockConfigEntry
    tracked: Grab
    """A Radarr download whose torrent is in qBittorrent."""
    hashes: dict[str, str]

    async def poll(self, hass: HomeAssistant) -> None:
        """Refresh qBittorrent's sync now, as its timer would."""
        runtime = self.entry.runtime_data.get(QBITTORRENT)
        assert runtime is not None
        await runtime.sync.async_refresh()
        await hass.async_block_till_done()


@pytest.fixture
async def card(
    hass: HomeAssistant,
    radarr: Backend,
    sonarr: Backend,
    qbittorrent: Backend,
    stack_data: dict[str, str],
) -> AsyncIterator[Card]:
    """Radarr, Sonarr and qBittorrent; one of Radarr's downloads lives in qBittorrent."""
    tracked = next(
        grab
        for grab in radarr.sim.grabs
        if grab.movie_id and grab.title.startswith("Poor.Things")
    )
    sim = qbittorrent.sim
    hashes = {
        "tracked": sim.add_torrent(
            name=tracked.title,
            torrent_hash=tracked.download_id.lower(),
            progress=0.25,
            state="downloading",
            dlspeed=3 * MIB,
            added_ago=60,
        ),
        "own": sim.add_torrent(
            name="Linux.Distro.iso", progress=0.5, state="stalledDL", added_ago=120
        ),
        "seed": sim.add_torrent(name="Old.Seed", progress=1.0, state="uploading"),
    }
    entry = await setup_entry(hass, stack_data)
    yield Card(radarr, sonarr, qbittorrent, entry, tracked, hashes)
    if entry.state.recoverable:
        await hass.config_entries.async_unload(entry.entry_id)


async def _next_event(client: Any, subscription: int) -> dict[str, Any]:
    message = await client.receive_json()
    assert message["id"] == subscription, message
    assert message["type"] == "event", message
    event: dict[str, Any] = message["event"]
    return event


async def _subscribe(client: Any, **fields: Any) -> tuple[int, dict[str, Any]]:
    await client.send_json_auto_id({"type": "myflix/media/subscribe", **fields})
    result = await client.receive_json()
    assert result["success"], result
    return result["id"], await _next_event(client, result["id"])


async def test_the_first_message_holds_the_queue_releases_and_glances(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, card: Card
) -> None:
    """Downloads only (not seeds), named as Radarr names them, with signed posters."""
    client = await hass_ws_client(hass)
    subscription, first = await _subscribe(client, days=14)
    assert first["full"] is True
    assert first["entry_id"] == card.entry.entry_id
    assert first["admin"] is True
    rows = {row["id"]: row for row in first["queue"]}
    assert set(rows) == {card.hashes["tracked"], card.hashes["own"]}  # no seed
    own = rows[card.hashes["own"]]
    assert own | {"added_on": None} == {
        "id": card.hashes["own"],
        "hash": card.hashes["own"],
        "title": "Linux.Distro.iso",
        "name": "Linux.Distro.iso",
        "source": None,
        "poster": None,
        "progress": 50.0,
        "size": own["size"],
        "download_speed": 0,
        "eta": None,
        "state": "stalled",
        "strikes": 0,
        "strike_limit": 3,  # self-healing's default, on or off
        "stopped": False,
        "added_on": None,
    }
    tracked = rows[card.hashes["tracked"]]
    assert tracked["source"] == "radarr"
    assert tracked["progress"] == 25.0
    assert tracked["download_speed"] == 3 * MIB
    assert tracked["state"] == "downloading"
    poster = tracked["poster"]
    path = f"/api/myflix/posters/{card.entry.entry_id}/radarr/{card.tracked.movie_id}"
    assert poster.startswith(f"{path}?authSig="), poster

    # The movie's title is looked up once, then the row is sent again, named.
    movie = card.radarr.sim.movies[card.tracked.movie_id]
    named = await _next_event(client, subscription)
    assert named["full"] is False
    assert set(named) == {"full", "queue"}
    assert named["queue"]["removed"] == []
    assert [row["id"] for row in named["queue"]["changed"]] == [card.hashes["tracked"]]
    assert named["queue"]["changed"][0]["title"] == (
        f"{movie['title']} ({movie['year']})"
    )

    # The releases are the ones get_upcoming answers, in the same window.
    upcoming = await call(hass, "get_upcoming", {"days": 14, "limit": 500})
    assert sorted((r["title"], r["date"]) for r in first["upcoming"]) == sorted(
        (item["series"] if item["source"] == "sonarr" else item["title"], item["date"])
        for item in upcoming["items"]
    )
    assert first["upcoming"], "the simulators' calendars are not empty"
    for release in first["upcoming"]:
        if release["source"] == "sonarr":
            assert release["at"] is not None
            assert release["detail"].startswith("S")
        else:
            assert release["at"] is None
            assert release["release"] in ("cinema", "digital", "physical")
    # Neither gluetun nor tiering in this entry: no glances, no error.
    assert first["vpn"] is None
    assert first["storage"] is None
    text = str(first)
    assert not any(secret in text for secret in SECRETS)


async def test_only_changed_rows_follow(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, card: Card
) -> None:
    """A progress change sends that row; a pause sends it stopped; a removal its id."""
    client = await hass_ws_client(hass)
    subscription, _first = await _subscribe(client)
    await _next_event(client, subscription)  # the title looked up
    own = card.hashes["own"]

    card.qbittorrent.sim.set_torrent(own, progress=0.75)
    await card.poll(hass)
    moved = await _next_event(client, subscription)
    assert set(moved) == {"full", "queue"}
    assert [row["id"] for row in moved["queue"]["changed"]] == [own]
    assert moved["queue"]["changed"][0]["progress"] == 75.0

    await call(hass, "pause_downloads", {"hashes": [own]})
    paused = await _next_event(client, subscription)
    [row] = paused["queue"]["changed"]
    assert (row["id"], row["stopped"], row["state"]) == (own, True, "stopped")

    # Nothing changed: nothing is sent (the next message is the removal).
    await card.poll(hass)
    card.qbittorrent.sim.remove_torrent(own)
    await card.poll(hass)
    removed = await _next_event(client, subscription)
    assert removed["queue"] == {"changed": [], "removed": [own]}


async def test_removing_is_for_administrators(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
    card: Card,
) -> None:
    """A user may read but not remove; an admin removes through the app or qBittorrent."""
    reader = await hass_ws_client(hass, hass_read_only_access_token)
    _subscription, first = await _subscribe(reader)
    assert first["admin"] is False
    await reader.send_json_auto_id(
        {"type": "myflix/media/remove", "hash": card.hashes["own"]}
    )
    refused = await reader.receive_json()
    assert refused["success"] is False
    assert refused["error"]["code"] == "unauthorized"
    assert card.hashes["own"] in card.qbittorrent.sim.state.torrents

    admin = await hass_ws_client(hass)
    # Untracked: qBittorrent removes it, with its files when asked.
    await admin.send_json_auto_id(
        {
            "type": "myflix/media/remove",
            "hash": card.hashes["own"],
            "delete_files": True,
        }
    )
    removed = await admin.receive_json()
    assert removed["success"], removed
    assert removed["result"] == {
        "hash": card.hashes["own"],
        "removed_by": "qbittorrent",
    }
    assert card.hashes["own"] not in card.qbittorrent.sim.state.torrents

    # Tracked: Radarr removes its queue record (and the download from its client).
    await admin.send_json_auto_id(
        {"type": "myflix/media/remove", "hash": card.hashes["tracked"]}
    )
    removed = await admin.receive_json()
    assert removed["result"]["removed_by"] == "radarr", removed
    assert not card.tracked.active

    # A hash qBittorrent does not have: a translated error, nothing removed.
    await admin.send_json_auto_id({"type": "myflix/media/remove", "hash": "f" * 40})
    unknown = await admin.receive_json()
    assert unknown["success"] is False
    assert unknown["error"]["translation_key"] == "unknown_torrents"


async def test_an_unknown_entry_is_a_translated_error(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, card: Card
) -> None:
    """The subscription names the entry it cannot find."""
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {"type": "myflix/media/subscribe", "entry_id": "nope"}
    )
    answer = await client.receive_json()
    assert answer["success"] is False
    assert answer["error"]["translation_key"] == "entry_not_found"
    assert "nope" in answer["error"]["message"]


async def test_unloading_ends_the_subscription(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, card: Card
) -> None:
    """No message follows an unload, and the feed leaves nothing behind."""
    client = await hass_ws_client(hass)
    subscription, _first = await _subscribe(client)
    await _next_event(client, subscription)
    assert await hass.config_entries.async_unload(card.entry.entry_id)
    await hass.async_block_till_done()
    await client.send_json_auto_id({"type": "ping"})
    pong = await client.receive_json()
    assert pong["type"] == "pong"  # no event came before it


async def test_a_failing_radarr_leaves_the_rest_of_the_card(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    radarr: Backend,
    qbittorrent: Backend,
    stack_data: dict[str, str],
) -> None:
    """Radarr answering 500 from the start: downloads by name, Sonarr's releases."""
    torrent_hash = qbittorrent.sim.add_torrent(
        name="Poor.Things.2023.2160p", progress=0.3, state="downloading"
    )
    radarr.sim.fail_next(10_000)
    entry = await setup_entry(hass, stack_data)
    client = await hass_ws_client(hass)
    _subscription, first = await _subscribe(client, days=30)
    assert [row["title"] for row in first["queue"]] == ["Poor.Things.2023.2160p"]
    assert first["queue"][0]["id"] == torrent_hash
    sources = {release["source"] for release in first["upcoming"]}
    assert sources == {"sonarr"}
    await hass.config_entries.async_unload(entry.entry_id)
