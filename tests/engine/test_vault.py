"""The vault engine: keys, tar, atomic files, retention, sources, and age interop."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
import errno
import io
import os
from pathlib import Path
import shutil
import subprocess
import tarfile
from typing import Any

import pytest

from custom_components.myflix.clients.arr.models import Backup, Command
from custom_components.myflix.clients.errors import MyflixConnectionError
from custom_components.myflix.engine.vault import (
    CorruptVaultError,
    InvalidIdentityError,
    InvalidRecipientError,
    Member,
    OsFileOps,
    SourceError,
    WrongIdentityError,
    age,
    apply_retention,
    arr_backup_source,
    collect,
    decrypt,
    generate_identity,
    open_vault,
    parse_recipients,
    qbittorrent_source,
    seal,
    settings_source,
    vault_files,
    wait_for_command,
)
from custom_components.myflix.engine.vault.age_recipients import X25519Recipient
from custom_components.myflix.engine.vault.bundle import build_manifest, build_tar
from custom_components.myflix.engine.vault.files import write_atomic

NOW = datetime(2026, 1, 2, 4, 45, tzinfo=UTC)


def keypair() -> tuple[str, str]:
    """A fresh age identity and its recipient, as text."""
    return generate_identity()


def members() -> list[Member]:
    """Two members with content, one with a timestamp."""
    return [
        Member(name="radarr/radarr_backup.zip", source="radarr", kind="backup",
               data=b"PK\x03\x04zip", version="5.2.6", time=NOW - timedelta(minutes=1)),
        Member(name="myflix/settings.json", source="myflix", kind="settings",
               data=b'{"radarr_api_key": "s3cret"}'),
    ]  # fmt: skip


def test_recipients_parse_lines_commas_comments_and_duplicates() -> None:
    """age's recipients-file syntax; a key given twice counts once."""
    _, first = keypair()
    _, second = keypair()
    text = f"# family\n{first}\n\n  {second} ,{first}\n"
    assert parse_recipients(text) == [first, second]
    assert parse_recipients([first]) == [first]
    assert parse_recipients("") == []


@pytest.mark.parametrize("bad", ["ssh-ed25519 AAAA", "age1notbech32", "hello"])
def test_a_bad_recipient_names_the_line(bad: str) -> None:
    """The error carries the offending line (a public key is no secret)."""
    _, good = keypair()
    with pytest.raises(InvalidRecipientError) as info:
        parse_recipients(f"{good}\n{bad}")
    assert info.value.line == bad


def test_a_pasted_secret_key_is_never_echoed() -> None:
    """The wrong half of the pair is refused without repeating it."""
    secret, _ = keypair()
    with pytest.raises(InvalidRecipientError) as info:
        parse_recipients(secret)
    assert secret not in str(info.value)
    assert secret[20:] not in info.value.line
    assert info.value.line.startswith("AGE-SECRET-KEY-1…")
    with pytest.raises(InvalidRecipientError) as info:
        parse_recipients("x" * 200)
    assert len(info.value.line) == 78


def test_seal_then_open_round_trip(tmp_path: Path) -> None:
    """The file decrypts with the identity; every member is intact; no plaintext."""
    identity, recipient = keypair()
    _, other = keypair()
    result = seal(
        tmp_path, members(), [], recipients=[recipient, other], created=NOW,
        producer={"name": "Myflix"}, keep=3,
    )  # fmt: skip
    data = Path(result.path).read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    assert b"s3cret" not in data
    assert Path(result.path).name == "myflix-vault-20260102T044500Z.tar.age"
    assert result.size == len(data)
    opened = open_vault(Path(result.path), identity)
    assert opened["intact"] is True
    assert opened["sha256"] == result.sha256
    assert [m["name"] for m in opened["members"]] == [m.name for m in members()]
    assert opened["members"][0]["version"] == "5.2.6"
    summary = result.as_dict()
    assert summary["members"][1] == {
        "name": "myflix/settings.json", "source": "myflix", "kind": "settings",
        "size": len(members()[1].data), "version": None,
    }  # fmt: skip
    assert "s3cret" not in repr(summary)


