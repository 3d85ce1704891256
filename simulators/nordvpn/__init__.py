"""A stateful simulator of NordVPN's public API (``api.nordvpn.com``).

Realistic Swiss servers (country 209) and a few neighbours in the v1 server
shape of ``shared/reference/healing_vpn_tiering.md`` §3, recommendations
filtered by ``filters[...]`` query parameters and sorted by load, and IP
insights for a configurable caller IP.

    sim = NordVpnSimulator()
    async with serve(sim.make_app()) as url: ...
    sim.caller_ip = sim.server("ch200.nordvpn.com")["station"]  # protected

Modules: ``simulator`` (routes and controls), ``catalog`` (the server list).
"""

from .catalog import SITES, TECHNOLOGIES, build_servers, public_key
from .simulator import HOME_IP, NordVpnSimulator

__all__ = [
    "HOME_IP",
    "SITES",
    "TECHNOLOGIES",
    "NordVpnSimulator",
    "build_servers",
    "public_key",
]
