"""Models: tolerant parsing, state normalisation, the captured 4.5.2 payloads."""

from __future__ import annotations

from datetime import UTC, datetime
import json
import os
from pathlib import Path
from typing import Any

import pytest

from custom_components.myflix.clients.qbittorrent import (
    Category,
    Preferences,
    ServerState,
    Torrent,
    TorrentProperties,
    TorrentStatus as S,
    Tracker,
    TransferInfo,
    join_hashes,
    parse_version,
    split_tags,
)
from custom_components.myflix.clients.qbittorrent.sync import MainDataCache
from custom_components.myflix.clients.qbittorrent.torrent import TORRENT_KEYS

SAMPLES = Path(os.environ.get("MYFLIX_SPECS_DIR", "/work/shared/specs")) / (
    "qbittorrent-4.5.2-samples"
)
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="samples not found")


def _sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text())


@pytest.mark.parametrize(
    ("state", "status"),
    [
        ("downloading", S.DOWNLOADING),
        ("forcedDL", S.DOWNLOADING),
        ("stalledDL", S.STALLED_DOWNLOADING),
        ("metaDL", S.METADATA),
        ("forcedMetaDL", S.METADATA),
        ("queuedDL", S.QUEUED_DOWNLOADING),
        ("checkingDL", S.CHECKING),
        ("checkingUP", S.CHECKING),
        ("checkingResumeData", S.CHECKING),
        ("uploading", S.SEEDING),
        ("forcedUP", S.SEEDING),
        ("stalledUP", S.STALLED_SEEDING),
        ("queuedUP", S.QUEUED_SEEDING),
        ("pausedDL", S.STOPPED_DOWNLOADING),
        ("stoppedDL", S.STOPPED_DOWNLOADING),
        ("pausedUP", S.STOPPED_SEEDING),
        ("stoppedUP", S.STOPPED_SEEDING),
        ("error", S.ERROR),
        ("missingFiles", S.MISSING_FILES),
        ("moving", S.MOVING),
        ("unknown", S.UNKNOWN),
        ("allocating", S.UNKNOWN),
        ("somethingNew", S.UNKNOWN),
    ],
)
def test_state_mapping(state: str, status: S) -> None:
    torrent = Torrent.from_dict({"hash": "AB", "state": state})
    assert torrent.status is status
    assert torrent.state == state
    assert torrent.hash == "ab"
    assert torrent.is_stopped is (status in (S.STOPPED_DOWNLOADING, S.STOPPED_SEEDING))
    assert torrent.is_errored is (status in (S.ERROR, S.MISSING_FILES))
    assert torrent.is_stalled is (status in (S.STALLED_DOWNLOADING, S.STALLED_SEEDING))
    seeding = (S.SEEDING, S.STALLED_SEEDING, S.QUEUED_SEEDING)
    assert torrent.is_seeding is (status in seeding)
    downloading = (
        S.DOWNLOADING,
        S.STALLED_DOWNLOADING,
        S.METADATA,
        S.QUEUED_DOWNLOADING,
    )
    assert torrent.is_downloading is (status in downloading)


def test_missing_and_junk_fields_are_tolerated() -> None:
    empty = Torrent.from_dict({})
    assert empty.status is S.UNKNOWN
    assert (empty.name, empty.tags, empty.eta, empty.added_on) == ("", [], None, None)
    assert empty.private is None
    assert empty.num_complete == -1
    junk = Torrent.from_dict(
        {
            "progress": "abc",
            "size": "12",
            "dlspeed": None,
            "tags": 5,
            "private": "yes",
            "added_on": 1e30,
            "force_start": "true",
            "name": 7,
            "eta": -1,
            "brand_new_key": {"x": 1},
        }
    )
    assert (junk.progress, junk.size, junk.dlspeed, junk.tags) == (0.0, 12, 0, [])
    assert junk.private is None
    assert junk.added_on is None
    assert junk.force_start is True
    assert junk.name == ""
    assert junk.eta is None
    assert ServerState.from_dict({}).last_external_address_v4 is None
    assert (
        ServerState.from_dict({"last_external_address_v4": ""}).last_external_address_v4
        is None
    )
    assert TransferInfo.from_dict({}).connection_status == "unknown"
    assert Category.from_dict({}, "movies") == Category(name="movies", save_path="")


