"""The tiering walk lists the same files, in the same order, as a plain scandir walk."""

from __future__ import annotations

from collections.abc import Iterator
import os
from pathlib import Path
from typing import Any, Self

import pytest

from custom_components.myflix.engine.tiering import Excluder, scan
from custom_components.myflix.engine.tiering.scan import RawFile, walk, walk_folders

EXCLUDES = ("*.part", "incomplete", "*.!qB", "Movie B/extras", "sample-?.mkv")


def reference_walk(
    root: str, excluded: Excluder, skipped: list[str]
) -> Iterator[RawFile]:
    """The simplest walk: full paths, ``DirEntry`` checks in the obvious order."""
    stack = [(root, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            iterator = os.scandir(folder)
        except OSError:
            continue
        with iterator:
            for entry in iterator:
                if entry.name.startswith(scan.INTERNAL_PREFIX):
                    continue
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                    if not is_dir and not entry.is_file(follow_symlinks=False):
                        continue
                    relpath = f"{rel}/{entry.name}" if rel else entry.name
                    if excluded(entry.name, relpath):
                        skipped.append(entry.path)
                        continue
                    if is_dir:
                        stack.append((entry.path, relpath))
                        continue
                    st = os.lstat(entry.path)
                except OSError:
                    continue
                yield (
                    entry.path,
                    st.st_size,
                    st.st_atime,
                    st.st_mtime,
                    st.st_dev,
                    st.st_ino,
                    st.st_nlink,
                )


def _tree(root: Path, outside: Path) -> None:
    """Nested folders, hardlinks in and out, symlinks, exclusions, odd names."""
    for n in range(3):
        for name in ("Movie A", "Movie B", "Series/Season 1", "Series/Season 2"):
            folder = root / name / f"part {n}"
            folder.mkdir(parents=True)
            (folder / f"video {n}.mkv").write_bytes(b"x" * (n + 1))
            (folder / f"sample-{n}.mkv").write_bytes(b"s")
    (root / "Movie A" / "film.mkv").write_bytes(b"film")
    os.link(root / "Movie A" / "film.mkv", root / "Series" / "film link.mkv")
    (outside / "seed.mkv").write_bytes(b"seed")
    os.link(outside / "seed.mkv", root / "Movie A" / "seeded.mkv")
    (root / "Movie A" / "half.part").write_bytes(b"p")
    (root / "Movie A" / "torrent.mkv.!qB").write_bytes(b"q")
    (root / "incomplete" / "deep").mkdir(parents=True)
    (root / "incomplete" / "deep" / "x.mkv").write_bytes(b"i")
    (root / "Movie B" / "extras").mkdir()
    (root / "Movie B" / "extras" / "bonus.mkv").write_bytes(b"b")
    (root / "Movie B" / "extras.mkv").write_bytes(b"kept: only the folder is excluded")
    os.symlink(root / "Movie A" / "film.mkv", root / "Movie B" / "film symlink.mkv")
    os.symlink(root / "Series", root / "Movie B" / "series symlink")
    os.symlink(root / "gone", root / "Movie B" / "dangling")
    os.mkfifo(root / "Movie B" / "a fifo")
    (root / f"{scan.INTERNAL_PREFIX}-temp").write_bytes(b"mover's")
    (root / "ünïcode\nnew line.mkv").write_bytes(b"u")
    (root / "vanishing.mkv").write_bytes(b"v")


class _Vanishing:
    """A scandir that deletes ``vanishing.mkv`` once listed, before it is stat'ed."""

    def __init__(self, real: Any, target: str | int) -> None:
        self._iterator = real(target)
        self._target = target

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._iterator.close()

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> os.DirEntry[str]:
        entry: os.DirEntry[str] = next(self._iterator)
        if entry.name == "vanishing.mkv":
            if isinstance(self._target, int):
                os.unlink(entry.name, dir_fd=self._target)
            else:
                os.unlink(entry.path)
        return entry


@pytest.mark.parametrize("trailing_slash", [False, True])
def test_walk_matches_reference_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trailing_slash: bool
) -> None:
    root, outside = tmp_path / "hot", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    _tree(root, outside)
    top = str(root) + ("/" if trailing_slash else "")
    excluder = Excluder(EXCLUDES)

    real = os.scandir
    with monkeypatch.context() as patched:
        patched.setattr(os, "scandir", lambda target: _Vanishing(real, target))
        skipped: list[str] = []
        found = list(walk(top, excluder, skipped))
    assert not (root / "vanishing.mkv").exists()  # it vanished mid-walk

    expected_skipped: list[str] = []
    expected = list(reference_walk(top, excluder, expected_skipped))
    assert found == expected
    assert skipped == expected_skipped
    paths = {f[0] for f in found}
    assert str(root / "Movie A" / "seeded.mkv") in paths
    assert str(root / "Series" / "film link.mkv") in paths
    assert str(root / "Movie B" / "extras.mkv") in paths
    assert str(root / "ünïcode\nnew line.mkv") in paths
    assert not any("symlink" in p or "fifo" in p or "dangling" in p for p in paths)
    assert str(root / "Movie B" / "extras") in skipped
    assert str(root / "incomplete") in skipped
    nlinks = {f[0].rsplit("/", 1)[1]: f[6] for f in found if f[6] > 1}
    assert nlinks == {"film.mkv": 2, "film link.mkv": 2, "seeded.mkv": 2}
    # videos, film and its link, seeded, extras.mkv, the unicode name
    assert len(found) == 3 * 4 + 5

    by_folder = list(walk_folders(top, excluder))
    assert [f for files in by_folder for f in files] == found


def test_walk_of_a_missing_or_file_root_is_empty(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"f")
    for root in (tmp_path / "missing", tmp_path / "file"):
        skipped: list[str] = []
        assert list(walk(str(root), Excluder(()), skipped)) == []
        assert skipped == []
