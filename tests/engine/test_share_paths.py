"""The path guard: only regular files inside a root are ever opened."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from custom_components.myflix.engine.share import (
    PathGuard,
    PathRefusal,
    PathRefusedError,
)

from .share_helpers import ShareTree, make_share_tree


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> ShareTree:
    """One share tree for the module (building it is the slow part)."""
    return make_share_tree(tmp_path_factory.mktemp("share"))


@pytest.fixture(scope="module")
def guard(tree: ShareTree) -> PathGuard:
    """A guard over the tree's roots."""
    return PathGuard(tree.roots())


def _read(guard: PathGuard, path: str) -> bytes:
    opened = guard.open(path)
    try:
        return os.read(opened.fd, 1 << 20)
    finally:
        os.close(opened.fd)


def _refusal(guard: PathGuard, path: str) -> PathRefusal:
    with pytest.raises(PathRefusedError) as info:
        guard.open(path)
    return info.value.reason


def test_files_inside_roots_are_served(guard: PathGuard, tree: ShareTree) -> None:
    """Files, nested files, unicode names and inner symlinks are served."""
    dune = (tree.movies / "Dune (2021)" / "Dune.mkv").read_bytes()
    assert _read(guard, "movies/Dune (2021)/Dune.mkv") == dune
    assert _read(guard, "movies/latest.mkv") == dune
    assert _read(guard, "movies/Ünïcode “film”.mkv") == b"unicode"
    assert _read(guard, "shows/Show/S01/E01.mkv") == b"episode one"
    assert _read(guard, "movies/empty.txt") == b""


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("movies/escape.txt", PathRefusal.OUTSIDE_ROOT),
        ("movies/escape_dir/secret.txt", PathRefusal.OUTSIDE_ROOT),
        ("movies/up/private/secret.txt", PathRefusal.OUTSIDE_ROOT),
        ("movies/etc/passwd", PathRefusal.OUTSIDE_ROOT),
        ("movies/devnull", PathRefusal.OUTSIDE_ROOT),
        ("movies/dangling", PathRefusal.OUTSIDE_ROOT),
        ("movies/up", PathRefusal.OUTSIDE_ROOT),
        ("movies/fifo", PathRefusal.NOT_A_FILE),
        ("movies/socket", PathRefusal.NOT_FOUND),
        ("movies/Dune (2021)", PathRefusal.NOT_A_FILE),
        ("movies/missing.mkv", PathRefusal.NOT_FOUND),
        ("movies/trailer.mp4/x", PathRefusal.NOT_FOUND),
        ("music/song.mp3", PathRefusal.UNKNOWN_ROOT),
        ("movies", PathRefusal.INVALID),
        ("movies/../private/secret.txt", PathRefusal.INVALID),
        ("movies/./trailer.mp4", PathRefusal.INVALID),
        ("movies//trailer.mp4", PathRefusal.INVALID),
        ("/etc/passwd", PathRefusal.INVALID),
        ("movies\\..\\private\\secret.txt", PathRefusal.INVALID),
        ("movies/trailer.mp4\0.txt", PathRefusal.INVALID),
        ("movies/trailer\n.mp4", PathRefusal.INVALID),
        ("movies/trailer\x7f.mp4", PathRefusal.INVALID),
        ("movies/trailer\x85.mp4", PathRefusal.INVALID),
        ("movies/%2e%2e/private/secret.txt", PathRefusal.INVALID),
        ("movies/%2E%2E%2Fprivate%2Fsecret.txt", PathRefusal.INVALID),
        ("movies/%252e%252e/private/secret.txt", PathRefusal.INVALID),
        ("movies/..%5cprivate", PathRefusal.INVALID),
        ("movies/%00", PathRefusal.INVALID),
        ("", PathRefusal.INVALID),
        ("movies/" + "a" * 5000, PathRefusal.INVALID),
    ],
)
def test_unsafe_paths_are_refused(
    guard: PathGuard, path: str, reason: PathRefusal
) -> None:
    """Escapes, special files, folders and unsafe text are refused, each for its reason."""
    assert _refusal(guard, path) is reason


