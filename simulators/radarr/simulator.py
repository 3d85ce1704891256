"""A stateful Radarr v5 simulator speaking API v3 (movies)."""

from __future__ import annotations

from typing import Any, ClassVar

from aiohttp import web

from simulators.arr import Grab
from simulators.arr.catalog import GIB, release_titles
from simulators.arr.commands import CommandFn
from simulators.arr.library import title_words
from simulators.arr.wire import invalid, not_found, page, q_bool, reply

from . import catalog
from .movies import MovieLibrary


def _words(movie: dict[str, Any]) -> set[str]:
    """Return the searchable words of a movie: title words and the year."""
    return {*title_words(movie["title"]), str(movie["year"])}


class RadarrSimulator(MovieLibrary):
    """Radarr: movie library, lookup, add, calendar, wanted, movie searches."""

    APP: ClassVar[str] = "Radarr"
    VERSION: ClassVar[str] = "5.26.2.10099"
    BRANCH: ClassVar[str] = "master"
    CATEGORY: ClassVar[str] = "radarr"
    CATEGORY_PREFIX: ClassVar[str] = "movie"
    ROOT: ClassVar[str] = "/data/media/movies"
    UNKNOWN_FLAG: ClassVar[str] = "includeUnknownMovieItems"
    IDS_PARAM: ClassVar[str] = "movieIds"
    QUALITIES: ClassVar[dict[str, dict[str, Any]]] = catalog.QUALITIES
    HISTORY_CODES: ClassVar[dict[str, int]] = {
        "unknown": 0,
        "grabbed": 1,
        "downloadFolderImported": 3,
        "downloadFailed": 4,
        "movieFileDeleted": 6,
        "movieFolderImported": 7,
        "movieFileRenamed": 8,
        "downloadIgnored": 9,
    }

    # ----- queue hooks ---------------------------------------------------
    def _entity(self, grab: Grab, index: int, kind: str) -> dict[str, Any]:
        return {"movieId": grab.movie_id}

    def _embed(
        self, record: dict[str, Any], grab: Grab, index: int, request: web.Request
    ) -> None:
        if q_bool(request, "includeMovie", False) and grab.movie_id in self.movies:
            record["movie"] = self.resource(self.movies[grab.movie_id])

    def _embed_history(self, record: dict[str, Any], request: web.Request) -> bool:
        movie = self.movies.get(record.get("movieId") or 0)
        if movie is None:
            return False
        if q_bool(request, "includeMovie", False):
            record["movie"] = self.resource(movie)
        return True

    def _matches(self, grab: Grab, index: int, request: web.Request) -> bool:
        movie_id = request.query.get("movieId")
        return movie_id is None or grab.movie_id == int(movie_id)

    def _redownload(self, grab: Grab) -> tuple[str, dict[str, Any]] | None:
        if not grab.movie_id:
            return None
        return "MoviesSearch", {"movieIds": [grab.movie_id]}

    def _imported(self, grab: Grab) -> None:
        movie = self.movies.get(grab.movie_id or 0)
        if movie is not None:
            self._give_file(movie)

    # ----- commands ------------------------------------------------------
    def _commands(self) -> dict[str, CommandFn]:
        return {
            **super()._commands(),
            "MoviesSearch": self._cmd_search,
            "MissingMoviesSearch": self._cmd_missing,
            "RefreshMovie": self._cmd_nothing,
            "DownloadedMoviesScan": self._cmd_import_scan,
        }

    async def search_movie(self, movie: dict[str, Any]) -> bool:
        """Grab the best release of a movie that is not blocklisted."""
        resolution = self.resolution(movie)
        titles = release_titles(movie["title"], movie["year"], resolution)
        base = 20 * GIB if resolution == 2160 else 9 * GIB
        if not await self.grab_first_allowed(titles, base, movie_id=movie["id"]):
            return False
        movie["lastSearchTime"] = self.now()
        return True

    async def _cmd_search(self, body: dict[str, Any]) -> str:
        grabbed = 0
        for movie_id in body.get("movieIds") or []:
            movie = self.movies.get(int(movie_id))
            if movie is not None and not movie.get("hasFile"):
                grabbed += await self.search_movie(movie)
        return f"Search completed. {grabbed} reports downloaded."

    async def _cmd_missing(self, body: dict[str, Any]) -> str:
        queued = {g.movie_id for g in self.grabs if g.active}
        grabbed = 0
        for movie in list(self.movies.values()):
            if (
                movie["monitored"]
                and not movie.get("hasFile")
                and movie["id"] not in queued
                and self.resource(movie)["isAvailable"]
            ):
                grabbed += await self.search_movie(movie)
        return f"Search completed. {grabbed} reports downloaded."

    # ----- endpoints -----------------------------------------------------
    def _forget(self, entry: dict[str, Any], request: web.Request) -> None:
        if q_bool(request, "addImportExclusion", False):
            self.import_exclusions.add(entry["tmdbId"])

    async def _lookup(self, request: web.Request) -> web.Response:
        term = request.query.get("term", "").strip().lower()
        pool = list(self.movies.values()) + [
            t for t in self.lookup_catalog if self.by_external_id(t["tmdbId"]) is None
        ]
        if term.startswith("tmdb:"):
            hits = [m for m in pool if str(m["tmdbId"]) == term[5:].strip()]
        elif term.startswith("imdb:"):
            hits = [m for m in pool if m.get("imdbId", "").lower() == term[5:].strip()]
        else:
            words = title_words(term)
            hits = [m for m in pool if words and set(words) <= _words(m)]
        return reply([self.resource(m) for m in hits])

    async def _add(self, request: web.Request) -> web.Response:
        body = await request.json()
        tmdb_id, errors = self.validate_add(body)
        if errors:
            return invalid(*errors)
        template = next(
            (t for t in self.lookup_catalog if t["tmdbId"] == tmdb_id), None
        )
        if template is None and not body.get("title"):
            # Radarr asks TMDb, which does not know it.
            return not_found(
                f"Movie with TmdbId {tmdb_id} was not found, it may have been removed from TMDb."
            )
        base = template or {
            "title": body["title"],
            "year": body.get("year", 0),
            "tmdbId": tmdb_id,
            "runtime": 0,
            "genres": [],
        }
        chosen = self._chosen_fields(
            body,
            base,
            minimumAvailability=body.get("minimumAvailability", "released"),
        )
        movie = self.add_to_library(base, **chosen)
        if (body.get("addOptions") or {}).get("searchForMovie"):
            self.start_command(
                "MoviesSearch", {"movieIds": [movie["id"]]}, trigger="unspecified"
            )
        return reply(self.resource(movie), 201)

    async def _calendar(self, request: web.Request) -> web.Response:
        start, end = self._calendar_window(request)
        unmonitored = q_bool(request, "unmonitored", False)
        dates = ("inCinemas", "digitalRelease", "physicalRelease")
        movies = [
            m
            for m in self.movies.values()
            if (unmonitored or m["monitored"])
            and any(m.get(k) and start <= m[k] <= end for k in dates)
        ]
        return reply([self.resource(m) for m in movies])

    async def _missing(self, request: web.Request) -> web.Response:
        monitored = q_bool(request, "monitored", True)
        movies = sorted(
            (
                m
                for m in self.movies.values()
                if m["monitored"] == monitored and not m.get("hasFile")
            ),
            key=lambda m: m["title"].lower(),
        )
        records = [self.resource(m) for m in movies]
        return page(request, records, "movieMetadata.sortTitle", "ascending")
