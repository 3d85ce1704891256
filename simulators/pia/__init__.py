"""A stateful simulator of Private Internet Access's server list (``serverlist.piaservers.net``).

``GET /vpninfo/servers/v6`` answers as the real list does: one line of JSON
(``groups``, ``regions`` with ``id``, ``name``, ``country``, ``dns``,
``port_forward``, ``geo``, ``offline`` and ``servers`` per protocol, each
``{"ip", "cn"}``, OpenVPN ones with ``van``), a blank line, then a signature.
Addresses are documentation IPs (TEST-NET-2).
"""

from .simulator import PiaSimulator

__all__ = ["PiaSimulator"]
