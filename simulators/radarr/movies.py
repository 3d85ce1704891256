"""Radarr's movie library: entries, their files, the MovieResource, the demo seed."""

from __future__ import annotations

from datetime import datetime, timedelta
import re
from typing import Any, ClassVar

from simulators.arr import ArrSimulator
from simulators.arr.catalog import ENGLISH, GIB, REVISION, release_size, release_titles
from simulators.arr.library import sort_titles
from simulators.arr.wire import EPOCH

from . import catalog

# Ranks of the release stages, to compare with a movie's minimum availability.
_AVAILABILITY = {"announced": 0, "tba": 0, "inCinemas": 1, "released": 2}


def _release_status(
    releases: list[datetime], cinemas: datetime | None, now: datetime
) -> str:
    """Where a movie is: announced, in cinemas, or released (digital or physical)."""
    if releases and min(releases) <= now:
        return "released"
    if cinemas and cinemas <= now:
        return "inCinemas"
    return "announced"


class MovieLibrary(ArrSimulator):
    """The movies, keyed by id, and how Radarr presents them."""

    ITEM: ClassVar[str] = "Movie"
    REMOTE_HOST: ClassVar[str] = "https://image.tmdb.org"
    EXTERNAL_ID: ClassVar[str] = "tmdbId"
    EDITABLE: ClassVar[tuple[str, ...]] = (
        "monitored",
        "qualityProfileId",
        "minimumAvailability",
        "tags",
        "path",
    )

    def _init_state(self) -> None:
        super()._init_state()
        self.movies: dict[int, dict[str, Any]] = {}
        self.import_exclusions: set[int] = set()
        self.lookup_catalog = catalog.lookup_movies(self.started)

    def _entries(self) -> dict[int, dict[str, Any]]:
        return self.movies

    def folder_name(self, entry: dict[str, Any]) -> str:
        """Return Radarr's default folder, ``Title (Year)`` with colons replaced."""
        return f"{re.sub(r':\s*', ' - ', entry['title'])} ({entry['year']})"

    def add_to_library(self, template: dict[str, Any], **fields: Any) -> dict[str, Any]:
        """Put a movie template into the library and return it."""
        movie = self._new_entry(template, fields, minimumAvailability="released")
        if movie.get("hasFile"):
            self._give_file(movie)
        self.movies[movie["id"]] = movie
        return movie

    def _give_file(self, movie: dict[str, Any]) -> None:
        resolution = self.resolution(movie)
        title = release_titles(movie["title"], movie["year"], resolution)[1]
        file_name = f"{self.folder_name(movie)} WEBDL-{resolution}p.mkv"
        movie["hasFile"] = True
        movie["movieFile"] = {
            "id": movie["id"],
            "movieId": movie["id"],
            "relativePath": file_name,
            "path": f"{movie['path']}/{file_name}",
            "size": release_size(title, 18 * GIB if resolution == 2160 else 9 * GIB),
            "dateAdded": self.now() - timedelta(days=30),
            "sceneName": title,
            "releaseGroup": title.rsplit("-", 1)[1],
            "edition": "",
            "languages": [ENGLISH],
            "quality": {"quality": self.quality_of(title), "revision": REVISION},
            "customFormats": [],
            "customFormatScore": 0,
            "indexerFlags": 0,
            "qualityCutoffNotMet": False,
        }

    def _seed(self) -> None:
        super()._seed()
        for template in catalog.library_movies(self.started):
            self.add_to_library(template, added=self.started - timedelta(days=200))
        release, title = catalog.BLOCKLISTED
        self._add_to_blocklist(
            release,
            {"movieId": self.id_of(title)},
            when=self.started - timedelta(days=1),
            indexer="TorrentLeech",
        )
        if self.link is None:  # else the queue comes from qBittorrent
            self._seed_queue()

    def _seed_queue(self) -> None:
        for release, title, arguments in catalog.QUEUE:
            entity: dict[str, Any] = {"movie_id": self.id_of(title)} if title else {}
            self.add_queue_item(release, **entity, **arguments)

    def resource(self, movie: dict[str, Any]) -> dict[str, Any]:
        """Build the full MovieResource of a library movie or a lookup template."""
        releases = [
            d for d in (movie.get("digitalRelease"), movie.get("physicalRelease")) if d
        ]
        status = _release_status(releases, movie.get("inCinemas"), self.now())
        minimum = movie.get("minimumAvailability", "released")
        movie_file = movie.get("movieFile") if movie.get("hasFile") else None
        size = movie_file["size"] if movie_file else 0
        tmdb = movie["tmdbId"]
        resource = {
            **{k: v for k, v in movie.items() if k not in ("movieFile", "hasFile")},
            "originalLanguage": ENGLISH,
            "alternateTitles": [],
            "secondaryYearSourceId": 0,
            **sort_titles(movie["title"]),
            "titleSlug": str(tmdb),
            "status": status,
            "releaseDate": min(releases) if releases else None,
            "isAvailable": _AVAILABILITY[status] >= _AVAILABILITY.get(minimum, 2),
            **self.poster_images(movie, f"/t/p/original/{tmdb}.jpg"),
            "website": f"https://www.themoviedb.org/movie/{tmdb}",
            "youTubeTrailerId": "",
            "folder": self.folder_name(movie),
            "keywords": [],
        }
        if "id" not in movie:  # a lookup result
            resource.update(
                monitored=False,
                qualityProfileId=0,
                minimumAvailability="released",
                added=EPOCH,
                runtime=movie["runtime"],
                tags=[],
            )
            return resource
        resource.update(
            hasFile=movie_file is not None,
            movieFileId=movie_file["id"] if movie_file else 0,
            movieFile=movie_file,
            sizeOnDisk=size,
            folderName=movie["path"],
            rootFolderPath=movie["path"].rsplit("/", 1)[0],
            statistics={
                "movieFileCount": int(movie_file is not None),
                "sizeOnDisk": size,
                "releaseGroups": [movie_file["releaseGroup"]] if movie_file else [],
            },
        )
        return resource
