"""Logbook text for every Myflix event, through HA's real logbook."""

from __future__ import annotations

from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration
import pytest

from custom_components.myflix import logbook as myflix_logbook
from custom_components.myflix.const import DOMAIN

EVENTS: list[tuple[str, dict[str, Any], str]] = [
    (
        "myflix_tiering_progress",
        {"moved_bytes": 3_200_000_000, "total_bytes": 8_000_000_000, "percent": 40.0},
        "moving to the archive: 3.2 GB of 8.0 GB (40.0 %)",
    ),
    (
        "myflix_tiering_finished",
        {"outcome": "done", "moved_files": 12, "moved_bytes": 8_000_000_000},
        "tiering done: 12 file(s), 8.0 GB moved to the archive",
    ),
    (
        "myflix_download_stalled",
        {
            "title": "Dune.2021.2160p",
            "reason": "stalled",
            "strikes": 2,
            "max_strikes": 3,
        },
        "struck Dune.2021.2160p (stalled): 2 of 3 strikes",
    ),
    (
        "myflix_download_replaced",
        {
            "title": "Dune.2021.2160p",
            "reason": "metadata",
            "app": "radarr",
            "kept_data": True,
        },
        "replaced Dune.2021.2160p (metadata) in radarr, its data keeps seeding",
    ),
    (
        "myflix_killswitch_tripped",
        {
            "reason": "vpn_ip_is_home",
            "torrents": 3,
            "latency_ms": 142.6,
            "manual": False,
        },
        (
            "halted downloads (vpn ip is home): 3 torrent(s) stopped, 143 ms after"
            " the leak was seen"
        ),
    ),
    (
        "myflix_killswitch_tripped",
        {"reason": "manual", "torrents": 0, "latency_ms": None, "manual": True},
        "halted downloads (manual): 0 torrent(s) stopped",
    ),
    (
        "myflix_killswitch_released",
        {"reason": "tunnel_down", "torrents": 2, "manual": False},
        "resumed 2 torrent(s): the VPN is clean again",
    ),
    (
        "myflix_vpn_rotated",
        {"server": "ch412.nordvpn.com", "load": 7, "latency_ms": 11.3},
        "moved the VPN to ch412.nordvpn.com (load 7 %, 11.3 ms)",
    ),
    (
        "myflix_share_downloaded",
        {"id": "abc", "file": "Dune.mkv", "downloads": 1, "max_downloads": 2},
        "shared file Dune.mkv was downloaded (download 1/2)",
    ),
    (
        "myflix_vault_created",
        {
            "path": "/media/archive/myflix-vault/myflix-vault-20261125T044500Z.tar.age",
            "size": 12_345_678,
            "missing": [{"source": "sonarr", "reason": "cannot_connect"}],
        },
        (
            "wrote the vault backup myflix-vault-20261125T044500Z.tar.age (12.3 MB);"
            " missing: sonarr"
        ),
    ),
    (
        "myflix_containers_updated",
        {"method": "digests", "changed": [{"name": "radarr"}]},
        "updated containers: radarr",
    ),
    (
        "myflix_containers_updated",
        {"method": "none", "changed": None},
        "asked Watchtower to update the containers",
    ),
]


@pytest.mark.parametrize(("event_type", "data", "message"), EVENTS)
async def test_every_event_has_a_logbook_line(
    hass: HomeAssistant, event_type: str, data: dict[str, Any], message: str
) -> None:
    """HA's logbook describes each Myflix event with our text."""
    described: dict[str, Any] = {}

    def describe_event(domain: str, kind: str, describe: Any) -> None:
        assert domain == DOMAIN
        described[kind] = describe

    myflix_logbook.async_describe_events(hass, describe_event)
    assert set(described) == set(myflix_logbook.DESCRIPTIONS)

    class _Event:
        def __init__(self, data: dict[str, Any]) -> None:
            self.data = data

    assert described[event_type](_Event(data)) == {"name": "Myflix", "message": message}


async def test_ha_finds_the_logbook_platform(hass: HomeAssistant) -> None:
    """HA's loader finds the platform the logbook integration asks every integration for."""
    integration = await async_get_integration(hass, DOMAIN)
    platform = await integration.async_get_platform("logbook")
    assert platform.async_describe_events is myflix_logbook.async_describe_events


def test_every_fired_event_is_described() -> None:
    """Each ``myflix_*`` event type the integration defines has logbook text."""
    package = Path(myflix_logbook.__file__).parent
    defined = {
        f"{DOMAIN}_{match}"
        for source in package.rglob("*.py")
        for match in re.findall(
            r'^EVENT_\w+ = f"\{DOMAIN\}_(\w+)"', source.read_text(), re.M
        )
    }
    assert len(defined) >= 10
    assert defined == set(myflix_logbook.DESCRIPTIONS)
