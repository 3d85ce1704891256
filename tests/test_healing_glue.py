"""Self-healing in HA: against linked Radarr + qBittorrent simulators, a real hass.

Radarr's grabs land in the qBittorrent simulator (category ``radarr``), so the
healer reads the queue, removes, blocklists and searches as it would live.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta
import json
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant import loader
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
    async_test_home_assistant,
)
import voluptuous as vol

from custom_components.myflix.clients import slices
from custom_components.myflix.clients.errors import MyflixConnectionError
from custom_components.myflix.const import (
    CONF_GLUETUN_API_KEY,
    CONF_GLUETUN_URL,
    CONF_HEALING_INTERVAL,
    CONF_HEALING_MAX_STRIKES,
    CONF_HEALING_MIN_AGE,
    CONF_IP_ECHO_URLS,
    CONF_KILLSWITCH_INTERVAL,
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    DOMAIN,
)
from custom_components.myflix.entry import MyflixRuntimeData
from custom_components.myflix.features.healing import HEALING
from custom_components.myflix.features.healing.io import store_key
from custom_components.myflix.features.healing.runner import (
    EVENT_REPLACED,
    EVENT_STALLED,
    HealingRuntime,
    healing_config,
    loop_issue_id,
)
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.features.vpn import KILLSWITCH
from simulators.gluetun import GluetunSimulator
from simulators.ipecho import IpEchoSimulator
from simulators.qbittorrent import QbittorrentSimulator
from simulators.qbittorrent_link import QbittorrentLink
from simulators.radarr import RadarrSimulator
from simulators.server import serve

from .conftest import QBT_PASS, QBT_USER, RADARR_KEY
from .options_helpers import open_options_page
from .vpn_helpers import GLUETUN_KEY

ENTRY_ID = "01JHEALINGTESTENTRY0000000"
OPTIONS = {
    CONF_HEALING_MIN_AGE: 0,
    CONF_HEALING_MAX_STRIKES: 2,
    CONF_HEALING_INTERVAL: 10,
    CONF_KILLSWITCH_INTERVAL: 60000,
}
SPACING = timedelta(minutes=6)  # more than half the interval: a new strike


@dataclass
class HealStack:
    """Linked simulators and the entry data pointing at them."""

    qbittorrent: QbittorrentSimulator
    radarr: RadarrSimulator
    data: dict[str, Any]
    gluetun: GluetunSimulator | None = None


async def _stack(vpn: bool) -> AsyncIterator[HealStack]:
    qbt = QbittorrentSimulator(username=QBT_USER, password=QBT_PASS)
    async with AsyncExitStack() as stack:
        qbt_url = await stack.enter_async_context(serve(qbt.make_app()))
        link = QbittorrentLink(qbt_url, QBT_USER, QBT_PASS)
        radarr = RadarrSimulator(api_key=RADARR_KEY, download_client=link, seed=True)
        radarr.grabs.clear()  # only what the tests grab
        radarr_url = await stack.enter_async_context(serve(radarr.make_app()))
        data: dict[str, Any] = {
            CONF_RADARR_URL: radarr_url,
            CONF_RADARR_API_KEY: RADARR_KEY,
            CONF_QBITTORRENT_URL: qbt_url,
            CONF_QBITTORRENT_USERNAME: QBT_USER,
            CONF_QBITTORRENT_PASSWORD: QBT_PASS,
        }
        gluetun = None
        if vpn:
            gluetun = GluetunSimulator(api_key=GLUETUN_KEY)
            echo = IpEchoSimulator(ip=gluetun.home_ip)
            data[CONF_GLUETUN_URL] = await stack.enter_async_context(
                serve(gluetun.make_app())
            )
            data[CONF_GLUETUN_API_KEY] = GLUETUN_KEY
            echo_url = await stack.enter_async_context(serve(echo.make_app()))
            data[CONF_IP_ECHO_URLS] = echo_url + "/"
        yield HealStack(qbt, radarr, data, gluetun)


@pytest.fixture
async def heal_stack(socket_enabled: None) -> AsyncIterator[HealStack]:
    async for stack in _stack(vpn=False):
        yield stack


@pytest.fixture
async def vpn_heal_stack(socket_enabled: None) -> AsyncIterator[HealStack]:
    async for stack in _stack(vpn=True):
        yield stack


async def _setup(hass: HomeAssistant, stack: HealStack) -> MockConfigEntry:
    entry = MockConfigEntry(
        domain=DOMAIN, entry_id=ENTRY_ID, data=stack.data, options=OPTIONS
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def _healing(entry: MockConfigEntry) -> HealingRuntime:
    runtime: MyflixRuntimeData = entry.runtime_data
    assert runtime.get(HEALING) is not None
    return runtime.get(HEALING)


async def _call(hass: HomeAssistant, action: str, **data: Any) -> Any:
    return await hass.services.async_call(
        DOMAIN, action, data, blocking=True, return_response=True
    )


async def _grab_stalled(hass: HomeAssistant, stack: HealStack, title: str) -> str:
    """Radarr grabs a movie; its torrent stalls; qBittorrent's sync sees it."""
    movie = next(m for m in stack.radarr.movies.values() if m["title"] == title)
    assert await stack.radarr.search_movie(movie)
    torrent_hash = stack.radarr.grabs[-1].download_id.lower()
    stack.qbittorrent.set_torrent(
        torrent_hash, has_metadata=True, size=8_000_000_000, state="stalledDL"
    )
    await _sync(hass)
    return torrent_hash


