"""What every route handler shares: the call, the reply, errors and parameters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .auth import Session
    from .state import QbtState
    from .torrent import SimTorrent

TEXT_TYPE = "text/plain; charset=UTF-8"

type Params = dict[str, str]
type Reply = str | dict[str, Any] | list[Any] | web.StreamResponse | None
"""Text (text/plain), dict/list (JSON), a ready response, or None (empty body)."""


def no_content() -> web.Response:
    """5.2+'s ``204 No Content``: an empty body and no Content-Type."""
    return web.Response(status=204)


class ApiError(Exception):
    """An HTTP error with qBittorrent's plain-text reason."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


@dataclass(slots=True)
class Call:
    """One API request: query and form fields merged, uploaded .torrent files apart."""

    request: web.Request
    session: Session | None
    params: Params
    files: list[tuple[str, bytes]]


type Handler = Callable[[Call], Awaitable[Reply]]


@dataclass(slots=True)
class Routes:
    """Handlers by path below ``/api/v2/``; ``get`` ones accept GET and POST."""

    get: dict[str, Handler] = field(default_factory=dict)
    post: dict[str, Handler] = field(default_factory=dict)


class RouteGroup:
    """The handlers of one API area, over the simulator's state."""

    def __init__(self, state: QbtState) -> None:
        """Serve ``state``."""
        self.state = state

    def routes(self) -> Routes:
        """Return this area's handlers by path."""
        raise NotImplementedError


class MissingParametersError(ApiError):
    """A required parameter is missing: 400 ``Bad Request``.

    From 5.2 the text names them: ``Missing required parameters: <names>``.
    """

    def __init__(self, names: list[str]) -> None:
        super().__init__(400, "Bad Request")
        self.names = names


def bad_request() -> ApiError:
    """Return the error for a missing or malformed parameter."""
    return ApiError(400, "Bad Request")


def require(params: Params, *names: str) -> list[str]:
    """Return the named parameters; 400 if any is missing."""
    if missing := [name for name in names if name not in params]:
        raise MissingParametersError(missing)
    return [params[name] for name in names]


def int_param(params: Params, name: str) -> int:
    """Return a required integer parameter; 400 if missing or not a number."""
    (raw,) = require(params, name)
    try:
        return int(raw)
    except ValueError as err:
        raise bad_request() from err


def tag_list(raw: str) -> list[str]:
    """Split ``"a, b,"`` into ``["a", "b"]``."""
    return [tag.strip() for tag in raw.split(",") if tag.strip()]


def hash_set(raw: str) -> set[str]:
    """Split ``"A|b"`` into ``{"a", "b"}``."""
    return {h.strip().lower() for h in raw.split("|") if h.strip()}


def select_torrents(state: QbtState, params: Params) -> list[SimTorrent]:
    """Return the torrents the required ``hashes`` parameter names (``all`` for all)."""
    (raw,) = require(params, "hashes")
    if raw.strip().lower() == "all":
        return list(state.torrents.values())
    wanted = hash_set(raw)
    return [t for h, t in state.torrents.items() if h in wanted]


def one_torrent(state: QbtState, params: Params) -> SimTorrent:
    """Return the torrent the required ``hash`` parameter names; 404 if unknown."""
    (raw,) = require(params, "hash")
    torrent = state.torrents.get(raw.strip().lower())
    if torrent is None:
        raise ApiError(404, "Not Found")
    return torrent
