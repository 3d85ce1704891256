"""Path mappings between a backend's container paths and Home Assistant's."""

from __future__ import annotations

import pytest

from custom_components.myflix.engine.tiering import PathMappingError, PathMappings

MAPPINGS = PathMappings.parse(
    "/downloads = /media/downloads\n\n /data=/mnt/data \n/data/movies = /films\n"
)


@pytest.mark.parametrize(
    ("backend", "local"),
    [
        ("/downloads/A Film (2001)/a.mkv", "/media/downloads/A Film (2001)/a.mkv"),
        ("/downloads", "/media/downloads"),
        ("/downloads/", "/media/downloads"),
        ("/data/tv/Show", "/mnt/data/tv/Show"),
        ("/data/movies/Dune (2021)", "/films/Dune (2021)"),  # the longest prefix wins
    ],
)
def test_both_directions(backend: str, local: str) -> None:
    assert MAPPINGS.to_local(backend) == local
    assert MAPPINGS.to_backend(local) == backend.rstrip("/")


@pytest.mark.parametrize("path", ["/downloadsX/a.mkv", "/other/file", "/dat"])
def test_only_whole_components_map(path: str) -> None:
    assert MAPPINGS.to_local(path) == path
    assert MAPPINGS.to_backend(path) == path


def test_the_root_maps_everything() -> None:
    whole = PathMappings.parse("/ = /host")
    assert whole.to_local("/a/b.mkv") == "/host/a/b.mkv"
    assert whole.to_backend("/host/a") == "/a"
    assert whole.to_backend("/elsewhere") == "/elsewhere"
    assert PathMappings.parse("/x = /").to_backend("/y/z") == "/x/y/z"


def test_no_mappings_change_nothing() -> None:
    assert PathMappings.parse("").to_local("/a/../b") == "/b"
    assert PathMappings().to_backend("/a") == "/a"
    assert MAPPINGS.as_text().splitlines()[0] == "/downloads = /media/downloads"


@pytest.mark.parametrize(
    "line", ["downloads = /media", "/downloads", "/a = media", "= /b", "/a = "]
)
def test_bad_lines_are_named(line: str) -> None:
    with pytest.raises(PathMappingError) as err:
        PathMappings.parse(f"/ok = /fine\n{line}")
    assert err.value.line == line.strip()


def test_an_equals_sign_after_the_first_belongs_to_the_path() -> None:
    assert PathMappings.parse("/a = /b=c").to_local("/a/x") == "/b=c/x"
