"""Sonarr's seed data: the series library and TheTVDB lookup results."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from simulators.arr.catalog import FAILED, GIB, STALLED, catalog_date, midnight

# The size of one episode's release by resolution.
EPISODE_SIZE = {1080: int(1.6 * GIB), 2160: int(5.5 * GIB)}

# fmt: off
# Quality definitions as Sonarr names them (no ``modifier``, ``web`` source).
QUALITIES = {
    "HD-1080p": {"id": 3, "name": "WEBDL-1080p", "source": "web", "resolution": 1080},
    "Ultra-HD": {"id": 18, "name": "WEBDL-2160p", "source": "web", "resolution": 2160},
    "Any": {"id": 3, "name": "WEBDL-1080p", "source": "web", "resolution": 1080},
}

_BB_S1 = ("Pilot", "Cat's in the Bag...", "...And the Bag's in the River", "Cancer Man", "Gray Matter", "Crazy Handful of Nothin'", "A No-Rough-Stuff-Type Deal")
_SEV_S1 = ("Good News About Hell", "Half Loop", "In Perpetuity", "The You You Are", "The Grim Barbarity of Optics and Design", "Hide and Seek", "Defiant Jazz", "What's for Dinner?", "The We We Are")

# (title, year, tvdbId, imdbId, tmdbId, network, status, runtime, genres,
#  [(season, episode count, first air (ISO or day offset), days between, titles, files)])
# ``files`` is how many of the season's first episodes are on disk.
_SERIES: tuple[tuple[Any, ...], ...] = (
    ("Breaking Bad", 2008, 81189, "tt0903747", 1396, "AMC", "ended", 47, ["Drama", "Crime"],
     [(1, 7, "2008-01-21", 7, _BB_S1, 7), (2, 13, "2009-03-09", 7, (), 13)]),
    ("Severance", 2022, 371980, "tt11280740", 95396, "Apple TV+", "continuing", 50, ["Drama", "Mystery"],
     [(1, 9, "2022-02-18", 7, _SEV_S1, 9), (2, 10, -28, 7, (), 2)]),
    ("The Bear", 2022, 403245, "tt14452776", 136315, "FX", "continuing", 30, ["Comedy", "Drama"],
     [(1, 8, "2022-06-23", 0, (), 8), (2, 10, "2023-06-22", 0, (), 8), (3, 10, 30, 0, (), 0)]),
)
_SERIES_LOOKUP: tuple[tuple[Any, ...], ...] = (
    ("The Last of Us", 2023, 392256, "tt3581920", 100088, "HBO", "continuing", 55, ["Drama", "Action & Adventure"],
     [(1, 9, "2023-01-16", 7, (), 0)]),
    ("Andor", 2022, 393189, "tt9253284", 83867, "Disney+", "ended", 45, ["Sci-Fi & Fantasy", "Drama"],
     [(1, 12, "2022-09-21", 7, (), 0), (2, 12, "2025-04-22", 7, (), 0)]),
    ("Slow Horses", 2022, 393199, "tt5875444", 95480, "Apple TV+", "continuing", 45, ["Drama", "Crime"],
     [(1, 6, "2022-04-01", 7, (), 0)]),
)

# A release marked failed a day ago: (release, series title, season, episodes).
BLOCKLISTED = ("Severance.S02E04.1080p.WEB-DL.DDP5.1.H.264-FLUX", "Severance", 2, (4,))
# The queue when no qBittorrent is linked: (release, series title, season,
# episode numbers, ``add_queue_item`` arguments).
QUEUE: tuple[tuple[str, str, int, tuple[int, ...], dict[str, Any]], ...] = (
    ("Severance.S02E03.1080p.WEB-DL.DDP5.1.H.264-SPARKS", "Severance", 2, (3,),
     {"size": int(1.6 * GIB), "sizeleft": GIB // 2, "timeleft": "00:03:20"}),
    ("Severance.S02E04.1080p.WEB-DL.DDP5.1.H.264-SPARKS", "Severance", 2, (4,),
     {"size": int(1.6 * GIB), "sizeleft": GIB, **STALLED}),
    ("The.Bear.S02E09E10.1080p.WEB-DL.DDP5.1.H.264-NTb", "The Bear", 2, (9, 10),
     {"size": 3 * GIB, "sizeleft": 2 * GIB, **FAILED}),
)
# fmt: on


def _series(
    row: tuple[Any, ...], now: datetime
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    title, year, tvdb, imdb, tmdb, network, status, runtime, genres, seasons = row
    today = midnight(now)
    series = {
        "title": title,
        "year": year,
        "tvdbId": tvdb,
        "imdbId": imdb,
        "tmdbId": tmdb,
        "tvMazeId": tvdb % 100000,
        "network": network,
        "status": status,
        "ended": status == "ended",
        "runtime": runtime,
        "genres": list(genres),
        "airTime": "21:00",
        "overview": f"{title}, a {genres[0].lower()} series on {network}.",
        "certification": "TV-MA",
        "seriesType": "standard",
        "ratings": {"votes": 1000 + tvdb % 50000, "value": 8.0 + (tvdb % 15) / 10},
    }
    episodes = []
    for season, count, first, step, titles, files in seasons:
        start = catalog_date(first, today)
        assert start is not None
        for number in range(1, count + 1):
            # 21:00 US Eastern is 01:00 UTC the next day.
            air_utc = start + timedelta(days=step * (number - 1), hours=25)
            episodes.append(
                {
                    "seasonNumber": season,
                    "episodeNumber": number,
                    "title": titles[number - 1] if titles else f"Episode {number}",
                    "airDateUtc": air_utc,
                    "airDate": (air_utc - timedelta(hours=5)).date().isoformat(),
                    "runtime": runtime,
                    "overview": f"{title} S{season:02d}E{number:02d}.",
                    "hasFile": number <= files,
                }
            )
    return series, episodes


def library_series(now: datetime) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Return the library as (series template, episode templates) pairs."""
    return [_series(row, now) for row in _SERIES]


def lookup_series(now: datetime) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Return TheTVDB results that are not in the library."""
    return [_series(row, now) for row in _SERIES_LOOKUP]
