"""The connectability verdict: each reason, in the order a person would check them."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.myflix.engine.connectability import ConnectabilityVerdict, assess

FIREWALLED = {
    "status": "firewalled",
    "provider": "protonvpn",
    "forwarding": True,
    "forwarded_port": 51413,
    "listen_port": 51413,
}


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({"status": "connected", "provider": "nordvpn", "forwarded_port": 0}, ConnectabilityVerdict.CONNECTABLE),
        ({"status": "disconnected"}, ConnectabilityVerdict.NOT_LISTENING),
        ({}, ConnectabilityVerdict.FIREWALLED),
        ({"listen_port": 6881}, ConnectabilityVerdict.PORT_NOT_APPLIED),
        ({"listen_port": None}, ConnectabilityVerdict.FIREWALLED),
        ({"forwarded_port": 0}, ConnectabilityVerdict.NO_FORWARDED_PORT),
        ({"forwarded_port": None, "forwarding": None}, ConnectabilityVerdict.NO_FORWARDED_PORT),
        ({"forwarded_port": 0, "forwarding": False}, ConnectabilityVerdict.FORWARDING_OFF),
        ({"forwarded_port": 0, "provider": "nordvpn"}, ConnectabilityVerdict.PROVIDER_CANNOT_FORWARD),
        ({"forwarded_port": 0, "provider": "Mullvad"}, ConnectabilityVerdict.PROVIDER_CANNOT_FORWARD),
        ({"forwarded_port": 0, "provider": "Private Internet Access"}, ConnectabilityVerdict.NO_FORWARDED_PORT),
        ({"forwarded_port": 0, "provider": None}, ConnectabilityVerdict.PROVIDER_UNKNOWN),
        # A forwarded port settles it, whatever the provider is called (custom).
        ({"provider": "custom", "forwarding": None}, ConnectabilityVerdict.FIREWALLED),
        ({"status": None}, None),
        ({"status": "stalled"}, None),
    ],
)  # fmt: skip
def test_each_reason(
    changes: dict[str, Any], verdict: ConnectabilityVerdict | None
) -> None:
    assert assess(**(FIREWALLED | changes)).verdict is verdict


def test_the_figures_travel_with_the_verdict() -> None:
    found = assess(**(FIREWALLED | {"forwarded_port": 0, "provider": "nordvpn"}))
    assert found.as_dict() == {
        "verdict": "provider_cannot_forward",
        "qbittorrent_status": "firewalled",
        "provider": "nordvpn",
        "forwarded_port": None,  # gluetun's 0 means none
        "listen_port": 51413,
    }
