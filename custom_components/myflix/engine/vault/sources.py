"""Where the vault's members come from: *arr backups, qBittorrent, Myflix's settings.

Each source is an async function returning members; a source that fails is
recorded as missing and the others still go into the vault.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
import json
import time
from typing import Any, Protocol

from custom_components.myflix.clients.arr.models import Backup, Command
from custom_components.myflix.clients.errors import MyflixError

from .models import Member, Missing, SourceError

# A big library's database takes a while to zip; the apps run one command at a time.
BACKUP_TIMEOUT = 300.0
POLL_FIRST, POLL_MAX = 0.2, 2.0


class ArrBackupApi(Protocol):
    """The four Radarr/Sonarr calls a backup needs."""

    async def command(self, name: str, **fields: Any) -> Command:
        """Start a server command."""

    async def get_command(self, command_id: int) -> Command:
        """Read a command's state."""

    async def backups(self) -> list[Backup]:
        """List the backup archives."""

    async def download_backup(self, backup: Backup) -> bytes:
        """Download one archive."""


class QbittorrentExportApi(Protocol):
    """The qBittorrent calls the export needs."""

    async def preferences(self) -> dict[str, Any]:
        """``app/preferences``."""

    async def raw_categories(self) -> dict[str, Any]:
        """``torrents/categories`` as the server sent it."""


@dataclass(frozen=True, kw_only=True)
class Source:
    """A named producer of vault members."""

    name: str
    fetch: Callable[[], Awaitable[list[Member]]]


async def wait_for_command(
    api: ArrBackupApi,
    command: Command,
    *,
    timeout: float = BACKUP_TIMEOUT,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Command:
    """Poll a command until it finishes; raise unless it completed."""
    deadline, delay = clock() + timeout, POLL_FIRST
    while not command.finished:
        if clock() >= deadline:
            raise SourceError(
                f"{command.name} still {command.status} after {timeout:g} s"
            )
        await sleep(delay)
        delay = min(delay * 2, POLL_MAX)
        command = await api.get_command(command.id)
    if command.status != "completed":
        raise SourceError(f"{command.name} ended {command.status}")
    return command


def arr_backup_source(
    name: str,
    api: ArrBackupApi,
    *,
    version: str | None,
    timeout: float = BACKUP_TIMEOUT,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Source:
    """Run the app's ``Backup`` command, then fetch the newest archive."""

    async def fetch() -> list[Member]:
        command = await api.command("Backup")
        await wait_for_command(api, command, timeout=timeout, sleep=sleep)
        backups = [b for b in await api.backups() if b.path]
        if not backups:
            raise SourceError("No backup listed after the Backup command")
        newest = max(backups, key=lambda b: (b.time or datetime.min, b.id))
        data = await api.download_backup(newest)
        return [
            Member(
                name=f"{name}/{newest.name or f'{name}_backup.zip'}",
                source=name,
                kind="backup",
                data=data,
                version=version,
                time=newest.time,
            )
        ]

    return Source(name=name, fetch=fetch)


def _json(payload: Any) -> bytes:
    return json.dumps(payload, indent=2, sort_keys=True).encode()


def qbittorrent_source(
    api: QbittorrentExportApi, *, version: str | None, now: datetime
) -> Source:
    """QBittorrent's preferences (with their secrets) and categories."""

    async def fetch() -> list[Member]:
        preferences, categories = await asyncio.gather(
            api.preferences(), api.raw_categories()
        )
        return [
            Member(
                name="qbittorrent/preferences.json",
                source="qbittorrent",
                kind="preferences",
                data=_json(preferences),
                version=version,
                time=now,
            ),
            Member(
                name="qbittorrent/categories.json",
                source="qbittorrent",
                kind="categories",
                data=_json(categories),
                version=version,
                time=now,
            ),
        ]

    return Source(name="qbittorrent", fetch=fetch)


def settings_source(
    settings: Mapping[str, Any], *, version: str | None, now: datetime
) -> Source:
    """Myflix's own entry (data with the API keys, options)."""

    async def fetch() -> list[Member]:
        return [
            Member(
                name="myflix/settings.json",
                source="myflix",
                kind="settings",
                data=_json(dict(settings)),
                version=version,
                time=now,
            )
        ]

    return Source(name="myflix", fetch=fetch)


def error_kind(err: BaseException) -> str:
    """Return a short, secret-free reason: the error's class, never its text."""
    if isinstance(err, TimeoutError):
        return "timeout"
    if isinstance(err, SourceError):
        return "backup_failed"
    return type(err).__name__


async def collect(
    sources: Sequence[Source],
    *,
    describe: Callable[[BaseException], str] = error_kind,
) -> tuple[list[Member], list[Missing]]:
    """Run every source at once; keep what came, say what did not."""
    results = await asyncio.gather(
        *(source.fetch() for source in sources), return_exceptions=True
    )
    members: list[Member] = []
    missing: list[Missing] = []
    for source, result in zip(sources, results, strict=True):
        if isinstance(result, (MyflixError, SourceError, TimeoutError)):
            missing.append(Missing(source=source.name, reason=describe(result)))
        elif isinstance(result, BaseException):
            raise result
        else:
            members.extend(result)
    return members, missing
