"""The VPN through gluetun: status, the killswitch, server rotation and port sync."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey
from custom_components.myflix.feature import Needs

if TYPE_CHECKING:
    from .coordinator import VpnRuntime
    from .killswitch import KillswitchRuntime

VPN: RuntimeKey[VpnRuntime] = RuntimeKey("vpn")
KILLSWITCH: RuntimeKey[KillswitchRuntime] = RuntimeKey("killswitch")
VPN_NEEDS = Needs(all_of=frozenset({"gluetun"}))
"""The VPN's status, rotation and options page need gluetun."""
KILLSWITCH_NEEDS = Needs(all_of=frozenset({"gluetun", "qbittorrent"}))
"""The killswitch watches gluetun and halts qBittorrent."""
