"""Radarr's seed data: the movie library and TMDb lookup results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from simulators.arr.catalog import FAILED, GIB, STALLED, catalog_date, midnight

# fmt: off
# Quality definitions as Radarr names them (Sonarr has no ``modifier`` and
# other ``source`` names).
QUALITIES = {
    "HD-1080p": {"id": 3, "name": "WEBDL-1080p", "source": "webdl", "resolution": 1080, "modifier": "none"},
    "Ultra-HD": {"id": 18, "name": "WEBDL-2160p", "source": "webdl", "resolution": 2160, "modifier": "none"},
    "Any": {"id": 3, "name": "WEBDL-1080p", "source": "webdl", "resolution": 1080, "modifier": "none"},
}

# (title, year, tmdbId, imdbId, runtime, studio, genres, cinemas, digital, physical,
#  has file, monitored, profile id). Dates are ISO strings or day offsets from today.
_MOVIES: tuple[tuple[Any, ...], ...] = (
    ("Oppenheimer", 2023, 872585, "tt15398776", 181, "Syncopy", ["Drama", "History"], "2023-07-19", "2023-11-21", "2023-11-21", True, True, 4),
    ("Barbie", 2023, 346698, "tt1517268", 114, "Heyday Films", ["Comedy", "Adventure"], "2023-07-19", "2023-09-12", "2023-10-17", True, True, 4),
    ("The Holdovers", 2023, 840430, "tt14849194", 133, "Miramax", ["Comedy", "Drama"], "2023-10-27", "2023-11-21", "2024-01-16", True, True, 4),
    ("Past Lives", 2023, 666277, "tt13238346", 106, "A24", ["Drama", "Romance"], "2023-06-02", "2023-07-18", "2023-09-12", True, True, 4),
    ("The Zone of Interest", 2023, 467244, "tt7160372", 105, "A24", ["Drama", "History", "War"], "2023-12-15", "2024-02-20", "2024-05-14", True, False, 4),
    ("Poor Things", 2023, 792307, "tt14230458", 141, "Searchlight Pictures", ["Science Fiction", "Romance"], "2023-12-08", "2024-02-27", "2024-03-12", False, True, 5),
    ("Civil War", 2024, 929590, "tt17279496", 109, "A24", ["War", "Action", "Drama"], "2024-04-12", "2024-05-24", "2024-07-02", False, True, 4),
    ("Inside Out 2", 2024, 1022789, "tt22022452", 97, "Pixar", ["Animation", "Family"], -40, -5, 2, False, True, 4),
    ("Furiosa: A Mad Max Saga", 2024, 786892, "tt12037194", 149, "Kennedy Miller Mitchell", ["Action", "Adventure"], -60, 1, 30, False, True, 5),
    ("Deadpool & Wolverine", 2024, 533535, "tt6263850", 128, "Marvel Studios", ["Action", "Comedy"], 1, 60, 90, False, True, 5),
)
_LOOKUP: tuple[tuple[Any, ...], ...] = (
    ("Dune: Part Two", 2024, 693134, "tt15239678", 167, "Legendary Pictures", ["Science Fiction", "Adventure"], "2024-03-01", "2024-04-16", "2024-05-14"),
    ("Dune", 2021, 438631, "tt1160419", 155, "Legendary Pictures", ["Science Fiction", "Adventure"], "2021-10-22", "2021-10-22", "2022-01-11"),
    ("Dune", 1984, 841, "tt0087182", 137, "Dino De Laurentiis Company", ["Science Fiction", "Adventure"], "1984-12-14", None, "1998-11-24"),
    ("Alien: Romulus", 2024, 945961, "tt18412256", 119, "20th Century Studios", ["Horror", "Science Fiction"], "2024-08-16", "2024-10-15", "2024-12-03"),
    ("Gladiator II", 2024, 558449, "tt9218128", 148, "Scott Free Productions", ["Action", "Adventure", "Drama"], "2024-11-22", "2025-01-14", "2025-02-25"),
)

# A release marked failed a day ago: (release, movie title).
BLOCKLISTED = ("Civil.War.2024.1080p.WEB-DL.DDP5.1.H.264-FLUX", "Civil War")
# The queue when no qBittorrent is linked: (release, movie title, or None for a
# download not matched to the library, ``add_queue_item`` arguments).
QUEUE: tuple[tuple[str, str | None, dict[str, Any]], ...] = (
    ("Poor.Things.2023.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX", "Poor Things",
     {"size": 24 * GIB, "sizeleft": 13 * GIB, "timeleft": "00:42:10"}),
    ("Civil.War.2024.1080p.WEB-DL.DDP5.1.H.264-SPARKS", "Civil War",
     {"size": 9 * GIB, "sizeleft": 7 * GIB, **STALLED}),
    ("Inside.Out.2.2024.1080p.WEB-DL.DDP5.1.H.264-NTb", "Inside Out 2",
     {"size": 7 * GIB, "sizeleft": 5 * GIB, **FAILED}),
    ("Nosferatu.2024.1080p.WEB-DL.DDP5.1.H.264-FLUX", None,
     {"size": 10 * GIB, "sizeleft": 0, "status": "completed", "tracked_download_status": "warning",
      "tracked_download_state": "importBlocked", "timeleft": "00:00:00",
      "error_message": "Movie title mismatch, automatic import is not possible. Manual Import required."}),
)
# fmt: on


def _movie(row: tuple[Any, ...], today: datetime) -> dict[str, Any]:
    title, year, tmdb, imdb, runtime, studio, genres, cinemas, digital, physical = row[
        :10
    ]
    return {
        "title": title,
        "originalTitle": title,
        "year": year,
        "tmdbId": tmdb,
        "imdbId": imdb,
        "runtime": runtime,
        "studio": studio,
        "genres": list(genres),
        "overview": f"{title} ({year}), a {genres[0].lower()} film from {studio}.",
        "certification": "R",
        "inCinemas": catalog_date(cinemas, today),
        "digitalRelease": catalog_date(digital, today),
        "physicalRelease": catalog_date(physical, today),
        "popularity": round(40 + (tmdb % 97) * 1.7, 2),
        "ratings": {
            "tmdb": {
                "votes": 1000 + tmdb % 9000,
                "value": 7.0 + (tmdb % 20) / 10,
                "type": "user",
            }
        },
    }


def library_movies(now: datetime) -> list[dict[str, Any]]:
    """Return the library: movie templates plus ``hasFile``, ``monitored``, profile."""
    today = midnight(now)
    movies = []
    for row in _MOVIES:
        movie = _movie(row, today)
        movie.update(hasFile=row[10], monitored=row[11], qualityProfileId=row[12])
        movies.append(movie)
    return movies


def lookup_movies(now: datetime) -> list[dict[str, Any]]:
    """Return TMDb results that are not in the library (Dune: Part Two among them)."""
    today = midnight(now)
    return [_movie(row, today) for row in _LOOKUP]
