"""The get_vpn_status action: tunnel, exit server, killswitch, last rotation."""

from __future__ import annotations

from datetime import UTC, datetime

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest

from custom_components.myflix.features.vpn import VPN
from custom_components.myflix.features.vpn.rotation import (
    RotationOutcome,
    RotationResult,
)

from .services_helpers import call, qbittorrent_only, setup_entry
from .vpn_helpers import VpnStack, vpn_stack_fixture  # noqa: F401


async def test_vpn_status(hass: HomeAssistant, vpn_stack: VpnStack) -> None:
    """Tunnel and server from the last poll, the killswitch, no address."""
    entry = await setup_entry(hass, vpn_stack.data)
    response = await call(hass, "get_vpn_status")
    assert response["tunnel"] == "running"
    assert response["server"]
    assert response["killswitch"]["state"] == "armed"
    assert response["last_rotation"] is None
    assert vpn_stack.gluetun.home_ip not in str(response)
    await entry.runtime_data.get(VPN).rotation.record(
        RotationResult(
            outcome=RotationOutcome.ROTATED,
            finished_at=datetime(2026, 1, 2, tzinfo=UTC),
            previous=(),
        )
    )
    rotated = await call(hass, "get_vpn_status")
    assert rotated["last_rotation"] == {
        "result": "rotated",
        "at": "2026-01-02T00:00:00+00:00",
        "server": None,
    }


async def test_vpn_status_without_gluetun(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    """A stack without gluetun says so."""
    async with qbittorrent_only("4.5.2") as (_sim, data):
        await setup_entry(hass, data)
        with pytest.raises(ServiceValidationError) as err:
            await call(hass, "get_vpn_status")
    assert err.value.translation_key == "backend_not_configured"
