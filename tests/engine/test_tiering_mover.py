"""The tiering mover: verified copies, links rebuilt, rollbacks, journal recovery."""

from __future__ import annotations

from collections.abc import Callable, Iterator
import errno
import json
import os
from pathlib import Path
import subprocess
import threading
import time

import pytest

from custom_components.myflix.engine.tiering import (
    ArchiveFullError,
    Batch,
    Copier,
    FileMove,
    Journal,
    MoveControl,
    Mover,
    MoveState,
    Relocation,
    TieringConfig,
    TieringMode,
    build_plan,
)
from custom_components.myflix.engine.tiering.planner import remaining_batch

from .tiering_helpers import (
    copied_record,
    inventory,
    link,
    move_record,
    sha,
    temp_files,
    write,
)

NAMES = ["plain.mkv", "with space.mkv", "ünïcødé 映画.mkv", "new\nline.mkv"]


def _journal(archive: Path) -> Journal:
    """The archive's journal as a restart would read it."""
    journal = Journal(str(archive))
    journal.load()
    return journal


@pytest.fixture
def tiers(tmp_path: Path) -> tuple[Path, Path]:
    hot, archive = tmp_path / "hot", tmp_path / "archive"
    hot.mkdir()
    archive.mkdir()
    return hot, archive


def _plan(hot: Path, archive: Path, **kw: object) -> list[Batch]:
    config = TieringConfig(
        hot_roots=(str(hot),),
        archive_root=str(archive),
        min_age=0,
        archive_reserve=0,
        **kw,  # type: ignore[arg-type]
    )
    # Reading a file for its hash refreshes its atime: plan at the real time.
    now = time.time() + 1
    return build_plan(config, now=now, ignore_watermarks=True, mounts_text="").batches


def _move_all(
    mover: Mover, batches: list[Batch], control: MoveControl | None = None
) -> None:
    for _batch, _result in mover.move_batches(batches, control or MoveControl()):
        pass


