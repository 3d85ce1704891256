"""Wire-level behaviour, asserted identically on the simulator and the real qbittorrent-nox.

Where the wire changed in 5.2 (measured on 5.3.0 against 4.5.2), each version's
real answer is asserted explicitly: login ``204`` empty / ``401 Unauthorized``
(``200 Ok.`` / ``200 Fails.``), cookie ``QBT_SID_<port>`` (``SID``), unknown
endpoints ``Endpoint does not exist`` (``Not Found``), a missing parameter named
in the 400, ``torrents/add`` answering JSON or ``409 Conflict`` (``Ok.`` /
``Fails.``), and a full ``sync/maindata`` without empty ``categories``/``tags``.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
import json
import re
from typing import TYPE_CHECKING, Any

import aiohttp

from .conftest import PASSWORD, USERNAME, Backend, eventually

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

TEXT = "text/plain; charset=UTF-8"
SET_COOKIE = re.compile(r"^SID=[A-Za-z0-9+/]{32}; HttpOnly; path=/; SameSite=Strict$")
SET_COOKIE_52 = re.compile(
    r"^QBT_SID_(?P<port>\d+)=[A-Za-z0-9+/]{32}; HttpOnly; SameSite=Lax; "
    r"expires=\w{3}, \d{2}-\w{3}-\d{4} \d{2}:\d{2}:\d{2} GMT; path=/$"
)


def login_ok(backend: Backend) -> tuple[int, str]:
    """A successful login's status and body."""
    return (204, "") if backend.is_v52 else (200, "Ok.")


def not_found(backend: Backend) -> str:
    """The 404 text of an unknown endpoint."""
    return "Endpoint does not exist" if backend.is_v52 else "Not Found"


