"""``QbittorrentSimulator``: the state, the sessions and the ``/api/v2`` app."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

from aiohttp import web

from .api import (
    TEXT_TYPE,
    ApiError,
    Call,
    Handler,
    MissingParametersError,
    Params,
    Reply,
    Routes,
)
from .auth import AuthMixin, Session, request_allowed
from .controls import ControlsMixin
from .demo import seed_demo
from .faults import FaultQueue
from .routes.add import AddRoutes
from .routes.app import AppRoutes
from .routes.labels import LabelRoutes
from .routes.sync import SyncRoutes
from .routes.torrents import TorrentRoutes
from .routes.transfer import TransferRoutes
from .state import QbtState

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

API_VERSIONS = {
    "4.5.2": "2.8.19",
    "5.0.0": "2.11.2",
    "5.1.4": "2.11.4",
    "5.3.0": "2.16.2",
}
# qBittorrent 5.2.0 (WebAPI 2.14.0) reworked the wire: login 204 / 401,
# cookie ``QBT_SID_<port>``, "Endpoint does not exist", JSON from torrents/add.
V52_API = (2, 14, 0)
_LOGIN_PAGE = (
    "<!DOCTYPE html><html><head><title>qBittorrent WebUI</title></head></html>"
)


class QbittorrentSimulator(AuthMixin, ControlsMixin):
    """One simulated qBittorrent: state, sessions, HTTP app and test controls."""

    def __init__(
        self,
        *,
        version: str = "4.5.2",
        username: str = "admin",
        password: str = "adminadmin",  # noqa: S107
        max_auth_failures: int = 5,
        ban_duration: float = 3600.0,
        session_timeout: float = 3600.0,
        cookie_name: str | None = None,
        save_path: str = "/downloads",
    ) -> None:
        """Create an empty server; ``version`` picks the 4.x, 5.0/5.1 or 5.2+ behaviour.

        ``cookie_name`` defaults to the version's: ``SID``, or ``QBT_SID_<port>``
        (the port the request came in on) from 5.2.
        """
        if version not in API_VERSIONS:
            raise ValueError(f"unsupported version {version!r}: {sorted(API_VERSIONS)}")
        self.version = version
        self.api_version = API_VERSIONS[version]
        api = tuple(int(p) for p in self.api_version.split("."))
        self.v5 = api >= (2, 11, 0)
        self.v52 = api >= V52_API
        self.username = username
        self.password = password
        self.max_auth_failures = max_auth_failures
        self.ban_duration = ban_duration
        self.session_timeout = session_timeout
        self.cookie_name = cookie_name
        self.state = QbtState(
            v5=self.v5, username=username, save_path=save_path, v52=self.v52
        )
        self.requests: list[tuple[str, str]] = []
        self.login_count = 0
        self._sessions: dict[str, Session] = {}
        self._failed_logins: dict[str, int] = {}
        self._bans: dict[str, float] = {}
        self._faults = FaultQueue()
        self._ticker: asyncio.Task[None] | None = None
        self._routes = self._build_routes()

    def __repr__(self) -> str:
        """Never show the password."""
        return f"QbittorrentSimulator(version={self.version!r}, username={self.username!r})"

    def seed_demo(self) -> None:
        """Fill a realistic home library: movies (radarr), episodes (tv-sonarr)."""
        seed_demo(self)

    # ------------------------------------------------------------ HTTP app

    def make_app(self) -> web.Application:
        """Build the aiohttp application serving ``/api/v2``."""
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        app.cleanup_ctx.append(self._lifetime)
        return app

    async def _lifetime(self, _app: web.Application) -> AsyncIterator[None]:
        yield
        await self.stop_ticking()

    def _build_routes(self) -> dict[str, tuple[Handler, bool]]:
        """Path -> (handler, whether GET is allowed besides POST)."""
        state = self.state
        areas: list[Routes] = [
            self._auth_routes(),
            AppRoutes(
                state, version=self.version, api_version=self.api_version
            ).routes(),
            TransferRoutes(state).routes(),
            TorrentRoutes(state).routes(),
            LabelRoutes(state).routes(),
            AddRoutes(state).routes(),
            SyncRoutes(state).routes(),
        ]
        routes: dict[str, tuple[Handler, bool]] = {}
        for area in areas:
            routes.update({key: (handler, True) for key, handler in area.get.items()})
            routes.update({key: (handler, False) for key, handler in area.post.items()})
        return routes

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((request.method, request.path_qs))
        if (injected := await self._faults.apply(request)) is not None:
            return injected
        try:
            return await self._handle(request)
        except MissingParametersError as err:
            if self.v52:
                missing = ", ".join(err.names)
                return _text(f"Missing required parameters: {missing}", 400)
            return _text(err.text, err.status)
        except ApiError as err:
            return _text(err.text, err.status)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        # The checks run in qBittorrent's order: Host/CSRF (401), then the
        # session (403, before an unknown path's 404), then the verb (405).
        if not request_allowed(request):
            raise ApiError(401, "Unauthorized")
        if not request.path.startswith("/api/v2/"):
            if request.path in ("/", "/index.html"):
                return web.Response(text=_LOGIN_PAGE, content_type="text/html")
            raise ApiError(404, "Not Found")
        key = request.path[len("/api/v2/") :].strip("/")
        session = self._session_for(request)
        if session is None and key != "auth/login":
            raise ApiError(403, "Forbidden")
        route = self._routes.get(key)
        if route is None:
            raise ApiError(404, "Endpoint does not exist" if self.v52 else "Not Found")
        handler, get_ok = route
        if request.method != "POST" and not get_ok:
            raise ApiError(405, "Method Not Allowed")
        params, files = await _read_fields(request)
        return _encode(await handler(Call(request, session, params, files)))


async def _read_fields(request: web.Request) -> tuple[Params, list[tuple[str, bytes]]]:
    """Query and form fields as one dict; uploaded ``torrents`` files apart."""
    params: Params = dict(request.query)
    files: list[tuple[str, bytes]] = []
    if request.method == "POST" and request.can_read_body:
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                if name == "torrents":
                    files.append((value.filename, value.file.read()))
            else:
                params[name] = str(value)
    return params, files


def _encode(result: Reply) -> web.StreamResponse:
    """JSON for dicts and lists, text/plain otherwise, as qBittorrent answers."""
    if isinstance(result, web.StreamResponse):
        return result
    if isinstance(result, dict | list):
        return web.Response(
            body=json.dumps(result, separators=(",", ":")).encode(),
            headers={"Content-Type": "application/json"},
        )
    return _text(result or "")


def _text(body: str, status: int = 200) -> web.Response:
    return web.Response(
        status=status, body=body.encode(), headers={"Content-Type": TEXT_TYPE}
    )