def test_age_cli_decrypts_the_vault(tmp_path: Path) -> None:
    """Interop: Debian's ``age -d`` opens the file; the tar holds manifest + members."""
    age = shutil.which("age")
    assert age, "Debian's age CLI is required (apt-get install age; scripts/setup)"
    identity, recipient = keypair()
    result = seal(
        tmp_path / "vault", members(), [], recipients=[recipient], created=NOW,
        producer={}, keep=3,
    )  # fmt: skip
    key_file = tmp_path / "key.txt"
    key_file.write_text(identity + "\n")
    plain = subprocess.run(
        [age, "-d", "-i", str(key_file), result.path],
        check=True, capture_output=True, timeout=30,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(plain)) as archive:
        names = archive.getnames()
        zipped = archive.extractfile("radarr/radarr_backup.zip")
        assert zipped is not None
        assert zipped.read() == b"PK\x03\x04zip"
    assert names == [
        "manifest.json",
        "radarr/radarr_backup.zip",
        "myflix/settings.json",
    ]


def test_a_vault_written_by_the_age_cli_opens(tmp_path: Path) -> None:
    """Interop the other way: ``age -r`` encrypts the tar; ``open_vault`` reads it."""
    age_cli = shutil.which("age")
    assert age_cli, "Debian's age CLI is required (apt-get install age; scripts/setup)"
    identity, recipient = keypair()
    manifest = build_manifest(members(), [], created=NOW, producer={})
    path = tmp_path / "myflix-vault-20260102T044500Z.tar.age"
    subprocess.run(
        [age_cli, "-r", recipient, "-o", str(path)],
        input=build_tar(members(), manifest).getvalue(), check=True, timeout=30,
    )  # fmt: skip
    opened = open_vault(path, identity)
    assert opened["intact"] is True
    assert [m["name"] for m in opened["members"]] == [m.name for m in members()]
    with pytest.raises(WrongIdentityError):
        open_vault(path, keypair()[0])


def test_wrong_identity_and_bad_identity_and_corrupt_file(tmp_path: Path) -> None:
    """Each failure has its own error; none quotes the key."""
    identity, recipient = keypair()
    stranger, _ = keypair()
    result = seal(tmp_path, members(), [], recipients=[recipient], created=NOW,
                  producer={}, keep=3)  # fmt: skip
    with pytest.raises(WrongIdentityError):
        open_vault(Path(result.path), stranger)
    with pytest.raises(InvalidIdentityError) as info:
        open_vault(Path(result.path), "AGE-SECRET-KEY-1NOTAKEY")
    assert "NOTAKEY" not in str(info.value)
    with pytest.raises(InvalidIdentityError):
        decrypt(b"", "age1public")
    junk = tmp_path / "junk"
    junk.write_bytes(b"not age at all")
    with pytest.raises(CorruptVaultError):
        open_vault(junk, stranger)
    with pytest.raises(CorruptVaultError):
        open_vault(tmp_path / "absent", stranger)
    sealed = Path(result.path).read_bytes()
    for damaged in (sealed[:-1], sealed[:100], sealed[:-5] + b"12345"):
        junk.write_bytes(damaged)
        with pytest.raises(CorruptVaultError):
            open_vault(junk, identity)


def test_decrypted_but_not_a_vault(tmp_path: Path) -> None:
    """An age file holding something else is reported as corrupt, not as a crash."""
    identity, recipient = keypair()
    path = tmp_path / "other.age"
    key = X25519Recipient.parse(recipient)
    path.write_bytes(age.encrypt_bytes(b"plain text", [key]))
    with pytest.raises(CorruptVaultError):
        open_vault(path, identity)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("manifest.json")
        info.size = 2
        archive.addfile(info, io.BytesIO(b"{}"))
    path.write_bytes(age.encrypt_bytes(buffer.getvalue(), [key]))
    with pytest.raises(CorruptVaultError, match="not a Myflix vault"):
        open_vault(path, identity)
    empty = io.BytesIO()
    with tarfile.open(fileobj=empty, mode="w"):
        pass
    path.write_bytes(age.encrypt_bytes(empty.getvalue(), [key]))
    with pytest.raises(CorruptVaultError, match="no readable manifest"):
        open_vault(path, identity)


class FullDisk(OsFileOps):
    """Writes the first chunk, then the disk is full."""

    def __init__(self) -> None:
        self.calls = 0

    def write(self, fd: int, data: memoryview) -> int:
        self.calls += 1
        if self.calls > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return os.write(fd, data[:1000])


