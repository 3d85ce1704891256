"""The nightly maintenance blueprint, run through a night with time travel."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    async_fire_time_changed,
    async_mock_service,
)

from .blueprint_helpers import setup_blueprint

ROTATED = {
    "result": "rotated",
    "server": "ch412.nordvpn.com",
    "load": 7,
    "latency_ms": 11.3,
}
CLEANED = {
    "dry_run": False,
    "removed_torrents": 2,
    "removed_queue_items": 1,
    "items": [],
}
VAULT = {
    "path": "/media/archive/myflix-vault/myflix-vault-20261125T044500Z.tar.age",
    "size": 12_345_678,
    "sha256": "0123456789abcdef" * 4,
    "missing": [{"source": "sonarr", "reason": "cannot_connect"}],
}


async def _at(hass: HomeAssistant, when: datetime) -> None:
    """Fire the timers due at ``when`` and let the run take its next steps.

    No frozen clock: HA's timers follow the real one, so the night is
    scheduled a few hours ahead of now and its times are fired one by one.
    Not ``async_block_till_done`` either: it would wait for the whole run.
    """
    async_fire_time_changed(hass, when)
    for _ in range(10):  # a wait step may import its trigger in the executor
        await asyncio.sleep(0.01)


def _night() -> list[datetime]:
    """Four step times 30, 30 and 15 minutes apart, starting 2 h from now."""
    start = (dt_util.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    return [start + timedelta(minutes=m) for m in (0, 30, 60, 75)]


def _times(night: list[datetime]) -> dict[str, str]:
    keys = ("update_time", "vpn_time", "clean_time", "vault_time")
    return {
        key: when.strftime("%H:%M:%S") for key, when in zip(keys, night, strict=True)
    }


@pytest.fixture(name="myflix")
async def myflix_fixture(
    hass: HomeAssistant,
) -> AsyncIterator[dict[str, list[ServiceCall]]]:
    """Myflix's maintenance actions, mocked with the responses the real ones give.

    Afterwards the automation is turned off: its trigger for the next night
    would otherwise outlive the test.
    """
    yield {
        "install": async_mock_service(hass, "update", "install"),
        "rotate": async_mock_service(hass, "myflix", "rotate_vpn", response=ROTATED),
        "clean": async_mock_service(hass, "myflix", "clean", response=CLEANED),
        "vault": async_mock_service(hass, "myflix", "backup_vault", response=VAULT),
        "notify": async_mock_service(hass, "notify", "telegram"),
    }
    await hass.services.async_call(
        "automation", "turn_off", {"entity_id": "all"}, blocking=True
    )


async def test_a_night_runs_every_step_and_sends_one_summary(
    hass: HomeAssistant, tmp_path: Path, myflix: dict[str, list[ServiceCall]]
) -> None:
    """Updates, VPN, cleaning, vault at their times, then one message."""
    night = _night()
    hass.states.async_set("update.radarr", "on")
    hass.states.async_set("update.sonarr", "off")
    await setup_blueprint(
        hass, tmp_path, "nightly_maintenance.yaml", **_times(night),
        update_entities=["update.radarr", "update.sonarr"], vpn_country="CH",
        vault_recipients=["age1example"], notify_service="telegram",
    )  # fmt: skip

    await _at(hass, night[0] - timedelta(minutes=1))
    assert myflix["install"] == []
    await _at(hass, night[0])
    assert [call.data["entity_id"] for call in myflix["install"]] == [
        ["update.radarr", "update.sonarr"]
    ]
    assert myflix["rotate"] == []
    await _at(hass, night[1])
    assert [call.data for call in myflix["rotate"]] == [{"country": "CH"}]
    assert myflix["clean"] == []
    await _at(hass, night[2])
    assert [call.data for call in myflix["clean"]] == [{"dry_run": False}]
    assert myflix["notify"] == []
    await _at(hass, night[3])
    assert [call.data for call in myflix["vault"]] == [{"recipients": "age1example"}]

    assert [call.data for call in myflix["notify"]] == [
        {
            "title": "Myflix nightly maintenance",
            "message": "Updates: 1 up to date, 1 still pending.\n"
            "VPN: ch412.nordvpn.com (load 7 %, 11.3 ms).\n"
            "Cleaning: removed_torrents: 2, removed_queue_items: 1.\n"
            "Vault: myflix-vault-20261125T044500Z.tar.age, 12.3 MB, SHA-256"
            " 0123456789ab…; missing: sonarr.",
        }
    ]


async def test_failures_are_reported_and_later_steps_still_run(
    hass: HomeAssistant, tmp_path: Path, myflix: dict[str, list[ServiceCall]]
) -> None:
    """A failed rotation and vault are said; cleaning still ran."""

    def fail(call: ServiceCall) -> Any:
        raise HomeAssistantError(f"{call.service} failed")

    for name in ("rotate_vpn", "backup_vault"):
        hass.services.async_register(
            "myflix", name, fail, supports_response=SupportsResponse.OPTIONAL
        )
    send_message = async_mock_service(hass, "notify", "send_message")
    night = _night()
    await setup_blueprint(
        hass, tmp_path, "nightly_maintenance.yaml", **_times(night),
        clean_dry_run=True, notify_entities=["notify.phone"],
    )  # fmt: skip

    for when in night:
        await _at(hass, when)
    assert [call.data for call in myflix["clean"]] == [{"dry_run": True}]
    assert myflix["install"] == []  # no update entity chosen: skipped
    assert [call.data["message"] for call in send_message] == [
        (
            "VPN: rotation failed, the previous server is kept (see the logbook).\n"
            "Cleaning (dry run): removed_torrents: 2, removed_queue_items: 1.\n"
            "Vault: backup failed (see the logbook)."
        )
    ]


async def test_steps_turned_off_are_not_run(
    hass: HomeAssistant, tmp_path: Path, myflix: dict[str, list[ServiceCall]]
) -> None:
    """With every step off, nothing is called and the summary says so."""
    night = _night()
    await setup_blueprint(
        hass, tmp_path, "nightly_maintenance.yaml", **_times(night),
        rotate_vpn=False, clean=False, backup_vault=False, notify_service="telegram",
    )  # fmt: skip
    for when in night:
        await _at(hass, when)
    assert myflix["rotate"] == myflix["clean"] == myflix["vault"] == []
    assert [call.data["message"] for call in myflix["notify"]] == [
        "Nothing was scheduled."
    ]
