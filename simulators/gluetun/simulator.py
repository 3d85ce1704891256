"""``GluetunSimulator``: the control server's routes over a simulated tunnel."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .auth import ROUTES, Role, check
from .settings import override, validate
from .tunnel import Tunnel

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterable, Mapping

    Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CONTROL_PREFIX = "/_sim/"
LEGACY_ONLY = frozenset({"GET /v1/portforward", "PUT /v1/portforward"})


def _reply(
    body: str, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    """Go's answers: ``http.Error`` text and sniffed JSON are both text/plain."""
    return web.Response(
        status=status,
        body=body.encode(),
        headers={"Content-Type": "text/plain; charset=utf-8", **(headers or {})},
    )


def _json(data: Any) -> web.Response:
    """Answer like ``json.NewEncoder(w).Encode``: compact JSON and a newline."""
    return _reply(json.dumps(data, separators=(",", ":")) + "\n")


def _error(text: str, status: int = 400) -> web.Response:
    return _reply(text + "\n", status)


def _default_roles(
    api_key: str | None, username: str | None, password: str | None
) -> list[Role]:
    """Build the role(s) covering every route, as ``..._AUTH_DEFAULT_ROLE`` does."""
    roles = []
    if api_key:
        roles.append(Role("default-apikey", auth="apikey", apikey=api_key))
    if username and password:
        roles.append(
            Role("default-basic", auth="basic", username=username, password=password)
        )
    return roles or [Role("public", auth="none")]


