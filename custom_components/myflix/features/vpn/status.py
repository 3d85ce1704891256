"""The ``get_vpn_status`` action: the tunnel, the exit server and the killswitch, at a glance."""

from __future__ import annotations

from typing import Any

from homeassistant.core import ServiceCall, ServiceResponse

from custom_components.myflix.schema import vol
from custom_components.myflix.services_common import (
    ENTRY_FIELDS,
    current_parts,
    require_backend,
    resolve_entry,
)

from . import KILLSWITCH, VPN

GET_VPN_STATUS_SCHEMA = vol.Schema(ENTRY_FIELDS)


async def async_get_vpn_status(call: ServiceCall) -> ServiceResponse:
    """Report gluetun's latest poll and the killswitch; no address, no secret."""
    entry = resolve_entry(call)
    vpn = require_backend(entry, "gluetun", entry.runtime_data.get(VPN))
    data = current_parts(vpn.status, "status")
    public_ip, settings = data.public_ip, data.settings
    response: dict[str, Any] = {
        "tunnel": data.status.state.value if data.status else None,
        "server": data.server,
        "country": public_ip.country if public_ip else None,
        "city": public_ip.city if public_ip else None,
        "provider": settings.provider if settings else None,
        "forwarded_port": data.forwarded_port,
        "killswitch": None,
        "last_rotation": None,
    }
    if failed := data.failed:
        # What gluetun did not answer this time: those fields are unknown.
        response["unavailable"] = sorted(failed)
    if (guard := entry.runtime_data.get(KILLSWITCH)) is not None:
        snapshot = guard.snapshot
        response["killswitch"] = {
            "state": snapshot.state.value,
            "verdict": snapshot.verdict.value,
            "reason": snapshot.reason.value,
            "stopped": snapshot.stopped,
        }
    if (last := vpn.rotation.last) is not None:
        response["last_rotation"] = {
            "result": last.outcome.value,
            "at": last.finished_at.isoformat(),
            "server": last.server.hostname if last.server else None,
        }
    return response