class Raw:
    """A cookie-less aiohttp session with explicit cookies, to see the wire."""

    def __init__(self, backend: Backend, session: aiohttp.ClientSession) -> None:
        self.base = f"{backend.url}/api/v2/"
        self.session = session
        self.sid: str | None = None
        port = backend.url.rsplit(":", 1)[1]
        self.cookie = f"QBT_SID_{port}" if backend.is_v52 else "SID"
        self.backend = backend

    async def call(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> tuple[int, str, str, aiohttp.ClientResponse]:
        headers = dict(headers or {})
        if self.sid:
            headers["Cookie"] = f"{self.cookie}={self.sid}"
        async with self.session.request(
            method, self.base + path, headers=headers, **kwargs
        ) as response:
            body = await response.text()
            return (
                response.status,
                body,
                response.headers.get("Content-Type", ""),
                response,
            )

    async def login(self) -> None:
        status, body, _, response = await self.call(
            "POST", "auth/login", data={"username": USERNAME, "password": PASSWORD}
        )
        assert (status, body) == login_ok(self.backend)
        self.sid = response.cookies[self.cookie].value


@asynccontextmanager
async def _raw(backend: Backend) -> AsyncIterator[Raw]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        yield Raw(backend, session)


async def test_auth_wire_format(backend: Backend) -> None:
    async with _raw(backend) as raw:
        status, body, ctype, _ = await raw.call("GET", "app/version")
        assert (status, body, ctype) == (403, "Forbidden", TEXT)
        status, body, _, _ = await raw.call("GET", "auth/login")
        assert (status, body) == (405, "Method Not Allowed")
        status, body, _, _ = await raw.call(
            "POST", "auth/login", data={"username": USERNAME, "password": "wrong"}
        )
        if backend.is_v52:
            assert (status, body) == (401, "Unauthorized")
        else:
            assert (status, body) == (200, "Fails.")
        status, _, _, _ = await raw.call(
            "POST",
            "auth/login",
            data={"username": USERNAME, "password": PASSWORD},
            headers={"Referer": "http://evil.example:1234/"},
        )
        assert status == 401
        status, body, ctype, response = await raw.call(
            "POST",
            "auth/login",
            data={"username": USERNAME, "password": PASSWORD},
            headers={"Referer": backend.url + "/"},
        )
        if backend.is_v52:  # 204: no body, no Content-Type
            assert (status, body, ctype) == (204, "", "")
            match = SET_COOKIE_52.match(response.headers["Set-Cookie"])
            assert match is not None, response.headers["Set-Cookie"]
            assert backend.url.endswith(f":{match['port']}")
        else:
            assert (status, body, ctype) == (200, "Ok.", TEXT)
            assert SET_COOKIE.match(response.headers["Set-Cookie"])
        raw.sid = response.cookies[raw.cookie].value
        status, body, ctype, _ = await raw.call("GET", "app/version")
        assert (status, body, ctype) == (200, f"v{backend.version}", TEXT)
        status, body, ctype, _ = await raw.call("GET", "torrents/info")
        assert (status, body, ctype) == (200, "[]", "application/json")
        status, body, _, response = await raw.call("POST", "auth/logout")
        assert (status, body) == (200, "")
        assert response.headers["Set-Cookie"].startswith(f"{raw.cookie}=; expires=")
        status, _, _, _ = await raw.call("GET", "app/version")
        assert status == 403


async def test_endpoint_and_verb_errors(backend: Backend) -> None:
    async with _raw(backend) as raw:
        await raw.login()
        status, body, _, _ = await raw.call("GET", "torrents/doesNotExist")
        assert (status, body) == (404, not_found(backend))
        old, new = ("pause", "stop") if not backend.is_v5 else ("stop", "pause")
        status, _, _, _ = await raw.call("GET", f"torrents/{old}?hashes=all")
        assert status == 405  # exists, but only for POST
        status, body, _, _ = await raw.call(
            "POST", f"torrents/{new}", data={"hashes": "all"}
        )
        assert (status, body) == (404, not_found(backend))
        status, body, _, _ = await raw.call(
            "POST", "torrents/delete", data={"hashes": "0" * 40}
        )
        if backend.is_v52:
            assert (status, body) == (400, "Missing required parameters: deleteFiles")
        else:
            assert (status, body) == (400, "Bad Request")
        # an unknown category is only refused when a torrent is affected
        status, body, _, _ = await raw.call(
            "POST", "torrents/setCategory", data={"hashes": "all", "category": "nope"}
        )
        assert (status, body) == (200, "")
        status, body, _, _ = await raw.call(
            "GET", "torrents/properties?hash=" + "0" * 40
        )
        assert (status, body) == (404, "Not Found")
        form = aiohttp.FormData()
        form.add_field("torrents", b"notatorrent", filename="bad.torrent")
        status, body, _, _ = await raw.call("POST", "torrents/add", data=form)
        assert (status, body) == (
            415,
            "Error: 'bad.torrent' is not a valid torrent file.",
        )
        status, body, _, _ = await raw.call(
            "POST", "torrents/add", data={"urls": "junk"}
        )
        if backend.is_v52:
            assert (status, body) == (409, "Conflict")
        else:
            assert (status, body) == (200, "Fails.")
        # reads also accept POST
        status, body, _, _ = await raw.call("POST", "app/webapiVersion")
        assert status == 200
        assert body.startswith("2.")


async def test_info_sort_limit_and_unknown_filter(backend: Backend) -> None:
    async with _raw(backend) as raw:
        await raw.login()
        for name in ("b-second.bin", "a-first.bin"):
            data, torrent_hash = backend.torrent(name, with_data=False)
            form = aiohttp.FormData()
            form.add_field("torrents", data, filename=f"{name}.torrent")
            status, body, ctype, _ = await raw.call("POST", "torrents/add", data=form)
            if backend.is_v52:
                assert (status, ctype) == (200, "application/json")
                assert json.loads(body) == {
                    "added_torrent_ids": [torrent_hash],
                    "failure_count": 0,
                    "pending_count": 0,
                    "success_count": 1,
                }
            else:
                assert (status, body) == (200, "Ok.")

        async def names(query: str) -> list[str]:
            status, body, _, _ = await raw.call("GET", f"torrents/info?{query}")
            assert status == 200, body
            return [t["name"] for t in json.loads(body)]

        await eventually(lambda: names(""), lambda n: len(n) == 2)
        assert await names("sort=name") == ["a-first.bin", "b-second.bin"]
        assert await names("sort=name&reverse=true&limit=1") == ["b-second.bin"]
        assert await names("sort=name&offset=-1") == ["b-second.bin"]
        assert await names("sort=name&offset=1&limit=5") == ["b-second.bin"]
        status, body, _, _ = await raw.call("GET", "torrents/info?sort=nosuchkey")
        assert (status, body) == (400, "'sort' parameter is invalid")
        # a filter name from the other major version is unknown: treated as "all"
        other = "paused" if backend.is_v5 else "stopped"
        assert len(await names(f"filter={other}")) == 2
        assert await names("filter=completed") == []


async def test_sync_rid_is_per_session(backend: Backend) -> None:
    async with _raw(backend) as raw:
        await raw.login()

        async def maindata(rid: int) -> dict[str, Any]:
            status, body, ctype, _ = await raw.call("GET", f"sync/maindata?rid={rid}")
            assert (status, ctype) == (200, "application/json")
            return dict(json.loads(body))

        full = await maindata(0)
        assert full["rid"] == 1
        assert full["full_update"] is True
        expected = {"full_update", "rid", "server_state"}
        if not backend.is_v52:  # 5.3.0 leaves the empty maps out
            expected |= {"categories", "tags", "torrents", "trackers"}
        assert set(full) == expected
        status, _, _, _ = await raw.call(
            "POST",
            "torrents/createCategory",
            data={"category": "radarr", "savePath": ""},
        )
        assert status == 200
        delta = await maindata(1)
        assert delta["rid"] == 2
        assert "full_update" not in delta
        radarr = delta["categories"]["radarr"]
        assert set(delta["categories"]) == {"radarr"}
        assert {k: radarr[k] for k in ("name", "savePath")} == {
            "name": "radarr",
            "savePath": "",
        }
        if backend.is_v52:  # 5.3.0 adds the category's share limits
            assert radarr["share_limits_mode"] == "Default"
            assert radarr["download_path"] is None
        else:
            assert set(radarr) == {"name", "savePath"}
        assert "torrents" not in delta
        assert "tags" not in delta
        # the previous rid is still accepted
        assert "full_update" not in await maindata(2)
        stale = await maindata(1)
        assert stale["full_update"] is True
        # a second session has its own rid sequence
        first_sid = raw.sid
        # logging in again with a valid session just succeeds (no new cookie)
        status, body, _, response = await raw.call(
            "POST", "auth/login", data={"username": USERNAME, "password": "wrong"}
        )
        assert (status, body) == login_ok(backend)
        assert "Set-Cookie" not in response.headers
        raw.sid = None
        await raw.login()
        assert raw.sid != first_sid
        assert (await maindata(0))["rid"] == 1
