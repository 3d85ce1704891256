"""The card's VPN and storage glances, from the parts the entry runs (None: no part)."""

from __future__ import annotations

from typing import Any

from custom_components.myflix.engine.connectability import ConnectabilityVerdict
from custom_components.myflix.engine.history import Query
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.features.tiering import TIERING
from custom_components.myflix.features.vpn import CONNECTABILITY, KILLSWITCH, VPN
from custom_components.myflix.history import HISTORY

_HALTS = Query(kinds=frozenset({"killswitch_tripped"}))


def _last_halt(entry: MyflixConfigEntry) -> dict[str, Any] | None:
    if (history := entry.runtime_data.get(HISTORY)) is None:
        return None
    found, _count = history.history.find(_HALTS, 1)
    if not found:
        return None
    latency = found[0].evidence.get("latency_ms")
    return {
        "at": found[0].at.isoformat(),
        "latency_ms": latency if isinstance(latency, int | float) else None,
    }


def vpn_glance(entry: MyflixConfigEntry) -> dict[str, Any] | None:
    """Killswitch, exit country, whether peers can connect, the last halt."""
    runtime = entry.runtime_data
    vpn, guard = runtime.get(VPN), runtime.get(KILLSWITCH)
    if vpn is None:
        return None
    data = vpn.status.data if vpn.status.last_update_success else None
    public = data.public_ip if data else None
    watch = runtime.get(CONNECTABILITY)
    verdict = watch.current.verdict if watch else None
    return {
        "killswitch": guard.snapshot.state.value if guard else None,
        "exit_country": public.country if public and public.ip else None,
        "connectability": verdict.value if verdict else None,
        "connectable": None
        if verdict is None
        else verdict is ConnectabilityVerdict.CONNECTABLE,
        "last_halt": _last_halt(entry),
    }


def storage_glance(entry: MyflixConfigEntry) -> dict[str, Any] | None:
    """Both tiers' fill, and what tiering moves next and when it looks next."""
    if (tiering := entry.runtime_data.get(TIERING)) is None:
        return None
    hot = tiering.hot_usage
    archive = tiering.archive_usage
    plan = tiering.next_move
    return {
        "hot": {
            "used": sum(usage.used for usage in hot),
            "total": sum(usage.used + usage.free for usage in hot),
            "free": sum(usage.free for usage in hot),
        }
        if hot
        else None,
        "archive": {
            "used": archive.used,
            "total": archive.used + archive.free,
            "free": archive.free,
        }
        if archive
        else None,
        # Files and bytes are None until tiering plans (at its scheduled look).
        "next_move": {
            "files": plan.files if plan else None,
            "bytes": plan.bytes if plan else None,
            "titles": list(plan.names) if plan else [],
            "at": tiering.next_run_at.isoformat() if tiering.next_run_at else None,
        },
    }
