"""Async client for gluetun's HTTP control server (v3.40+, with the pre-3.40 PF route).

``GluetunClient`` reads the tunnel status, the exit IP, the forwarded ports
and the server selection, starts or stops the tunnel and changes the server
selection. gluetun's ``/v1/vpn/settings`` carries the VPN private keys: the
typed ``VpnSettings`` keeps only non-secret fields, and ``update_settings``
sends only selection fields.

Modules: ``client`` (the requests), ``models`` (typed replies) and
``selection`` (the partial settings a change sends).
"""

from .client import GluetunClient
from .models import PublicIp, TunnelState, VpnSettings, VpnStatus
from .selection import SELECTION_FIELDS, VPN_TYPES, selection_changes

__all__ = [
    "SELECTION_FIELDS",
    "VPN_TYPES",
    "GluetunClient",
    "PublicIp",
    "TunnelState",
    "VpnSettings",
    "VpnStatus",
    "selection_changes",
]