async def _sync(hass: HomeAssistant) -> None:
    entry = hass.config_entries.async_get_entry(ENTRY_ID)
    assert entry is not None
    runtime: MyflixRuntimeData = entry.runtime_data
    assert runtime.get(QBITTORRENT) is not None
    await runtime.get(QBITTORRENT).sync.async_refresh()


async def _wait_for(condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(5):
        while not condition():  # noqa: ASYNC110 -- background pass, no event to wait on
            await asyncio.sleep(0.02)


def _actions(response: Any) -> list[tuple[str, str | None, int]]:
    return [(d["action"], d["reason"], d["strikes"]) for d in response["decisions"]]


async def test_stalled_download_is_replaced_and_searched(
    hass: HomeAssistant, heal_stack: HealStack, freezer: FrozenDateTimeFactory
) -> None:
    entry = await _setup(hass, heal_stack)
    stalled = async_capture_events(hass, EVENT_STALLED)
    replaced = async_capture_events(hass, EVENT_REPLACED)
    torrent_hash = await _grab_stalled(hass, heal_stack, "Civil War")
    first = heal_stack.radarr.grabs[-1]

    response = await _call(hass, "heal_now")
    assert response["paused"] is None
    assert _actions(response) == [("strike", "stalled", 1)]
    assert response["watched"] == 1
    assert hass.states.get("sensor.qbittorrent_healing_striking_downloads").state == "1"
    listed = await _call(hass, "list_strikes")
    assert [(s["hash"], s["strikes"]) for s in listed["strikes"]] == [(torrent_hash, 1)]

    freezer.tick(SPACING)
    response = await _call(hass, "heal_now")
    assert _actions(response) == [("replace", "stalled", 2)]
    await heal_stack.radarr.wait_idle()
    # Removed from Radarr and qBittorrent, blocklisted, and our own search ran.
    assert not first.active
    assert torrent_hash not in heal_stack.qbittorrent.state.torrents
    assert heal_stack.radarr.is_blocklisted(first.title)
    searches = [
        c for c in heal_stack.radarr.commands.values() if c["name"] == "MoviesSearch"
    ]
    assert [c["trigger"] for c in searches] == ["manual"]  # ours, not the app's
    assert heal_stack.radarr.grabs[-1].download_id != first.download_id
    assert [e.data["strikes"] for e in stalled] == [1]
    (event,) = replaced
    assert event.data["title"] == first.title
    assert (event.data["reason"], event.data["kept_data"]) == ("stalled", False)
    assert hass.states.get("sensor.qbittorrent_downloads_replaced_today").state == "1"
    event_entity = hass.states.get("event.qbittorrent_self_healing")
    assert event_entity.attributes["event_type"] == "replaced"
    assert event_entity.attributes["title"] == first.title
    assert hass.states.get("sensor.qbittorrent_healing_striking_downloads").state == "0"
    diagnostics = _healing(entry).diagnostics()
    assert diagnostics["last_pass"]["actions"] == {"replace": 1}
    assert diagnostics["replaced_remembered"] == 1
    text = json.dumps([e.data for e in stalled + replaced])
    assert RADARR_KEY not in text
    assert QBT_PASS not in text


async def test_many_strikes_fire_in_order_between_slices(
    hass: HomeAssistant, heal_stack: HealStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The event entity fires a pass's events in slices, every one, in order."""
    monkeypatch.setattr(slices, "SLICE", 0.0)  # yield after every event
    await _setup(hass, heal_stack)
    titles = [movie["title"] for movie in list(heal_stack.radarr.movies.values())[:3]]
    for title in titles:
        await _grab_stalled(hass, heal_stack, title)
    fired = async_capture_events(hass, "state_changed")

    response = await _call(hass, "heal_now")
    await hass.async_block_till_done()

    struck = [d["title"] for d in response["decisions"] if d["action"] == "strike"]
    assert len(struck) == 3
    states = [
        e.data["new_state"]
        for e in fired
        if e.data["entity_id"] == "event.qbittorrent_self_healing"
    ]
    assert [s.attributes["title"] for s in states] == struck
    assert {s.attributes["event_type"] for s in states} == {"stalled"}


async def test_dry_run_does_nothing(hass: HomeAssistant, heal_stack: HealStack) -> None:
    entry = await _setup(hass, heal_stack)
    events = async_capture_events(hass, EVENT_STALLED)
    await _grab_stalled(hass, heal_stack, "Civil War")
    response = await _call(hass, "heal_now", dry_run=True)
    assert response["dry_run"] is True
    assert _actions(response) == [("strike", "stalled", 1)]
    assert (await _call(hass, "list_strikes"))["count"] == 0
    assert events == []
    assert _healing(entry).healer.last is None


async def test_same_release_back_raises_a_repair_issue(
    hass: HomeAssistant,
    heal_stack: HealStack,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> None:
    heal_stack.radarr.reject_blocklisted_hashes = False
    await _setup(hass, heal_stack)
    torrent_hash = await _grab_stalled(hass, heal_stack, "Civil War")
    await _call(hass, "heal_now")
    freezer.tick(SPACING)
    await _call(hass, "heal_now")
    await heal_stack.radarr.wait_idle()
    # The cross-posted copy came back with the very same hash.
    assert heal_stack.radarr.grabs[-1].download_id.lower() == torrent_hash
    heal_stack.qbittorrent.set_torrent(
        torrent_hash, has_metadata=True, size=8_000_000_000, state="stalledDL"
    )
    await _sync(hass)
    for _ in range(3):
        freezer.tick(SPACING)
        response = await _call(hass, "heal_now")
        assert [d["action"] for d in response["decisions"]] == ["loop"]
    assert heal_stack.radarr.grabs[-1].active  # not removed again
    issue_id = loop_issue_id(ENTRY_ID, torrent_hash)
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_key == "download_loop"
    await _call(hass, "forget_strikes", hashes=[torrent_hash.upper()])
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


async def test_strikes_survive_a_restart(
    hass: HomeAssistant, heal_stack: HealStack, hass_storage: dict[str, Any]
) -> None:
    entry = await _setup(hass, heal_stack)
    torrent_hash = await _grab_stalled(hass, heal_stack, "Civil War")
    await _call(hass, "heal_now")
    stored = hass_storage[store_key(ENTRY_ID)]["data"]
    assert stored["book"]["strikes"][torrent_hash][0] == 1
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    # What a restart does: the entry comes up again from what was stored.
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    listed = await _call(hass, "list_strikes")
    assert [(s["hash"], s["strikes"]) for s in listed["strikes"]] == [(torrent_hash, 1)]
    assert await _call(hass, "forget_strikes") == {"forgotten": 1}
    assert (await _call(hass, "list_strikes"))["count"] == 0


async def test_stored_strikes_are_loaded_at_start(
    hass: HomeAssistant, heal_stack: HealStack, hass_storage: dict[str, Any]
) -> None:
    hass_storage[store_key(ENTRY_ID)] = {
        "version": 1,
        "key": store_key(ENTRY_ID),
        "data": {
            "enabled": True,
            "book": {
                "version": 1,
                "strikes": {"ab" * 20: [2, "slow", 1.0, 2.0, 5, "Old.Release"]},
            },
        },
    }
    await _setup(hass, heal_stack)
    assert hass.states.get("switch.qbittorrent_self_healing").state == STATE_ON
    listed = await _call(hass, "list_strikes")
    assert listed["strikes"][0]["title"] == "Old.Release"


async def test_switch_runs_the_periodic_pass(
    hass: HomeAssistant,
    heal_stack: HealStack,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    entry = await _setup(hass, heal_stack)
    healing = _healing(entry)
    await _grab_stalled(hass, heal_stack, "Civil War")
    switch = "switch.qbittorrent_self_healing"
    assert hass.states.get(switch).state == STATE_OFF  # off until the user opts in
    freezer.tick(timedelta(minutes=11))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert healing.healer.last is None
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": switch}, blocking=True
    )
    assert hass_storage[store_key(ENTRY_ID)]["data"]["enabled"] is True
    freezer.tick(timedelta(minutes=11))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    await _wait_for(lambda: healing.healer.last is not None)
    assert healing.striking == 1
    assert hass.states.get("sensor.qbittorrent_healing_watched_downloads").state == "1"
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": switch}, blocking=True
    )
    assert hass.states.get(switch).state == STATE_OFF


async def test_nothing_happens_while_the_vpn_leaks(
    hass: HomeAssistant, vpn_heal_stack: HealStack
) -> None:
    entry = await _setup(hass, vpn_heal_stack)
    runtime: MyflixRuntimeData = entry.runtime_data
    assert runtime.get(KILLSWITCH) is not None
    killswitch = runtime.get(KILLSWITCH).killswitch
    await _wait_for(lambda: killswitch.snapshot.last_check is not None)
    await _grab_stalled(hass, vpn_heal_stack, "Civil War")
    assert (await _call(hass, "heal_now"))["decisions"]  # clean: it strikes
    assert vpn_heal_stack.gluetun is not None
    vpn_heal_stack.gluetun.leak()
    await runtime.get(KILLSWITCH).check_now()
    grab = vpn_heal_stack.radarr.grabs[-1]
    for _ in range(3):
        response = await _call(hass, "heal_now")
        assert (response["paused"], response["decisions"]) == ("vpn", [])
    assert grab.active
    assert (await _call(hass, "list_strikes"))["strikes"][0]["strikes"] == 1


async def test_nothing_happens_while_qbittorrent_is_disconnected(
    hass: HomeAssistant, heal_stack: HealStack
) -> None:
    await _setup(hass, heal_stack)
    await _grab_stalled(hass, heal_stack, "Civil War")
    heal_stack.qbittorrent.set_connection_status("disconnected")
    await _sync(hass)
    response = await _call(hass, "heal_now")
    assert (response["paused"], response["decisions"]) == ("qbittorrent", [])


async def test_unreadable_arr_pauses_the_pass(
    hass: HomeAssistant, heal_stack: HealStack
) -> None:
    await _setup(hass, heal_stack)
    await _grab_stalled(hass, heal_stack, "Civil War")
    heal_stack.radarr.api_key = "changed"  # every call now answers 401
    response = await _call(hass, "heal_now")
    assert (response["paused"], response["decisions"]) == ("arr", [])


async def test_actions_need_qbittorrent_and_an_arr(
    hass: HomeAssistant, heal_stack: HealStack
) -> None:
    data = {k: v for k, v in heal_stack.data.items() if not k.startswith("radarr")}
    entry = MockConfigEntry(domain=DOMAIN, data=data)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "heal_now")
    assert err.value.translation_key == "healing_not_configured"


async def test_clean_dry_run_then_for_real(
    hass: HomeAssistant, heal_stack: HealStack, tmp_path: Path
) -> None:
    await _setup(hass, heal_stack)
    # HA's config dir is tmp_path (blueprints live there): a folder of our own.
    tmp_path = tmp_path / "downloads"
    tmp_path.mkdir()
    qbt, radarr = heal_stack.qbittorrent, heal_stack.radarr
    size = 1_000_000
    (tmp_path / "Imported.Movie").mkdir()
    (tmp_path / "Old.Junk").write_bytes(b"j" * 10)
    finished = qbt.add_torrent(
        name="Imported.Movie",
        size=size,
        progress=1.0,
        category="radarr",
        uploaded=2 * size,
        save_path=str(tmp_path),
    )
    young = qbt.add_torrent(
        name="Young.Movie", size=size, progress=1.0, category="radarr", uploaded=0
    )
    failed = radarr.add_queue_item(
        "Broken.Release",
        status="failed",
        tracked_download_state="failedPending",
        movie_id=next(iter(radarr.movies)),
    )
    unknown = radarr.add_queue_item("Mystery.Release")
    fields = {"orphan_min_age_hours": 0, "download_folders": [str(tmp_path)]}

    response = await _call(hass, "clean", **fields)
    assert response["dry_run"] is True
    assert (response["torrent_count"], response["queue_item_count"]) == (1, 2)
    assert response["orphan_count"] == 1
    assert [t["hash"] for t in response["torrents"]] == [finished]
    assert {(q["id"], q["why"]) for q in response["queue_items"]} == {
        (failed.record_ids[0], "failed"),
        (unknown.record_ids[0], "unknown"),
    }
    assert [Path(o["path"]).name for o in response["orphans"]] == ["Old.Junk"]
    assert finished in qbt.state.torrents
    assert (tmp_path / "Old.Junk").exists()

    response = await _call(hass, "clean", dry_run=False, orphans="delete", **fields)
    assert response["deleted_orphans"] == 1
    assert not (tmp_path / "Old.Junk").exists()
    assert (tmp_path / "Imported.Movie").exists()  # qBittorrent's own job here
    assert finished not in qbt.state.torrents
    assert young in qbt.state.torrents
    assert not failed.active
    assert not unknown.active
    assert radarr.is_blocklisted("Broken.Release")
    assert not radarr.is_blocklisted("Mystery.Release")
    # Each removal is in the history with its reason (none after the dry run).
    removed = await _call(hass, "get_history", kinds=["cleaning_removed"])
    assert {(r["hash"] or r["title"], r["reason"]) for r in removed["records"]} == {
        ("Broken.Release", "queue_item_failed"),
        ("Mystery.Release", "queue_item_unknown"),
        (finished, "seeding_goal_reached"),
    }
    assert removed["count"] == 3


async def test_options_tune_the_healer(
    hass: HomeAssistant, heal_stack: HealStack
) -> None:
    entry = await _setup(hass, heal_stack)
    result = await open_options_page(hass, entry.entry_id, "healing")
    schema = {str(key): key for key in result["data_schema"].schema}
    assert schema["healing_protected_tag"].default() == "myflix-keep"
    values = {
        str(key): key.default()
        for key in result["data_schema"].schema
        if key.default is not vol.UNDEFINED
    }
    values.update(
        healing_interval=20.0,
        healing_max_strikes=5.0,
        healing_min_speed=250.0,
        healing_min_age=30.0,
        healing_protected_tag="keep-me",
        healing_private="release",
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], values
    )
    await hass.async_block_till_done()
    config = _healing(entry).healer.config
    assert (config.max_strikes, config.min_speed, config.min_age) == (5, 250_000, 1800)
    assert (config.protected_tag, config.private_handling.value) == (
        "keep-me",
        "release",
    )
    assert config.strike_spacing == 600
    assert healing_config({"healing_private": "bogus"}).private_handling.value == "skip"


