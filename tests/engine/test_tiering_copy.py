"""The mover's copy check: xxh3-128 of the source and of the copy, and journals naming it."""

from __future__ import annotations

from collections.abc import Callable
import json
import os
from pathlib import Path

import pytest
import xxhash

from custom_components.myflix.engine.tiering import (
    Batch,
    Copier,
    FileMove,
    Journal,
    MoveControl,
    Mover,
)

from .tiering_helpers import copied_record, temp_files, write

CHUNK = 16_384


@pytest.mark.parametrize("from_disk", [True, False])
@pytest.mark.parametrize("size", [0, 1, CHUNK, 5 * CHUNK + 123])
def test_copy_and_read_back_hash_the_bytes_with_xxh3_128(
    tmp_path: Path, from_disk: bool, size: int
) -> None:
    data = os.urandom(size)
    source = write(tmp_path / "source.mkv", data)
    copier = Copier(chunk=CHUNK, from_disk=from_disk)
    src = os.open(source, os.O_RDONLY)
    dst = os.open(tmp_path / "copy.mkv", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        copied = copier.copy(src, dst, lambda: False)
        os.fsync(dst)
    finally:
        os.close(src)
        os.close(dst)
    expected = (size, xxhash.xxh3_128(data).hexdigest())
    assert copied == expected
    assert copier.read_back(str(tmp_path / "copy.mkv"), lambda: False) == expected
    assert (tmp_path / "copy.mkv").read_bytes() == data


def _one_move(hot: Path, archive: Path, name: str) -> Batch:
    path = write(hot / name, os.urandom(3 * CHUNK))
    move = FileMove(
        sources=(str(path),), targets=(str(archive / name),), size=1, last_used=0
    )
    return Batch.of((move,))


def test_each_move_record_names_its_hash(tmp_path: Path) -> None:
    hot, archive = tmp_path / "hot", tmp_path / "archive"
    archive.mkdir()
    seen: list[dict[str, object]] = []

    class Watching(Copier):
        def read_back(self, path: str, aborted: Callable[[], bool]) -> tuple[int, str]:
            journal = Journal(str(archive))
            journal.load()
            seen.extend(journal.moves.values())
            return super().read_back(path, aborted)

    mover = Mover(str(archive), Watching(chunk=CHUNK))
    mover.recover()
    assert mover.move_batch(_one_move(hot, archive, "a.mkv"), MoveControl()).complete
    assert [record["hash"] for record in seen] == ["xxh3_128"]
    assert json.loads(Path(mover.journal.path).read_text())["version"] == 3


def test_a_version_2_journal_recovers_and_its_moves_name_blake2b(
    tmp_path: Path,
) -> None:
    """Journals from before xxh3 name no hash: their copies were checked by BLAKE2b.

    Recovery decides by state and inodes, so it settles them as it always did.
    """
    hot, archive = tmp_path / "hot", tmp_path / "archive"
    undone = write(hot / "undone.mkv", b"u" * 300)
    partial = write(archive / "undone.mkv", b"u" * 300)  # published, not yet journaled
    finished = write(hot / "finished.mkv", b"f" * 200)
    copy = write(archive / "finished.mkv", b"f" * 200)
    records = [
        copied_record("copied", undone, partial, archive / ".myflix-tiering-u.tmp"),
        copied_record("published", finished, copy, archive / ".myflix-tiering-f.tmp"),
    ]
    journal = Journal(str(archive))
    Path(journal.folder).mkdir()
    Path(journal.path).write_text(json.dumps({"version": 2, "moves": records}))
    journal.load()
    assert {record["hash"] for record in journal.moves.values()} == {"blake2b"}

    assert Mover(str(archive)).recover() == []
    assert undone.read_bytes() == b"u" * 300  # the source stays, the copy is gone
    assert not partial.exists()
    assert not finished.exists()  # the sources' removal is finished
    assert copy.read_bytes() == b"f" * 200
    assert temp_files(hot, archive) == []
    journal.load()
    assert journal.moves == {}