def test_socket_is_not_a_file(tree: ShareTree) -> None:
    """A socket cannot even be opened; a device inside a root is refused by fstat."""
    guard = PathGuard({"dev": "/dev"})
    assert _refusal(guard, "dev/null") is PathRefusal.NOT_A_FILE


def test_share_path_from_absolute(guard: PathGuard, tree: ShareTree) -> None:
    """An absolute path inside a root becomes its share path; outside is refused."""
    dune = tree.movies / "Dune (2021)" / "Dune.mkv"
    assert guard.share_path(str(dune)) == "movies/Dune (2021)/Dune.mkv"
    assert guard.share_path("shows/Show/S01/E01.mkv") == "shows/Show/S01/E01.mkv"
    with pytest.raises(PathRefusedError):
        guard.share_path(str(tree.outside / "secret.txt"))
    with pytest.raises(PathRefusedError):
        guard.share_path(str(tree.movies / "escape.txt"))
    with pytest.raises(PathRefusedError):
        guard.share_path(str(tree.movies))


def test_symlink_swapped_after_check_is_refused(tmp_path: Path) -> None:
    """A folder replaced by a symlink between realpath and open is caught by O_NOFOLLOW."""
    tree = make_share_tree(tmp_path)
    guard = PathGuard(tree.roots())
    real_realpath = os.path.realpath

    def racing_realpath(path: str) -> str:
        resolved = real_realpath(path)
        if resolved.endswith("Dune.mkv"):
            # The attacker swaps the folder for a link to the private folder.
            folder = tree.movies / "Dune (2021)"
            folder.rename(tmp_path / "moved")
            folder.symlink_to(tree.outside)
            (tree.outside / "Dune.mkv").write_bytes(b"private")
        return resolved

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os.path, "realpath", racing_realpath)
        assert (
            _refusal(guard, "movies/Dune (2021)/Dune.mkv") is PathRefusal.OUTSIDE_ROOT
        )


def test_root_gone_is_not_found(tmp_path: Path) -> None:
    """A root that disappeared refuses everything."""
    guard = PathGuard({"gone": str(tmp_path / "gone")})
    assert _refusal(guard, "gone/file") is PathRefusal.NOT_FOUND


SEGMENTS = [
    "..", ".", "", "%2e%2e", "%2E%2e%2f", "%252e%252e", "..%2f", "%5c", "\\", "..\\",
    "\0", "\n", "\x1b", "private", "secret.txt", "escape.txt", "escape_dir", "up",
    "etc", "passwd", "devnull", "fifo", "socket", "dangling", "latest.mkv",
    "Dune (2021)", "Dune.mkv", "trailer.mp4", "empty.txt", "movies", "shows",
    "Show", "S01", "E01.mkv", "/", "//", "~", "$HOME", "Ünïcode “film”.mkv",
]  # fmt: skip
path_strategy = st.one_of(
    st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=8).map("/".join),
    st.lists(
        st.one_of(st.sampled_from(SEGMENTS), st.text(max_size=12)), max_size=6
    ).map(lambda parts: "/".join(["movies", *parts])),
    st.text(max_size=60),
)


@settings(
    max_examples=4800,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(path=path_strategy)
def test_fuzzed_paths_never_leave_the_roots(
    guard: PathGuard, tree: ShareTree, path: str
) -> None:
    """Whatever the path, an opened file is a regular file inside a root."""
    try:
        opened = guard.open(path)
    except PathRefusedError:
        return
    try:
        served = os.path.realpath(f"/proc/self/fd/{opened.fd}")
        assert any(served.startswith(root + os.sep) for root in guard.roots.values()), (
            served
        )
        assert (
            os.read(opened.fd, 100) != tree.outside.joinpath("secret.txt").read_bytes()
        )
    finally:
        os.close(opened.fd)
