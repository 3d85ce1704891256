"""Launch Debian's real ``qbittorrent-nox`` on loopback for tests and the demo.

Follows ``shared/specs/QBITTORRENT_NOX_RECIPE.md``: a throwaway profile with
the legal notice accepted, no UPnP/NAT-PMP/DHT/LSD/PeX/GeoIP, the peer
listener and WebUI on 127.0.0.1, and a PBKDF2 password hash. Uses asyncio
subprocesses only (no threads), stops only the PID it started.

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
import tempfile
import time
from typing import TYPE_CHECKING, Self

from .server import LOOPBACK, free_port

if TYPE_CHECKING:
    from types import TracebackType

BINARY = "qbittorrent-nox"
_START_BUDGET = 10.0
_STOP_BUDGET = 10.0
_VERSIONS: dict[str, str] = {}


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
    ) -> None:
        """Configure; nothing starts before ``start()`` / ``async with``."""
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
        self.version = ""

    def __repr__(self) -> str:
        """Never show the password."""
        return f"QbittorrentNox(url={self.url!r}, username={self.username!r})"

    @staticmethod
    def available() -> bool:
        """Whether the qbittorrent-nox binary is installed."""
        return shutil.which(BINARY) is not None

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
        binary = shutil.which(BINARY)
        if binary is None:
            raise RuntimeError(f"{BINARY} is not installed")
        self.webui_port = self.webui_port or free_port()
        self.bt_port = self.bt_port or free_port()
        self._write_profile()
        assert self.profile_dir is not None
        if binary not in _VERSIONS:
            _VERSIONS[binary] = await self._binary_version(binary)
        self.version = _VERSIONS[binary]
        with open(self.profile_dir / "nox.out", "wb") as output:  # noqa: ASYNC230
            self._proc = await asyncio.create_subprocess_exec(
                binary,
                f"--profile={self.profile_dir}",
                f"--webui-port={self.webui_port}",
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
        return out.decode(errors="replace").strip().rsplit(" ", 1)[-1].lstrip("v")

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
        except (OSError, TimeoutError):
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
