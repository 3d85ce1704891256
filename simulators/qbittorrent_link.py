"""How the *arr simulators reach a real qBittorrent (WebUI API v2), as Radarr/Sonarr do.

Like Radarr's ``QBittorrentProxyV2`` it reads ``app/webapiVersion`` and speaks
the version's words: ``torrents/pause``/``resume`` before WebAPI 2.11 (4.x),
``torrents/stop``/``start`` from 2.11 (5.x; 5.3.0 answers 404 to ``pause``).
Login answers ``200 Ok.`` / ``200 Fails.`` up to 5.1 and ``204`` / ``401
Unauthorized`` from 5.2; ``torrents/add`` answers ``Ok.`` / ``Fails.`` or, from
5.2, a JSON count / ``409 Conflict``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import aiohttp

if TYPE_CHECKING:
    from .seeder import Seeder

V5_API = (2, 11, 0)


class QbittorrentLinkError(Exception):
    """qBittorrent refused a call or could not be reached."""


class QbittorrentLink:
    """A tiny WebUI API v2 client: login, add a magnet, list, delete."""

    def __init__(
        self, url: str, username: str, password: str, *, seeder: Seeder | None = None
    ) -> None:
        """Point at ``url`` (e.g. ``http://127.0.0.1:8080``) with WebUI credentials.

        With a ``seeder`` (the demo's second qbittorrent-nox), ``add_release``
        sends real .torrent files that the seeder seeds; without one it sends
        trackerless magnets that never download.
        """
        self.url = url.rstrip("/")
        self.seeder = seeder
        self._username = username
        self._password = password
        self._session: aiohttp.ClientSession | None = None
        self._logged_in = False
        self._api: tuple[int, ...] | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            # ``unsafe=True``: keep the SID cookie of an IP-address host.
            self._session = aiohttp.ClientSession(
                cookie_jar=aiohttp.CookieJar(unsafe=True),
                timeout=aiohttp.ClientTimeout(total=10),
            )
            self._logged_in = False
        return self._session

    async def close(self) -> None:
        """Close the HTTP session (a later call opens a new one)."""
        if self._session is not None:
            await self._session.close()
        self._session = None
        self._logged_in = False
        self._api = None

    async def login(self) -> None:
        """Log in: ``200 Ok.`` / ``200 Fails.`` (up to 5.1), ``204`` / ``401`` (5.2+)."""
        data = {"username": self._username, "password": self._password}
        try:
            async with self._http().post(
                f"{self.url}/api/v2/auth/login", data=data
            ) as resp:
                text = await resp.text()
        except aiohttp.ClientError as err:
            raise QbittorrentLinkError(f"qBittorrent unreachable: {err}") from err
        if resp.status == 403:
            raise QbittorrentLinkError("qBittorrent banned this IP after failed logins")
        if resp.status not in (200, 204) or text.strip() == "Fails.":
            raise QbittorrentLinkError("qBittorrent login failed")
        self._logged_in = True

    async def api_version(self) -> tuple[int, ...]:
        """Return the WebAPI version as numbers (read once per link)."""
        if self._api is None:
            raw = await self.webapi_version()
            with contextlib.suppress(ValueError):
                self._api = tuple(int(p) for p in raw.split("."))
            if not self._api:
                raise QbittorrentLinkError(f"qBittorrent WebAPI version {raw!r}")
        return self._api

    async def stop(self, hashes: list[str]) -> None:
        """Stop (pause) torrents: ``torrents/stop`` on 5.x, ``torrents/pause`` on 4.x."""
        v5 = await self.api_version() >= V5_API
        data = {"hashes": "|".join(h.lower() for h in hashes)}
        await self._call("POST", "torrents/stop" if v5 else "torrents/pause", data=data)

    async def start(self, hashes: list[str]) -> None:
        """Start (resume) torrents: ``torrents/start`` on 5.x, ``torrents/resume`` on 4.x."""
        v5 = await self.api_version() >= V5_API
        data = {"hashes": "|".join(h.lower() for h in hashes)}
        await self._call(
            "POST", "torrents/start" if v5 else "torrents/resume", data=data
        )

    async def _call(self, method: str, path: str, **kwargs: Any) -> tuple[int, str]:
        """Call ``/api/v2/<path>`` logged in; log in again once on 403."""
        for attempt in (1, 2):
            if not self._logged_in:
                await self.login()
            try:
                async with self._http().request(
                    method, f"{self.url}/api/v2/{path}", **kwargs
                ) as resp:
                    status, text = resp.status, await resp.text()
            except aiohttp.ClientError as err:
                raise QbittorrentLinkError(f"qBittorrent unreachable: {err}") from err
            if status == 403 and attempt == 1:
                self._logged_in = False
                continue
            if status >= 400:
                raise QbittorrentLinkError(
                    f"qBittorrent {path}: HTTP {status} {text[:100]}"
                )
            return status, text
        raise QbittorrentLinkError(f"qBittorrent {path}: forbidden")  # pragma: no cover

    async def webapi_version(self) -> str:
        """Return ``app/webapiVersion``, e.g. ``2.8.19``."""
        return (await self._call("GET", "app/webapiVersion"))[1].strip()

    async def add_magnet(self, info_hash: str, name: str, category: str) -> None:
        """Add a trackerless magnet for ``info_hash`` named ``name`` in ``category``."""
        magnet = f"magnet:?xt=urn:btih:{info_hash.lower()}&dn={quote(name)}"
        form = aiohttp.FormData(default_to_multipart=True)
        form.add_field("urls", magnet)
        form.add_field("category", category)
        await self._add(form, info_hash, f"the magnet for {name}", polls=10)

    async def add_release(
        self, name: str, category: str, *, size: int, info_hash: str | None = None
    ) -> str:
        """Send a grabbed release to qBittorrent; return its (lower-case) info hash.

        Without a seeder: a trackerless magnet (``info_hash`` or a random one).
        With one: the seeder publishes content for a new release (a known
        ``info_hash``, e.g. a cross-post of the same torrent, reuses its .torrent)
        and qBittorrent gets the .torrent plus the seeder as a peer.
        """
        seeder = self.seeder
        torrent = None
        if seeder is not None:
            if info_hash is None:
                info_hash, torrent = await seeder.publish(name, size)
            else:
                torrent = seeder.torrent(info_hash)
        info_hash = (info_hash or secrets.token_hex(20)).lower()
        if seeder is None or torrent is None:
            await self.add_magnet(info_hash, name, category)
            return info_hash
        await self.add_torrent(torrent, info_hash, name=name, category=category)
        if peers := seeder.peers(info_hash):
            # Faster than waiting for the announce; a failure changes nothing.
            with contextlib.suppress(QbittorrentLinkError):
                await self.add_peers([info_hash], peers)
        return info_hash

    async def add_torrent(
        self,
        torrent: bytes,
        info_hash: str,
        *,
        name: str,
        category: str | None = None,
        savepath: str | None = None,
        skip_checking: bool = False,
    ) -> None:
        """Add a .torrent file (``info_hash`` is its hash) and wait until it is listed."""
        form = aiohttp.FormData(default_to_multipart=True)
        form.add_field(
            "torrents",
            torrent,
            filename=f"{name}.torrent",
            content_type="application/x-bittorrent",
        )
        if category is not None:
            form.add_field("category", category)
        if savepath is not None:
            form.add_field("savepath", savepath)
        if skip_checking:
            form.add_field("skip_checking", "true")
        # Keep the torrent's folder (4.x's default "Original" layout; 5.x too).
        form.add_field("contentLayout", "Original")
        await self._add(form, info_hash, f"the torrent of {name}", polls=20)

    async def _add(
        self, form: aiohttp.FormData, info_hash: str, what: str, *, polls: int
    ) -> None:
        """``torrents/add``, then wait (``polls`` x 100 ms) until it is listed.

        qBittorrent adds asynchronously; like the apps' WaitForTorrent, poll
        until the torrent is visible.
        """
        try:
            _, text = await self._call("POST", "torrents/add", data=form)
        except QbittorrentLinkError as err:
            if "HTTP 409" in str(err):  # 5.2+: nothing was added
                raise QbittorrentLinkError(f"qBittorrent refused {what}") from err
            raise
        if not _added(text):
            raise QbittorrentLinkError(f"qBittorrent refused {what}")
        for _ in range(polls):
            if await self._list({"hashes": info_hash.lower()}):
                return
            await asyncio.sleep(0.1)

    async def add_peers(self, hashes: list[str], peers: list[str]) -> None:
        """``torrents/addPeers``: tell torrents about peers (``host:port``)."""
        data = {
            "hashes": "|".join(h.lower() for h in hashes),
            "peers": "|".join(peers),
        }
        await self._call("POST", "torrents/addPeers", data=data)

    async def set_preferences(self, preferences: dict[str, Any]) -> None:
        """``app/setPreferences`` with the given keys."""
        data = {"json": json.dumps(preferences)}
        await self._call("POST", "app/setPreferences", data=data)

    async def torrents(self, category: str) -> list[dict[str, Any]]:
        """List ``torrents/info`` of one category."""
        return await self._list({"category": category})

    async def all_torrents(self) -> list[dict[str, Any]]:
        """List every torrent (``torrents/info`` without a filter)."""
        return await self._list({})

    async def _list(self, params: dict[str, str]) -> list[dict[str, Any]]:
        _, text = await self._call("GET", "torrents/info", params=params)
        try:
            payload = json.loads(text)
        except ValueError as err:
            raise QbittorrentLinkError("qBittorrent sent invalid JSON") from err
        if not isinstance(payload, list):
            raise QbittorrentLinkError("qBittorrent torrents/info is not a list")
        return payload

    async def delete(self, hashes: list[str], *, delete_files: bool) -> None:
        """Delete torrents (``deleteFiles`` is mandatory on 4.5)."""
        data = {
            "hashes": "|".join(h.lower() for h in hashes),
            "deleteFiles": "true" if delete_files else "false",
        }
        await self._call("POST", "torrents/delete", data=data)


def _added(text: str) -> bool:
    """Whether a ``torrents/add`` reply accepted something (``Ok.`` or 5.2+'s JSON)."""
    text = text.strip()
    if not text.startswith("{"):
        return text != "Fails."
    try:
        result = json.loads(text)
    except ValueError:
        return False
    return isinstance(result, dict) and bool(
        result.get("success_count") or result.get("pending_count")
    )
