"""The poster cache: round trip, size bound with LRU eviction, damage, safe names."""

from __future__ import annotations

import os
from pathlib import Path
import re

import pytest

from custom_components.myflix.engine.posters import (
    SUFFIX,
    CachedImage,
    PosterCache,
    file_name,
)

KIB = 1024


class Ticks:
    """A nanosecond clock that moves only when told (times the LRU order)."""

    def __init__(self) -> None:
        self.now = 1_700_000_000 * 10**9

    def __call__(self) -> int:
        return self.now


def _image(fill: bytes, size: int = 10 * KIB) -> CachedImage:
    return CachedImage("image/jpeg", fill * size)


def _files(cache: PosterCache) -> list[str]:
    return sorted(p.name for p in cache.directory.iterdir())


def test_round_trip_keeps_bytes_and_content_type(tmp_path: Path) -> None:
    cache = PosterCache(tmp_path / "posters")
    assert cache.read("entry/radarr/1") is None  # no directory yet: a miss
    png = CachedImage("image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert cache.write("entry/radarr/1", png)
    assert cache.read("entry/radarr/1") == png
    assert cache.read("entry/radarr/2") is None
    assert cache.usage() > len(png.body)
    # Written under a temporary name and renamed: none is left behind.
    assert all(name.endswith(SUFFIX) for name in _files(cache))


def test_rewrite_replaces_the_image(tmp_path: Path) -> None:
    cache = PosterCache(tmp_path)
    assert cache.write("k", _image(b"a"))
    assert cache.write("k", CachedImage("image/gif", b"GIF89a"))
    assert cache.read("k") == CachedImage("image/gif", b"GIF89a")
    assert len(_files(cache)) == 1


def test_bound_evicts_the_least_recently_used(tmp_path: Path) -> None:
    ticks = Ticks()
    # Room for three 10 KiB images (and their headers), not four.
    cache = PosterCache(tmp_path, max_bytes=35 * KIB, clock_ns=ticks)
    for key in ("a", "b", "c"):
        ticks.now += 10**9
        assert cache.write(key, _image(key.encode()))
    ticks.now += 10**9
    assert cache.read("a") is not None  # a is used again: b is now the oldest
    ticks.now += 10**9
    assert cache.write("d", _image(b"d"))
    assert cache.read("b") is None
    assert [k for k in "acd" if cache.read(k) is not None] == ["a", "c", "d"]
    assert cache.usage() <= 35 * KIB


def test_uses_in_the_same_tick_keep_their_order(tmp_path: Path) -> None:
    """The clock may not move between uses: each use still counts as later."""
    cache = PosterCache(tmp_path, max_bytes=25 * KIB, clock_ns=Ticks())
    assert cache.write("a", _image(b"a"))
    assert cache.write("b", _image(b"b"))
    assert cache.read("a") is not None
    assert cache.write("c", _image(b"c"))
    assert cache.read("b") is None
    assert cache.read("a") is not None
    assert cache.read("c") is not None


def test_refuses_an_image_over_the_per_image_bound(tmp_path: Path) -> None:
    cache = PosterCache(tmp_path, max_image_bytes=8 * KIB)
    assert not cache.write("big", _image(b"x", 8 * KIB + 1))
    assert cache.read("big") is None
    assert cache.write("fits", _image(b"x", 8 * KIB))
    # The per-image bound never exceeds the whole cache's.
    assert PosterCache(tmp_path, max_bytes=KIB).max_image_bytes == KIB


@pytest.mark.parametrize(
    "content_type", ["", "text/html", "image/jpeg; charset=x", "image/jpeg\nX: y"]
)
def test_refuses_content_types_it_cannot_keep(
    tmp_path: Path, content_type: str
) -> None:
    cache = PosterCache(tmp_path)
    assert not cache.write("k", CachedImage(content_type, b"data"))
    assert not cache.write("empty", CachedImage("image/png", b""))
    assert _files(cache) == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # cut short
        lambda data: data[:-100] + b"\x00" * 100,  # bytes changed
        lambda data: data.split(b"\n", 1)[0],  # the header alone
        lambda data: b"",  # empty
        lambda data: b"\xff\xd8\xff garbage without a header",
        lambda data: data.replace(b"image/jpeg", b"image/jpeg extra", 1),
    ],
)
def test_a_damaged_file_is_a_miss_and_is_removed(tmp_path: Path, damage) -> None:
    cache = PosterCache(tmp_path)
    assert cache.write("k", _image(b"z"))
    path = tmp_path / file_name("k")
    path.write_bytes(damage(path.read_bytes()))
    assert cache.read("k") is None
    assert not path.exists()
    assert cache.write("k", _image(b"z"))  # and it can be cached again
    assert cache.read("k") == _image(b"z")


def test_a_stale_temp_file_is_removed_a_fresh_one_kept(tmp_path: Path) -> None:
    ticks = Ticks()
    cache = PosterCache(tmp_path, clock_ns=ticks)
    stale = tmp_path / "x.poster.0001.tmp"
    fresh = tmp_path / "y.poster.0002.tmp"
    for temp in (stale, fresh):
        temp.write_bytes(b"partial")
    two_hours = 2 * 3600 * 10**9
    os.utime(stale, ns=(ticks.now - two_hours, ticks.now - two_hours))
    os.utime(fresh, ns=(ticks.now, ticks.now))
    assert cache.write("k", _image(b"k"))
    assert not stale.exists()
    assert fresh.exists()
    assert cache.read("k") is not None


@pytest.mark.parametrize(
    "key",
    [
        "../../etc/passwd",
        "/absolute/path",
        "a/b",
        "a\\b",
        "..",
        "",
        "entry id with spaces/radarr/12",
        "ünïcödé/😀",
        "nul\x00byte",
        "x" * 5000,
    ],
)
def test_keys_become_safe_file_names(tmp_path: Path, key: str) -> None:
    name = file_name(key)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,90}\.poster", name)
    cache = PosterCache(tmp_path / "posters")
    image = _image(b"s", 100)
    assert cache.write(key, image)
    assert cache.read(key) == image
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [name]


def test_keys_that_clean_up_alike_stay_apart(tmp_path: Path) -> None:
    keys = ["a/b", "a_b", "a b", "a//b", "A/B"]
    assert len({file_name(k) for k in keys}) == len(keys)
    cache = PosterCache(tmp_path)
    for index, key in enumerate(keys):
        assert cache.write(key, _image(bytes([65 + index]), 50))
    for index, key in enumerate(keys):
        assert cache.read(key) == _image(bytes([65 + index]), 50)


def test_file_system_errors_are_misses_not_crashes(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_bytes(b"")
    cache = PosterCache(not_a_dir / "posters")
    assert not cache.write("k", _image(b"k"))
    assert cache.read("k") is None
    assert cache.usage() == 0
    cache = PosterCache(tmp_path / "posters")
    (tmp_path / "posters" / file_name("dir")).mkdir(parents=True)
    assert cache.read("dir") is None  # a directory where the file should be
    assert not cache.write("dir", _image(b"d"))
    assert list((tmp_path / "posters").glob("*.tmp")) == []


def test_repr_leaves_the_bytes_out() -> None:
    assert repr(_image(b"\xff", 4)) == "CachedImage('image/jpeg', 4 bytes)"
