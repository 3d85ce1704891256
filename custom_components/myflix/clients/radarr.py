"""Async client for Radarr's v3 API (movies)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .arr.client import ArrClient
from .arr.counts import LibraryCounts, monitored_and_episodes, tally
from .arr.models import Command, Movie
from .arr.query import time_window

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date, datetime


class RadarrClient(ArrClient):
    """Radarr: the movie library, its calendar, wanted list and searches."""

    APP: ClassVar[str] = "Radarr"
    UNKNOWN_ITEMS_FLAG: ClassVar[str] = "includeUnknownMovieItems"
    HISTORY_INCLUDES: ClassVar[tuple[str, ...]] = ("includeMovie",)
    CATEGORY_FIELDS: ClassVar[tuple[str, ...]] = (
        "movieCategory",
        "movieImportedCategory",
    )

    async def movies(self) -> list[Movie]:
        """Return every movie in the library."""
        return await self._list("/movie", Movie.from_dict)

    async def library_counts(self) -> LibraryCounts:
        """Count the movies and the monitored ones; ``episodes`` is None.

        The same numbers as counting ``movies()``, without keeping a model (or
        the payload) of each movie: a big library stays cheap to count.
        """
        items = await self._tally("/movie", monitored_and_episodes)
        return tally(items, episodes=False)

    async def movie(self, movie_id: int) -> Movie:
        """Return one library movie (``MyflixNotFoundError`` if unknown)."""
        return await self._item(f"/movie/{int(movie_id)}", Movie.from_dict)

    async def library_item(self, item_id: int) -> Movie:
        """Return one library movie (``MyflixNotFoundError`` if unknown)."""
        return await self.movie(item_id)

    async def set_movie_path(self, movie_id: int, path: str) -> Movie:
        """Point a movie at the folder its files now live in; Radarr moves nothing.

        The whole resource goes back (PUT), as read, with the new ``path`` and
        ``moveFiles=false``.
        """
        current = await self._request("GET", f"/movie/{int(movie_id)}")
        body = {**current, "path": path}
        return Movie.from_dict(
            await self._request(
                "PUT", f"/movie/{int(movie_id)}", params={"moveFiles": False}, json=body
            )
        )

    async def lookup_movie(self, term: str) -> list[Movie]:
        """Search TMDb through Radarr (free text, ``tmdb:<id>`` or ``imdb:tt…``)."""
        return await self._list("/movie/lookup", Movie.from_dict, {"term": term})

    async def add_movie(
        self,
        lookup_result: Movie,
        *,
        quality_profile_id: int,
        root_folder_path: str,
        monitored: bool = True,
        minimum_availability: str = "released",
        search: bool = True,
        tags: Iterable[int] = (),
    ) -> Movie:
        """Add a lookup result to the library; Radarr answers 201 with the movie."""
        body = self._add_body(
            lookup_result.raw or {"tmdbId": lookup_result.tmdb_id},
            quality_profile_id=quality_profile_id,
            root_folder_path=root_folder_path,
            monitored=monitored,
            tags=tags,
            minimumAvailability=minimum_availability,
            addOptions={
                "searchForMovie": search,
                "monitor": "movieOnly" if monitored else "none",
                "addMethod": "manual",
            },
        )
        return Movie.from_dict(await self._request("POST", "/movie", json=body))

    async def delete_movie(
        self,
        movie_id: int,
        *,
        delete_files: bool = False,
        add_import_exclusion: bool = False,
    ) -> None:
        """Remove a movie from the library, optionally with its files."""
        await self._delete(
            f"/movie/{int(movie_id)}",
            {"deleteFiles": delete_files, "addImportExclusion": add_import_exclusion},
        )

    async def calendar(
        self,
        start: date | datetime,
        end: date | datetime,
        *,
        unmonitored: bool = False,
    ) -> list[Movie]:
        """Movies with a cinema, digital or physical release between start and end."""
        params = {**time_window(start, end), "unmonitored": unmonitored}
        return await self._list("/calendar", Movie.from_dict, params)

    async def wanted_missing(
        self, *, page_size: int = 200, monitored: bool = True
    ) -> list[Movie]:
        """Return every missing movie (walks all pages)."""
        return await self._paged(
            "/wanted/missing", Movie.from_dict, {"monitored": monitored}, page_size
        )

    async def search_movies(self, movie_ids: Iterable[int]) -> Command:
        """Start a ``MoviesSearch`` for the given library movies."""
        return await self.command("MoviesSearch", movieIds=[int(i) for i in movie_ids])

    async def refresh_movies(self, movie_ids: Iterable[int] = ()) -> Command:
        """Start a ``RefreshMovie`` (no ids = refresh the whole library)."""
        return await self.command("RefreshMovie", movieIds=[int(i) for i in movie_ids])
