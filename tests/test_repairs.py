"""Repair issues: a backend unreachable for 15 minutes, qBittorrent not bound."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta

from aiohttp import web
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import (
    CONF_QBITTORRENT_URL,
    CONF_RADARR_URL,
    CONF_SONARR_URL,
    DOMAIN,
)
from custom_components.myflix.features.arr import RADARR
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.issues import BINDING_LEARN_MORE_URL
from simulators.qbittorrent import QbittorrentSimulator
from simulators.radarr import RadarrSimulator
from simulators.server import free_port, serve
from simulators.sonarr import SonarrSimulator

from .conftest import QBT_PASS, QBT_USER, RADARR_KEY, SONARR_KEY, Backend
from .entity_helpers import flow_sources, time_travel

STATUS_POLL = timedelta(seconds=30)
SETTINGS_POLL = timedelta(minutes=1)


class Switchable:
    """A simulator that can be stopped and started again on one port."""

    def __init__(self, make_app: Callable[[], web.Application]) -> None:
        self.make_app = make_app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._stack: AsyncExitStack | None = None

    async def start(self) -> None:
        self._stack = AsyncExitStack()
        await self._stack.enter_async_context(serve(self.make_app(), port=self.port))

    async def stop(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None


def _radarr_app(key: str = RADARR_KEY) -> web.Application:
    return RadarrSimulator(api_key=key).make_app()


@pytest.fixture
async def switchable_radarr(socket_enabled: None) -> AsyncIterator[Switchable]:
    """A running Radarr that the test can take down and bring back."""
    backend = Switchable(_radarr_app)
    await backend.start()
    yield backend
    await backend.stop()


@pytest.fixture
async def radarr_entry(
    hass: HomeAssistant, stack_data: dict[str, str], switchable_radarr: Switchable
) -> MockConfigEntry:
    """A loaded entry whose Radarr is the switchable one."""
    return await _setup(hass, {**stack_data, CONF_RADARR_URL: switchable_radarr.url})


async def _setup(hass: HomeAssistant, data: dict[str, str]) -> MockConfigEntry:
    entry = MockConfigEntry(domain=DOMAIN, data=data)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    return entry


@dataclass
class Repairs:
    """The frozen clock the tests move on, and the issues they then look up."""

    hass: HomeAssistant
    freezer: FrozenDateTimeFactory
    registry: ir.IssueRegistry

    async def advance(self, delta: timedelta) -> None:
        await time_travel(self.hass, self.freezer, delta)

    def unreachable(self, entry: MockConfigEntry, backend: str) -> ir.IssueEntry | None:
        issue_id = f"backend_unreachable_{entry.entry_id}_{backend}"
        return self.registry.async_get_issue(DOMAIN, issue_id)

    def not_bound(self, entry: MockConfigEntry) -> ir.IssueEntry | None:
        issue_id = f"qbittorrent_not_bound_{entry.entry_id}"
        return self.registry.async_get_issue(DOMAIN, issue_id)


@pytest.fixture
def repairs(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    issue_registry: ir.IssueRegistry,
) -> Repairs:
    return Repairs(hass, freezer, issue_registry)


async def test_outage_of_15_minutes_raises_issue_until_backend_answers(
    repairs: Repairs, switchable_radarr: Switchable, radarr_entry: MockConfigEntry
) -> None:
    """Radarr stops: nothing for 14 minutes, an issue at 15, gone once it answers."""
    entry = radarr_entry
    assert repairs.unreachable(entry, "radarr") is None

    await switchable_radarr.stop()
    await repairs.advance(STATUS_POLL)
    assert entry.runtime_data.get(RADARR) is not None
    assert not entry.runtime_data.get(RADARR).status.last_update_success
    await repairs.advance(timedelta(minutes=14))
    assert repairs.unreachable(entry, "radarr") is None

    await repairs.advance(timedelta(minutes=1))
    issue = repairs.unreachable(entry, "radarr")
    assert issue is not None
    assert issue.translation_key == "backend_unreachable"
    assert issue.severity is ir.IssueSeverity.ERROR
    assert not issue.is_fixable
    placeholders = issue.translation_placeholders or {}
    assert placeholders["backend"] == "Radarr"
    assert placeholders["url"] == switchable_radarr.url
    assert placeholders["error"].startswith("Cannot connect")
    # Only the backend that is down.
    assert repairs.unreachable(entry, "sonarr") is None
    assert repairs.unreachable(entry, "qbittorrent") is None

    await switchable_radarr.start()
    await repairs.advance(STATUS_POLL)
    assert entry.runtime_data.get(RADARR).status.last_update_success
    assert repairs.unreachable(entry, "radarr") is None


async def test_short_outage_raises_nothing(
    repairs: Repairs, switchable_radarr: Switchable, radarr_entry: MockConfigEntry
) -> None:
    """Back within 15 minutes: the clock stops, and a later outage starts it afresh."""
    await switchable_radarr.stop()
    await repairs.advance(STATUS_POLL)  # the first failed poll
    await repairs.advance(timedelta(minutes=10))
    await switchable_radarr.start()
    await repairs.advance(STATUS_POLL)
    await switchable_radarr.stop()
    await repairs.advance(STATUS_POLL)
    await repairs.advance(timedelta(minutes=10))
    # 20 minutes of downtime in all, but never 15 in a row.
    assert repairs.unreachable(radarr_entry, "radarr") is None
    await repairs.advance(timedelta(minutes=5))
    assert repairs.unreachable(radarr_entry, "radarr") is not None


async def test_down_at_setup_counts_from_setup(
    hass: HomeAssistant, repairs: Repairs, stack_data: dict[str, str]
) -> None:
    """A backend already down at setup gets its issue 15 minutes later."""
    down = Switchable(lambda: SonarrSimulator(api_key=SONARR_KEY).make_app())
    entry = await _setup(hass, {**stack_data, CONF_SONARR_URL: down.url})
    await repairs.advance(timedelta(minutes=14, seconds=50))
    assert repairs.unreachable(entry, "sonarr") is None
    await repairs.advance(timedelta(seconds=10))
    issue = repairs.unreachable(entry, "sonarr")
    assert issue is not None
    placeholders = issue.translation_placeholders or {}
    assert placeholders["backend"] == "Sonarr"
    assert placeholders["error"].startswith("Cannot connect: ")

    await down.start()
    try:
        await repairs.advance(STATUS_POLL)
        assert repairs.unreachable(entry, "sonarr") is None
    finally:
        await down.stop()


async def test_refused_credentials_are_not_unreachable(
    hass: HomeAssistant, repairs: Repairs, stack_data: dict[str, str], radarr: Backend
) -> None:
    """A revoked key leads to reauth, not to an unreachable issue."""
    entry = await _setup(hass, stack_data)
    radarr.sim.api_key = "rotated"
    await repairs.advance(STATUS_POLL)
    await repairs.advance(timedelta(minutes=16))
    assert repairs.unreachable(entry, "radarr") is None
    assert flow_sources(hass) == ["reauth"]


async def test_outage_ending_in_refused_credentials_is_left_to_reauth(
    hass: HomeAssistant,
    repairs: Repairs,
    switchable_radarr: Switchable,
    radarr_entry: MockConfigEntry,
) -> None:
    """Radarr comes back with a new key: reauth, and no unreachable issue."""
    await switchable_radarr.stop()
    await repairs.advance(STATUS_POLL)
    switchable_radarr.make_app = lambda: _radarr_app("rotated")
    await switchable_radarr.start()
    await repairs.advance(STATUS_POLL)
    assert flow_sources(hass) == ["reauth"]
    await repairs.advance(timedelta(minutes=15))
    assert repairs.unreachable(radarr_entry, "radarr") is None


async def test_unload_removes_the_issues(
    hass: HomeAssistant, repairs: Repairs, stack_data: dict[str, str]
) -> None:
    """The URL is shown without a password; unloading the entry removes its issues."""
    down = f"http://127.0.0.1:{free_port()}"
    url_with_password = down.replace("//", "//admin:hunter2@")
    entry = await _setup(hass, {**stack_data, CONF_SONARR_URL: url_with_password})
    await repairs.advance(timedelta(minutes=16))
    issue = repairs.unreachable(entry, "sonarr")
    assert issue is not None
    assert (issue.translation_placeholders or {})["url"] == down  # no password
    assert repairs.not_bound(entry)
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert not [i for i in repairs.registry.issues.values() if i.domain == DOMAIN]


async def test_qbittorrent_not_bound(
    hass: HomeAssistant,
    repairs: Repairs,
    stack_data: dict[str, str],
    qbittorrent: Backend,
) -> None:
    """An unbound qBittorrent is reported at setup and cleared once bound."""
    entry = await _setup(hass, stack_data)
    issue = repairs.not_bound(entry)
    assert issue is not None
    assert issue.translation_key == "qbittorrent_not_bound"
    assert issue.severity is ir.IssueSeverity.WARNING
    assert issue.learn_more_url == BINDING_LEARN_MORE_URL
    assert issue.translation_placeholders == {"url": qbittorrent.url}

    qbittorrent.sim.state.preferences["current_network_interface"] = "wg0"
    await repairs.advance(SETTINGS_POLL)
    assert repairs.not_bound(entry) is None

    qbittorrent.sim.state.preferences["current_network_interface"] = ""
    await repairs.advance(SETTINGS_POLL)
    assert repairs.not_bound(entry) is not None


async def test_binding_checked_once_qbittorrent_answers(
    hass: HomeAssistant, repairs: Repairs, stack_data: dict[str, str]
) -> None:
    """qBittorrent down at setup is checked as soon as its settings poll succeeds."""
    qbt = Switchable(
        lambda: QbittorrentSimulator(username=QBT_USER, password=QBT_PASS).make_app()
    )
    entry = await _setup(hass, {**stack_data, CONF_QBITTORRENT_URL: qbt.url})
    await repairs.advance(SETTINGS_POLL)
    assert repairs.not_bound(entry) is None
    await qbt.start()
    try:
        await repairs.advance(SETTINGS_POLL)
        assert repairs.not_bound(entry) is not None
    finally:
        await qbt.stop()


async def test_binding_unknown_or_unreadable_changes_nothing(
    hass: HomeAssistant,
    repairs: Repairs,
    stack_data: dict[str, str],
    qbittorrent: Backend,
) -> None:
    """Without the preference, or without an answer, no conclusion is drawn."""
    del qbittorrent.sim.state.preferences["current_network_interface"]
    entry = await _setup(hass, stack_data)
    assert repairs.not_bound(entry) is None

    qbittorrent.sim.state.preferences["current_network_interface"] = ""
    qbittorrent.sim.fail_next(1, path="app/preferences")
    await repairs.advance(SETTINGS_POLL)
    assert repairs.not_bound(entry) is None
    assert entry.runtime_data.get(QBITTORRENT) is not None
    # The preferences failed alone: the limits were read, the binding was not.
    settings = entry.runtime_data.get(QBITTORRENT).settings
    assert settings.last_update_success
    assert "preferences" in settings.data.failed
    await repairs.advance(SETTINGS_POLL)
    assert repairs.not_bound(entry) is not None
