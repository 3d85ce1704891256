"""Wire-level behaviour, asserted identically on the simulator and the real qbittorrent-nox."""

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


class Raw:
    """A cookie-less aiohttp session with explicit cookies, to see the wire."""

    def __init__(self, backend: Backend, session: aiohttp.ClientSession) -> None:
        self.base = f"{backend.url}/api/v2/"
        self.session = session
        self.sid: str | None = None

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
            headers["Cookie"] = f"SID={self.sid}"
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
        assert (status, body) == (200, "Ok.")
        self.sid = response.cookies["SID"].value


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
        assert (status, body, ctype) == (200, "Ok.", TEXT)
        assert SET_COOKIE.match(response.headers["Set-Cookie"])
        raw.sid = response.cookies["SID"].value
        status, body, ctype, _ = await raw.call("GET", "app/version")
        assert (status, body, ctype) == (200, f"v{backend.version}", TEXT)
        status, body, ctype, _ = await raw.call("GET", "torrents/info")
        assert (status, body, ctype) == (200, "[]", "application/json")
        status, body, _, _ = await raw.call("POST", "auth/logout")
        assert (status, body) == (200, "")
        status, _, _, _ = await raw.call("GET", "app/version")
        assert status == 403


async def test_endpoint_and_verb_errors(backend: Backend) -> None:
    async with _raw(backend) as raw:
        await raw.login()
        status, body, _, _ = await raw.call("GET", "torrents/doesNotExist")
        assert (status, body) == (404, "Not Found")
        old, new = ("pause", "stop") if not backend.is_v5 else ("stop", "pause")
        status, _, _, _ = await raw.call("GET", f"torrents/{old}?hashes=all")
        assert status == 405  # exists, but only for POST
        status, body, _, _ = await raw.call(
            "POST", f"torrents/{new}", data={"hashes": "all"}
        )
        assert (status, body) == (404, "Not Found")
        status, body, _, _ = await raw.call(
            "POST", "torrents/delete", data={"hashes": "0" * 40}
        )
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
        assert (status, body) == (200, "Fails.")
        # reads also accept POST
        status, body, _, _ = await raw.call("POST", "app/webapiVersion")
        assert status == 200
        assert body.startswith("2.")


async def test_info_sort_limit_and_unknown_filter(backend: Backend) -> None:
    async with _raw(backend) as raw:
        await raw.login()
        for name in ("b-second.bin", "a-first.bin"):
            data, _ = backend.torrent(name, with_data=False)
            form = aiohttp.FormData()
            form.add_field("torrents", data, filename=f"{name}.torrent")
            status, body, _, _ = await raw.call("POST", "torrents/add", data=form)
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
        assert set(full) == {
            "categories",
            "full_update",
            "rid",
            "server_state",
            "tags",
            "torrents",
            "trackers",
        }
        status, _, _, _ = await raw.call(
            "POST",
            "torrents/createCategory",
            data={"category": "radarr", "savePath": ""},
        )
        assert status == 200
        delta = await maindata(1)
        assert delta["rid"] == 2
        assert "full_update" not in delta
        assert delta["categories"] == {"radarr": {"name": "radarr", "savePath": ""}}
        assert "torrents" not in delta
        assert "tags" not in delta
        # the previous rid is still accepted
        assert "full_update" not in await maindata(2)
        stale = await maindata(1)
        assert stale["full_update"] is True
        # a second session has its own rid sequence
        first_sid = raw.sid
        # logging in again with a valid session just answers "Ok." (no new cookie)
        status, body, _, response = await raw.call(
            "POST", "auth/login", data={"username": USERNAME, "password": "wrong"}
        )
        assert (status, body) == (200, "Ok.")
        assert "Set-Cookie" not in response.headers
        raw.sid = None
        await raw.login()
        assert raw.sid != first_sid
        assert (await maindata(0))["rid"] == 1
