"""A second real qbittorrent-nox that seeds the demo's releases, so downloads move.

When a Radarr/Sonarr simulator grabs a release, the seeder writes its content
(a folder with a video file of random bytes and a small ``.nfo``), builds a
real v1 .torrent announcing to the seeder's embedded tracker, and seeds it
from the files already in place (``skip_checking``). The demo's qBittorrent
then gets the same .torrent (``QbittorrentLink.add_release``) and finds the
seeder through the tracker (and ``torrents/addPeers`` right away). All on
loopback: peer listeners and tracker on 127.0.0.1, no DHT/LSD/PeX.

The content is the release size the *arr announces, scaled down (``scale``,
within ``min_bytes``..``max_bytes``), and the seeder's global upload limit
(``up_limit``; ``limit_lan_peers`` so it applies to loopback peers too)
makes the downloads take minutes rather than a blink.

One release can be published without being seeded (``unseeded``: the first
release whose name starts with it): qBittorrent has its .torrent, the tracker
answers with no peer, and the download is ``stalledDL`` for good, which is
what Myflix's self-healing strikes and replaces.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
import hashlib
import os
from pathlib import Path
import secrets
import time
from typing import TYPE_CHECKING, Any, Self

from .nox import QbittorrentNox
from .qbittorrent.bencode import bencode
from .qbittorrent_link import QbittorrentLink
from .server import LOOPBACK, free_port

if TYPE_CHECKING:
    from types import TracebackType

KIB = 1024
MIB = 1024 * KIB
_CHUNK = 1 * MIB
# What two qbittorrent-nox on one loopback need to exchange pieces (measured on
# 4.5.2 and 5.3.0): every peer is 127.0.0.1, and with one connection per IP
# (the default) libtorrent merges the seeder, the downloader and itself into
# one peer entry and never connects; uTP on loopback connects but stalls.
LOOPBACK_PEERS = {
    "enable_multi_connections_from_same_ip": True,
    "bittorrent_protocol": 1,  # TCP only
}
SEEDING = frozenset({"uploading", "stalledUP", "forcedUP", "queuedUP"})
_NFO = (
    "Myflix demo release: random bytes, seeded on loopback by simulators/seeder.py.\n"
)


@dataclass(frozen=True, kw_only=True)
class SeederSettings:
    """How much content a release gets and how fast the seeder sends it."""

    scale: float = 1 / 256
    """Content bytes per byte of the release size the *arr announces."""
    min_bytes: int = 4 * MIB
    max_bytes: int = 96 * MIB
    up_limit: int = 512 * KIB
    """The seeder's global upload limit in bytes/s (0 = none)."""
    unseeded: str | None = None
    """Publish the first release whose name starts with this, but do not seed it."""

    def content_size(self, release_size: int) -> int:
        """Bytes of content for a release the *arr says is ``release_size`` bytes."""
        return max(self.min_bytes, min(self.max_bytes, int(release_size * self.scale)))


def _piece_length(total: int) -> int:
    """Pick a power of two from 16 KiB to 1 MiB: a few hundred pieces at most."""
    length = 16 * KIB
    while length < MIB and total // length > 400:
        length *= 2
    return length


def write_release(folder: Path, name: str, size: int) -> dict[str, Any]:
    """Write ``folder/name/`` (video + nfo, ``size`` bytes); return the info dict.

    Blocking: run it in a thread. The pieces are hashed while writing.
    """
    nfo = _NFO.encode()
    files = [(f"{name}.mkv", max(1, size - len(nfo))), (f"{name}.nfo", len(nfo))]
    total = sum(length for _, length in files)
    plen = _piece_length(total)
    root = folder / name
    root.mkdir(parents=True, exist_ok=True)
    pieces: list[bytes] = []
    pending = bytearray()
    for file_name, length in files:
        with open(root / file_name, "wb") as out:
            left = length
            while left:
                chunk = (
                    nfo if file_name.endswith(".nfo") else os.urandom(min(left, _CHUNK))
                )
                out.write(chunk)
                left -= len(chunk)
                pending += chunk
                while len(pending) >= plen:
                    pieces.append(hashlib.sha1(pending[:plen]).digest())  # noqa: S324
                    del pending[:plen]
    if pending:
        pieces.append(hashlib.sha1(pending).digest())  # noqa: S324
    return {
        "name": name,
        "piece length": plen,
        "pieces": b"".join(pieces),
        "files": [{"length": length, "path": [f]} for f, length in files],
    }


