"""The download-event engine: snapshot diffs and the import watch, without HA."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from custom_components.myflix.clients.arr.models import DOWNLOAD_IMPORTED, HistoryRecord
from custom_components.myflix.clients.qbittorrent import Torrent
from custom_components.myflix.engine.downloads import (
    IMPORT_LOOKBACK,
    DownloadEventType,
    ImportWatch,
    download_events,
    import_data,
)

NOW = datetime(2025, 5, 1, 18, 30, tzinfo=UTC)


def _torrent(torrent_hash: str, **fields: Any) -> Torrent:
    data = {"name": f"Release.{torrent_hash}", "category": "radarr", "size": 1000}
    return Torrent.from_dict({"state": "downloading", **data, **fields}, torrent_hash)


def _snapshot(*torrents: Torrent) -> dict[str, Torrent]:
    return {torrent.hash: torrent for torrent in torrents}


def test_first_look_is_only_a_baseline() -> None:
    current = _snapshot(_torrent("aa"), _torrent("bb", progress=1.0))
    assert download_events(None, current) == []


def test_a_new_torrent_is_added_with_compact_data() -> None:
    old = _torrent("aa")
    new = _torrent("bb", name="Dune.Part.Two.2024.2160p", category="radarr", size=42)
    (event,) = download_events(_snapshot(old), _snapshot(old, new))
    assert event.type is DownloadEventType.ADDED
    assert event.as_data() == {
        "name": "Dune.Part.Two.2024.2160p",
        "category": "radarr",
        "size": 42,
        "hash": "bb",
    }


def test_a_torrent_that_reaches_completion_completes_once() -> None:
    before = _snapshot(_torrent("aa", progress=0.5))
    done = _snapshot(_torrent("aa", progress=1.0, state="uploading"))
    (event,) = download_events(before, done)
    assert (event.type, event.hash) == (DownloadEventType.COMPLETED, "aa")
    seeding = _snapshot(_torrent("aa", progress=1.0, state="stalledUP"))
    assert download_events(done, seeding) == []


def test_completion_on_counts_as_finished() -> None:
    stamp = int(NOW.timestamp())
    before = _snapshot(_torrent("aa", progress=0.999))
    after = _snapshot(_torrent("aa", progress=0.999, completion_on=stamp))
    assert [e.type for e in download_events(before, after)] == [
        DownloadEventType.COMPLETED
    ]
    # A finished torrent rechecked below 100 % does not complete again later.
    rechecked = _snapshot(_torrent("aa", progress=0.5, completion_on=stamp))
    assert download_events(after, rechecked) == []
    assert download_events(rechecked, after) == []


def test_a_torrent_added_already_finished_is_only_added() -> None:
    (event,) = download_events({}, _snapshot(_torrent("aa", progress=1.0)))
    assert event.type is DownloadEventType.ADDED


def test_removed_and_unchanged_torrents_say_nothing() -> None:
    kept = _torrent("aa", progress=0.3)
    assert download_events(_snapshot(kept, _torrent("bb")), _snapshot(kept)) == []
    # An equal torrent rebuilt by a full update is not new either.
    assert (
        download_events(_snapshot(kept), _snapshot(_torrent("aa", progress=0.3))) == []
    )


def test_several_changes_in_one_poll() -> None:
    before = _snapshot(_torrent("aa", progress=0.9), _torrent("bb", progress=0.2))
    after = _snapshot(
        _torrent("aa", progress=1.0),
        _torrent("bb", progress=1.0),
        _torrent("cc"),
    )
    assert [(e.type, e.hash) for e in download_events(before, after)] == [
        (DownloadEventType.COMPLETED, "aa"),
        (DownloadEventType.COMPLETED, "bb"),
        (DownloadEventType.ADDED, "cc"),
    ]


def _record(record_id: int, minutes: int = 0, **fields: Any) -> HistoryRecord:
    return HistoryRecord.from_dict(
        {
            "id": record_id,
            "eventType": DOWNLOAD_IMPORTED,
            "date": (NOW + timedelta(minutes=minutes)).isoformat(),
            "movieId": 1,
            **fields,
        }
    )


def test_import_watch_baseline_then_only_new_records() -> None:
    watch = ImportWatch()
    assert watch.since(NOW) == NOW - IMPORT_LOOKBACK
    assert watch.since(NOW + timedelta(hours=5)) == NOW - IMPORT_LOOKBACK  # fixed
    assert watch.take([_record(7, -10), _record(8, -5)]) == []  # the baseline
    assert watch.since(NOW) == NOW - timedelta(minutes=5)  # the newest record's date
    # The boundary record comes back (``date >=``) and is skipped by id.
    fresh = watch.take([_record(8, -5), _record(10, 2), _record(9, 1)])
    assert [r.id for r in fresh] == [9, 10]
    assert watch.since(NOW) == NOW + timedelta(minutes=2)
    assert watch.take([_record(10, 2)]) == []


def test_import_watch_with_an_empty_history() -> None:
    watch = ImportWatch()
    assert watch.take([]) == []
    assert watch.since(NOW) == NOW - IMPORT_LOOKBACK
    assert [r.id for r in watch.take([_record(1)])] == [1]


def test_import_watch_skips_other_event_types() -> None:
    watch = ImportWatch()
    watch.take([])
    assert watch.take([_record(3, eventType="grabbed")]) == []
    assert [
        r.id for r in watch.take([_record(3, eventType="grabbed"), _record(4)])
    ] == [4]


def test_import_data_for_a_movie_and_an_episode() -> None:
    movie = _record(
        1,
        movie={"title": "Dune: Part Two", "year": 2024},
        quality={"quality": {"name": "Bluray-2160p"}},
        sourceTitle="Dune.Part.Two.2024.2160p.BluRay-FLUX",
    )
    assert import_data(movie) == {
        "title": "Dune: Part Two",
        "year": 2024,
        "quality": "Bluray-2160p",
        "release": "Dune.Part.Two.2024.2160p.BluRay-FLUX",
    }
    episode = HistoryRecord.from_dict(
        {
            "id": 2,
            "eventType": DOWNLOAD_IMPORTED,
            "seriesId": 3,
            "series": {"title": "Severance"},
            "episode": {
                "seasonNumber": 2,
                "episodeNumber": 1,
                "title": "Hello, Ms. Cobel",
            },
            "quality": {"quality": {"name": "WEBDL-1080p"}},
        }
    )
    assert import_data(episode) == {
        "series": "Severance",
        "season": 2,
        "episode": 1,
        "title": "Hello, Ms. Cobel",
        "quality": "WEBDL-1080p",
    }
