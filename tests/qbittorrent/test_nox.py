"""The qbittorrent-nox launcher: profile, readiness, clean stop, in every installed version."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from simulators import nox as nox_module
from simulators.nox import QbittorrentNox, password_hash
from tests.nox_versions import NOX_PARAMS, require_nox

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("version", NOX_PARAMS)
async def test_start_and_stop_with_a_temporary_profile(
    version: str, socket_enabled: None
) -> None:
    require_nox(version)
    launcher = QbittorrentNox(username="u", password="very-secret", version=version)
    await launcher.start()
    try:
        profile = launcher.profile_dir
        assert profile is not None
        conf = (profile / "qBittorrent" / "config" / "qBittorrent.conf").read_text()
        for line in (
            "Accepted=true",
            "PortForwardingEnabled=false",
            "Session\\DHTEnabled=false",
            "Session\\LSDEnabled=false",
            "Session\\PeXEnabled=false",
            "Session\\InterfaceAddress=127.0.0.1",
            "Connection\\ResolvePeerCountries=false",
            "WebUI\\Address=127.0.0.1",
            "WebUI\\UseUPnP=false",
        ):
            assert line in conf
        assert "very-secret" not in conf
        assert "very-secret" not in repr(launcher)
        assert launcher.url.startswith("http://127.0.0.1:")
        assert launcher.version == version
        pid = launcher.pid
        assert pid is not None
        with pytest.raises(RuntimeError, match="already started"):
            await launcher.start()
    finally:
        await launcher.stop()
    assert launcher.pid is None
    assert not profile.exists()  # the temporary profile is removed
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    await launcher.stop()  # idempotent


@pytest.mark.parametrize("version", NOX_PARAMS)
async def test_given_profile_is_kept(
    version: str, socket_enabled: None, tmp_path: Path
) -> None:
    require_nox(version)
    async with QbittorrentNox(
        username="u",
        password="p",
        profile_dir=tmp_path / "p",
        extra_preferences={},
        version=version,
    ) as launcher:
        assert launcher.download_dir.is_dir()
    assert (tmp_path / "p" / "nox.out").exists()
    assert "Exiting cleanly" in (tmp_path / "p" / "nox.out").read_text()


async def test_process_that_dies_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, socket_enabled: None
) -> None:
    monkeypatch.setattr(nox_module, "BINARY", "false")
    launcher = QbittorrentNox(username="u", password="p", profile_dir=tmp_path)
    with pytest.raises(RuntimeError, match="exited with 1"):
        await launcher.start()
    assert launcher.pid is None
    monkeypatch.setattr(nox_module, "BINARY", "no-such-binary-here")
    assert not QbittorrentNox.available()
    with pytest.raises(RuntimeError, match="not installed"):
        await QbittorrentNox(username="u", password="p").start()
    with pytest.raises(RuntimeError, match="no-such is not installed"):
        await QbittorrentNox(username="u", password="p", binary="no-such").start()
    with pytest.raises(RuntimeError, match=r"qbittorrent-nox 0\.0\.1 is not installed"):
        await QbittorrentNox(username="u", password="p", version="0.0.1").start()


def test_binaries_are_discovered_by_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each binary is known by its --version; a version found twice is kept once."""
    for name, version in (("nox-a", "4.5.2"), ("nox-b", "9.9.9"), ("nox-c", "9.9.9")):
        script = tmp_path / name
        script.write_text(f"#!/bin/sh\necho 'qBittorrent v{version}'\n")
        script.chmod(0o755)
    (tmp_path / "broken").write_text("#!/bin/sh\nexit 3\n")
    (tmp_path / "broken").chmod(0o755)
    monkeypatch.setenv(
        nox_module.BINARIES_ENV,
        f"{tmp_path}/nox-c,{tmp_path}/nox-a {tmp_path}/nox-b:{tmp_path}/broken:nope",
    )
    assert nox_module.installed_versions() == {
        "4.5.2": f"{tmp_path}/nox-a",
        "9.9.9": f"{tmp_path}/nox-c",
    }
    assert nox_module.nox_versions() == ["4.5.2", "5.3.0", "9.9.9"]
    assert QbittorrentNox.available("9.9.9")
    assert not QbittorrentNox.available("5.3.0")


def test_password_hash_format() -> None:
    value = password_hash("adminadmin")
    assert value.startswith("@ByteArray(")
    assert value.endswith(")")
    salt, key = value[len("@ByteArray(") : -1].split(":")
    assert len(salt) == 24  # 16 bytes, base64
    assert len(key) == 88  # 64 bytes, base64
    assert password_hash("adminadmin") == value  # cached per process
