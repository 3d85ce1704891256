"""Sonarr's searches: episodes, a season (a pack when it has fully aired), a series."""

from __future__ import annotations

from typing import Any

from simulators.arr.catalog import release_titles
from simulators.arr.commands import CommandFn

from .catalog import EPISODE_SIZE
from .series import SeriesLibrary


class EpisodeSearches(SeriesLibrary):
    """The search commands, grabbing releases for wanted episodes."""

    def _commands(self) -> dict[str, CommandFn]:
        return {
            **super()._commands(),
            "EpisodeSearch": self._cmd_episodes,
            "SeasonSearch": self._cmd_season,
            "SeriesSearch": self._cmd_series,
            "MissingEpisodeSearch": self._cmd_missing,
            "RefreshSeries": self._cmd_nothing,
            "DownloadedEpisodesScan": self._cmd_import_scan,
        }

    async def _grab_episodes(
        self, series: dict[str, Any], eps: list[dict[str, Any]], *, pack: bool
    ) -> int:
        """Grab one season pack, or one release per episode, skipping blocklisted names."""
        resolution = self.resolution(series)
        batches = [eps] if pack else [[e] for e in eps]
        grabbed = 0
        for batch in batches:
            first = batch[0]
            tag = f"S{first['seasonNumber']:02d}" + (
                "" if pack else f"E{first['episodeNumber']:02d}"
            )
            titles = release_titles(
                series["title"], series["year"], resolution, tv_suffix=tag
            )
            grabbed += await self.grab_first_allowed(
                titles,
                EPISODE_SIZE[resolution] * len(batch),
                series_id=series["id"],
                episode_ids=[e["id"] for e in batch],
                season_number=first["seasonNumber"],
            )
        return grabbed

    def _queued_episode_ids(self) -> set[int]:
        return {i for g in self.grabs if g.active for i in g.episode_ids}

    def _wanted(self, eps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Keep the monitored, aired episodes without a file that are not downloading."""
        queued = self._queued_episode_ids()
        now = self.now()
        return [
            e
            for e in eps
            if e["monitored"]
            and not e["hasFile"]
            and e["airDateUtc"] <= now
            and e["id"] not in queued
        ]

    async def _cmd_episodes(self, body: dict[str, Any]) -> str:
        grabbed = 0
        queued = self._queued_episode_ids()
        for episode_id in body.get("episodeIds") or []:
            ep = self.episodes.get(int(episode_id))
            if ep is not None and not ep["hasFile"] and ep["id"] not in queued:
                grabbed += await self._grab_episodes(
                    self.series[ep["seriesId"]], [ep], pack=False
                )
        return f"Episode search completed. {grabbed} reports downloaded."

    async def _search_season(self, series: dict[str, Any], season: int) -> int:
        season_eps = self._episodes_of(series["id"], season)
        wanted = self._wanted(season_eps)
        if not wanted:
            return 0
        all_aired = all(e["airDateUtc"] <= self.now() for e in season_eps)
        return await self._grab_episodes(
            series,
            sorted(wanted, key=lambda e: e["episodeNumber"]),
            pack=all_aired and len(wanted) > 1,
        )

    async def _cmd_season(self, body: dict[str, Any]) -> str:
        grabbed = await self._search_season(
            self.series[int(body["seriesId"])], int(body["seasonNumber"])
        )
        return f"Season search completed. {grabbed} reports downloaded."

    async def _cmd_series(self, body: dict[str, Any]) -> str:
        series = self.series[int(body["seriesId"])]
        grabbed = 0
        seasons = {e["seasonNumber"] for e in self._episodes_of(series["id"])}
        for season in sorted(seasons):
            grabbed += await self._search_season(series, season)
        return f"Series search completed. {grabbed} reports downloaded."

    async def _cmd_missing(self, body: dict[str, Any]) -> str:
        grabbed = 0
        for series in list(self.series.values()):
            if body.get("seriesId") in (None, series["id"]) and series["monitored"]:
                wanted = self._wanted(self._episodes_of(series["id"]))
                for season in sorted({e["seasonNumber"] for e in wanted}):
                    grabbed += await self._search_season(series, season)
        return f"Missing episode search completed. {grabbed} reports downloaded."
