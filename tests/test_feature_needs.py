"""A capability's preconditions, asked by the set-up and the options menu alike."""

from __future__ import annotations

import pytest

from custom_components.myflix.features.healing import HEALING_NEEDS
from custom_components.myflix.features.vpn import KILLSWITCH_NEEDS, VPN_NEEDS


@pytest.mark.parametrize(
    ("backends", "healing", "killswitch", "vpn"),
    [
        ({"qbittorrent", "radarr"}, True, False, False),
        ({"qbittorrent", "sonarr", "gluetun"}, True, True, True),
        ({"qbittorrent"}, False, False, False),
        ({"radarr", "sonarr", "gluetun"}, False, False, True),
        ({"gluetun", "qbittorrent"}, False, True, True),
        (set(), False, False, False),
    ],
)
def test_needs(backends: set[str], healing: bool, killswitch: bool, vpn: bool) -> None:
    """Healing: qBittorrent and an app; the killswitch: gluetun and qBittorrent."""
    assert HEALING_NEEDS.met(backends) is healing
    assert KILLSWITCH_NEEDS.met(backends) is killswitch
    assert VPN_NEEDS.met(backends) is vpn
