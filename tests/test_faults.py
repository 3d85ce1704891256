"""One endpoint misbehaving takes down only what needs it; all of it comes back.

Every backend of the demo stack sits behind a ``FaultProxy``. For every
endpoint Myflix polls and every fault (error, timeout, garbage, and the
shape changes real apps have sent), the test polls, compares the entities
that went unavailable with what needs that endpoint, then lets the endpoint
behave and polls again: everything must be back, and the entry loaded.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
import pytest

from custom_components.myflix import backends
from custom_components.myflix.const import DOMAIN
from custom_components.myflix.coordinator import MyflixCoordinator
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.features.arr import ARR, RADARR
from custom_components.myflix.features.arr.coordinator import ArrRuntime
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.features.vpn import VPN
from simulators.stack import run_stack

from .fault_proxy import FAULTS, FaultProxy
from .stack_helpers import add_myflix, free_port_settings

# These leave no doubt: the endpoint's answer cannot be used.
HARD_FAULTS = ("error", "timeout", "garbage")

type Poll = Callable[[MyflixConfigEntry], MyflixCoordinator[Any]]


def arr_part(entry: MyflixConfigEntry, name: str) -> ArrRuntime[Any]:
    """The entry's Radarr or Sonarr part."""
    part = entry.runtime_data.get(ARR[name])
    assert part is not None
    return part


@dataclass(frozen=True)
class Endpoint:
    """An endpoint Myflix polls, the poll that reads it, what needs it."""

    backend: str
    path: str
    poll: Poll
    needs: frozenset[str]
    """``<platform>:<backend>_<key>`` (unique ID) of the entities that need it."""


def _arr(name: str) -> list[Endpoint]:
    library, counts, missing, folder = (
        ("movie", ("movies", "monitored_movies"), "missing_movies", "movies")
        if name == "radarr"
        else ("series", ("series", "episodes"), "missing_episodes", "tv")
    )
    calendar = "releases" if name == "radarr" else "episodes"

    def sensors(*keys: str) -> frozenset[str]:
        return frozenset(f"sensor:{name}_{key}" for key in keys)

    def status(entry: MyflixConfigEntry) -> MyflixCoordinator[Any]:
        return arr_part(entry, name).status

    def library_poll(entry: MyflixConfigEntry) -> MyflixCoordinator[Any]:
        return arr_part(entry, name).library

    def calendar_poll(entry: MyflixConfigEntry) -> MyflixCoordinator[Any]:
        return arr_part(entry, name).calendar

    root_folder = f"root_folder_free_space_/data/media/{folder}"
    return [
        Endpoint(name, "/api/v3/queue", status, sensors("queue")),
        Endpoint(
            name,
            "/api/v3/health",
            status,
            frozenset({f"binary_sensor:{name}_health_problems"}),
        ),
        Endpoint(name, "/api/v3/diskspace", status, frozenset()),
        Endpoint(name, "/api/v3/rootfolder", status, sensors(root_folder)),
        Endpoint(name, f"/api/v3/{library}", library_poll, sensors(*counts)),
        Endpoint(name, "/api/v3/wanted/missing", library_poll, sensors(missing)),
        Endpoint(
            name,
            "/api/v3/calendar",
            calendar_poll,
            frozenset({f"calendar:{name}_{calendar}"}),
        ),
    ]


def _qbt_sync(entry: MyflixConfigEntry) -> MyflixCoordinator[Any]:
    assert entry.runtime_data.get(QBITTORRENT) is not None
    return entry.runtime_data.get(QBITTORRENT).sync


def _qbt_settings(entry: MyflixConfigEntry) -> MyflixCoordinator[Any]:
    assert entry.runtime_data.get(QBITTORRENT) is not None
    return entry.runtime_data.get(QBITTORRENT).settings


def _vpn(entry: MyflixConfigEntry) -> MyflixCoordinator[Any]:
    assert entry.runtime_data.get(VPN) is not None
    return entry.runtime_data.get(VPN).status


SYNC_ENTITIES = frozenset(
    {
        *(
            f"sensor:qbittorrent_{key}"
            for key in (
                "download_speed", "active_torrents", "downloading_torrents",
                "seeding_torrents", "stalled_torrents", "stopped_torrents",
                "errored_torrents", "total_torrents", "free_space",
                "connection_status",
            )
        ),
        "event:qbittorrent_downloads",
    }
)  # fmt: skip

