"""gluetun's auth middleware: the route table and roles of ``config.toml``.

Runs before the router, on the exact ``URL.Path``: an unknown path is a 404,
a known path with another verb a 405, a route no role covers or no role lets
in a 401 (basic roles add ``WWW-Authenticate``). Several roles may cover a
route; any one passing is enough. The API key is read from ``X-API-Key``,
then from the ``api_key`` query parameter.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
import hmac

from aiohttp import web

# "METHOD /path" of every route the control server knows (v3.40+).
ROUTES = frozenset(
    {
        "GET /openvpn/actions/restart",
        "GET /openvpn/portforwarded",
        "GET /openvpn/settings",
        "GET /unbound/actions/restart",
        "GET /updater/restart",
        "GET /v1/version",
        "GET /v1/vpn/status",
        "PUT /v1/vpn/status",
        "GET /v1/vpn/settings",
        "PUT /v1/vpn/settings",
        "GET /v1/openvpn/status",
        "PUT /v1/openvpn/status",
        "GET /v1/openvpn/portforwarded",
        "GET /v1/openvpn/settings",
        "GET /v1/dns/status",
        "PUT /v1/dns/status",
        "GET /v1/updater/status",
        "PUT /v1/updater/status",
        "GET /v1/publicip/ip",
        "GET /v1/portforward",
        "PUT /v1/portforward",
    }
)
BASIC_CHALLENGE = 'Basic realm="restricted", charset="UTF-8"'


@dataclass(frozen=True, slots=True)
class Role:
    """One ``[[roles]]`` entry; ``routes=None`` covers every route (a default role)."""

    name: str
    auth: str = "none"  # none | basic | apikey
    apikey: str = ""
    username: str = ""
    password: str = ""
    routes: frozenset[str] | None = field(default=None)

    def covers(self, route: str) -> bool:
        """Whether this role is configured for ``route``."""
        return self.routes is None or route in self.routes

    def admits(self, request: web.Request) -> bool:
        """Whether the request carries this role's credentials."""
        if self.auth == "none":
            return True
        if self.auth == "apikey":
            given = request.headers.get("X-API-Key") or request.query.get("api_key", "")
            return _same(given, self.apikey)
        header = request.headers.get("Authorization", "")
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded).decode().partition(":")
        except ValueError:
            return False
        return _same(user, self.username) and _same(password, self.password)


def _same(given: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def known_paths(routes: frozenset[str]) -> frozenset[str]:
    """Return the paths of ``routes``, whatever the verb."""
    return frozenset(route.split(" ", 1)[1] for route in routes)


def check(
    request: web.Request, roles: list[Role], routes: frozenset[str]
) -> tuple[int, str, dict[str, str]] | None:
    """None when the request may pass; else the status, text and headers to answer."""
    route = f"{request.method} {request.path}"
    if route not in routes:
        if request.path not in known_paths(routes):
            return 404, "Not Found", {}
        return 405, "Method Not Allowed", {}
    covering = [role for role in roles if role.covers(route)]
    if any(role.admits(request) for role in covering):
        return None
    headers = (
        {"WWW-Authenticate": BASIC_CHALLENGE}
        if any(role.auth == "basic" for role in covering)
        else {}
    )
    return 401, "Unauthorized", headers
