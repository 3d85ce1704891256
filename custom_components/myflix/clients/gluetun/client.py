"""``GluetunClient``: gluetun's HTTP control server (``/v1``) over an injected session."""

from __future__ import annotations

import base64
from collections.abc import Mapping
import logging
from typing import TYPE_CHECKING, Any

import aiohttp

from custom_components.myflix.clients.errors import (
    MyflixAuthenticationError,
    MyflixNotFoundError,
    MyflixValidationError,
)
from custom_components.myflix.clients.http import RawResponse, http_request
from custom_components.myflix.clients.status_errors import raise_for_status

from .models import PublicIp, VpnSettings, VpnStatus, forwarded_ports
from .selection import selection_changes

if TYPE_CHECKING:
    from collections.abc import Sequence

_LOGGER = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5.0
SETTINGS = "/v1/vpn/settings"
PORTFORWARD = "/v1/portforward"
# Before v3.40 the forwarded port only lived here (``{"port": 5914}``); newer
# servers answer it with a 301 to /v1/portforward, which aiohttp follows.
LEGACY_PORTFORWARD = "/v1/openvpn/portforwarded"


def _route_unknown(err: MyflixNotFoundError | MyflixValidationError) -> bool:
    """Tell a missing route: the auth table's 404, or the old router's 400."""
    if isinstance(err, MyflixNotFoundError):
        return True
    text = str(err).lower()
    return "not found" in text or "not supported" in text


class GluetunClient:
    """Typed calls to the gluetun control server, authenticated by API key or basic auth.

    The key travels in the ``X-API-Key`` header only: the v1 router matches
    the whole request URI, so the ``?api_key=`` fallback breaks the route.
    """

    def __init__(
        self,
        *,
        url: str,
        session: aiohttp.ClientSession,
        api_key: str | None = None,
        username: str | None = None,
        password: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Talk to the control server at ``url`` (e.g. ``http://gluetun:8000``)."""
        self.url = url.rstrip("/")
        self._session = session
        self._api_key = api_key or None
        # The header itself: aiohttp's BasicAuth and auth= go away in aiohttp 4.
        self._password = password if username and password else None
        self._basic = (
            "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
            if username and password
            else None
        )
        self._timeout = timeout

    def __repr__(self) -> str:
        """Identify the client without its credentials."""
        return f"{type(self).__name__}(url={self.url!r})"

    def _scrub(self, text: str) -> str:
        """Never let a credential travel in an exception message."""
        secrets = [self._api_key, self._password, self._basic]
        for secret in filter(None, secrets):
            text = text.replace(secret, "***")
        return text

    async def _send(self, method: str, path: str, json: Any = None) -> RawResponse:
        """One authenticated request; error statuses become our exceptions."""
        headers = {"X-API-Key": self._api_key} if self._api_key else {}
        if self._basic:
            headers["Authorization"] = self._basic
        _LOGGER.debug("gluetun %s %s", method, path)
        response = await http_request(
            self._session,
            method,
            f"{self.url}{path}",
            timeout=self._timeout,
            headers=headers,
            json=json,
        )
        what = f"{method} {path}"
        if response.status == 401:
            has = "the configured credentials" if headers else "no credentials"
            raise MyflixAuthenticationError(f"gluetun refused {what} with {has}")
        if response.status >= 400:
            if what == f"GET {SETTINGS}":
                # Whatever answers there may echo the settings: never quote it.
                response = RawResponse(response.status, response.headers, b"")
            raise_for_status(response, app="gluetun", what=what, scrub=self._scrub)
        return response

    async def _get(self, path: str) -> Any:
        return (await self._send("GET", path)).json()

    async def version(self) -> str:
        """Return the gluetun release, e.g. ``v3.40.0`` (``latest`` on that image)."""
        data = await self._get("/v1/version")
        version = data.get("version") if isinstance(data, dict) else None
        return version if isinstance(version, str) and version else "unknown"

    async def vpn_status(self) -> VpnStatus:
        """Read the tunnel loop's status (running, stopped, crashed...)."""
        return VpnStatus.from_dict(await self._get("/v1/vpn/status"))

    async def set_vpn_status(self, running: bool) -> str:
        """Start or stop the tunnel; gluetun's outcome (``running``, ``already running``...)."""
        status = "running" if running else "stopped"
        data = (await self._send("PUT", "/v1/vpn/status", {"status": status})).json()
        outcome = data.get("outcome") if isinstance(data, dict) else None
        return outcome if isinstance(outcome, str) else status

    async def public_ip(self) -> PublicIp:
        """Read the exit IP gluetun last saw (``ip`` None while the tunnel is down)."""
        return PublicIp.from_dict(await self._get("/v1/publicip/ip"))

    async def forwarded_ports(self) -> tuple[int, ...]:
        """Return every port the VPN provider forwards now (empty when none)."""
        try:
            return forwarded_ports(await self._get(PORTFORWARD))
        except (MyflixNotFoundError, MyflixValidationError) as err:
            if not _route_unknown(err):
                raise
        _LOGGER.debug("gluetun has no %s, asking %s", PORTFORWARD, LEGACY_PORTFORWARD)
        return forwarded_ports(await self._get(LEGACY_PORTFORWARD))

    async def port_forwarded(self) -> int | None:
        """Return the first forwarded port, or None (gluetun's 0) when there is none."""
        ports = await self.forwarded_ports()
        return ports[0] if ports else None

    async def settings(self) -> VpnSettings:
        """Read the provider and server selection; the reply's secrets are never kept."""
        return VpnSettings.from_dict(await self._get(SETTINGS))

    async def update_settings(self, changes: Mapping[str, str | Sequence[str]]) -> str:
        """Change the server selection; gluetun merges it and restarts the tunnel.

        ``changes`` keys: ``countries``, ``regions``, ``cities``, ``hostnames``,
        ``server_names``, ``categories`` (a list replaces the filter, ``[]``
        clears it) and ``vpn_type``. Only those keys are sent, as a partial
        ``settings.VPN``. Returns gluetun's text outcome: ``settings left
        unchanged`` or the tunnel's new status (``running``).
        """
        body = selection_changes(changes)
        return (await self._send("PUT", SETTINGS, body)).text.strip()