ENDPOINTS = [
    *_arr("radarr"),
    *_arr("sonarr"),
    Endpoint("qbittorrent", "/api/v2/sync/maindata", _qbt_sync, SYNC_ENTITIES),
    Endpoint(
        "qbittorrent",
        "/api/v2/transfer/downloadLimit",
        _qbt_settings,
        frozenset({"number:qbittorrent_download_limit"}),
    ),
    Endpoint(
        "qbittorrent",
        "/api/v2/transfer/uploadLimit",
        _qbt_settings,
        frozenset({"number:qbittorrent_upload_limit"}),
    ),
    Endpoint(
        "qbittorrent",
        "/api/v2/transfer/speedLimitsMode",
        _qbt_settings,
        frozenset({"switch:qbittorrent_alternative_speed_limits"}),
    ),
    Endpoint("qbittorrent", "/api/v2/app/preferences", _qbt_settings, frozenset()),
    Endpoint(
        "gluetun",
        "/v1/vpn/status",
        _vpn,
        frozenset({"binary_sensor:gluetun_vpn_connected"}),
    ),
    Endpoint(
        "gluetun", "/v1/publicip/ip", _vpn, frozenset({"sensor:gluetun_vpn_server"})
    ),
    Endpoint(
        "gluetun",
        "/v1/portforward",
        _vpn,
        frozenset({"sensor:gluetun_forwarded_port"}),
    ),
    Endpoint("gluetun", "/v1/vpn/settings", _vpn, frozenset()),
]


