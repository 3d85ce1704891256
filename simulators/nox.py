"""Launch Debian's real ``qbittorrent-nox`` on loopback for tests and the demo.

Follows ``shared/specs/QBITTORRENT_NOX_RECIPE.md``: a throwaway profile with
the legal notice accepted, no UPnP/NAT-PMP/DHT/LSD/PeX/GeoIP, the peer
listener and WebUI on 127.0.0.1, and a PBKDF2 password hash. Uses asyncio
subprocesses only (no threads), stops only the PID it started.

Several versions can be installed side by side (Debian sid's 5.3.0 as
``qbittorrent-nox``, the host's Debian 12 4.5.2 as ``qbittorrent-nox-host``,
or the list in ``MYFLIX_NOX_BINARIES``); each binary is known by what its
``--version`` says, and ``QbittorrentNox(version="4.5.2")`` picks one.

    async with QbittorrentNox(username="tester", password="secret") as nox:
        client = QbittorrentClient(url=nox.url, ...)
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import hashlib
import os
from pathlib import Path
import shutil
import signal
import subprocess
import tempfile
import time
from typing import TYPE_CHECKING, Self

from .server import LOOPBACK, free_port

if TYPE_CHECKING:
    from types import TracebackType

BINARY = "qbittorrent-nox"
HOST_BINARY = "qbittorrent-nox-host"
BINARIES_ENV = "MYFLIX_NOX_BINARIES"
EXPECTED_VERSIONS = ("4.5.2", "5.3.0")
"""The versions users run (Debian 12 and Debian sid): CI must test both."""
_START_BUDGET = 10.0
_STOP_BUDGET = 10.0
_VERSIONS: dict[str, str] = {}


def _parse_version(output: str) -> str:
    """``qBittorrent v5.3.0`` → ``5.3.0`` (empty when nothing was printed)."""
    words = output.strip().split()
    return words[-1].lstrip("v") if words else ""


def version_key(version: str) -> tuple[int, ...]:
    """``"4.5.2"`` → ``(4, 5, 2)`` for sorting (non-numbers count as 0)."""
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def candidate_binaries() -> list[str]:
    """Return the binaries to try: ``MYFLIX_NOX_BINARIES`` (``:``/``,``/space separated) or the defaults."""
    listed = os.environ.get(BINARIES_ENV, "")
    names = [n for n in listed.replace(",", " ").replace(":", " ").split() if n]
    return names or [BINARY, HOST_BINARY]


def _probe_version(path: str) -> str:
    """Run ``path --version`` once (blocking, bounded); empty when it fails."""
    if path in _VERSIONS:
        return _VERSIONS[path]
    try:
        done = subprocess.run(  # noqa: S603 -- an installed binary, no shell
            [path, "--version"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except OSError, subprocess.TimeoutExpired:
        return ""
    version = _parse_version(done.stdout.decode(errors="replace"))
    if done.returncode == 0 and version:
        _VERSIONS[path] = version
    return version


def installed_versions() -> dict[str, str]:
    """Installed qbittorrent-nox binaries by version (the first of a version wins)."""
    found: dict[str, str] = {}
    for name in candidate_binaries():
        path = shutil.which(name)
        if path is None:
            continue
        version = _probe_version(path)
        if version and version not in found:
            found[version] = path
    return dict(sorted(found.items(), key=lambda kv: version_key(kv[0])))


def nox_versions() -> list[str]:
    """Return the versions tests run against: the expected ones plus any other installed."""
    versions = set(EXPECTED_VERSIONS) | set(installed_versions())
    return sorted(versions, key=version_key)


@functools.cache
def password_hash(password: str) -> str:
    """Return ``@ByteArray(salt:key)``: PBKDF2-HMAC-SHA512, 100000 rounds, 64 bytes.

    Cached, so the slow derivation runs once per password and process.
    """
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100000, 64)
    return f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"


class QbittorrentNox:
    """One real qbittorrent-nox process with its own profile and ports."""

    def __init__(
        self,
        *,
        username: str,
        password: str,
        webui_port: int | None = None,
        bt_port: int | None = None,
        profile_dir: str | os.PathLike[str] | None = None,
        max_auth_failures: int | None = None,
        ban_duration: int | None = None,
        extra_preferences: dict[str, str] | None = None,
        binary: str | None = None,
        version: str | None = None,
    ) -> None:
        """Configure; nothing starts before ``start()`` / ``async with``.

        ``binary`` names the executable; else ``version`` picks an installed
        one (see ``installed_versions``); else ``qbittorrent-nox``.
        """
        self.username = username
        self.password = password
        self.webui_port = webui_port
        self.bt_port = bt_port
        self._given_profile = Path(profile_dir) if profile_dir is not None else None
        self.profile_dir: Path | None = self._given_profile
        self._max_auth_failures = max_auth_failures
        self._ban_duration = ban_duration
        self._extra = dict(extra_preferences or {})
        self._proc: asyncio.subprocess.Process | None = None
        self._binary = binary
        self._wanted_version = version
        self.version = version or ""

    def __repr__(self) -> str:
        """Never show the password."""
        return (
            f"QbittorrentNox(url={self.url!r}, username={self.username!r}, "
            f"version={self.version!r})"
        )

    @staticmethod
    def available(version: str | None = None) -> bool:
        """Whether qbittorrent-nox (of ``version``, if given) is installed."""
        if version is not None:
            return version in installed_versions()
        return shutil.which(BINARY) is not None

    def _resolve_binary(self) -> str:
        """Return the executable to run; RuntimeError when it is not installed."""
        if self._binary is not None:
            path = shutil.which(self._binary)
            if path is None:
                raise RuntimeError(f"{self._binary} is not installed")
            return path
        if self._wanted_version is not None:
            found = installed_versions().get(self._wanted_version)
            if found is None:
                raise RuntimeError(
                    f"qbittorrent-nox {self._wanted_version} is not installed"
                    f" (found: {', '.join(installed_versions()) or 'none'})"
                )
            return found
        path = shutil.which(BINARY)
        if path is None:
            raise RuntimeError(f"{BINARY} is not installed")
        return path

    @property
    def url(self) -> str:
        """Base URL of the WebUI (no trailing slash)."""
        return f"http://{LOOPBACK}:{self.webui_port}"

    @property
    def download_dir(self) -> Path:
        """The default save path inside the profile."""
        assert self.profile_dir is not None
        return self.profile_dir / "downloads"

    @property
    def pid(self) -> int | None:
        """PID of the running process."""
        return self._proc.pid if self._proc is not None else None

    @property
    def output(self) -> str:
        """What the process printed so far (stdout + stderr)."""
        if self.profile_dir is None:
            return ""
        try:
            return (self.profile_dir / "nox.out").read_text(errors="replace")
        except OSError:
            return ""

    def _write_profile(self) -> None:
        if self.profile_dir is None:
            self.profile_dir = Path(tempfile.mkdtemp(prefix="qbt-nox."))
        config = self.profile_dir / "qBittorrent" / "config"
        config.mkdir(parents=True, exist_ok=True)
        self.download_dir.mkdir(parents=True, exist_ok=True)
        preferences = {
            "Connection\\ResolvePeerCountries": "false",
            "WebUI\\Address": LOOPBACK,
            "WebUI\\Port": str(self.webui_port),
            "WebUI\\UseUPnP": "false",
            "WebUI\\LocalHostAuth": "true",
            "WebUI\\Username": self.username,
            "WebUI\\Password_PBKDF2": f'"{password_hash(self.password)}"',
        }
        if self._max_auth_failures is not None:
            preferences["WebUI\\MaxAuthenticationFailCount"] = str(
                self._max_auth_failures
            )
        if self._ban_duration is not None:
            preferences["WebUI\\BanDuration"] = str(self._ban_duration)
        preferences.update(self._extra)
        lines = [
            "[LegalNotice]",
            "Accepted=true",
            "",
            "[Network]",
            "PortForwardingEnabled=false",
            "",
            "[BitTorrent]",
            "Session\\DHTEnabled=false",
            "Session\\LSDEnabled=false",
            "Session\\PeXEnabled=false",
            f"Session\\Port={self.bt_port}",
            "Session\\Interface=lo",
            "Session\\InterfaceName=lo",
            f"Session\\InterfaceAddress={LOOPBACK}",
            f"Session\\DefaultSavePath={self.download_dir}",
            "",
            "[Preferences]",
            *(f"{key}={value}" for key, value in preferences.items()),
            "",
        ]
        (config / "qBittorrent.conf").write_text("\n".join(lines))

    async def start(self) -> None:
        """Write the profile, start the process, wait until the WebUI answers."""
        if self._proc is not None:
            raise RuntimeError("already started")
        binary = self._resolve_binary()
        self.webui_port = self.webui_port or free_port()
        self.bt_port = self.bt_port or free_port()
        self._write_profile()
        assert self.profile_dir is not None
        if binary not in _VERSIONS:
            _VERSIONS[binary] = await self._binary_version(binary)
        self.version = _VERSIONS[binary]
        flags = [f"--profile={self.profile_dir}", f"--webui-port={self.webui_port}"]
        if version_key(self.version) >= (5,):
            # 5.x exits at start without it (4.x does not know the flag); the
            # profile's [LegalNotice] accepts it too, this is belt and braces.
            flags.append("--confirm-legal-notice")
        with open(self.profile_dir / "nox.out", "wb") as output:  # noqa: ASYNC230
            self._proc = await asyncio.create_subprocess_exec(
                binary,
                *flags,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=output,
                stderr=asyncio.subprocess.STDOUT,
            )
        try:
            await self._wait_ready()
        except BaseException:
            await self.stop()
            raise

    @staticmethod
    async def _binary_version(binary: str) -> str:
        proc = await asyncio.create_subprocess_exec(
            binary,
            "--version",
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        out, _ = await proc.communicate()
        return _parse_version(out.decode(errors="replace"))

    async def _wait_ready(self) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + _START_BUDGET
        while time.monotonic() < deadline:
            if self._proc.returncode is not None:
                raise RuntimeError(
                    f"qbittorrent-nox exited with {self._proc.returncode}:\n{self.output}"
                )
            if await self._answers():
                return
            await asyncio.sleep(0.05)
        raise RuntimeError(
            f"qbittorrent-nox did not answer within {_START_BUDGET} s:\n{self.output}"
        )

    async def _answers(self) -> bool:
        """Any HTTP status line on ``GET /`` means the WebUI is up."""
        try:
            reader, writer = await asyncio.open_connection(LOOPBACK, self.webui_port)
        except OSError:
            return False
        try:
            writer.write(
                f"GET / HTTP/1.0\r\nHost: {LOOPBACK}:{self.webui_port}\r\n\r\n".encode()
            )
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), 2.0)
            return line.startswith(b"HTTP/")
        except OSError, TimeoutError:
            return False
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def stop(self) -> None:
        """SIGTERM the process we started, wait, remove a profile we created."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), _STOP_BUDGET)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await proc.wait()
        if self._given_profile is None and self.profile_dir is not None:
            shutil.rmtree(self.profile_dir, ignore_errors=True)
            self.profile_dir = None

    async def __aenter__(self) -> Self:
        """Start on entry."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop on exit."""
        await self.stop()
