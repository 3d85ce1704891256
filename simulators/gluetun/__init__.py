"""A stateful simulator of gluetun's HTTP control server (v3.40+, optionally pre-3.40).

Faithful to gluetun's source as summarised in
``shared/reference/healing_vpn_tiering.md`` §2: the auth middleware before the
router (404 unknown path, 405 wrong verb, 401 with roles from ``config.toml``),
text/plain answers, the tunnel-down clean-up (``public_ip`` becomes ``""``,
forwarded ports cleared), the settings merge of ``PUT /v1/vpn/settings``
and the secrets ``GET /v1/vpn/settings`` shows.

    sim = GluetunSimulator(api_key="key")
    async with serve(sim.make_app()) as url: ...
    sim.leak()      # public IP = the home IP, status still "running"
    sim.crash()     # status "crashed", public IP ""

Modules: ``simulator`` (the routes), ``tunnel`` (state and test controls),
``auth`` (route table and roles), ``settings`` (the settings JSON, merge and
validation).
"""

from .auth import BASIC_CHALLENGE, ROUTES, Role
from .settings import OPENVPN_PASSWORD, OPENVPN_USER, PRESHARED_KEY, PRIVATE_KEY
from .simulator import GluetunSimulator
from .tunnel import HOME_IP, VPN_IP, Tunnel

__all__ = [
    "BASIC_CHALLENGE",
    "HOME_IP",
    "OPENVPN_PASSWORD",
    "OPENVPN_USER",
    "PRESHARED_KEY",
    "PRIVATE_KEY",
    "ROUTES",
    "VPN_IP",
    "GluetunSimulator",
    "Role",
    "Tunnel",
]