async def test_failing_periodic_pass_is_logged_and_retried(
    hass: HomeAssistant,
    heal_stack: HealStack,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    entry = await _setup(hass, heal_stack)
    healing = _healing(entry)
    await healing.set_enabled(True)

    async def broken(*_: Any, **__: Any) -> Any:
        raise MyflixConnectionError("Radarr went away")

    healing.healer.run = broken  # type: ignore[method-assign]
    freezer.tick(timedelta(minutes=11))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert "Healing pass failed: Radarr went away" in caplog.text


async def test_removing_the_entry_forgets_its_strikes(
    hass: HomeAssistant, heal_stack: HealStack, hass_storage: dict[str, Any]
) -> None:
    entry = await _setup(hass, heal_stack)
    await _grab_stalled(hass, heal_stack, "Civil War")
    await _call(hass, "heal_now")
    assert store_key(ENTRY_ID) in hass_storage
    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert store_key(ENTRY_ID) not in hass_storage


async def test_strikes_survive_a_second_home_assistant(
    hass: HomeAssistant,
    heal_stack: HealStack,
    hass_storage: dict[str, Any],
    tmp_path: Path,
) -> None:
    """A second, freshly started HA on the same storage sees the strikes."""
    entry = await _setup(hass, heal_stack)
    torrent_hash = await _grab_stalled(hass, heal_stack, "Civil War")
    await _call(hass, "heal_now")
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    async with async_test_home_assistant(config_dir=str(tmp_path)) as restarted:
        restarted.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
        assert await async_setup_component(restarted, "homeassistant", {})
        again = MockConfigEntry(
            domain=DOMAIN, entry_id=ENTRY_ID, data=heal_stack.data, options=OPTIONS
        )
        again.add_to_hass(restarted)
        assert await restarted.config_entries.async_setup(again.entry_id)
        await restarted.async_block_till_done()
        listed = await restarted.services.async_call(
            DOMAIN, "list_strikes", {}, blocking=True, return_response=True
        )
        assert listed is not None
        assert [(s["hash"], s["strikes"]) for s in listed["strikes"]] == [
            (torrent_hash, 1)
        ]
        assert await restarted.config_entries.async_unload(again.entry_id)
        await restarted.async_stop(force=True)


async def test_a_replacement_is_explained_and_undone(
    hass: HomeAssistant, heal_stack: HealStack, freezer: FrozenDateTimeFactory
) -> None:
    """The history names the rule and figures; undo unblocks and searches once."""
    entry = await _setup(hass, heal_stack)
    torrent_hash = await _grab_stalled(hass, heal_stack, "Civil War")
    first = heal_stack.radarr.grabs[-1]
    await _call(hass, "heal_now")
    freezer.tick(SPACING)
    await _call(hass, "heal_now")
    await heal_stack.radarr.wait_idle()
    assert heal_stack.radarr.is_blocklisted(first.title)

    history = await _call(hass, "get_history", title="civil war")
    assert [(r["kind"], r["hash"], r["reason"]) for r in history["records"]] == [
        ("healing_replaced", torrent_hash, "stalled"),
        ("healing_strike", torrent_hash, "stalled"),
    ]
    replaced, strike = history["records"]
    assert replaced["title"] == first.title
    assert replaced["evidence"]["strikes"] == replaced["evidence"]["max_strikes"]
    assert (replaced["undoable"], strike["undoable"]) == (True, False)
    by_kind = await _call(hass, "get_history", kinds=["healing_strike"])
    assert [r["id"] for r in by_kind["records"]] == [strike["id"]]

    undone = await _call(hass, "undo_change", record_id=replaced["id"])
    assert undone["result"] == {"unblocked": 1, "searched": True}
    await heal_stack.radarr.wait_idle()
    assert not heal_stack.radarr.is_blocklisted(first.title)
    searches = [
        c for c in heal_stack.radarr.commands.values() if c["name"] == "MoviesSearch"
    ]
    assert len(searches) == 2  # the healer's, and the undo's

    for record_id, key in (
        (replaced["id"], "history_already_undone"),
        (strike["id"], "history_not_undoable"),
        (9999, "history_unknown"),
    ):
        with pytest.raises(ServiceValidationError) as err:
            await _call(hass, "undo_change", record_id=record_id)
        assert err.value.translation_key == key
    assert (await _call(hass, "get_history", title="no such film"))["count"] == 0

    # The history survives a restart, undo included.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    kept = await _call(hass, "get_history", hash=torrent_hash.upper())
    assert [r["undone_at"] is not None for r in kept["records"]] == [True, False]


async def test_stop_instead_of_delete_leaves_the_torrent(
    hass: HomeAssistant, heal_stack: HealStack, freezer: FrozenDateTimeFactory
) -> None:
    """Stop mode: Radarr forgets, blocklists and searches; the torrent stays, stopped."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        entry_id=ENTRY_ID,
        data=heal_stack.data,
        options={**OPTIONS, "healing_stop_instead_of_delete": True},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    replaced = async_capture_events(hass, EVENT_REPLACED)
    torrent_hash = await _grab_stalled(hass, heal_stack, "Civil War")
    first = heal_stack.radarr.grabs[-1]
    await _call(hass, "heal_now")
    freezer.tick(SPACING)
    response = await _call(hass, "heal_now")
    assert _actions(response) == [("replace", "stalled", 2)]
    await heal_stack.radarr.wait_idle()

    torrent = heal_stack.qbittorrent.state.torrents[torrent_hash]  # still there
    assert torrent.state(heal_stack.qbittorrent.v5).startswith(("paused", "stopped"))
    assert not first.active
    assert heal_stack.radarr.is_blocklisted(first.title)
    assert heal_stack.radarr.grabs[-1].download_id != first.download_id
    (event,) = replaced
    assert (event.data["stopped"], event.data["kept_data"]) == (True, False)
    await hass.async_block_till_done()
    event_entity = hass.states.get("event.qbittorrent_self_healing")
    assert event_entity.attributes["stopped"] is True  # the entity says so too
    history = await _call(hass, "get_history", kinds=["healing_replaced"])
    assert history["records"][0]["evidence"]["left_stopped"] is True