def test_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    """ENOSPC half way: the error surfaces and the folder is as before."""
    (tmp_path / "keep.txt").write_text("mine")
    ops = FullDisk()
    with pytest.raises(OSError, match="No space left") as info:
        write_atomic(
            tmp_path,
            "myflix-vault-20260102T044500Z.tar.age",
            lambda writer: writer.write(bytes(5000)),
            ops,
        )
    assert info.value.errno == errno.ENOSPC
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
    _, recipient = keypair()
    with pytest.raises(OSError, match="No space left"):
        seal(tmp_path, members(), [], recipients=[recipient], created=NOW,
             producer={}, keep=1, ops=FullDisk())  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_a_failing_producer_leaves_nothing(tmp_path: Path) -> None:
    """Any error while producing the content removes the temp file too."""

    def broken(writer: Any) -> None:
        writer.write(b"half")
        raise ValueError("encryption failed")

    with pytest.raises(ValueError, match="encryption failed"):
        write_atomic(tmp_path, "myflix-vault-20260102T044500Z.tar.age", broken)
    assert list(tmp_path.iterdir()) == []


def test_retention_deletes_only_our_oldest_files(tmp_path: Path) -> None:
    """Keep N newest vault files; foreign files and look-alikes stay."""
    foreign = [
        "notes.txt", "myflix-vault-20250101T000000Z.tar", "myflix-vault-latest.tar.age",
        "other-vault-20250101T000000Z.tar.age", "myflix-vault-20250101T000000Z.tar.age.bak",
    ]  # fmt: skip
    for name in foreign:
        (tmp_path / name).write_text("x")
    (tmp_path / "myflix-vault-20250101T000000Z.tar.age").mkdir()  # a folder: not ours
    ours = [
        "myflix-vault-20260101T000000Z.tar.age",
        "myflix-vault-20260102T000000Z.tar.age",
        "myflix-vault-20260102T000000Z-1.tar.age",
        "myflix-vault-20260103T000000Z.tar.age",
    ]
    for name in ours:
        (tmp_path / name).write_bytes(b"age")
    stale = tmp_path / ".myflix-vault-20260101T000000Z.tar.age.0123abcd.tmp"
    fresh = tmp_path / ".myflix-vault-20260103T000000Z.tar.age.89abcdef.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (0, 0))
    deleted = apply_retention(tmp_path, 2, now=NOW.timestamp())
    assert deleted == [ours[1], ours[0]]
    assert [p.name for p in vault_files(tmp_path)] == [ours[3], ours[2]]
    assert all((tmp_path / name).exists() for name in foreign)
    assert not stale.exists()
    assert fresh.exists()  # may be a write in progress
    assert vault_files(tmp_path / "absent") == []


def test_same_second_vaults_get_distinct_names(tmp_path: Path) -> None:
    """Two vaults in one second: the second is ``-1``, both kept."""
    _, recipient = keypair()
    first = seal(
        tmp_path,
        members(),
        [],
        recipients=[recipient],
        created=NOW,
        producer={},
        keep=5,
    )
    second = seal(
        tmp_path,
        members(),
        [],
        recipients=[recipient],
        created=NOW,
        producer={},
        keep=5,
    )
    assert Path(second.path).name == "myflix-vault-20260102T044500Z-1.tar.age"
    assert [p.name for p in vault_files(tmp_path)] == [
        Path(second.path).name,
        Path(first.path).name,
    ]


class FakeArr:
    """Radarr's backup calls, scripted."""

    def __init__(self, statuses: list[str], backups: list[Backup]) -> None:
        self.statuses = statuses
        self.listed = backups
        self.downloaded: list[str] = []

    async def command(self, name: str, **fields: Any) -> Command:
        return Command(id=7, name=name, status="queued")

    async def get_command(self, command_id: int) -> Command:
        return Command(id=command_id, name="Backup", status=self.statuses.pop(0))

    async def backups(self) -> list[Backup]:
        return self.listed

    async def download_backup(self, backup: Backup) -> bytes:
        self.downloaded.append(backup.name)
        return b"PK" + backup.name.encode()


async def no_sleep(_: float) -> None:
    """Do not wait in tests."""