def test_eta_times_and_tags() -> None:
    torrent = Torrent.from_dict(
        {
            "eta": 8640000,
            "added_on": 1795592847,
            "completion_on": 0,
            "last_activity": -1,
            "tags": "ha, test,  ,x",
            "private": True,
            "has_metadata": False,
        }
    )
    assert torrent.eta is None
    assert torrent.added_on == datetime(2026, 11, 25, 7, 47, 27, tzinfo=UTC)
    assert torrent.completion_on is None
    assert torrent.last_activity is None
    assert torrent.tags == ["ha", "test", "x"]
    assert torrent.private is True
    assert torrent.has_metadata is False
    assert Torrent.from_dict({"eta": 120}).eta == 120
    assert split_tags(["a ", "", "b"]) == ["a", "b"]
    assert Torrent.from_dict({"state": "metaDL"}).has_metadata is False


def test_preferences_both_vocabularies() -> None:
    assert Preferences.from_dict({"start_paused_enabled": True}).add_stopped is True
    assert Preferences.from_dict({"add_stopped_enabled": True}).add_stopped is True
    assert Preferences.from_dict({}).add_stopped is False


def test_version_and_hash_helpers() -> None:
    assert parse_version("v4.5.2") == (4, 5, 2)
    assert parse_version("2.11.4\n") == (2, 11, 4)
    assert parse_version("5.1.0beta1") == (5, 1, 0)
    assert parse_version("junk") == ()
    assert join_hashes(["AB", "cd"]) == "ab|cd"
    assert join_hashes("ALL") == "all"


@needs_samples
def test_captured_payloads_parse() -> None:
    torrents = [Torrent.from_dict(item) for item in _sample("torrents_info.json")]
    by_name = {t.name: t for t in torrents}
    complete, missing = by_name["complete.bin"], by_name["missing.bin"]
    assert complete.status is S.STALLED_SEEDING
    assert complete.tags == ["ha", "test"]
    assert complete.private is None  # 4.5.2 has no "private" key
    assert missing.status is S.STALLED_DOWNLOADING
    assert missing.category == "tv-sonarr"
    assert missing.completion_on is None
    full = _sample("maindata_full.json")
    for torrent_hash, fields in full["torrents"].items():
        assert Torrent.from_dict(fields, torrent_hash).hash == torrent_hash
    state = ServerState.from_dict(full["server_state"])
    assert state.connection_status == "firewalled"
    assert state.free_space_on_disk == 83595943936
    assert state.last_external_address_v4 is None
    info = TransferInfo.from_dict(_sample("transfer_info.json"))
    assert info.dl_rate_limit == 10240
    props = TorrentProperties.from_dict(_sample("torrents_properties.json"))
    assert props.is_private is False
    assert props.completion_date is not None
    assert props.last_seen is None
    trackers = [Tracker.from_dict(t) for t in _sample("torrents_trackers.json")]
    assert [t.url for t in trackers] == ["** [DHT] **", "** [PeX] **", "** [LSD] **"]
    assert not any(t.is_working for t in trackers)
    prefs = Preferences.from_dict(_sample("app_preferences.json"))
    assert (prefs.dl_limit, prefs.up_limit, prefs.alt_dl_limit) == (
        1024000,
        512000,
        10240,
    )
    assert prefs.web_ui_username == "tester"
    assert prefs.dht is False


def test_tracker_of_5_3_0_with_endpoints() -> None:
    """5.3.0's failing tracker (as it answered on loopback): status 5, endpoints."""
    endpoint = {
        "bt_version": 1,
        "msg": "Unregistered torrent",
        "name": "127.0.0.1:41609",
        "num_downloaded": -1,
        "num_leeches": -1,
        "num_peers": -1,
        "num_seeds": -1,
        "status": 5,
        "updating": False,
    }
    entry = {
        "endpoints": [endpoint],
        "min_announce": 1796597196,
        "msg": "Unregistered torrent",
        "next_announce": 1796598996,
        "num_downloaded": -1,
        "num_leeches": -1,
        "num_peers": -1,
        "num_seeds": -1,
        "status": 5,
        "tier": 0,
        "updating": False,
        "url": "http://127.0.0.1:46243/announce",
    }
    tracker = Tracker.from_dict(entry)
    assert (tracker.status, tracker.msg, tracker.is_working) == (
        5,
        "Unregistered torrent",
        False,
    )
    # Only the endpoint carries the message: it is still read.
    assert Tracker.from_dict(entry | {"msg": ""}).msg == "Unregistered torrent"


