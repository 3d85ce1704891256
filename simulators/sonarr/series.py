"""Sonarr's library: series and episodes, their resources, the demo seed."""

from __future__ import annotations

from datetime import datetime, timedelta
import re
from typing import Any, ClassVar

from aiohttp import web

from simulators.arr import ArrSimulator
from simulators.arr.catalog import ENGLISH
from simulators.arr.library import sort_titles
from simulators.arr.wire import EPOCH

from . import catalog


class SeriesLibrary(ArrSimulator):
    """The series and their episodes, keyed by id, and how Sonarr presents them."""

    ITEM: ClassVar[str] = "Series"
    REMOTE_HOST: ClassVar[str] = "https://artworks.thetvdb.com"
    EXTERNAL_ID: ClassVar[str] = "tvdbId"
    EDITABLE: ClassVar[tuple[str, ...]] = (
        "monitored",
        "qualityProfileId",
        "seasonFolder",
        "seriesType",
        "tags",
        "path",
    )

    def _init_state(self) -> None:
        super()._init_state()
        self.series: dict[int, dict[str, Any]] = {}
        self.episodes: dict[int, dict[str, Any]] = {}
        self.lookup_catalog = catalog.lookup_series(self.started)

    def _entries(self) -> dict[int, dict[str, Any]]:
        return self.series

    def folder_name(self, entry: dict[str, Any]) -> str:
        """Return ``{Series Title} ({Series Year})``."""
        return f"{entry['title']} ({entry['year']})"

    def add_to_library(
        self,
        template: dict[str, Any],
        episodes: list[dict[str, Any]],
        monitor: str = "all",
        **fields: Any,
    ) -> dict[str, Any]:
        """Put a series and its episodes into the library; ``monitor`` as addOptions."""
        series = self._new_entry(template, fields, seasonFolder=True)
        self.series[series["id"]] = series
        now = self.now()
        seasons = sorted({e["seasonNumber"] for e in episodes})
        for template_ep in episodes:
            ep = {
                **template_ep,
                "id": self.new_id("episode"),
                "seriesId": series["id"],
                "tvdbId": series["tvdbId"] * 100 + len(self.episodes),
            }
            aired, has_file = ep["airDateUtc"] <= now, ep["hasFile"]
            first, last = (
                ep["seasonNumber"] == seasons[0],
                ep["seasonNumber"] == seasons[-1],
            )
            ep["monitored"] = {
                "all": True,
                "future": not aired,
                "missing": not has_file,
                "existing": has_file,
                "firstSeason": first,
                "lastSeason": last,
                "latestSeason": last,
                "pilot": first and ep["episodeNumber"] == 1,
                "none": False,
            }.get(monitor, True)
            self.episodes[ep["id"]] = ep
            if has_file:
                self._give_file(ep)
        series["seasonsMonitored"] = {
            s: any(e["monitored"] for e in self._episodes_of(series["id"], s))
            for s in seasons
        }
        return series

    def _give_file(self, ep: dict[str, Any]) -> None:
        ep["hasFile"] = True
        ep["episodeFileId"] = ep["id"]
        ep["fileSize"] = catalog.EPISODE_SIZE[1080]

    def _episodes_of(
        self, series_id: int, season: int | None = None
    ) -> list[dict[str, Any]]:
        return [
            e
            for e in self.episodes.values()
            if e["seriesId"] == series_id and season in (None, e["seasonNumber"])
        ]

    def _edit(self, entry: dict[str, Any], body: dict[str, Any]) -> None:
        for season in body.get("seasons") or []:
            if season.get("seasonNumber") in entry["seasonsMonitored"]:
                entry["seasonsMonitored"][season["seasonNumber"]] = bool(
                    season.get("monitored")
                )

    def _forget(self, entry: dict[str, Any], request: web.Request) -> None:
        self.episodes = {
            i: e for i, e in self.episodes.items() if e["seriesId"] != entry["id"]
        }

    def _seed(self) -> None:
        super()._seed()
        for template, episodes in catalog.library_series(self.started):
            self.add_to_library(
                template, episodes, added=self.started - timedelta(days=300)
            )
        release, title, season, numbers = catalog.BLOCKLISTED
        self._add_to_blocklist(
            release,
            {
                "seriesId": self.id_of(title),
                "episodeIds": self._episode_ids(title, season, numbers),
            },
            when=self.started - timedelta(days=1),
            indexer="TorrentLeech",
        )
        if self.link is None:  # else the queue comes from qBittorrent
            self._seed_queue()

    def _seed_queue(self) -> None:
        for release, title, season, numbers, arguments in catalog.QUEUE:
            self.add_queue_item(
                release,
                series_id=self.id_of(title),
                episode_ids=self._episode_ids(title, season, numbers),
                season_number=season,
                **arguments,
            )

    def _episode_ids(
        self, title: str, season: int, numbers: tuple[int, ...]
    ) -> list[int]:
        episodes = self._episodes_of(self.id_of(title), season)
        by_number = {e["episodeNumber"]: e["id"] for e in episodes}
        return [by_number[n] for n in numbers]

    def resource(
        self, series: dict[str, Any], *, lookup: bool = False
    ) -> dict[str, Any]:
        """Build the full SeriesResource of a library series or a lookup template."""
        now = self.now()
        episodes = self._episodes_of(series["id"]) if not lookup else []
        seasons = []
        for number in sorted(series.get("seasonsMonitored") or {}):
            eps = [e for e in episodes if e["seasonNumber"] == number]
            seasons.append(
                {
                    "seasonNumber": number,
                    "monitored": series["seasonsMonitored"][number],
                    "statistics": self._stats(eps, now),
                }
            )
        stats = self._stats(episodes, now)
        airs = sorted(e["airDateUtc"] for e in episodes)
        hidden = ("seasonsMonitored", "seasonNumbers")
        tvdb = series["tvdbId"]
        resource = {
            **{k: v for k, v in series.items() if k not in hidden},
            "alternateTitles": [],
            **sort_titles(series["title"]),
            "titleSlug": re.sub(r"[^a-z0-9]+", "-", series["title"].lower()).strip("-"),
            **self.poster_images(series, f"/banners/posters/{tvdb}-1.jpg"),
            "originalLanguage": ENGLISH,
            "monitorNewItems": "all",
            "useSceneNumbering": False,
            "tvRageId": 0,
            "languageProfileId": 1,
            "folder": self.folder_name(series),
            "seasons": seasons,
        }
        if lookup:
            resource.update(
                monitored=False,
                qualityProfileId=0,
                added=EPOCH,
                seasonFolder=False,
                tags=[],
                seasons=[
                    {"seasonNumber": s, "monitored": True}
                    for s in series["seasonNumbers"]
                ],
            )
            return resource
        resource.update(
            firstAired=airs[0] if airs else None,
            lastAired=airs[-1] if airs else None,
            nextAiring=next((a for a in airs if a > now), None),
            previousAiring=next((a for a in reversed(airs) if a <= now), None),
            rootFolderPath=series["path"].rsplit("/", 1)[0],
            statistics={
                **stats,
                "seasonCount": len(seasons),
                "releaseGroups": ["SPARKS"] if stats["episodeFileCount"] else [],
            },
        )
        resource["statistics"].pop("nextAiring", None)
        resource["statistics"].pop("previousAiring", None)
        return resource

    @staticmethod
    def _stats(eps: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
        files = [e for e in eps if e["hasFile"]]
        counted = [
            e
            for e in eps
            if e["hasFile"] or (e["monitored"] and e["airDateUtc"] <= now)
        ]
        airs = sorted(e["airDateUtc"] for e in eps)
        return {
            "nextAiring": next((a for a in airs if a > now), None),
            "previousAiring": next((a for a in reversed(airs) if a <= now), None),
            "episodeFileCount": len(files),
            "episodeCount": len(counted),
            "totalEpisodeCount": len(eps),
            "sizeOnDisk": sum(e.get("fileSize", 0) for e in files),
            "percentOfEpisodes": round(100.0 * len(files) / len(counted), 2)
            if counted
            else 0.0,
        }

    def episode_resource(
        self, ep: dict[str, Any], *, include_series: bool = False
    ) -> dict[str, Any]:
        """Build the EpisodeResource of an episode."""
        resource = {k: v for k, v in ep.items() if k != "fileSize"}
        resource.setdefault("episodeFileId", 0)
        resource.update(
            unverifiedSceneNumbering=False,
            endTime=ep["airDateUtc"] + timedelta(minutes=ep["runtime"]),
        )
        if include_series and ep["seriesId"] in self.series:
            resource["series"] = self.resource(self.series[ep["seriesId"]])
        return resource
