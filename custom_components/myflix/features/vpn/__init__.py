"""The VPN through gluetun: status, killswitch, rotation, port sync, connectability."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey
from custom_components.myflix.feature import Needs

if TYPE_CHECKING:
    from .connectability import ConnectabilityWatch
    from .coordinator import VpnRuntime
    from .killswitch import KillswitchRuntime

VPN: RuntimeKey[VpnRuntime] = RuntimeKey("vpn")
KILLSWITCH: RuntimeKey[KillswitchRuntime] = RuntimeKey("killswitch")
CONNECTABILITY: RuntimeKey[ConnectabilityWatch] = RuntimeKey("connectability")
VPN_NEEDS = Needs(all_of=frozenset({"gluetun"}))
"""The VPN's status, rotation and options page need gluetun."""
KILLSWITCH_NEEDS = Needs(all_of=frozenset({"gluetun", "qbittorrent"}))
"""The killswitch watches gluetun and halts qBittorrent."""
