"""The qbittorrent-nox launcher: profile, readiness, clean stop."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from simulators import nox as nox_module
from simulators.nox import QbittorrentNox, password_hash

from .conftest import NOX_MISSING

if TYPE_CHECKING:
    from pathlib import Path

needs_nox = pytest.mark.skipif(not QbittorrentNox.available(), reason=NOX_MISSING)


@needs_nox
async def test_start_and_stop_with_a_temporary_profile(socket_enabled: None) -> None:
    launcher = QbittorrentNox(username="u", password="very-secret")
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
        assert launcher.version.count(".") == 2
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


@needs_nox
async def test_given_profile_is_kept(socket_enabled: None, tmp_path: Path) -> None:
    async with QbittorrentNox(
        username="u", password="p", profile_dir=tmp_path / "p", extra_preferences={}
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


def test_password_hash_format() -> None:
    value = password_hash("adminadmin")
    assert value.startswith("@ByteArray(")
    assert value.endswith(")")
    salt, key = value[len("@ByteArray(") : -1].split(":")
    assert len(salt) == 24  # 16 bytes, base64
    assert len(key) == 88  # 64 bytes, base64
    assert password_hash("adminadmin") == value  # cached per process