class GluetunSimulator(Tunnel):
    """One simulated gluetun: auth roles, routes, tunnel state, faults, request log.

    Credentials: ``roles`` as in ``config.toml``; else a default role for
    ``api_key`` and/or ``username``+``password``; with none of them every
    route is open (``HTTP_CONTROL_SERVER_AUTH_DEFAULT_ROLE='{"auth":"none"}'``).
    ``legacy=True`` plays a pre-v3.40 server without ``/v1/portforward``.
    ``servers`` (hostname -> exit IP) makes hostnames valid choices and picks
    the exit IP after a settings change. The other keywords go to ``Tunnel``.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        username: str | None = None,
        password: str | None = None,
        roles: Iterable[Role] | None = None,
        servers: Mapping[str, str] | None = None,
        legacy: bool = False,
        version: str = "v3.40.0",
        **tunnel: Any,
    ) -> None:
        """Start with the tunnel running and the VPN exit IP as public IP."""
        super().__init__(**tunnel)
        self.roles = (
            list(roles)
            if roles is not None
            else _default_roles(api_key, username, password)
        )
        self.routes = ROUTES - LEGACY_ONLY if legacy else ROUTES
        self.legacy = legacy
        self.version = version
        self.servers = dict(servers) if servers is not None else None
        self.requests: list[tuple[str, str]] = []
        self.settings_puts: list[Any] = []
        self._handlers: dict[str, Handler] = {
            "GET /v1/version": self._get_version,
            "GET /v1/vpn/status": self._get_status,
            "PUT /v1/vpn/status": self._put_status,
            "GET /v1/vpn/settings": self._get_settings,
            "PUT /v1/vpn/settings": self._put_settings,
            "GET /v1/publicip/ip": self._get_public_ip,
            "GET /v1/portforward": self._get_ports,
            "PUT /v1/portforward": self._put_ports,
            "GET /v1/openvpn/portforwarded": self._get_legacy_port,
        }

    def __repr__(self) -> str:
        """Never show the credentials or the keys."""
        return f"GluetunSimulator(status={self.status!r}, legacy={self.legacy})"

    def make_app(self) -> web.Application:
        """Build the aiohttp application of the control server."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        return app

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        if request.path.startswith(CONTROL_PREFIX):
            return self._control(request)
        self.requests.append((request.method, request.path_qs))
        if (injected := await self._faults.apply(request)) is not None:
            return injected
        if (refused := check(request, self.roles, self.routes)) is not None:
            status, text, headers = refused
            return _reply(text + "\n", status, headers)
        if request.query_string:
            # The v1 router matches the whole request URI, query included.
            uri = request.path_qs.removeprefix("/v1")
            return _error(f"route {uri} not supported")
        handler = self._handlers.get(f"{request.method} {request.path}")
        if handler is None:
            return _error(f"route {request.path} not simulated", 501)
        return await handler(request)

    def _control(self, request: web.Request) -> web.Response:
        """Answer the demo's controls (``POST /_sim/leak``, ``/_sim/restore``), no auth.

        Outside gluetun's routes (they all start with ``/v1/``) and its request
        log: a leak shows the home IP as public IP while the status stays
        ``running``, which only an IP check against the home IP catches.
        """
        actions = {"leak": self.leak, "restore": self.restore}
        action = actions.get(request.path.removeprefix(CONTROL_PREFIX))
        if action is None or request.method != "POST":
            return _error("controls: POST /_sim/leak or /_sim/restore", 404)
        action()
        return _json({"leaking": self.leaking, "status": self.status})

    async def _get_version(self, _request: web.Request) -> web.Response:
        created = "2025-01-01T00:00:00.000Z"
        return _json({"version": self.version, "commit": "0a1b2c3", "created": created})

    async def _get_status(self, _request: web.Request) -> web.Response:
        return _json({"status": self.status})

    async def _put_status(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.text())
        except ValueError as err:
            return _error(f"invalid character in request body: {err}")
        wanted = body.get("status") if isinstance(body, dict) else None
        if wanted not in ("running", "stopped"):
            return _error(
                f"invalid status: {wanted}: possible values are: stopped, running"
            )
        if wanted == self.status:
            return _json({"outcome": f"already {wanted}"})
        if wanted == "running":
            self.start_tunnel()
        else:
            self.stop_tunnel()
        return _json({"outcome": wanted})

    async def _get_settings(self, _request: web.Request) -> web.Response:
        return _json(self._settings)

    def _merge(self, change: Any) -> dict[str, Any] | str:
        """Merge and validate a PUT body: the new settings, or gluetun's complaint."""
        if not isinstance(change, dict):
            return "json: cannot unmarshal into Go value of type settings.VPN"
        try:
            merged = override(self._settings, change)
        except ValueError as err:
            return str(err)
        hostnames = list(self.servers) if self.servers is not None else None
        return validate(merged, hostnames) or merged

    async def _put_settings(self, request: web.Request) -> web.Response:
        try:
            change = json.loads(await request.text())
        except ValueError as err:
            return _error(f"invalid character in request body: {err}")
        self.settings_puts.append(change)
        merged = self._merge(change)
        if isinstance(merged, str):
            return _error(merged)
        if merged == self._settings:
            return _reply("settings left unchanged")
        self._settings = merged
        # New settings stop then start the tunnel, on the chosen server.
        self.stop_tunnel()
        selection = merged["provider"]["server_selection"]
        # A pinned hostname (NordVPN, Mullvad) or server name (PIA) picks the exit.
        pinned = (selection.get("hostnames") or []) + (selection.get("names") or [])
        servers = self.servers or {}
        self.start_tunnel(
            vpn_ip=next((servers[h] for h in pinned if h in servers), None)
        )
        return _reply(self.status)

    async def _get_public_ip(self, _request: web.Request) -> web.Response:
        return _json(self.public_ip_data())

    async def _get_ports(self, _request: web.Request) -> web.Response:
        first = self.ports[0] if self.ports else 0
        return _json({"port": first, "ports": self.ports or None})

    async def _put_ports(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.text())
        except ValueError:
            body = None
        ports = body.get("ports") if isinstance(body, dict) else None
        if not isinstance(ports, list) or not all(isinstance(p, int) for p in ports):
            return _error("failed setting forwarded ports")
        self.ports = list(ports)
        return _reply("")

    async def _get_legacy_port(self, _request: web.Request) -> web.Response:
        if not self.legacy:
            raise web.HTTPMovedPermanently("/v1/portforward")
        return _json({"port": self.ports[0] if self.ports else 0})
