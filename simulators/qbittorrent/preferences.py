"""The simulator's ``app/preferences``, and how qBittorrent stores speed limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# What Debian's qbittorrent-nox 4.5.2 answered to ``app/preferences`` (174 keys,
# see shared/specs). Parsed per simulator, so no two share a nested dict.
_PREFERENCES_4_5_2 = (Path(__file__).parent / "preferences-4.5.2.json").read_text()


def default_preferences(*, v5: bool, username: str, save_path: str) -> dict[str, Any]:
    """Return the 4.5.2 preference set (174 keys), adjusted to a home server."""
    prefs: dict[str, Any] = json.loads(_PREFERENCES_4_5_2)
    prefs.update(
        save_path=save_path,
        temp_path=f"{save_path}/incomplete",
        web_ui_username=username,
        web_ui_port=8080,
        web_ui_address="*",
        listen_port=6881,
        current_interface_address="",
        current_network_interface="",
        dl_limit=0,
        up_limit=0,
        dht=True,
        pex=True,
        lsd=True,
    )
    if v5:
        prefs["add_stopped_enabled"] = prefs.pop("start_paused_enabled")
        prefs.update(add_to_top_of_queue=False, torrent_content_remove_option="delete")
    return prefs


def kib_round(limit: int) -> int:
    """Round a byte/s limit the way qBittorrent stores it (whole KiB, 0 = none)."""
    if limit <= 0:
        return 0
    return max(1, limit // 1024) * 1024
