"""A realistic home library for the demo: movies (radarr) and episodes (tv-sonarr)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .simulator import QbittorrentSimulator

_GB = 1_000_000_000
_TRACKER = "https://tracker.example.org:443/announce"
_LIBRARY: tuple[dict[str, Any], ...] = (
    {
        "name": "Dune.Part.Two.2024.2160p.UHD.BluRay.x265.10bit.HDR.DDP7.1.Atmos-FLUX",
        "size": 61_870_000_000,
        "progress": 0.46,
        "category": "radarr",
        "dlspeed": 18_350_000,
        "seeds": 57,
        "leechs": 11,
        "upspeed": 412_000,
    },
    {
        "name": "Oppenheimer.2023.1080p.BluRay.DDP5.1.x264-ZQ",
        "size": 21 * _GB,
        "progress": 1.0,
        "category": "radarr",
        "state": "uploading",
        "upspeed": 1_250_000,
        "leechs": 4,
        "seeds": 31,
        "uploaded": 48 * _GB,
    },
    {
        "name": "The.Bear.S03E01.Tomorrow.1080p.HULU.WEB-DL.DDP5.1.H.264-NTb",
        "size": 1_830_000_000,
        "progress": 0.12,
        "category": "tv-sonarr",
        "state": "stalledDL",
        "tags": ["stalled-check"],
    },
    {
        "name": "Severance.S02E05.Trojans.Horse.2160p.ATVP.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX",
        "size": 9_400_000_000,
        "progress": 0.71,
        "category": "tv-sonarr",
        "dlspeed": 9_800_000,
        "seeds": 143,
        "private": True,
    },
    {
        "name": "Shogun.2024.S01E10.A.Dream.of.a.Dream.1080p.DSNP.WEB-DL.DDP5.1.H.264-NTb",
        "size": 3_120_000_000,
        "progress": 1.0,
        "category": "tv-sonarr",
        "state": "stalledUP",
        "uploaded": 2_400_000_000,
    },
    {
        "name": "Poor.Things.2023.1080p.WEB-DL.DDP5.1.Atmos.H.264-FLUX",
        "size": 8_650_000_000,
        "progress": 0.33,
        "category": "radarr",
        "state": "error",
    },
    {
        "name": "Arrival.2016.2160p.UHD.BluRay.REMUX.HDR.HEVC.Atmos-EPSiLON",
        "size": 58_200_000_000,
        "progress": 1.0,
        "category": "radarr",
        "state": "pausedUP",
        "uploaded": 91 * _GB,
    },
)


def seed_demo(sim: QbittorrentSimulator) -> None:
    """Fill ``sim`` with the library; torrents added later download at once."""
    state = sim.state
    root = str(state.preferences["save_path"])
    state.categories.update({"radarr": f"{root}/movies", "tv-sonarr": f"{root}/tv"})
    state.new_torrent_seeds, state.new_torrent_speed = 9, 6_291_456
    for template in _LIBRARY:
        entry = {"trackers": [_TRACKER], **template}
        entry["save_path"] = state.categories[entry["category"]]
        if entry.get("state") == "pausedUP" and sim.v5:
            entry["state"] = "stoppedUP"
        sim.add_torrent(**entry)
    # A magnet nobody seeds: stuck fetching metadata, for the healing demo.
    sim.add_torrent(
        name="Civil.War.2024.1080p.AMZN.WEB-DL.DDP5.1.H.264-FLUX",
        size=6_200_000_000,
        category="radarr",
        seeds=0,
        state="metaDL",
        save_path=f"{root}/movies",
    )
    state.ensure_tags(["stalled-check", "keep"])
