"""The VPN through gluetun: status, the killswitch, server rotation and port sync."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.entry import RuntimeKey

if TYPE_CHECKING:
    from .coordinator import VpnRuntime
    from .killswitch import KillswitchRuntime

VPN: RuntimeKey[VpnRuntime] = RuntimeKey("vpn")
KILLSWITCH: RuntimeKey[KillswitchRuntime] = RuntimeKey("killswitch")
