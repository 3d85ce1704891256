"""A stateful Sonarr v4 simulator speaking API v3 (series and episodes)."""

from __future__ import annotations

from typing import Any, ClassVar

from aiohttp import web

from simulators.arr import Grab
from simulators.arr.library import title_words
from simulators.arr.wire import V3, invalid, not_found, page, q_bool, q_ints, reply

from . import catalog
from .searches import EpisodeSearches

type CatalogEntry = tuple[dict[str, Any], list[dict[str, Any]]]


class SonarrSimulator(EpisodeSearches):
    """Sonarr: series library, episodes, lookup, add, calendar, wanted, searches."""

    APP: ClassVar[str] = "Sonarr"
    VERSION: ClassVar[str] = "4.0.15.2941"
    BRANCH: ClassVar[str] = "main"
    CATEGORY: ClassVar[str] = "tv-sonarr"
    CATEGORY_PREFIX: ClassVar[str] = "tv"
    ROOT: ClassVar[str] = "/data/media/tv"
    UNKNOWN_FLAG: ClassVar[str] = "includeUnknownSeriesItems"
    IDS_PARAM: ClassVar[str] = "seriesIds"
    QUALITIES: ClassVar[dict[str, dict[str, Any]]] = catalog.QUALITIES
    HISTORY_CODES: ClassVar[dict[str, int]] = {
        "unknown": 0,
        "grabbed": 1,
        "seriesFolderImported": 2,
        "downloadFolderImported": 3,
        "downloadFailed": 4,
        "episodeFileDeleted": 5,
        "episodeFileRenamed": 6,
        "downloadIgnored": 7,
    }

    def _status_extra(self) -> dict[str, Any]:
        return {"sqliteVersion": "3.45.3"}

    # ----- queue hooks ---------------------------------------------------
    def _entity(self, grab: Grab, index: int, kind: str) -> dict[str, Any]:
        if grab.series_id is None:
            return {}
        if kind == "blocklist":
            return {"seriesId": grab.series_id, "episodeIds": grab.episode_ids}
        episode_id = grab.episode_ids[index] if grab.episode_ids else None
        fields: dict[str, Any] = {"seriesId": grab.series_id, "episodeId": episode_id}
        if kind == "queue":
            episode = self.episodes.get(episode_id or 0, {})
            fields.update(
                seasonNumber=grab.season_number,
                episodeHasFile=bool(episode.get("hasFile")),
            )
        return fields

    def _embed(
        self, record: dict[str, Any], grab: Grab, index: int, request: web.Request
    ) -> None:
        if q_bool(request, "includeSeries", False) and grab.series_id in self.series:
            record["series"] = self.resource(self.series[grab.series_id])
        episode = self.episodes.get(record.get("episodeId") or 0)
        if q_bool(request, "includeEpisode", False) and episode is not None:
            record["episode"] = self.episode_resource(episode)

    def _embed_history(self, record: dict[str, Any], request: web.Request) -> bool:
        series = self.series.get(record.get("seriesId") or 0)
        episode = self.episodes.get(record.get("episodeId") or 0)
        if series is None or episode is None:
            return False
        if q_bool(request, "includeSeries", False):
            record["series"] = self.resource(series)
        if q_bool(request, "includeEpisode", False):
            record["episode"] = self.episode_resource(episode)
        return True

    def _matches(self, grab: Grab, index: int, request: web.Request) -> bool:
        series_id = request.query.get("seriesId")
        wanted = set(q_ints(request, "episodeIds"))
        episode_id = grab.episode_ids[index] if grab.episode_ids else None
        return (series_id is None or grab.series_id == int(series_id)) and (
            not wanted or episode_id in wanted
        )

    def _redownload(self, grab: Grab) -> tuple[str, dict[str, Any]] | None:
        if not grab.episode_ids:
            return None
        return "EpisodeSearch", {"episodeIds": grab.episode_ids}

    def _imported(self, grab: Grab) -> None:
        for episode_id in grab.episode_ids:
            if episode_id in self.episodes:
                self._give_file(self.episodes[episode_id])

    # ----- endpoints -----------------------------------------------------
    def _routes(self, router: web.UrlDispatcher) -> None:
        super()._routes(router)
        router.add_get(f"{V3}/episode", self._episodes_route)

    def _catalog_entry(self, tvdb_id: int) -> CatalogEntry | None:
        return next(
            ((s, e) for s, e in self.lookup_catalog if s["tvdbId"] == tvdb_id), None
        )

    async def _lookup(self, request: web.Request) -> web.Response:
        term = request.query.get("term", "").strip().lower()
        results = []
        for template, eps in self.lookup_catalog:
            in_library = self.by_external_id(template["tvdbId"])
            if in_library:
                results.append(self.resource(in_library))
            else:
                seasons = sorted({e["seasonNumber"] for e in eps})
                found = {**template, "seasonNumbers": seasons}
                results.append(self.resource(found, lookup=True))
        results += [
            self.resource(s)
            for s in self.series.values()
            if not self._catalog_entry(s["tvdbId"])
        ]
        if term.startswith("tvdb:"):
            hits = [r for r in results if str(r["tvdbId"]) == term[5:].strip()]
        else:
            words = title_words(term)
            hits = [
                r
                for r in results
                if words and all(w in title_words(r["title"]) for w in words)
            ]
        return reply(hits)

    async def _add(self, request: web.Request) -> web.Response:
        body = await request.json()
        tvdb_id, errors = self.validate_add(body)
        if tvdb_id and not body.get("title"):
            message = "'Title' must not be empty."
            errors.append(("Title", message, body.get("title"), "NotEmptyValidator"))
        if errors:
            return invalid(*errors)
        template, eps = self._catalog_entry(tvdb_id) or (
            {"title": body["title"], "year": body.get("year", 0), "tvdbId": tvdb_id},
            [],
        )
        options = body.get("addOptions") or {}
        chosen = self._chosen_fields(
            body, template, seasonFolder=bool(body.get("seasonFolder", True))
        )
        series = self.add_to_library(
            {**template, "seriesType": body.get("seriesType", "standard")},
            [{**e, "hasFile": False} for e in eps],
            monitor=options.get("monitor", "all"),
            **chosen,
        )
        if options.get("searchForMissingEpisodes"):
            self.start_command(
                "MissingEpisodeSearch",
                {"seriesId": series["id"], "monitored": True},
                trigger="unspecified",
            )
        return reply(self.resource(series), 201)

    async def _episodes_route(self, request: web.Request) -> web.Response:
        include = q_bool(request, "includeSeries", False)
        ids = q_ints(request, "episodeIds")
        if ids:
            return reply(
                [
                    self.episode_resource(self.episodes[i], include_series=include)
                    for i in ids
                    if i in self.episodes
                ]
            )
        if "seriesId" not in request.query:
            message = "seriesId or episodeIds must be provided"
            return invalid(("SeriesId", message, None, "NotEmptyValidator"))
        series_id = int(request.query["seriesId"])
        if series_id not in self.series:
            return not_found(f"Series with ID {series_id} does not exist")
        season = request.query.get("seasonNumber")
        eps = self._episodes_of(series_id, int(season) if season is not None else None)
        eps.sort(key=lambda e: (e["seasonNumber"], e["episodeNumber"]))
        return reply([self.episode_resource(e, include_series=include) for e in eps])

    async def _calendar(self, request: web.Request) -> web.Response:
        start, end = self._calendar_window(request)
        unmonitored = q_bool(request, "unmonitored", False)
        include = q_bool(request, "includeSeries", False)
        eps = [
            e
            for e in self.episodes.values()
            if start <= e["airDateUtc"] <= end
            and (
                unmonitored
                or (e["monitored"] and self.series[e["seriesId"]]["monitored"])
            )
        ]
        eps.sort(key=lambda e: e["airDateUtc"])
        return reply([self.episode_resource(e, include_series=include) for e in eps])

    async def _missing(self, request: web.Request) -> web.Response:
        monitored = q_bool(request, "monitored", True)
        include = q_bool(request, "includeSeries", False)
        now = self.now()
        eps = [
            e
            for e in self.episodes.values()
            if not e["hasFile"]
            and e["airDateUtc"] <= now
            and e["monitored"] == monitored
            and self.series[e["seriesId"]]["monitored"] == monitored
        ]
        eps.sort(key=lambda e: e["airDateUtc"], reverse=True)
        records = [self.episode_resource(e, include_series=include) for e in eps]
        return page(request, records, "episodes.airDateUtc", "descending")