class _Recording(dict[str, Any]):
    """A torrent object that notes every key read from it."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)


def test_the_sync_cache_keeps_every_key_the_model_reads() -> None:
    """The cache drops every torrent key but TORRENT_KEYS: none the model reads."""
    fields = _Recording({"hash": "ab", "state": "metaDL", "tags": "a, b"})
    Torrent.from_dict(fields)
    assert fields.read
    assert fields.read <= TORRENT_KEYS, fields.read - TORRENT_KEYS


def _naive_counts(torrents: dict[str, Torrent]) -> dict[str, int]:
    values = list(torrents.values())
    return {
        "active": sum(t.dlspeed + t.upspeed > 0 for t in values),
        "downloading": sum(t.is_downloading for t in values),
        "seeding": sum(t.is_seeding for t in values),
        "stalled": sum(t.is_stalled for t in values),
        "stopped": sum(t.is_stopped for t in values),
        "errored": sum(t.is_errored for t in values),
    }


async def test_counts_kept_as_deltas_merge_equal_a_full_count() -> None:
    """Counts follow changes, removals and full updates, as counting them all would."""
    cache = MainDataCache()
    replies: list[dict[str, Any]] = [
        {
            "rid": 1,
            "full_update": True,
            "torrents": {
                "a": {"state": "downloading", "dlspeed": 10, "progress": 0.5},
                "b": {"state": "stalledUP", "magnet_uri": "magnet:?xt=urn:btih:b"},
                "c": {"state": "pausedDL"},
            },
        },
        {"rid": 2, "torrents": {"a": {"state": "stalledDL", "dlspeed": 0}}},
        {
            "rid": 3,
            "torrents": {
                "c": {"state": "error"},
                "d": {"state": "uploading", "upspeed": 5},
            },
        },
        {"rid": 4, "torrents_removed": ["b", "unknown"]},
        {"rid": 5, "torrents": {"d": {"state": "stoppedUP", "upspeed": 0}}},
        {"rid": 6, "full_update": True, "torrents": {"e": {"state": "missingFiles"}}},
    ]
    seen = []
    for reply in replies:
        data = await cache.merge(reply)
        counts = data.counts
        assert {
            "active": counts.active,
            "downloading": counts.downloading,
            "seeding": counts.seeding,
            "stalled": counts.stalled,
            "stopped": counts.stopped,
            "errored": counts.errored,
        } == _naive_counts(data.torrents)
        seen.append(counts.stopped)
        if reply["rid"] == 2:
            # A delta keeps the fields it does not resend.
            assert data.torrents["a"].progress == 0.5
    assert seen == [1, 1, 0, 0, 1, 0]
    assert list(data.torrents) == ["e"]


async def test_an_unchanged_torrent_keeps_its_object_even_across_a_full_update() -> (
    None
):
    """Snapshots compare by identity: only what changed is a new object."""
    cache = MainDataCache()
    torrents = {
        "a": {"state": "downloading", "progress": 0.5},
        "b": {"state": "stalledUP", "progress": 1},
    }
    resent = {**torrents, "b": {"state": "uploading", "progress": 1}}
    first = await cache.merge({"rid": 1, "full_update": True, "torrents": torrents})
    assert not torrents  # the cache took the reply's torrents over
    # A delta of a key the model does not read changes nothing it keeps.
    second = await cache.merge({"rid": 2, "torrents": {"a": {"magnet_uri": "m"}}})
    assert second.torrents["a"] is first.torrents["a"]
    third = await cache.merge({"rid": 3, "full_update": True, "torrents": resent})
    assert third.torrents["a"] is first.torrents["a"]
    assert third.torrents["b"] is not first.torrents["b"]
    assert third.torrents["b"].status is S.SEEDING
    assert (third.counts.downloading, third.counts.seeding) == (1, 1)
