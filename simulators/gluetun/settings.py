"""gluetun's ``settings.VPN``: the JSON it shows, the merge a PUT does, its validation.

The GET shows everything, credentials included (gluetun issue #2238), so the
fake settings carry recognisable secrets a test can look for. A PUT is a
partial ``settings.VPN``: like gosettings' ``OverrideWith``, ``null``, ``""``
and unknown keys keep the current value, any list replaces it (``[]``
clears), and the result is validated before it is applied.
"""

from __future__ import annotations

import base64
import copy
from typing import Any

# Recognisable fakes: a test proves they never leave the client.
PRIVATE_KEY = base64.b64encode(b"myflix-sim-wireguard-private-k3y").decode()
PRESHARED_KEY = base64.b64encode(b"myflix-sim-wireguard-preshared-k").decode()
OPENVPN_USER = "sim-service-user-8f3a"
OPENVPN_PASSWORD = "sim-service-password-c41d"
VPN_TYPES = ("openvpn", "wireguard")
# The NordVPN countries the fake server list knows.
COUNTRY_CHOICES = (
    "Austria",
    "France",
    "Germany",
    "Italy",
    "Netherlands",
    "Sweden",
    "Switzerland",
    "United Kingdom",
    "United States",
)


FORWARDING_PROVIDERS = frozenset(
    {"perfect privacy", "private internet access", "privatevpn", "protonvpn"}
)
"""The providers gluetun forwards a port for (settings/portforward.go)."""


def default_settings(
    *,
    provider: str,
    vpn_type: str,
    countries: list[str],
    private_key: str,
    port_forwarding: bool = False,
) -> dict[str, Any]:
    """Build the ``settings.VPN`` JSON of a NordVPN WireGuard set-up (§2 shape)."""
    return {
        "type": vpn_type,
        "provider": {
            "name": provider,
            "server_selection": {
                "vpn": vpn_type,
                "target_ip": "",
                "countries": countries,
                "categories": None,
                "regions": None,
                "cities": None,
                "isps": None,
                "names": None,
                "numbers": None,
                "hostnames": None,
                "owned_only": False,
                "free_only": False,
                "premium_only": False,
                "stream_only": False,
                "multi_hop_only": False,
                "port_forward_only": False,
                "openvpn": {"conf_file": "", "tcp": False, "custom_port": 0},
                "wireguard": {"endpoint_ip": "", "endpoint_port": 0, "public_key": ""},
            },
            "port_forwarding": {
                "enabled": port_forwarding,
                "provider": None,
                "status_file_path": "/tmp/gluetun/forwarded_port",  # noqa: S108
                "listening_port": 0,
                "username": "",
                "password": "",
            },
        },
        "openvpn": {
            "version": "2.6",
            "user": OPENVPN_USER,
            "password": OPENVPN_PASSWORD,
            "key": "",
            "encrypted_key": "",
            "key_passphrase": "",
            "interface": "tun0",
        },
        "wireguard": {
            "private_key": private_key,
            "pre_shared_key": PRESHARED_KEY,
            "addresses": ["10.5.0.2/32"],
            "allowed_ips": ["0.0.0.0/0", "::/0"],
            "interface": "wg0",
            "implementation": "auto",
            "mtu": 1320,
        },
    }


def _same_key(current: dict[str, Any], key: str) -> str | None:
    """Find the key of ``current`` Go's decoder fills for ``key`` (any case)."""
    return next((k for k in current if k.lower() == key.lower()), None)


def _go_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "bool"}.get(
        type(value), "number"
    )


def override(
    current: dict[str, Any], change: dict[str, Any], path: str = "VPN"
) -> dict[str, Any]:
    """Merge ``change`` over a copy of ``current``, gosettings-style.

    ValueError carries the Go decoder's message for a value of the wrong type.
    """
    merged = copy.deepcopy(current)
    for key, value in change.items():
        target = _same_key(merged, key)
        if target is None or value is None or value == "":
            continue
        old = merged[target]
        if isinstance(value, dict) and isinstance(old, dict):
            merged[target] = override(old, value, f"{path}.{target}")
            continue
        list_field = isinstance(old, list) or (old is None and target in _LIST_FIELDS)
        if (
            isinstance(old, dict)
            or list_field != isinstance(value, list)
            or (isinstance(old, str) and not isinstance(value, str))
        ):
            raise ValueError(
                f"json: cannot unmarshal {_go_type(value)} into Go struct field "
                f"{path}.{target}"
            )
        merged[target] = copy.deepcopy(value)
    return merged


_LIST_FIELDS = frozenset(
    {
        "countries",
        "categories",
        "regions",
        "cities",
        "isps",
        "names",
        "numbers",
        "hostnames",
    }
)


def _invalid(what: str, values: list[str], choices: list[str]) -> str | None:
    """Like ``atLeastOneIsOneOfCaseInsensitive``: all values unknown is an error."""
    if not values:
        return None
    known = {choice.lower() for choice in choices}
    if any(value.lower() in known for value in values):
        return None
    return (
        f"the {what} specified is not valid: none of {', '.join(values)} "
        f"is one of the choices available {', '.join(choices)}"
    )


def forwarding_on(settings: dict[str, Any]) -> bool:
    """Whether gluetun runs port forwarding: on, for a provider that forwards."""
    forwarding = settings["provider"]["port_forwarding"]
    provider = forwarding.get("provider") or settings["provider"]["name"]
    return bool(forwarding.get("enabled")) and provider in FORWARDING_PROVIDERS


def validate(settings: dict[str, Any], hostnames: list[str] | None) -> str | None:
    """Return what gluetun says is wrong with ``settings``; None when valid."""
    forwarding = settings["provider"]["port_forwarding"]
    if forwarding.get("enabled") and not forwarding_on(settings):
        # PortForwarding.Validate: the provider (or the forwarding provider
        # set) must be one whose forwarding code gluetun has.
        chosen = forwarding.get("provider") or settings["provider"]["name"]
        return (
            f"port forwarding cannot be enabled: value {chosen!r} is not one of the"
            f" possible choices: {', '.join(sorted(FORWARDING_PROVIDERS))}"
        )
    if settings["type"] not in VPN_TYPES:
        return f"VPN type is not valid: {settings['type']!r} and can only be one of openvpn, wireguard"
    provider = settings["provider"]
    selection = provider["server_selection"]
    if selection["vpn"] not in VPN_TYPES:
        return f"provider settings: server selection: VPN type is not valid: {selection['vpn']}"
    problem = _invalid(
        "country", selection.get("countries") or [], list(COUNTRY_CHOICES)
    )
    if problem is None and hostnames is not None:
        problem = _invalid("hostname", selection.get("hostnames") or [], hostnames)
    if problem is None:
        return None
    return f"provider settings: server selection: for VPN service provider {provider['name']}: {problem}"
