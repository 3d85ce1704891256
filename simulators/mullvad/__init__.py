"""A stateful simulator of Mullvad's public relay list (``api.mullvad.net``).

``GET /www/relays/all/`` answers one JSON list of relays in the shape the real
list has (hostname, country and city, ``active``, ``owned``, ``provider``,
``ipv4_addr_in``, ``type`` of ``wireguard``/``openvpn``/``bridge``, WireGuard
``pubkey``...). Addresses are documentation IPs (TEST-NET-3).

    sim = MullvadSimulator()
    async with serve(sim.make_app()) as url: ...
    GluetunSimulator(provider="mullvad", servers=sim.exit_ips())
"""

from .simulator import MullvadSimulator, build_relays

__all__ = ["MullvadSimulator", "build_relays"]
