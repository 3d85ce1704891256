"""The partial ``settings.VPN`` that ``PUT /v1/vpn/settings`` merges over the current one.

gluetun overrides a list filter with any non-null list (``[]`` clears it) and
keeps every field left out, so a change carries only the fields it sets and
never the credentials.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

VPN_TYPES = ("openvpn", "wireguard")
# Our name -> gluetun's ``server_selection`` JSON key.
SELECTION_FIELDS: Mapping[str, str] = {
    "countries": "countries",
    "regions": "regions",
    "cities": "cities",
    "hostnames": "hostnames",
    "server_names": "names",
    "categories": "categories",
}


def _names(key: str, value: object) -> list[str]:
    """One name or a list of names; anything else is a programming error."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return [v for v in value if v.strip()]
    raise ValueError(f"{key}: expected a name or a list of names")


def selection_changes(changes: Mapping[str, object]) -> dict[str, Any]:
    """Build the request body for ``changes``; ValueError on an unknown key or value."""
    if not changes:
        raise ValueError("no server selection change given")
    body: dict[str, Any] = {}
    selection: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "vpn_type":
            if value not in VPN_TYPES:
                raise ValueError(f"vpn_type: expected one of {', '.join(VPN_TYPES)}")
            # The type lives twice in settings.VPN; both must agree.
            body["type"] = selection["vpn"] = value
        elif key in SELECTION_FIELDS:
            selection[SELECTION_FIELDS[key]] = _names(key, value)
        else:
            raise ValueError(f"{key!r} is not a server selection field")
    body["provider"] = {"server_selection": selection}
    return body