class Seeder:
    """A qbittorrent-nox of its own (profile, ports, tracker) seeding the releases."""

    def __init__(
        self, settings: SeederSettings | None = None, *, binary: str | None = None
    ) -> None:
        """Configure; nothing starts before ``start()`` / ``async with``."""
        self.settings = settings or SeederSettings()
        self.nox = QbittorrentNox(
            username="seeder", password=secrets.token_urlsafe(16), binary=binary
        )
        self.tracker_port = 0
        self._link: QbittorrentLink | None = None
        self._torrents: dict[str, bytes] = {}
        self._seeded: set[str] = set()
        self._unseeded_used = False
        self._lock = asyncio.Lock()

    @property
    def announce_url(self) -> str:
        """The embedded tracker's announce URL."""
        return f"http://{LOOPBACK}:{self.tracker_port}/announce"

    @property
    def unseeded_hashes(self) -> list[str]:
        """Hashes published but deliberately not seeded."""
        return [h for h in self._torrents if h not in self._seeded]

    async def start(self) -> None:
        """Start the seeder's qbittorrent-nox and configure it for loopback seeding."""
        self.tracker_port = free_port()
        await self.nox.start()
        self._link = QbittorrentLink(self.nox.url, self.nox.username, self.nox.password)
        await self._link.set_preferences(
            {
                **LOOPBACK_PEERS,
                "enable_embedded_tracker": True,
                "embedded_tracker_port": self.tracker_port,
                "embedded_tracker_port_forwarding": False,
                "up_limit": self.settings.up_limit,
                # Loopback peers count as LAN peers: without this the cap is void.
                "limit_lan_peers": True,
                # Seed every release at once, never stop at a ratio.
                "queueing_enabled": False,
                "max_ratio_enabled": False,
                "max_seeding_time_enabled": False,
            }
        )

    async def stop(self) -> None:
        """Stop the process (its temporary profile, content included, goes too)."""
        if self._link is not None:
            await self._link.close()
            self._link = None
        await self.nox.stop()

    def torrent(self, info_hash: str) -> bytes | None:
        """Return the .torrent published under ``info_hash``, if any."""
        return self._torrents.get(info_hash.lower())

    def peers(self, info_hash: str) -> list[str]:
        """Where a downloader finds the seeder of ``info_hash`` (none when unseeded)."""
        if info_hash.lower() not in self._seeded:
            return []
        return [f"{LOOPBACK}:{self.nox.bt_port}"]

    async def publish(self, name: str, release_size: int) -> tuple[str, bytes]:
        """Write a release's content, build its .torrent, seed it; return (hash, .torrent)."""
        assert self._link is not None, "start() first"
        size = self.settings.content_size(release_size)
        folder = self.nox.download_dir
        info = await asyncio.to_thread(write_release, folder, name, size)
        root = {
            "announce": self.announce_url,
            "announce-list": [[self.announce_url]],
            "created by": "myflix-sim seeder",
            "creation date": int(time.time()),
            "info": info,
        }
        torrent = bencode(root)
        info_hash = hashlib.sha1(bencode(info)).hexdigest()  # noqa: S324
        async with self._lock:
            self._torrents[info_hash] = torrent
            wanted = self.settings.unseeded
            if wanted and not self._unseeded_used and name.startswith(wanted):
                self._unseeded_used = True
                return info_hash, torrent
        await self._link.add_torrent(
            torrent, info_hash, name=name, savepath=str(folder), skip_checking=True
        )
        self._seeded.add(info_hash)
        # A downloader that connects while the seeder still loads the torrent is
        # turned away and retries only much later: wait until it seeds.
        for _ in range(50):
            listed = await self._link.all_torrents()
            if any(t["hash"] == info_hash and t["state"] in SEEDING for t in listed):
                break
            await asyncio.sleep(0.1)
        return info_hash, torrent

    async def torrents(self) -> list[dict[str, Any]]:
        """List the seeder's ``torrents/info``."""
        assert self._link is not None
        return await self._link.all_torrents()

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
