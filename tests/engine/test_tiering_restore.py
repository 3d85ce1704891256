"""Moving back from the archive: inside the tiers only, crash-safe like a move."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from custom_components.myflix.engine.tiering import (
    JOURNAL_DIR,
    RestoreRefusedError,
    recover_restores,
    restore,
)


def _tiers(tmp_path: Path) -> tuple[Path, Path]:
    hot, archive = tmp_path / "hot", tmp_path / "archive"
    (archive / "movies/Dune (2021)").mkdir(parents=True)
    (hot / "movies").mkdir(parents=True)
    return hot, archive


def test_files_come_back_with_their_links(tmp_path: Path) -> None:
    hot, archive = _tiers(tmp_path)
    first = archive / "movies/Dune (2021)/dune.mkv"
    first.write_bytes(b"x" * 5000)
    second = archive / "movies/Dune (2021)/dune-link.mkv"
    os.link(first, second)
    targets = [str(hot / "movies/Dune (2021)/dune.mkv"), str(hot / "movies/dune.mkv")]
    result = restore(
        str(archive),
        [str(hot)],
        [{"from": [str(first), str(second)], "to": targets, "size": 5000}],
    )
    assert (result.moved_files, result.moved_bytes, result.skipped) == (1, 5000, [])
    assert Path(targets[0]).read_bytes() == b"x" * 5000
    assert os.stat(targets[0]).st_ino == os.stat(targets[1]).st_ino  # still one inode
    assert not first.exists()
    assert not second.exists()
    recover_restores(str(archive), [str(hot)])  # a clean journal: nothing to settle
    assert not any(p.name.startswith(".myflix-tiering-") for p in hot.rglob("*"))
    assert (hot / JOURNAL_DIR).is_dir()  # the scan never lists it


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("/etc/passwd", "hot/passwd"),
        ("archive/movies/a.mkv", "/tmp/elsewhere/a.mkv"),
        ("archive/../escape.mkv", "hot/escape.mkv"),
        ("archive", "hot/whole-archive"),
    ],
)
def test_paths_outside_the_tiers_are_refused(
    tmp_path: Path, source: str, target: str
) -> None:
    hot, archive = _tiers(tmp_path)

    def absolute(path: str) -> str:
        return path if path.startswith("/") else str(tmp_path / path)

    with pytest.raises(RestoreRefusedError):
        restore(
            str(archive),
            [str(hot)],
            [{"from": [absolute(source)], "to": [absolute(target)]}],
        )
    assert not (hot / JOURNAL_DIR).exists()  # refused before anything was touched