def test_moves_verified_with_metadata_and_links(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    expected = {}
    for i, name in enumerate(NAMES):
        path = write(hot / "movies" / name, os.urandom(1000 + i * 70_000))
        os.chmod(path, 0o640)
        expected[f"movies/{name}"] = sha(path)
    library = write(hot / "movies/Linked/film.mkv", os.urandom(5000))
    link(library, hot / "downloads/film.mkv")
    expected |= {
        "movies/Linked/film.mkv": sha(library),
        "downloads/film.mkv": sha(library),
    }
    before = os.stat(hot / "movies" / NAMES[1])
    mover = Mover(str(archive), Copier(chunk=64 * 1024))
    assert mover.recover() == []
    _move_all(mover, _plan(hot, archive))
    after = os.stat(archive / "movies" / NAMES[1])
    found = inventory(hot, archive)
    assert {rel: [s for _r, _i, s in places] for rel, places in found.items()} == {
        rel: [digest] for rel, digest in expected.items()
    }
    assert all(
        root == str(archive) for places in found.values() for root, _, _ in places
    )
    # One inode again on the archive: the hardlink survived.
    assert found["movies/Linked/film.mkv"][0][1] == found["downloads/film.mkv"][0][1]
    assert (after.st_mode, after.st_mtime_ns, after.st_atime_ns, after.st_uid) == (
        before.st_mode, before.st_mtime_ns, before.st_atime_ns, before.st_uid,
    )  # fmt: skip
    assert temp_files(hot, archive) == []
    assert _journal(archive).moves == {}


class _Hooked(Copier):
    """A copier that runs ``hook`` on the source after its first chunk."""

    def __init__(self, hook: Callable[[], None]) -> None:
        super().__init__(chunk=4096)
        self.hook = hook

    def _write(self, dst: int, data: memoryview, offset: int) -> None:
        super()._write(dst, data, offset)
        if offset == 0:
            self.hook()


@pytest.mark.parametrize("change", ["grow", "rewrite", "vanish"])
def test_a_file_changing_mid_copy_stays_on_hot(
    tiers: tuple[Path, Path], change: str
) -> None:
    hot, archive = tiers
    path = write(hot / "growing.mkv", os.urandom(50_000))

    def hook() -> None:
        if change == "grow":
            with path.open("ab") as file:
                file.write(b"more")
        elif change == "rewrite":
            with path.open("r+b") as file:
                file.seek(40_000)
                file.write(b"X" * 10)
            os.utime(path, ns=(0, os.stat(path).st_mtime_ns))
        else:
            path.unlink()

    batches = _plan(hot, archive)
    result = Mover(str(archive), _Hooked(hook)).move_batch(batches[0], MoveControl())
    expected = {"grow": "changed", "rewrite": "changed", "vanish": "vanished"}[change]
    assert result.skipped == [(str(path), expected)]
    assert not (archive / "growing.mkv").exists()
    assert temp_files(archive) == []
    assert path.exists() is (change != "vanish")


class _Corrupting(Copier):
    """A copier whose disk flips a byte of one copy after it was written."""

    def __init__(self, victim: str) -> None:
        super().__init__(chunk=16_384)  # several chunks: verified on its own thread
        self.victim = victim

    def read_back(self, path: str, aborted: Callable[[], bool]) -> tuple[int, str]:
        with open(path, "r+b") as file:
            if self.victim.encode() in file.read(64):
                file.seek(30_000)
                file.write(b"\xff")
        return super().read_back(path, aborted)


def test_a_copy_that_reads_back_wrong_is_undone_while_the_next_moves(
    tiers: tuple[Path, Path],
) -> None:
    hot, archive = tiers
    digests = {}
    for i, name in enumerate(["first", "victim", "last"]):
        data = name.encode().ljust(64, b" ") + os.urandom(60_000)
        path = write(hot / f"{name}.mkv", data, age_days=30 - i)
        digests[name] = sha(path)
    batches = _plan(hot, archive)
    mover = Mover(str(archive), _Corrupting("victim"))
    results = [result for _batch, result in mover.move_batches(batches, MoveControl())]
    assert [r.skipped for r in results if r.skipped] == [
        [(str(hot / "victim.mkv"), "verify_failed")]
    ]
    assert sha(hot / "victim.mkv") == digests["victim"]  # the source is untouched
    assert not (archive / "victim.mkv").exists()
    for name in ("first", "last"):
        assert sha(archive / f"{name}.mkv") == digests[name]
        assert not (hot / f"{name}.mkv").exists()
    assert temp_files(hot, archive) == []
    assert _journal(archive).moves == {}


def test_vanished_before_start_and_existing_target(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    gone = write(hot / "gone.mkv", b"g")
    taken = write(hot / "taken.mkv", b"t")
    batches = _plan(hot, archive)
    gone.unlink()
    write(archive / "taken.mkv", b"other")
    mover = Mover(str(archive))
    results = [mover.move_batch(b, MoveControl()) for b in batches]
    assert sorted(r.skipped[0][1] for r in results) == ["exists", "vanished"]
    assert taken.read_bytes() == b"t"
    assert (archive / "taken.mkv").read_bytes() == b"other"


def test_a_new_link_keeps_the_group_on_hot(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    path = write(hot / "a.mkv", b"a" * 100)
    (batch,) = _plan(hot, archive)
    link(path, hot / "late link.mkv")
    result = Mover(str(archive)).move_batch(batch, MoveControl())
    assert result.skipped == [(str(path), "links_changed")]
    assert not (archive / "a.mkv").exists()


def _full_copier() -> Copier:
    class Full(Copier):
        def _write(self, dst: int, data: memoryview, offset: int) -> None:
            if offset:
                raise OSError(errno.ENOSPC, "No space left on device")
            super()._write(dst, data, offset)

    return Full(chunk=4096)


@pytest.fixture
def small_archive(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs when we may mount one; else a plain folder (the error is injected)."""
    target = tmp_path / "small"
    target.mkdir()
    mounted = os.geteuid() == 0 and (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(target)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    yield target
    if mounted:
        subprocess.run(["umount", str(target)], check=True)


def test_archive_full_rolls_back(tiers: tuple[Path, Path], small_archive: Path) -> None:
    hot, _ = tiers
    small = write(hot / "fits.mkv", os.urandom(100_000), age_days=90)
    big = write(hot / "too big.mkv", os.urandom(3 << 20), age_days=60)
    mover = Mover(str(small_archive))
    mounted = (
        os.statvfs(small_archive).f_blocks * os.statvfs(small_archive).f_frsize
        < 2 << 20
    )
    if not mounted:
        mover.copier = _full_copier()
        small.write_bytes(b"s")  # one chunk: fits
    batches = [
        Batch.of(
            (
                FileMove(
                    sources=(str(p),),
                    targets=(str(small_archive / p.name),),
                    size=1,
                    last_used=0,
                ),
            )
        )
        for p in (small, big)
    ]
    with pytest.raises(ArchiveFullError):  # while the small one publishes
        _move_all(mover, batches)
    assert not (small_archive / "too big.mkv").exists()
    assert (small_archive / "fits.mkv").exists()
    assert not small.exists()
    assert temp_files(small_archive) == []
    assert _journal(small_archive).moves == {}


def test_each_batch_is_yielded_once_its_files_are_published(
    tiers: tuple[Path, Path],
) -> None:
    """Files span several chunks, so each publishes on a thread while the next copies."""
    hot, archive = tiers
    digests = {}
    for i in range(5):
        path = write(hot / f"film {i}.mkv", os.urandom(100_000 + i), age_days=10 + i)
        digests[path.name] = sha(path)
    batches = _plan(hot, archive)
    mover = Mover(str(archive), Copier(chunk=16_384))
    yielded = []
    for batch, result in mover.move_batches(batches, MoveControl()):
        assert result.complete
        for move in batch.moves:  # published, sources gone, when it is yielded
            assert sha(Path(move.targets[0])) == digests[Path(move.targets[0]).name]
            assert not Path(move.sources[0]).exists()
        yielded.append(batch)
    assert yielded == batches
    assert not [t for t in threading.enumerate() if t.name.startswith("myflix-")]
    assert _journal(archive).moves == {}


def test_abort_rolls_back_and_stop_finishes_the_file(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    for i in range(3):
        write(hot / f"f{i}.mkv", os.urandom(20_000), age_days=10 + i)
    batches = _plan(hot, archive)
    control = MoveControl()
    mover = Mover(str(archive), _Hooked(control.abort.set))
    result = mover.move_batch(batches[0], control)
    assert result.stopped
    assert result.moved_files == 0
    assert temp_files(archive) == []
    assert list(archive.glob("*.mkv")) == []
    control = MoveControl()
    mover = Mover(str(archive), _Hooked(control.stop.set))
    moved: list[str] = []
    control.progress = lambda move, _n: moved.append(move.sources[0])
    results = [mover.move_batch(b, control) for b in batches]
    assert len(moved) == 1
    assert results[1].stopped


def test_recovery_of_each_journal_state(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    source = write(hot / "movie.mkv", b"m" * 1000)
    second = link(source, hot / "dl/movie.mkv")
    targets = [str(archive / "dl/movie.mkv"), str(archive / "movie.mkv")]
    (archive / "dl").mkdir()
    st = os.stat(source)

    def journal(state: MoveState, **extra: object) -> None:
        record = {
            "state": state.value,
            "sources": [str(second), str(source)],
            "targets": targets,
            "temp": str(archive / ".myflix-tiering-x.tmp"),
            "source_dev": st.st_dev,
            "source_ino": st.st_ino,
        }
        Journal(str(archive)).put_move(record | extra)

    # Cut while copying: the partial temp goes, the sources stay.
    (archive / ".myflix-tiering-x.tmp").write_bytes(b"part")
    journal(MoveState.COPYING)
    assert Mover(str(archive)).recover() == []
    assert temp_files(archive) == []
    assert source.exists()
    # Cut after publishing one target: it is undone (only if it is the copy).
    Path(targets[0]).write_bytes(b"m" * 1000)
    copy = os.stat(targets[0])
    write(archive / "unrelated.mkv", b"u")
    journal(MoveState.COPIED, dev=copy.st_dev, copy_ino=copy.st_ino)
    Mover(str(archive)).recover()
    assert not Path(targets[0]).exists()
    assert source.exists()
    # Cut while removing sources: the removal is finished.
    Path(targets[0]).write_bytes(b"m" * 1000)
    os.link(targets[0], targets[1])
    copy = os.stat(targets[0])
    source.unlink()
    journal(MoveState.PUBLISHED, dev=copy.st_dev, copy_ino=copy.st_ino)
    Mover(str(archive)).recover()
    assert not second.exists()
    assert all(Path(t).read_bytes() == b"m" * 1000 for t in targets)
    # A torn journal write leaves only its temp file behind; recovery drops it.
    Path(Journal(str(archive)).path + ".tmp").write_text("{")
    Mover(str(archive)).recover()
    assert temp_files(archive) == []


def test_recovery_settles_both_moves_in_flight(tiers: tuple[Path, Path]) -> None:
    """One file cut while copying, the one before it cut while publishing."""
    hot, archive = tiers
    copying = write(hot / "next.mkv", b"n" * 500)
    publishing = write(hot / "first.mkv", b"f" * 700)
    published = write(archive / "first.mkv", b"f" * 700)
    partial = write(archive / ".myflix-tiering-next.tmp", b"n" * 10)
    records = [
        move_record("copying", [copying], [archive / "next.mkv"], partial),
        copied_record(
            "published", publishing, published, archive / ".myflix-tiering-first.tmp"
        ),
    ]
    journal = Journal(str(archive))
    for record in records:
        journal.put_move(record)
    assert len(_journal(archive).moves) == 2

    assert Mover(str(archive)).recover() == []
    assert copying.exists()  # undone
    assert not partial.exists()
    assert not publishing.exists()  # finished
    assert published.exists()
    assert _journal(archive).moves == {}


def test_recovery_reads_a_version_1_journal(tiers: tuple[Path, Path]) -> None:
    """Journals written before two moves could be in flight held one ``move``."""
    hot, archive = tiers
    source = write(hot / "film.mkv", b"x" * 100)
    partial = write(archive / ".myflix-tiering-old.tmp", b"x")
    move = move_record("copying", [source], [archive / "film.mkv"], partial)
    journal = Journal(str(archive))
    Path(journal.folder).mkdir()
    Path(journal.path).write_text(json.dumps({"version": 1, "move": move}))
    Mover(str(archive)).recover()
    assert not partial.exists()
    assert source.exists()
    assert _journal(archive).moves == {}


def test_relocation_stays_pending_until_finished(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    write(hot / "movies/Film (1999)/film.mkv", os.urandom(3000))
    write(hot / "movies/Film (1999)/Subs/film.srt", b"subs")
    relocation = Relocation(
        app="radarr",
        item_id=7,
        source=str(hot / "movies/Film (1999)"),
        target=str(archive / "movies/Film (1999)"),
    )
    batch = remaining_batch(relocation)
    control = MoveControl()
    control.stop.set()
    mover = Mover(str(archive))
    assert mover.move_batch(batch, control).stopped
    assert Mover(str(archive)).recover() == [relocation]  # survives a restart
    result = mover.move_batch(remaining_batch(relocation), MoveControl())
    assert result.complete
    assert result.moved_files == 2
    mover.finish_relocation(relocation)
    assert not (hot / "movies/Film (1999)").exists()
    assert (archive / "movies/Film (1999)/Subs/film.srt").read_bytes() == b"subs"
    assert Mover(str(archive)).recover() == []


def test_relocate_plan_end_to_end(tiers: tuple[Path, Path]) -> None:
    from custom_components.myflix.engine.tiering import LibraryFolder, build_plan

    hot, archive = tiers
    write(hot / "tv/Show/S01/e1.mkv", os.urandom(2000))
    config = TieringConfig(
        hot_roots=(str(hot),),
        archive_root=str(archive),
        mode=TieringMode.RELOCATE,
        min_age=0,
        archive_reserve=0,
    )
    plan = build_plan(
        config,
        now=time.time() + 1,
        library=[LibraryFolder(app="sonarr", item_id=3, path=str(hot / "tv/Show"))],
        ignore_watermarks=True,
        mounts_text="",
    )
    mover = Mover(str(archive))
    assert mover.move_batch(plan.batches[0], MoveControl()).complete
    assert (archive / "tv/Show/S01/e1.mkv").exists()


def test_stop_from_another_thread(tiers: tuple[Path, Path]) -> None:
    hot, archive = tiers
    write(hot / "a.mkv", b"a")
    control = MoveControl()
    thread = threading.Thread(target=control.stop.set)
    thread.start()
    thread.join()
    result = Mover(str(archive)).move_batch(_plan(hot, archive)[0], control)
    assert result.stopped
    assert (hot / "a.mkv").exists()


def test_a_file_appearing_at_the_target_is_never_replaced(
    tiers: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    hot, archive = tiers
    write(hot / "a.mkv", b"mine")
    (batch,) = _plan(hot, archive)
    real = Copier.read_back

    def racing(self: Copier, path: str, aborted: Callable[[], bool]) -> tuple[int, str]:
        write(archive / "a.mkv", b"someone else's")
        return real(self, path, aborted)

    monkeypatch.setattr(Copier, "read_back", racing)
    result = Mover(str(archive)).move_batch(batch, MoveControl())
    assert result.skipped == [(str(hot / "a.mkv"), "exists")]
    assert (archive / "a.mkv").read_bytes() == b"someone else's"
    assert (hot / "a.mkv").read_bytes() == b"mine"
    assert temp_files(archive) == []


def test_filesystems_without_hard_links_publish_by_rename(
    tiers: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    hot, archive = tiers
    write(hot / "a.mkv", b"data")
    (batch,) = _plan(hot, archive)

    def no_links(*_args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    assert Mover(str(archive)).move_batch(batch, MoveControl()).complete
    assert (archive / "a.mkv").read_bytes() == b"data"


def test_extended_attributes_follow_and_abort_during_read_back(
    tiers: tuple[Path, Path],
) -> None:
    hot, archive = tiers
    path = write(hot / "tagged.mkv", os.urandom(3 << 20))
    os.setxattr(path, "user.myflix", b"kept")
    (batch,) = _plan(hot, archive)
    control = MoveControl()
    copier = Copier(chunk=1 << 20)
    real = copier.read_back

    def abort_then_read(path: str, aborted: Callable[[], bool]) -> tuple[int, str]:
        control.abort.set()
        return real(path, aborted)

    copier.read_back = abort_then_read  # type: ignore[method-assign]
    assert Mover(str(archive), copier).move_batch(batch, control).stopped
    assert temp_files(archive) == []
    assert Mover(str(archive)).move_batch(batch, MoveControl()).complete
    assert os.getxattr(archive / "tagged.mkv", "user.myflix") == b"kept"


def test_folders_a_move_empties_are_removed_below_the_first_level(
    tiers: tuple[Path, Path],
) -> None:
    hot, archive = tiers
    write(hot / "movies/Old (1999)/extras/old.mkv", b"o" * 100, age_days=30)
    write(hot / "movies/Kept (2000)/kept.mkv", b"k" * 100, age_days=30)
    write(hot / "movies/Kept (2000)/kept.nfo", b"n")  # stays: excluded
    write(hot / "lonely.mkv", b"l" * 100, age_days=30)
    (hot / "movies/Empty before").mkdir()
    batches = _plan(hot, archive, excludes=("*.nfo",))
    _move_all(Mover(str(archive), hot_roots=(str(hot) + "/",)), batches)
    assert not (hot / "movies/Old (1999)").exists()  # emptied by the move
    assert (hot / "movies").is_dir()  # the first level stays
    assert (hot / "movies/Kept (2000)/kept.nfo").exists()
    assert (hot / "movies/Empty before").is_dir()  # not emptied by us
    assert (archive / "movies/Old (1999)/extras/old.mkv").exists()
    assert (archive / "lonely.mkv").exists()