@pytest.fixture
async def faulty(
    hass: HomeAssistant,
    socket_enabled: None,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[tuple[MyflixConfigEntry, dict[str, FaultProxy]]]:
    """The demo stack behind fault proxies, Myflix on it, the killswitch disarmed.

    Disarmed: an armed killswitch rightly halts downloads when gluetun stops
    answering (its own tests cover that); here only the polls are under test.
    """
    # Short, so a hung endpoint costs little; not so short that a busy CI
    # machine times out the healthy ones.
    monkeypatch.setattr(backends, "REQUEST_TIMEOUT", 1.5)
    async with run_stack(free_port_settings(qbittorrent="fake")) as info:
        data = dict(info["config_entry"])
        proxies: dict[str, FaultProxy] = {}
        for backend in ("radarr", "sonarr", "qbittorrent", "gluetun"):
            proxy = proxies[backend] = FaultProxy(data[f"{backend}_url"])
            data[f"{backend}_url"] = await proxy.start()
        try:
            entry = await add_myflix(hass, data)
            await hass.services.async_call(
                "switch", "turn_off",
                {"entity_id": _entity_id(hass, entry, "switch:gluetun_killswitch_armed")},
                blocking=True,
            )  # fmt: skip
            yield entry, proxies
            await hass.config_entries.async_unload(entry.entry_id)
        finally:
            for proxy in proxies.values():
                await proxy.close()


def _entity_id(hass: HomeAssistant, entry: MyflixConfigEntry, key: str) -> str:
    platform, unique = key.split(":")
    entity_id = er.async_get(hass).async_get_entity_id(
        platform, DOMAIN, f"{entry.entry_id}_{unique}"
    )
    assert entity_id is not None, key
    return entity_id


def _keys(hass: HomeAssistant, entry: MyflixConfigEntry) -> dict[str, str]:
    """``<platform>:<unique ID without the entry>`` → entity ID, for the entry."""
    prefix = f"{entry.entry_id}_"
    return {
        f"{reg.domain}:{reg.unique_id.removeprefix(prefix)}": reg.entity_id
        for reg in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
    }


def _unavailable(hass: HomeAssistant, entry: MyflixConfigEntry) -> set[str]:
    """Keys of the entry's enabled entities that are unavailable."""
    return {
        key
        for key, entity_id in _keys(hass, entry).items()
        if (state := hass.states.get(entity_id)) is not None
        and state.state == STATE_UNAVAILABLE
    }


def _shown(hass: HomeAssistant, entry: MyflixConfigEntry) -> set[str]:
    """Keys of the entities that have a state (not those disabled by default)."""
    return {key for key, eid in _keys(hass, entry).items() if hass.states.get(eid)}


async def _poll(hass: HomeAssistant, coordinator: MyflixCoordinator[Any]) -> None:
    await coordinator.async_refresh()
    await hass.async_block_till_done()


async def test_each_fault_takes_down_only_what_needs_the_endpoint(
    hass: HomeAssistant,
    faulty: tuple[MyflixConfigEntry, dict[str, FaultProxy]],
) -> None:
    """Every endpoint x every fault: exactly its entities go, all come back."""
    entry, proxies = faulty
    for endpoint in ENDPOINTS:  # a healthy start, and the table names real entities
        await _poll(hass, endpoint.poll(entry))
    assert _unavailable(hass, entry) == set()
    assert {key for e in ENDPOINTS for key in e.needs} <= _keys(hass, entry).keys()

    shown = _shown(hass, entry)
    tolerated: list[tuple[str, str]] = []
    for endpoint in ENDPOINTS:
        proxy, coordinator = proxies[endpoint.backend], endpoint.poll(entry)
        for fault in FAULTS:
            proxy.faults = {endpoint.path: fault}
            await _poll(hass, coordinator)
            down = _unavailable(hass, entry)
            case = (endpoint.path, fault)
            needs = endpoint.needs & shown
            if fault in HARD_FAULTS:
                assert down == needs, case
                # A poll of several endpoints still succeeds with the others.
                shared = sum(e.poll is endpoint.poll for e in ENDPOINTS) > 1
                assert coordinator.last_update_success is shared, case
            else:
                # A shape the parsers read, or one that takes the endpoint down:
                # never anything beyond it.
                assert down in (set(), needs), (case, down)
                if not down:
                    tolerated.append(case)
            assert entry.state is ConfigEntryState.LOADED
            proxy.faults = {}
            await _poll(hass, coordinator)
            assert _unavailable(hass, entry) == set(), ("recovery", case)
    # Some shapes are read as the apps have sent them (rootfolder as one object).
    assert ("/api/v3/rootfolder", "shape") in tolerated


async def test_a_backend_down_leaves_the_others(
    hass: HomeAssistant,
    faulty: tuple[MyflixConfigEntry, dict[str, FaultProxy]],
) -> None:
    """Radarr answering nothing at all: its entities go, Sonarr's stay."""
    entry, proxies = faulty
    shown = _shown(hass, entry)
    radarr = [e for e in ENDPOINTS if e.backend == "radarr"]
    proxies["radarr"].faults = dict.fromkeys((e.path for e in radarr), "error")
    for poll in {id(e.poll(entry)): e.poll(entry) for e in radarr}.values():
        await _poll(hass, poll)
        assert not poll.last_update_success
    down = _unavailable(hass, entry)
    assert {key for e in radarr for key in e.needs} & shown <= down
    assert all(key.split(":")[1].startswith("radarr_") for key in down), down
    proxies["radarr"].faults = {}
    for poll in {id(e.poll(entry)): e.poll(entry) for e in radarr}.values():
        await _poll(hass, poll)
    assert _unavailable(hass, entry) == set()


async def test_an_action_fails_only_on_its_own_endpoint(
    hass: HomeAssistant,
    faulty: tuple[MyflixConfigEntry, dict[str, FaultProxy]],
) -> None:
    """Radarr's queue failing: get_queue says so; get_upcoming still answers."""
    entry, proxies = faulty
    runtime = entry.runtime_data
    assert runtime.get(RADARR) is not None
    proxies["radarr"].faults = {"/api/v3/queue": "garbage"}
    await _poll(hass, runtime.get(RADARR).status)
    with pytest.raises(HomeAssistantError) as caught:
        await hass.services.async_call(
            DOMAIN, "get_queue", {"backend": "radarr"},
            blocking=True, return_response=True,
        )  # fmt: skip
    assert caught.value.translation_key == "endpoint_unavailable"
    assert caught.value.translation_placeholders["endpoint"] == "queue"
    upcoming = await hass.services.async_call(
        DOMAIN, "get_upcoming", {"days": 30}, blocking=True, return_response=True
    )
    assert upcoming is not None
    assert upcoming["count"] >= 1
