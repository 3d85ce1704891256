"""Async client for Sonarr's v3 API (series and episodes; Sonarr v4 serves it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .arr.client import ArrClient
from .arr.counts import LibraryCounts, monitored_and_episodes, tally
from .arr.models import Command, Episode, Series
from .arr.query import QueryValue, time_window

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date, datetime


class SonarrClient(ArrClient):
    """Sonarr: the series library, episodes, calendar, wanted list and searches."""

    APP: ClassVar[str] = "Sonarr"
    UNKNOWN_ITEMS_FLAG: ClassVar[str] = "includeUnknownSeriesItems"
    HISTORY_INCLUDES: ClassVar[tuple[str, ...]] = ("includeSeries", "includeEpisode")
    CATEGORY_FIELDS: ClassVar[tuple[str, ...]] = ("tvCategory", "tvImportedCategory")

    async def series_list(self) -> list[Series]:
        """Return every series in the library."""
        return await self._list("/series", Series.from_dict)

    async def library_counts(self) -> LibraryCounts:
        """Count the series, the monitored ones and their episodes.

        The same numbers as counting ``series_list()``, without keeping a
        model (or the payload) of each series.
        """
        items = await self._tally("/series", monitored_and_episodes)
        return tally(items, episodes=True)

    async def series(self, series_id: int) -> Series:
        """Return one library series (``MyflixNotFoundError`` if unknown)."""
        return await self._item(f"/series/{int(series_id)}", Series.from_dict)

    async def library_item(self, item_id: int) -> Series:
        """Return one library series (``MyflixNotFoundError`` if unknown)."""
        return await self.series(item_id)

    async def set_series_path(self, series_id: int, path: str) -> Series:
        """Point a series at the folder its files now live in; Sonarr moves nothing.

        The whole resource goes back (PUT), as read, with the new ``path`` and
        ``moveFiles=false``.
        """
        current = await self._request("GET", f"/series/{int(series_id)}")
        body = {**current, "path": path}
        return Series.from_dict(
            await self._request(
                "PUT",
                f"/series/{int(series_id)}",
                params={"moveFiles": False},
                json=body,
            )
        )

    async def lookup_series(self, term: str) -> list[Series]:
        """Search TheTVDB through Sonarr (free text or ``tvdb:<id>``)."""
        return await self._list("/series/lookup", Series.from_dict, {"term": term})

    async def add_series(
        self,
        lookup_result: Series,
        *,
        quality_profile_id: int,
        root_folder_path: str,
        monitored: bool = True,
        monitor: str = "all",
        search: bool = True,
        season_folder: bool = True,
        series_type: str | None = None,
        tags: Iterable[int] = (),
    ) -> Series:
        """Add a lookup result to the library; Sonarr answers 201 with the series."""
        raw = lookup_result.raw or {
            "tvdbId": lookup_result.tvdb_id,
            "title": lookup_result.title,
        }
        body = self._add_body(
            raw,
            quality_profile_id=quality_profile_id,
            root_folder_path=root_folder_path,
            monitored=monitored,
            tags=tags,
            seasonFolder=season_folder,
            seriesType=series_type or raw.get("seriesType") or "standard",
            addOptions={
                "monitor": monitor,
                "searchForMissingEpisodes": search,
                "searchForCutoffUnmetEpisodes": False,
            },
        )
        return Series.from_dict(await self._request("POST", "/series", json=body))

    async def delete_series(
        self,
        series_id: int,
        *,
        delete_files: bool = False,
        add_import_list_exclusion: bool = False,
    ) -> None:
        """Remove a series from the library, optionally with its files."""
        await self._delete(
            f"/series/{int(series_id)}",
            {
                "deleteFiles": delete_files,
                "addImportListExclusion": add_import_list_exclusion,
            },
        )

    async def episodes(
        self, series_id: int, season_number: int | None = None
    ) -> list[Episode]:
        """Return the episodes of a series, or of one of its seasons."""
        params: dict[str, QueryValue] = {
            "seriesId": int(series_id),
            "seasonNumber": season_number,
        }
        return await self._list("/episode", Episode.from_dict, params)

    async def calendar(
        self,
        start: date | datetime,
        end: date | datetime,
        *,
        include_series: bool = True,
        unmonitored: bool = False,
    ) -> list[Episode]:
        """Episodes airing between start and end (with the series title)."""
        params = {
            **time_window(start, end),
            "includeSeries": include_series,
            "unmonitored": unmonitored,
        }
        return await self._list("/calendar", Episode.from_dict, params)

    async def wanted_missing(
        self, *, page_size: int = 200, monitored: bool = True
    ) -> list[Episode]:
        """Return every aired, missing episode (walks all pages)."""
        params: dict[str, QueryValue] = {"includeSeries": True, "monitored": monitored}
        return await self._paged(
            "/wanted/missing", Episode.from_dict, params, page_size
        )

    async def search_episodes(self, episode_ids: Iterable[int]) -> Command:
        """Start an ``EpisodeSearch`` for the given episodes."""
        return await self.command(
            "EpisodeSearch", episodeIds=[int(i) for i in episode_ids]
        )

    async def search_season(self, series_id: int, season_number: int) -> Command:
        """Start a ``SeasonSearch`` (usually grabs a season pack)."""
        return await self.command(
            "SeasonSearch", seriesId=int(series_id), seasonNumber=int(season_number)
        )

    async def search_series(self, series_id: int) -> Command:
        """Start a ``SeriesSearch`` for every monitored episode of a series."""
        return await self.command("SeriesSearch", seriesId=int(series_id))

    async def refresh_series(self, series_ids: Iterable[int] = ()) -> Command:
        """Start a ``RefreshSeries`` (no ids = refresh the whole library)."""
        return await self.command(
            "RefreshSeries", seriesIds=[int(i) for i in series_ids]
        )