def backup(id_: int, name: str, days: int) -> Backup:
    """A listed backup ``days`` before NOW."""
    return Backup(id=id_, name=name, path=f"/backup/manual/{name}", type="manual",
                  size=10, time=NOW - timedelta(days=days))  # fmt: skip


async def test_arr_source_waits_for_the_command_and_takes_the_newest() -> None:
    """queued → started → completed, then the newest archive by time."""
    api = FakeArr(
        ["started", "completed"],
        [backup(1, "old.zip", 3), backup(2, "new.zip", 0), backup(3, "mid.zip", 1)],
    )
    source = arr_backup_source("radarr", api, version="5.2", sleep=no_sleep)
    (member,) = await source.fetch()
    assert api.downloaded == ["new.zip"]
    assert member.name == "radarr/new.zip"
    assert member.data == b"PKnew.zip"
    assert member.version == "5.2"


@pytest.mark.parametrize(
    ("statuses", "listed"),
    [(["failed"], [backup(1, "a.zip", 0)]), (["completed"], [])],
)
async def test_arr_source_failures(statuses: list[str], listed: list[Backup]) -> None:
    """A failed command, or no archive afterwards, is a SourceError."""
    source = arr_backup_source("sonarr", FakeArr(statuses, listed), version=None,
                               sleep=no_sleep)  # fmt: skip
    with pytest.raises(SourceError):
        await source.fetch()


async def test_wait_for_command_gives_up_after_the_timeout() -> None:
    """A command stuck in ``started`` ends the wait with a SourceError."""
    ticks = iter(range(100))
    api = FakeArr(["started"] * 50, [])
    with pytest.raises(SourceError, match="still started"):
        await wait_for_command(
            api, Command(id=1, name="Backup"), timeout=5, sleep=no_sleep,
            clock=lambda: float(next(ticks)),
        )  # fmt: skip


class FakeQbt:
    """qBittorrent's export calls."""

    async def preferences(self) -> dict[str, Any]:
        return {"web_ui_password": "hash", "proxy_password": "pw"}

    async def raw_categories(self) -> dict[str, Any]:
        return {"movies": {"name": "movies", "savePath": "/data/movies"}}


async def test_collect_keeps_what_came_and_names_what_did_not() -> None:
    """A source that cannot connect is missing; the others are collected."""

    def failing(err: Exception) -> Callable[[], Awaitable[list[Member]]]:
        async def fetch() -> list[Member]:
            raise err

        return fetch

    from custom_components.myflix.engine.vault import Source

    sources = [
        Source(name="radarr", fetch=failing(MyflixConnectionError("refused"))),
        Source(name="sonarr", fetch=failing(SourceError("failed"))),
        Source(name="slow", fetch=failing(TimeoutError())),
        qbittorrent_source(FakeQbt(), version="4.5.2", now=NOW),
        settings_source({"a": 1}, version="0.1.0", now=NOW),
    ]
    got, missing = await collect(sources)
    assert [m.name for m in got] == [
        "qbittorrent/preferences.json", "qbittorrent/categories.json",
        "myflix/settings.json",
    ]  # fmt: skip
    assert [m.as_dict() for m in missing] == [
        {"source": "radarr", "reason": "MyflixConnectionError"},
        {"source": "sonarr", "reason": "backup_failed"},
        {"source": "slow", "reason": "timeout"},
    ]
    with pytest.raises(ZeroDivisionError):  # a bug is not a missing source
        await collect([Source(name="bug", fetch=failing(ZeroDivisionError()))])


def test_a_really_full_tmpfs_leaves_no_partial_file(tmp_path: Path) -> None:
    """A 64 KiB tmpfs (root only) cannot take a 256 KiB vault: nothing is left."""
    disk = tmp_path / "tiny"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
        capture_output=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root; the injected ENOSPC test covers it")
    try:
        (disk / "keep.txt").write_text("mine")
        _, recipient = keypair()
        big = Member(name="radarr/big.zip", source="radarr", kind="backup",
                     data=os.urandom(256 * 1024))  # fmt: skip
        with pytest.raises(OSError, match="No space left"):
            seal(disk, [big], [], recipients=[recipient], created=NOW,
                 producer={}, keep=1)  # fmt: skip
        assert sorted(p.name for p in disk.iterdir()) == ["keep.txt"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)
